import { Card, Segmented } from 'antd';
import { useMemo, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { aggregateByHour, weekdaysIn, type HourRow, type WeekdayChoice } from './by-hour';
import { CHART_BLUE, CHART_ORANGE, CHART_RED, EChart, type ChartOption } from './EChart';
import { formatDuration, hourRange, weekdayName } from './figures-format';

/** 分时段取号与等候: tickets taken (bars) and the mean wait (line) per hour of the day, over all days or one weekday. */
export function HourChart({ byHour, targetWaitMinutes }: { byHour: HourRow[]; targetWaitMinutes: number }) {
  const { t, lang } = useT();
  const [weekday, setWeekday] = useState<WeekdayChoice>('all');
  const days = weekdaysIn(byHour);
  const chosen = weekday === 'all' || days.includes(weekday) ? weekday : 'all';
  const rows = useMemo(() => aggregateByHour(byHour, chosen), [byHour, chosen]);

  const option = useMemo<ChartOption>(() => {
    const arrivals = t('queue.fig.arrivals');
    const meanWait = t('queue.fig.meanWaitMinutes');
    return {
      grid: { left: 48, right: 56, top: 40, bottom: 32 },
      legend: { top: 0, data: [arrivals, meanWait] },
      tooltip: {
        trigger: 'axis',
        formatter: (params) => {
          const list = Array.isArray(params) ? params : [params];
          const row = rows[list[0]?.dataIndex ?? -1];
          if (!row) return '';
          return [hourRange(row.hour), `${arrivals}: ${row.arrivals}`, `${t('queue.fig.meanWait')}: ${formatDuration(row.meanWaitSeconds, t)}`].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: rows.map((r) => `${String(r.hour).padStart(2, '0')}:00`) },
      yAxis: [
        { type: 'value', name: t('queue.fig.ticketsAxis'), minInterval: 1 },
        // room for the target line even when every wait is below it
        { type: 'value', name: t('queue.fig.minutesAxis'), splitLine: { show: false }, max: (extent) => Math.ceil(Math.max(extent.max, targetWaitMinutes * 1.2)) },
      ],
      series: [
        { type: 'bar', name: arrivals, data: rows.map((r) => r.arrivals), itemStyle: { color: CHART_BLUE }, barMaxWidth: 36 },
        {
          type: 'line', name: meanWait, yAxisIndex: 1, connectNulls: false, smooth: false, symbolSize: 7,
          data: rows.map((r) => (r.meanWaitSeconds === null ? null : Math.round(r.meanWaitSeconds / 6) / 10)),
          itemStyle: { color: CHART_ORANGE },
          markLine: { silent: true, symbol: 'none', lineStyle: { color: CHART_RED, type: 'dashed' }, label: { formatter: t('queue.fig.targetLine', { n: targetWaitMinutes }), position: 'insideEndTop' }, data: [{ yAxis: targetWaitMinutes }] },
        },
      ],
    };
  }, [rows, t, targetWaitMinutes]);

  return (
    <Card size="small" title={t('queue.fig.byHour')} style={{ height: '100%' }} data-testid="figures-by-hour"
      extra={
        <Segmented<WeekdayChoice>
          size="small"
          value={chosen}
          onChange={setWeekday}
          options={[{ value: 'all', label: t('queue.fig.allDays') }, ...days.map((d) => ({ value: d, label: weekdayName(d, lang) }))]}
          data-testid="figures-weekday"
        />
      }>
      <EChart option={option} height={320} label={t('queue.fig.byHour')} />
    </Card>
  );
}
