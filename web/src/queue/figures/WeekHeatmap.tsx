import { Card } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../i18n/i18n';
import { hourSpan, weekdaysIn, type HourRow } from './by-hour';
import { EChart, type ChartOption } from './EChart';
import { formatDuration, hourRange, weekdayName } from './figures-format';

/** 一周取号热力图: tickets taken per weekday and hour over the period, Monday on top. */
export function WeekHeatmap({ byHour }: { byHour: HourRow[] }) {
  const { t, lang } = useT();
  const option = useMemo<ChartOption>(() => {
    const hours = hourSpan(byHour);
    // Monday on top: the y axis runs upwards, so the days go in reverse
    const days = weekdaysIn(byHour).reverse();
    const most = Math.max(1, ...byHour.map((r) => r.arrivals));
    // dark text on the light cells, white on the dark ones
    const cells = byHour.map((r) => ({ value: [hours.indexOf(r.hour), days.indexOf(r.weekday), r.arrivals], row: r, label: { color: r.arrivals > most * 0.5 ? '#fff' : '#1f2329' } }));
    return {
      grid: { left: 44, right: 12, top: 8, bottom: 64 },
      tooltip: {
        formatter: (params) => {
          const cell = (Array.isArray(params) ? params[0] : params)?.data as (typeof cells)[number] | undefined;
          if (!cell) return '';
          const r = cell.row;
          return [`${weekdayName(r.weekday, lang)} ${hourRange(r.hour)}`, `${t('queue.fig.arrivals')}: ${r.arrivals}`, `${t('queue.fig.meanWait')}: ${formatDuration(r.meanWaitSeconds, t)}`].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: hours.map((h) => String(h).padStart(2, '0')), splitArea: { show: true } },
      yAxis: { type: 'category', data: days.map((d) => weekdayName(d, lang)), splitArea: { show: true } },
      visualMap: { min: 0, max: most, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, inRange: { color: ['#eef4fc', '#7aa7e6', '#1d5fbf', '#0b2f6b'] }, text: [t('queue.fig.more'), t('queue.fig.fewer')] },
      series: [{ type: 'heatmap', data: cells, label: { show: true, fontSize: 11, formatter: (p) => String((p.data as (typeof cells)[number]).row.arrivals) }, emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } } }],
    };
  }, [byHour, lang, t]);
  return (
    <Card size="small" title={t('queue.fig.heatmap')} style={{ height: '100%' }} data-testid="figures-heatmap">
      <EChart option={option} height={320} label={t('queue.fig.heatmap')} />
    </Card>
  );
}
