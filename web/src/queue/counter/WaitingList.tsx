import { Card, Flex, Table, Tag, Typography, type TableProps } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../i18n/i18n';
import { bankTime, categoryNamer, minutesBetween } from '../queue-display';
import type { LiveTicket, QueueCategory } from '../queue.api';
import { TicketClassTag } from '../staff/queue-tags';
import { useNow } from '../use-now';

/**
 * 等候队列: everyone waiting at the branch in the order of the line (minutes waited plus head
 * start, as the server sends them), with the counts per category; the categories this counter
 * serves are marked, and a ticket sent to one counter says which.
 */
export function WaitingList({ tickets, categories, servedHere }: { tickets: LiveTicket[]; categories: QueueCategory[]; servedHere: string[] | null }) {
  const { t, pick } = useT();
  useNow(30_000);
  const categoryName = categoryNamer(categories, pick);
  const counts = useMemo(() => {
    const byCategory = new Map<string, number>();
    for (const ticket of tickets) byCategory.set(ticket.category, (byCategory.get(ticket.category) ?? 0) + 1);
    return byCategory;
  }, [tickets]);

  // a narrow column beside the console: one line per ticket, long category names cut short
  const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });
  const columns: TableProps<LiveTicket>['columns'] = [
    { key: 'number', title: t('queue.col.number'), onHeaderCell: nowrap, render: (_, tk) => <Typography.Text strong>{tk.number}</Typography.Text> },
    { key: 'category', title: t('queue.col.category'), onHeaderCell: nowrap, render: (_, tk) => <Typography.Text ellipsis={{ tooltip: categoryName(tk.category) }} style={{ maxWidth: 112, color: 'inherit' }}>{categoryName(tk.category)}</Typography.Text> },
    { key: 'class', title: t('queue.col.class'), onHeaderCell: nowrap, render: (_, tk) => <><TicketClassTag cls={tk.class} />{tk.targetCounter !== null ? <Tag color="geekblue">{t('queue.counter.sentTo', { n: tk.targetCounter })}</Tag> : null}</> },
    { key: 'issued', title: t('queue.col.issuedAt'), onHeaderCell: nowrap, render: (_, tk) => bankTime(tk.issuedAt) },
    { key: 'waited', title: t('queue.col.waited'), onHeaderCell: nowrap, align: 'right', render: (_, tk) => <span style={{ whiteSpace: 'nowrap' }}>{t('queue.minutes', { n: minutesBetween(tk.queuedAt) })}</span> },
  ];

  return (
    <Card size="small" title={t('queue.counter.waiting', { n: tickets.length })} data-testid="counter-waiting">
      <Flex wrap gap={6} style={{ marginBottom: 12 }}>
        {categories.filter((c) => c.active).map((c) => (
          <Tag key={c.code} color={servedHere?.includes(c.code) ? 'blue' : undefined} style={{ fontSize: 13, padding: '2px 8px' }}>
            {c.code} {pick(c)} · {counts.get(c.code) ?? 0}
          </Tag>
        ))}
      </Flex>
      <Table<LiveTicket>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={tickets}
        pagination={tickets.length > 12 ? { pageSize: 12, size: 'small' } : false}
        locale={{ emptyText: t('queue.counter.nobody') }}
        rowClassName={(tk) => (servedHere && !servedHere.includes(tk.category) ? 'qc-row-other' : '')}
      />
    </Card>
  );
}
