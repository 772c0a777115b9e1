import { App, Button, Card, Descriptions, Flex, Popconfirm, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { CampaignCharts } from './CampaignCharts';
import { LotteryCard } from './LotteryCard';
import { campaignsApi, type AudienceItem, type Campaign } from './campaigns.api';
import { percent, period, StatusTag, when } from './campaign-words';

/** A campaign: what it is, launching or cancelling it, its results with charts, a lottery's draw, each customer's decision. */
export function CampaignDetailPage() {
  const { id = '' } = useParams();
  const { t, pick } = useT();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const { data: c, reload } = useRequest((signal) => campaignsApi.get(id, signal), [id]);
  const started = c !== undefined && (c.status === 'running' || c.status === 'finished' || (c.status === 'cancelled' && c.startedAt !== null));
  const { data: results } = useRequest((signal) => campaignsApi.results(id, signal), [id, c?.version, c?.status], { enabled: started });
  const { data: audience } = useRequest((signal) => campaignsApi.audience(id, signal), [id, c?.version, c?.status], { enabled: started });

  const act = async (what: 'launch' | 'cancel', done: string) => {
    if (!c) return;
    setBusy(true);
    try {
      await campaignsApi[what](c.id, c.version);
      void message.success(done);
      reload();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  if (!c) return <PageHeader title="…" section="nav.engagement" />;
  const manage = me.can('campaign.manage');
  return (
    <>
      <PageHeader
        title={`${pick(c)} · ${c.code}`}
        section="nav.engagement"
        extra={
          <Flex gap={8}>
            {manage && c.status === 'draft' && (
              <Popconfirm title={t('campaign.detail.launchConfirm')} onConfirm={() => act('launch', t('campaign.detail.launched'))} okButtonProps={{ 'data-testid': 'campaign-launch-confirm' } as never}>
                <Button type="primary" loading={busy} data-testid="campaign-launch">{t('campaign.detail.launch')}</Button>
              </Popconfirm>
            )}
            {c.kind === 'seminar' && started && me.can('campaign.checkin') && <Link to={`/campaigns/check-in?campaign=${c.id}`}><Button data-testid="campaign-open-checkin">{t('campaign.detail.checkIn')}</Button></Link>}
            {manage && (c.status === 'draft' || c.status === 'scheduled' || c.status === 'running') && (
              <Popconfirm title={t('campaign.detail.cancelConfirm')} onConfirm={() => act('cancel', t('campaign.status.cancelled'))}>
                <Button danger loading={busy} data-testid="campaign-cancel">{t('campaign.detail.cancel')}</Button>
              </Popconfirm>
            )}
          </Flex>
        }
      />
      <Card style={{ marginBottom: 16 }} data-testid="campaign-detail">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('campaign.col.status')}><StatusTag status={c.status} /></Descriptions.Item>
          <Descriptions.Item label={t('campaign.col.kind')}>{t(`campaign.kind.${c.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('campaign.col.segment')}>{c.segmentCode}</Descriptions.Item>
          <Descriptions.Item label={t('campaign.col.channels')}>{c.channels.map((ch) => <Tag key={ch}>{t(`campaign.channel.${ch}`)}</Tag>)}</Descriptions.Item>
          <Descriptions.Item label={t('campaign.col.period')}>{period(c.startsAt, c.endsAt)}</Descriptions.Item>
          <Descriptions.Item label={t('campaign.builder.control')}>{c.controlPercent}%</Descriptions.Item>
          <Descriptions.Item label={t('campaign.detail.owner')}>{c.unitCode}</Descriptions.Item>
        </Descriptions>
        {c.sessions.length > 0 && (
          <Table size="small" rowKey="id" pagination={false} dataSource={c.sessions} style={{ marginTop: 12 }}
            columns={[
              { title: t('campaign.builder.sessionTime'), dataIndex: 'startsAt', render: when },
              { title: t('campaign.builder.sessionUnit'), render: (_, s) => `${s.unitCode} ${pick({ nameZh: s.unitNameZh, nameEn: s.unitNameEn })}` },
              { title: t('campaign.builder.sessionPlace'), dataIndex: 'place' },
              { title: t('campaign.builder.sessionCapacity'), render: (_, s) => t('campaign.checkin.registered', { n: s.registered, capacity: s.capacity }) },
              { title: t('campaign.checkin.checkedIn'), dataIndex: 'checkedIn' },
            ]} />
        )}
      </Card>
      {c.kind === 'lottery' && <LotteryCard campaign={c} onDrawn={reload} />}
      {results && <ResultsCard results={results} />}
      {audience && <AudienceCard items={audience} />}
    </>
  );
}

function ResultsCard({ results }: { results: NonNullable<ReturnType<typeof useRequest<Awaited<ReturnType<typeof campaignsApi.results>>>>['data']> }) {
  const { t } = useT();
  const u = results.uplift;
  return (
    <Card title={t('campaign.detail.results')} style={{ marginBottom: 16 }} data-testid="campaign-results">
      <Flex gap={32} wrap style={{ marginBottom: 16 }}>
        <Statistic title={t('campaign.results.audience')} value={results.audience} />
        <Statistic title={`${t('campaign.results.treatment')} · ${t('campaign.results.reached')}`} value={results.treatment.reached} />
        <Statistic title={`${t('campaign.results.treatment')} · ${t('campaign.results.responded')}`} value={results.treatment.responded} />
        <Statistic title={`${t('campaign.results.treatment')} · ${t('campaign.results.converted')}`} value={results.treatment.converted} suffix={`(${percent(results.treatment.rate)})`} />
        <Statistic title={`${t('campaign.results.control')}`} value={results.control.size} />
        <Statistic title={`${t('campaign.results.control')} · ${t('campaign.results.converted')}`} value={results.control.converted} suffix={`(${percent(results.control.rate)})`} />
        <div data-testid="campaign-uplift">
          <Statistic title={t('campaign.results.uplift')} value={u ? `${(u.difference * 100).toFixed(1)} pp` : '—'} />
          <Typography.Text type="secondary">{u ? t('campaign.results.ci', { low: `${(u.low * 100).toFixed(1)}`, high: `${(u.high * 100).toFixed(1)} pp` }) : t('campaign.results.noUplift')}</Typography.Text>
        </div>
      </Flex>
      <CampaignCharts results={results} />
    </Card>
  );
}

function AudienceCard({ items }: { items: AudienceItem[] }) {
  const { t } = useT();
  return (
    <Card title={t('campaign.detail.audience')} data-testid="campaign-audience">
      <Table<AudienceItem> size="small" rowKey="customerId" dataSource={items} pagination={{ pageSize: 20 }}
        columns={[
          { title: t('campaign.col.customer'), dataIndex: 'name', render: (name: string, r) => <Link to={`/customers/${r.customerId}`}>{name}</Link> },
          { title: t('campaign.col.arm'), dataIndex: 'arm', render: (a: AudienceItem['arm']) => <Tag color={a === 'control' ? 'orange' : 'blue'}>{t(`campaign.arm.${a}`)}</Tag> },
          { title: t('campaign.col.outcome'), dataIndex: 'outcome', render: (o: string, r) => (r.arm === 'control' ? t('campaign.reason.heldOut') : t(`campaign.reason.${o as 'contacted'}`)) },
          { title: t('campaign.col.channels'), render: (_, r) => r.contacts.map((k) => <Tag key={k.channel}>{t(`campaign.channel.${k.channel}`)}: {t(`campaign.reason.${k.decision}`)}</Tag>) },
          { title: t('campaign.col.response'), dataIndex: 'response', render: (x: 'registered' | 'clicked' | 'entered' | 'mentioned' | null) => (x ? t(`campaign.response.${x}`) : '—') },
          { title: t('campaign.results.converted'), dataIndex: 'converted', render: (x: boolean) => (x ? '✓' : '') },
        ]} />
    </Card>
  );
}

export type { Campaign };
