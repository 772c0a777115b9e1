import { PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Drawer, Empty, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { SegmentTag } from '../../pages/customers/segments';
import { SegmentBuilder } from './SegmentBuilder';
import { customerSegments, listSegments, refreshNow, segmentMembers, type Segment } from './segments.api';

const PAGE = 20;

/** A customer's segments now and every entry and exit, newest first. */
function CustomerHistory({ customerId, onClose }: { customerId: string | null; onClose: () => void }) {
  const { t, pick } = useT();
  const history = useRequest((signal) => customerSegments(customerId!, signal), [customerId], { enabled: customerId !== null });
  const h = history.data;
  return (
    <Drawer open={customerId !== null} onClose={onClose} width={520} title={t('seg.historyOf')} destroyOnHidden>
      {h ? (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="segment-history">
          <Descriptions size="small" column={1} items={[{ key: 'now', label: t('seg.history.now'), children: <Space wrap>{h.segments.map((s) => <Tag key={s.code} color={s.kind === 'tier' ? 'gold' : 'blue'}>{pick(s)}</Tag>)}</Space> }]} />
          <Timeline
            items={h.history.map((e) => ({
              color: e.change === 'entered' ? 'green' : 'gray',
              children: (
                <>
                  <Typography.Text strong>{t(e.change === 'entered' ? 'seg.history.entered' : 'seg.history.left')}</Typography.Text> {pick(e)}{' '}
                  <Typography.Text type="secondary">{formatDateTime(e.at)} · {t('seg.history.version', { version: e.segmentVersion })}</Typography.Text>
                </>
              ),
            }))}
          />
        </Space>
      ) : null}
    </Drawer>
  );
}

/** A segment's members in the caller's branches, masked; a click opens the customer's history. */
function Members({ segment, onClose }: { segment: Segment | null; onClose: () => void }) {
  const { t, pick } = useT();
  const [page, setPage] = useState(1);
  const [customer, setCustomer] = useState<string | null>(null);
  const members = useRequest((signal) => segmentMembers(segment!.code, { limit: PAGE, offset: (page - 1) * PAGE }, signal), [segment?.code, page], { enabled: segment !== null });
  return (
    <Drawer open={segment !== null} onClose={onClose} width={760} title={segment ? t('seg.membersOf', { name: pick(segment) }) : ''} destroyOnHidden>
      <Table
        rowKey="customerId"
        size="small"
        loading={members.loading}
        dataSource={members.data?.items ?? []}
        data-testid="segment-members"
        pagination={{ current: page, pageSize: PAGE, total: members.data?.total ?? 0, onChange: setPage, showTotal: (total) => t('common.total', { total }) }}
        onRow={(m) => ({ onClick: () => setCustomer(m.customerId), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('xp.churn.customer'), dataIndex: 'name' },
          { title: t('seg.member.tier'), dataIndex: 'tier', render: (tier: string) => <SegmentTag code={tier} /> },
          { title: t('seg.member.unit'), dataIndex: 'unitCode' },
          { title: t('seg.member.aum'), dataIndex: 'aum', align: 'right', render: (v: string | null) => (v === null ? '—' : `¥${v}`) },
          { title: t('seg.member.since'), dataIndex: 'since', render: (v: string) => formatDateTime(v) },
        ]}
      />
      <CustomerHistory customerId={customer} onClose={() => setCustomer(null)} />
    </Drawer>
  );
}

/**
 * 客户分层 (`/engagement/segments`, `segment.read`; building and refreshing with
 * `segment.manage`): every segment with its members in the caller's branches and the last
 * refresh; the builder; members and a customer's history.
 */
export function SegmentsPage() {
  const { t, pick, lang } = useT();
  const { can } = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const manage = can('segment.manage');
  const list = useRequest((signal) => listSegments(signal), [lang]);
  const [editing, setEditing] = useState<Segment | 'new' | null>(null);
  const [members, setMembers] = useState<Segment | null>(null);
  const [refreshing, setRefreshing] = useState(false);

  const refresh = async () => {
    setRefreshing(true);
    try {
      const run = await refreshNow();
      void message.success(t('seg.refreshed', { customers: run.customers, entered: run.entered, left: run.left }));
      list.reload();
    } catch (error) {
      showError(error);
    } finally {
      setRefreshing(false);
    }
  };

  const lastRun = list.data?.lastRun;
  return (
    <>
      <PageHeader
        title={t('seg.title')}
        section="nav.engagement"
        extra={
          <Space>
            <Typography.Text type="secondary" data-testid="segment-last-run">
              {t('seg.lastRun')}: {lastRun ? `${lastRun.day}${lastRun.finishedAt ? ` · ${formatDateTime(lastRun.finishedAt)}` : ''}` : t('seg.lastRunNone')}
            </Typography.Text>
            {manage ? <Button icon={<SyncOutlined spin={refreshing} />} onClick={() => void refresh()} loading={refreshing} data-testid="segment-refresh">{t('seg.refresh')}</Button> : null}
            {manage ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="segment-new">{t('seg.new')}</Button> : null}
          </Space>
        }
      />
      <Table
        rowKey="code"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        data-testid="segment-list"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        onRow={(s) => ({ 'data-testid': `segment-row-${s.code}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('seg.col.name'), key: 'name', render: (_, s) => <Space direction="vertical" size={0}><Typography.Text strong>{pick(s)}</Typography.Text><Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.code}</Typography.Text></Space> },
          { title: t('seg.col.kind'), dataIndex: 'kind', render: (k: Segment['kind']) => <Tag color={k === 'tier' ? 'gold' : 'blue'}>{t(k === 'tier' ? 'seg.kind.tier' : 'seg.kind.group')}</Tag> },
          { title: t('seg.col.rank'), dataIndex: 'rank', align: 'right' },
          { title: t('seg.col.expression'), dataIndex: 'expression', render: (e: string) => <Typography.Text code style={{ whiteSpace: 'pre-wrap' }}>{e}</Typography.Text> },
          { title: t('seg.col.members'), dataIndex: 'members', align: 'right', render: (n: number, s) => <Button type="link" onClick={() => setMembers(s)} data-testid={`segment-members-${s.code}`}>{n}</Button> },
          { title: t('seg.col.active'), dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">{t('seg.active')}</Tag> : <Tag>{t('seg.inactive')}</Tag>) },
          ...(manage ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, s: Segment) => <Button size="small" onClick={() => setEditing(s)} data-testid={`segment-edit-${s.code}`}>{t('common.edit')}</Button> }] : []),
        ]}
      />
      <SegmentBuilder
        open={editing !== null}
        segment={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
      <Members segment={members} onClose={() => setMembers(null)} />
    </>
  );
}
