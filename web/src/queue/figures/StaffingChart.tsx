import { Card } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../i18n/i18n';
import type { StaffingAdvice } from '../queue.api';
import { CHART_BLUE, CHART_ORANGE, EChart, type ChartOption } from './EChart';
import { hourRange } from './figures-format';

/** Customers per hour (bars) and the counters needed (steps), with the what-if number as a line. */
export function StaffingChart({ advice, counters }: { advice: StaffingAdvice; counters: number | null }) {
  const { t } = useT();
  const option = useMemo<ChartOption>(() => {
    const rows = advice.hours;
    const arrivals = t('queue.fig.staffArrivalsPerHour');
    const needed = t('queue.fig.staffNeeded');
    const most = Math.max(counters ?? 0, ...rows.map((r) => r.countersNeeded ?? 0));
    return {
      grid: { left: 48, right: 56, top: 40, bottom: 32 },
      legend: { top: 0, data: [arrivals, needed] },
      tooltip: {
        trigger: 'axis',
        formatter: (params) => {
          const list = Array.isArray(params) ? params : [params];
          const row = rows[list[0]?.dataIndex ?? -1];
          if (!row) return '';
          return [hourRange(row.hour), `${arrivals}: ${row.arrivalsPerHour}`, `${needed}: ${row.countersNeeded ?? t('queue.fig.unreachableShort')}`].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: rows.map((r) => `${String(r.hour).padStart(2, '0')}:00`) },
      yAxis: [
        { type: 'value', name: t('queue.fig.customersAxis') },
        { type: 'value', name: t('queue.fig.countersAxis'), minInterval: 1, max: most + 1, splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', name: arrivals, data: rows.map((r) => r.arrivalsPerHour), itemStyle: { color: CHART_BLUE, opacity: 0.75 }, barMaxWidth: 40 },
        {
          type: 'line', name: needed, yAxisIndex: 1, step: 'middle', symbolSize: 8, lineStyle: { width: 3 },
          data: rows.map((r) => r.countersNeeded), itemStyle: { color: CHART_ORANGE },
          label: { show: true, position: 'top', fontWeight: 'bold' },
          ...(counters ? { markLine: { silent: true, symbol: 'none', lineStyle: { color: '#595959', type: 'dashed' as const }, label: { formatter: t('queue.fig.staffWhatIfLine', { n: counters }), position: 'insideEndTop' as const }, data: [{ yAxis: counters }] } } : {}),
        },
      ],
    };
  }, [advice, counters, t]);
  return (
    <Card size="small" title={t('queue.fig.staffChart', { date: advice.date })} data-testid="staffing-chart">
      <EChart option={option} height={320} label={t('queue.fig.staffChart', { date: advice.date })} />
    </Card>
  );
}
