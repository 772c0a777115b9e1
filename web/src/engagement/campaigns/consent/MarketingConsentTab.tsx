import { Alert, App, Button, Card, Modal, Radio, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useMe } from '../../../auth/auth';
import { useT } from '../../../i18n/i18n';
import { formatMinute } from '../../../pages/catalog/service-display';
import { useShowError } from '../../../shared/api-errors';
import { useRequest } from '../../../shared/use-request';
import { consentApi, type ChannelConsent, type ConsentChange, type ConsentSource } from './consent.api';

type StaffSource = Exclude<ConsentSource, 'demo'>;
const SOURCES: StaffSource[] = ['counter', 'phone', 'paper', 'portal'];

/**
 * The customer 360's "营销授权 / Marketing consent" tab for holders of `customer.read`: the general
 * switch and what it means, each channel granted or not (since when, by whom, how), grant or
 * withdraw with a confirmation for holders of `customer.write` (the server checks the customer's
 * branch), and every change. Null for those who may not see it.
 */
export function useMarketingConsentTab(customerId: string): { key: string; label: ReactNode; children: ReactNode } | null {
  const { t } = useT();
  const me = useMe();
  if (!me.can('customer.read')) return null;
  return { key: 'marketing-consent', label: <span data-testid="c360-tab-marketing-consent">{t('mc.tab')}</span>, children: <MarketingConsent customerId={customerId} /> };
}

function MarketingConsent({ customerId }: { customerId: string }) {
  const { t } = useT();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const consents = useRequest((signal) => consentApi.get(customerId, signal), [customerId]);
  const [changing, setChanging] = useState<ChannelConsent | null>(null);
  const [source, setSource] = useState<StaffSource>('counter');
  const [saving, setSaving] = useState(false);
  const canWrite = me.can('customer.write');
  const data = consents.data;
  const channelName = (c: ChannelConsent['channel']) => t(`campaign.channel.${c}`);
  const sourceName = (s: ConsentSource | null) => (s ? t(`mc.source.${s}`) : '');

  const save = async () => {
    if (!changing) return;
    setSaving(true);
    try {
      await consentApi.set(customerId, changing.channel, { granted: !changing.granted, source });
      void message.success(t('mc.done'));
      setChanging(null);
      consents.reload();
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  const state = (c: ChannelConsent) => {
    if (!c.granted) return <Tag data-testid="mc-state">{t('mc.notGranted')}</Tag>;
    return c.effective ? <Tag color="green" data-testid="mc-state">{t('mc.granted')}</Tag> : <Tag color="orange" data-testid="mc-state">{t('mc.grantedButOff')}</Tag>;
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12} data-testid="mc-panel">
      <Card size="small" title={t('mc.general')} loading={consents.loading && !data}>
        {data ? (
          <Alert
            type={data.marketing ? 'success' : 'warning'}
            showIcon
            title={data.marketing ? t('mc.general.on') : t('mc.general.off')}
            description={data.marketing ? t('mc.general.onHint') : t('mc.general.offHint')}
            data-testid={data.marketing ? 'mc-general-on' : 'mc-general-off'}
          />
        ) : null}
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>{t('mc.rule')}</Typography.Paragraph>
      </Card>
      <Table<ChannelConsent>
        rowKey="channel"
        size="small"
        loading={consents.loading}
        dataSource={data?.channels ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="mc-channels"
        onRow={(c) => ({ 'data-testid': `mc-channel-${c.channel}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { key: 'channel', title: t('mc.channel'), render: (_, c) => channelName(c.channel) },
          { key: 'state', title: t('mc.state'), render: (_, c) => state(c) },
          { key: 'since', title: t('mc.since'), render: (_, c) => (c.changedAt ? formatMinute(c.changedAt) : <Typography.Text type="secondary">{t('mc.never')}</Typography.Text>) },
          { key: 'by', title: t('mc.by'), render: (_, c) => (c.changedBy ? `${c.changedBy} · ${sourceName(c.source)}` : '—') },
          ...(canWrite
            ? [{
                key: 'actions',
                title: '',
                render: (_: unknown, c: ChannelConsent) => (
                  <Button size="small" danger={c.granted} onClick={() => { setSource('counter'); setChanging(c); }} data-testid={c.granted ? 'mc-withdraw' : 'mc-grant'}>
                    {c.granted ? t('mc.withdraw') : t('mc.grant')}
                  </Button>
                ),
              }]
            : []),
        ]}
      />
      <Table<ConsentChange>
        rowKey={(h) => `${h.channel}-${h.changedAt}-${String(h.granted)}`}
        size="small"
        dataSource={data?.history ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        title={() => t('mc.history')}
        locale={{ emptyText: t('mc.noHistory') }}
        data-testid="mc-history"
        columns={[
          { key: 'at', title: t('mc.at'), render: (_, h) => formatMinute(h.changedAt) },
          { key: 'channel', title: t('mc.channel'), render: (_, h) => channelName(h.channel) },
          { key: 'change', title: t('mc.change'), render: (_, h) => (h.granted ? <Tag color="green">{t('mc.grant')}</Tag> : <Tag color="red">{t('mc.withdraw')}</Tag>) },
          { key: 'by', title: t('mc.by'), render: (_, h) => `${h.changedBy} · ${sourceName(h.source)}` },
        ]}
      />
      <Modal
        open={changing !== null}
        title={changing ? t(changing.granted ? 'mc.confirmWithdraw' : 'mc.confirmGrant', { channel: channelName(changing.channel) }) : ''}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: changing?.granted ?? false, loading: saving, 'data-testid': 'mc-confirm' } as ButtonProps}
        onOk={() => void save()}
        onCancel={() => setChanging(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('mc.source')}</Typography.Paragraph>
        <Radio.Group value={source} onChange={(e) => setSource(e.target.value as StaffSource)} data-testid="mc-source">
          {SOURCES.map((s) => <Radio.Button key={s} value={s}>{t(`mc.source.${s}`)}</Radio.Button>)}
        </Radio.Group>
      </Modal>
    </Space>
  );
}
