import { Card, Table, Typography, type TableProps } from 'antd';
import { useT } from '../../i18n/i18n';
import type { StaffingAdvice, StaffingEstimate } from '../queue.api';
import { formatMinutes, formatShare, formatShareAgainst, hourRange } from './figures-format';

type Hour = StaffingAdvice['hours'][number];

const missed = { color: '#cf1322', fontWeight: 600 } as const;

/** Per hour: demand, the counters needed and what they give; with a what-if number, what that gives, red where the target is missed. */
export function StaffingTable({ advice, counters, patience }: { advice: StaffingAdvice; counters: number | null; patience: boolean }) {
  const { t } = useT();
  const target = advice.target.share;
  const misses = (e: StaffingEstimate | undefined) => e !== undefined && (!e.stable || e.serviceLevel < target);

  const columns: TableProps<Hour>['columns'] = [
    { key: 'hour', title: t('queue.fig.staffHour'), fixed: 'left', render: (_, h) => <Typography.Text strong>{hourRange(h.hour)}</Typography.Text> },
    { key: 'arrivals', title: t('queue.fig.staffArrivalsPerHour'), align: 'right', render: (_, h) => h.arrivalsPerHour.toFixed(1) },
    { key: 'service', title: t('queue.fig.meanService'), align: 'right', render: (_, h) => formatMinutes(h.meanServiceMinutes, t) },
    {
      key: 'needed', title: t('queue.fig.staffNeeded'), align: 'right',
      render: (_, h) => (h.countersNeeded === null ? <Typography.Text style={missed}>{t('queue.fig.unreachable')}</Typography.Text> : <Typography.Text strong style={{ fontSize: 16 }}>{h.countersNeeded}</Typography.Text>),
    },
    {
      key: 'atNeeded',
      title: t('queue.fig.staffAtNeeded'),
      children: [
        { key: 'wait', title: t('queue.fig.meanWait'), align: 'right', render: (_: unknown, h: Hour) => (h.atNeeded ? formatMinutes(h.atNeeded.meanWait, t) : '—') },
        { key: 'within', title: t('queue.fig.withinTarget', { n: advice.target.waitMinutes }), align: 'right', render: (_: unknown, h: Hour) => formatShare(h.atNeeded?.serviceLevel) },
        { key: 'busy', title: t('queue.fig.utilisation'), align: 'right', render: (_: unknown, h: Hour) => formatShare(h.atNeeded?.utilisation) },
        ...(patience ? [{ key: 'abandon', title: t('queue.fig.abandon'), align: 'right' as const, render: (_: unknown, h: Hour) => formatShare(h.atNeeded?.probAbandon) }] : []),
      ],
    },
    ...(counters
      ? [{
          key: 'whatIf',
          title: t('queue.fig.staffWhatIfAt', { n: counters }),
          children: [
            {
              key: 'whatIfWait', title: t('queue.fig.meanWait'), align: 'right' as const,
              onCell: (h: Hour) => ({ style: misses(h.whatIf) ? { background: '#fff1f0' } : {} }),
              render: (_: unknown, h: Hour) => <WhatIf estimate={h.whatIf} missed={misses(h.whatIf)} show={(e) => formatMinutes(e.meanWait, t)} />,
            },
            {
              key: 'whatIfWithin', title: t('queue.fig.withinTarget', { n: advice.target.waitMinutes }), align: 'right' as const,
              onCell: (h: Hour) => ({ style: misses(h.whatIf) ? { background: '#fff1f0' } : {} }),
              render: (_: unknown, h: Hour) => <WhatIf estimate={h.whatIf} missed={misses(h.whatIf)} show={(e) => formatShareAgainst(e.serviceLevel, target)} />,
            },
          ],
        }]
      : []),
  ];

  return (
    <Card size="small" title={t('queue.fig.staffTable')} data-testid="staffing-table">
      <Table<Hour> rowKey="hour" size="small" bordered pagination={false} columns={columns} dataSource={advice.hours} scroll={{ x: 'max-content' }} />
    </Card>
  );
}

function WhatIf({ estimate, missed: isMissed, show }: { estimate: StaffingEstimate | undefined; missed: boolean; show: (e: Extract<StaffingEstimate, { stable: true }>) => string }) {
  const { t } = useT();
  if (!estimate) return <>—</>;
  if (!estimate.stable) return <Typography.Text style={missed}>{t('queue.fig.overloaded')}</Typography.Text>;
  return <span style={isMissed ? missed : undefined}>{show(estimate)}</span>;
}
