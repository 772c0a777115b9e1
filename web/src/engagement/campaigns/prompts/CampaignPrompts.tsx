import { App, Button, Card, Empty, Flex, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useMe } from '../../../auth/auth';
import { useT } from '../../../i18n/i18n';
import { useShowError } from '../../../shared/api-errors';
import { useRequest } from '../../../shared/use-request';
import { when } from '../campaign-words';
import { promptsApi, type Prompt } from './prompts.api';

/**
 * 请向客户介绍… / Mention to the customer…: the campaign prompts of the customer served at the
 * counter, each with the campaign's message; the teller records the answer (mentioned, counted as
 * the customer's response; or declined) and registers the customer for a seminar session. Needs
 * `customer.read`; answering and registering, `campaign.checkin`. Shows nothing when there is none.
 */
export function CampaignPrompts({ customerId }: { customerId: string }) {
  const { t, lang } = useT();
  const me = useMe();
  const prompts = useRequest((signal) => promptsApi.list(customerId, signal), [customerId], { enabled: me.can('customer.read') });
  const items = prompts.data ?? [];
  if (!me.can('customer.read') || (!prompts.loading && items.length === 0)) return null;
  return (
    <Card size="small" title={t('cp.title')} loading={prompts.loading && !prompts.data} data-testid="campaign-prompts">
      {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cp.none')} /> : null}
      <Flex vertical gap={12}>
        {items.map((p) => <PromptItem key={p.campaignId} prompt={p} customerId={customerId} zh={lang === 'zh-CN'} onChanged={prompts.reload} />)}
      </Flex>
    </Card>
  );
}

function PromptItem({ prompt: p, customerId, zh, onChanged }: { prompt: Prompt; customerId: string; zh: boolean; onChanged: () => void }) {
  const { t } = useT();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const [sessionId, setSessionId] = useState<string | undefined>(undefined);
  const canAct = me.can('campaign.checkin');

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      void message.success(await work());
      onChanged();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  const respond = (response: 'mentioned' | 'declined') => act(async () => {
    await promptsApi.respond(customerId, p.campaignId, response);
    return t('cp.recorded');
  });
  const register = () => act(async () => {
    const r = await promptsApi.register(p.campaignId, customerId, sessionId!);
    return t('cp.registered', { code: r.code });
  });

  return (
    <div data-testid={`campaign-prompt-${p.code}`} style={{ borderInlineStart: '3px solid var(--ant-color-primary)', paddingInlineStart: 12 }}>
      <Space wrap size={8}>
        <Typography.Text strong>{zh ? p.nameZh : p.nameEn}</Typography.Text>
        <Tag>{t(`campaign.kind.${p.kind}`)}</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('cp.until', { date: when(p.endsAt) })}</Typography.Text>
        {p.declinedAt ? <Tag color="default" data-testid="campaign-prompt-state">{t('cp.state.declined')}</Tag> : null}
        {p.response ? <Tag color="green" data-testid="campaign-prompt-state">{t(`cp.state.${p.response}`)}</Tag> : null}
      </Space>
      <Typography.Paragraph style={{ margin: '4px 0 8px' }} data-testid="campaign-prompt-message">{zh ? p.messageZh : p.messageEn}</Typography.Paragraph>
      {p.registration ? (
        <Typography.Paragraph type="success" style={{ marginBottom: 8 }} data-testid="campaign-prompt-registration">
          {t('cp.registration', { time: when(p.registration.startsAt), place: p.registration.place, code: p.registration.code })}
          {p.registration.checkedIn ? ` · ${t('cp.checkedIn')}` : ''}
        </Typography.Paragraph>
      ) : null}
      {canAct ? (
        <Space wrap>
          {p.kind === 'seminar' && !p.registration ? (
            <>
              <Select
                size="small"
                style={{ minWidth: 260 }}
                placeholder={t('cp.chooseSession')}
                value={sessionId}
                onChange={setSessionId}
                data-testid="campaign-prompt-session"
                options={p.sessions.map((s) => ({
                  value: s.id,
                  disabled: s.full,
                  label: `${when(s.startsAt)} ${zh ? s.unitNameZh : s.unitNameEn} ${s.place} · ${s.full ? t('cp.full') : t('cp.placesLeft', { n: s.placesLeft })}`,
                }))}
              />
              <Button size="small" type="primary" disabled={!sessionId} loading={busy} onClick={() => void register()} data-testid="campaign-prompt-register">{t('cp.register')}</Button>
            </>
          ) : null}
          {!p.response && !p.declinedAt ? (
            <>
              <Button size="small" loading={busy} onClick={() => void respond('mentioned')} data-testid="campaign-prompt-mentioned">{t('cp.mentioned')}</Button>
              <Popconfirm title={t('cp.declineConfirm')} onConfirm={() => void respond('declined')} okText={t('common.ok')} cancelText={t('common.cancel')}>
                <Button size="small" disabled={busy} data-testid="campaign-prompt-declined">{t('cp.declined')}</Button>
              </Popconfirm>
            </>
          ) : null}
        </Space>
      ) : null}
    </div>
  );
}
