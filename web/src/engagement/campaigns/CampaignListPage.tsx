import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { campaignsApi, type CampaignListItem } from './campaigns.api';
import { StatusTag, period } from './campaign-words';

/** 营销活动: the campaigns of the user's unit and below, newest first. */
export function CampaignListPage() {
  const { t, pick } = useT();
  const me = useMe();
  const navigate = useNavigate();
  const { data, loading } = useRequest((signal) => campaignsApi.list({}, signal), []);
  return (
    <>
      <PageHeader
        title={t('campaign.list.title')}
        section="nav.engagement"
        extra={me.can('campaign.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/campaigns/new')} data-testid="campaign-new">{t('campaign.list.new')}</Button>}
      />
      <Card>
        <Table<CampaignListItem>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={{ pageSize: 20 }}
          data-testid="campaign-list"
          onRow={(r) => ({ 'data-testid': `campaign-row-${r.code}` }) as never}
          columns={[
            { title: t('campaign.col.code'), dataIndex: 'code', render: (code: string, r) => <Link to={`/campaigns/${r.id}`}>{code}</Link> },
            { title: t('campaign.col.name'), render: (_, r) => pick(r) },
            { title: t('campaign.col.kind'), dataIndex: 'kind', render: (k: CampaignListItem['kind']) => t(`campaign.kind.${k}`) },
            { title: t('campaign.col.status'), dataIndex: 'status', render: (s: CampaignListItem['status']) => <StatusTag status={s} /> },
            { title: t('campaign.col.segment'), dataIndex: 'segmentCode' },
            { title: t('campaign.col.channels'), dataIndex: 'channels', render: (cs: CampaignListItem['channels']) => cs.map((c) => <Tag key={c}>{t(`campaign.channel.${c}`)}</Tag>) },
            { title: t('campaign.col.period'), render: (_, r) => period(r.startsAt, r.endsAt) },
            { title: t('campaign.col.reached'), dataIndex: 'reached', align: 'right' },
          ]}
        />
      </Card>
    </>
  );
}
