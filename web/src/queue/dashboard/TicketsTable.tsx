import { Card, Flex, Segmented, Select, Table, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useT } from '../../i18n/i18n';
import { bankTime, categoryNamer, minutesBetween, statusKey } from '../queue-display';
import { ticketStatuses, type BranchQueue, type LiveTicket, type TicketStatus } from '../queue.api';
import { TicketClassTag, TicketStatusTag } from '../staff/queue-tags';

type StatusFilter = TicketStatus | 'all';

/** 今日排队号: every ticket of the day, filtered by status and category, in queue order. */
export function TicketsTable({ setup, tickets, loading }: { setup: BranchQueue; tickets: LiveTicket[]; loading: boolean }) {
  const { t, pick } = useT();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [category, setCategory] = useState<string | null>(null);
  const categoryName = categoryNamer(setup.categories, pick);
  // tellers by name where a counter tells it (those signed in now); the username otherwise
  const staffNames = new Map(setup.counters.filter((c) => c.staff && c.staffName).map((c) => [c.staff!, c.staffName!]));

  const counts = useMemo(() => {
    const byStatus = new Map<StatusFilter, number>([['all', tickets.length]]);
    for (const tk of tickets) byStatus.set(tk.status, (byStatus.get(tk.status) ?? 0) + 1);
    return byStatus;
  }, [tickets]);
  const shown = tickets.filter((tk) => (status === 'all' || tk.status === status) && (category === null || tk.category === category));

  const columns: TableProps<LiveTicket>['columns'] = [
    { key: 'number', title: t('queue.col.number'), render: (_, tk) => <Typography.Text strong>{tk.number}</Typography.Text> },
    { key: 'category', title: t('queue.col.category'), render: (_, tk) => categoryName(tk.category) },
    { key: 'status', title: t('queue.col.status'), render: (_, tk) => <TicketStatusTag status={tk.status} /> },
    { key: 'class', title: t('queue.col.class'), render: (_, tk) => <TicketClassTag cls={tk.class} /> },
    { key: 'channel', title: t('queue.col.channel'), render: (_, tk) => t(`queue.channel.${tk.channel}`) },
    { key: 'issued', title: t('queue.col.issuedAt'), render: (_, tk) => bankTime(tk.issuedAt) },
    { key: 'wait', title: t('queue.col.wait'), align: 'right', render: (_, tk) => (tk.status === 'remote' || tk.status === 'cancelled') && !tk.calledAt ? '—' : t('queue.minutes', { n: minutesBetween(tk.queuedAt, tk.calledAt) }) },
    { key: 'counter', title: t('queue.counter'), render: (_, tk) => (tk.counter === null ? '—' : t('queue.counterN', { n: tk.counter })) },
    { key: 'calls', title: t('queue.col.calls'), align: 'right', render: (_, tk) => tk.callCount || '—' },
    { key: 'served', title: t('queue.col.staff'), render: (_, tk) => (tk.servedBy ? staffNames.get(tk.servedBy) ?? tk.servedBy : '—') },
    { key: 'customer', title: t('queue.col.customer'), render: (_, tk) => (tk.customer ? <Link to={`/customers/${encodeURIComponent(tk.customer.id)}`}>{tk.customer.name}</Link> : '—') },
    { key: 'case', title: t('queue.col.case'), render: (_, tk) => (tk.caseId ? <Link to={`/cases/${encodeURIComponent(tk.caseId)}`}>{t('queue.counter.viewCase')}</Link> : '—') },
  ];

  return (
    <Card size="small" title={t('queue.dash.tickets')} data-testid="dashboard-tickets">
      <Flex wrap gap={12} style={{ marginBottom: 12 }}>
        <Segmented<StatusFilter>
          value={status}
          onChange={setStatus}
          options={(['all', ...ticketStatuses] as StatusFilter[]).map((s) => ({ value: s, label: `${s === 'all' ? t('common.all') : t(statusKey(s))} ${counts.get(s) ?? 0}` }))}
          data-testid="dashboard-status-filter"
        />
        <Select allowClear value={category ?? undefined} onChange={(v?: string) => setCategory(v ?? null)} placeholder={t('queue.dash.allCategories')} style={{ minWidth: 200 }}
          options={setup.categories.map((c) => ({ value: c.code, label: `${c.code} · ${pick(c)}` }))} />
      </Flex>
      <Table<LiveTicket>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={shown}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (total) => t('common.total', { total }) }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('queue.dash.noTickets') }}
      />
    </Card>
  );
}
