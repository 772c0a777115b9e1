import { Card, Progress, Table, Typography, type TableProps } from 'antd';
import { useMemo } from 'react';
import { useMe } from '../../auth/auth';
import { usersApi } from '../../api/users.api';
import { useT } from '../../i18n/i18n';
import { useUnitCatalog } from '../../shared/reference';
import { useRequest } from '../../shared/use-request';
import type { QueueKpis } from '../queue.api';
import { formatDuration } from './figures-format';

type Teller = QueueKpis['tellers'][number];
type Counter = QueueKpis['counters'][number];

/**
 * Display names of the branch's staff by username. The figures name tellers by username only;
 * with `org.user.read` the branch's users are looked up once, quietly (usernames otherwise).
 */
function useStaffNames(branch: string): (username: string) => string {
  const { can } = useMe();
  const allowed = can('org.user.read') && can('org.unit.read');
  const units = useUnitCatalog(allowed);
  const unitId = units.items.find((u) => u.code === branch)?.id;
  const users = useRequest((signal) => usersApi.list({ unitId, limit: 500, offset: 0 }, signal), [unitId], { enabled: allowed && unitId !== undefined, silent: true });
  return useMemo(() => {
    const names = new Map((users.data?.items ?? []).map((u) => [u.username, u.displayName]));
    return (username) => names.get(username) ?? username;
  }, [users.data]);
}

/** 柜员: served, mean service, time busy with customers, ratings. */
export function TellersTable({ branch, tellers }: { branch: string; tellers: Teller[] }) {
  const { t } = useT();
  const nameOf = useStaffNames(branch);
  const columns: TableProps<Teller>['columns'] = [
    { key: 'name', title: t('queue.fig.teller'), render: (_, r) => <Typography.Text strong title={r.username}>{nameOf(r.username)}</Typography.Text> },
    { key: 'served', title: t('queue.fig.servedCol'), align: 'right', sorter: (a, b) => a.served - b.served, defaultSortOrder: 'descend', render: (_, r) => r.served },
    { key: 'service', title: t('queue.fig.meanService'), align: 'right', sorter: (a, b) => (a.meanServiceSeconds ?? 0) - (b.meanServiceSeconds ?? 0), render: (_, r) => formatDuration(r.meanServiceSeconds, t) },
    { key: 'busy', title: t('queue.fig.busyTime'), align: 'right', render: (_, r) => formatDuration(r.busySeconds, t) },
    { key: 'rating', title: t('queue.fig.rating'), align: 'right', render: (_, r) => (r.meanRating === null ? '—' : <span title={t('queue.fig.ratingsNote', { n: r.ratings })}>{r.meanRating.toFixed(1)} <Typography.Text type="secondary">({r.ratings})</Typography.Text></span>) },
  ];
  return (
    <Card size="small" title={t('queue.fig.tellers')} style={{ height: '100%' }} data-testid="figures-tellers">
      <Table<Teller> rowKey="username" size="small" pagination={false} columns={columns} dataSource={tellers} scroll={{ x: 'max-content' }} locale={{ emptyText: t('queue.fig.noTellers') }} />
    </Card>
  );
}

/** 窗口: time open (signed in, not paused), time busy with customers, and the share of open time busy. */
export function CountersTable({ counters }: { counters: Counter[] }) {
  const { t } = useT();
  const columns: TableProps<Counter>['columns'] = [
    { key: 'number', title: t('queue.counter'), render: (_, c) => <Typography.Text strong>{t('queue.counterN', { n: c.number })}</Typography.Text> },
    { key: 'open', title: t('queue.fig.openTime'), align: 'right', render: (_, c) => (c.openSeconds ? formatDuration(c.openSeconds, t) : '—') },
    { key: 'busy', title: t('queue.fig.busyTime'), align: 'right', render: (_, c) => (c.busySeconds ? formatDuration(c.busySeconds, t) : '—') },
    {
      key: 'utilisation',
      title: t('queue.fig.utilisation'),
      width: 170,
      render: (_, c) => (c.utilisation === null ? <Typography.Text type="secondary">{t('queue.fig.neverOpen')}</Typography.Text> : <Progress percent={Math.round(Math.min(1, c.utilisation) * 100)} size="small" status="normal" strokeColor={c.utilisation > 0.9 ? '#cf1322' : undefined} />),
    },
  ];
  return (
    <Card size="small" title={t('queue.fig.counters')} style={{ height: '100%' }} data-testid="figures-counters">
      <Table<Counter> rowKey="number" size="small" pagination={false} columns={columns} dataSource={counters} scroll={{ x: 'max-content' }} />
    </Card>
  );
}
