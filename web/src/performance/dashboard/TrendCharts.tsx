import { Card } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../i18n/i18n';
import { CHART_BLUE, CHART_ORANGE, EChart, type ChartOption } from '../../queue/figures/EChart';
import type { DayFigures } from '../performance.api';

const GREEN = '#389e0d';

/** What both day-by-day charts share: the layout, the legend, the days along the bottom, a count axis and a second one. */
function byDay(days: DayFigures[], rightAxis: Record<string, unknown>): Pick<ChartOption, 'grid' | 'legend' | 'tooltip' | 'xAxis' | 'yAxis'> {
  return {
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', min: 0, splitLine: { show: false }, ...rightAxis }],
  };
}

/** Cases opened and closed per day, with the share of those closed that met their limit. */
export function CasesTrend({ days }: { days: DayFigures[] }) {
  const { t } = useT();
  const option = useMemo<ChartOption>(() => ({
    ...byDay(days, { max: 100, axisLabel: { formatter: '{value}%' } }),
    series: [
      { type: 'bar', name: t('perf.dash.opened'), data: days.map((d) => d.casesOpened), itemStyle: { color: CHART_BLUE }, barMaxWidth: 14 },
      { type: 'bar', name: t('perf.dash.closed'), data: days.map((d) => d.casesClosed), itemStyle: { color: '#7aa7e6' }, barMaxWidth: 14 },
      {
        type: 'line', name: t('perf.dash.onTimeRate'), yAxisIndex: 1, itemStyle: { color: GREEN }, lineStyle: { color: GREEN }, connectNulls: true,
        data: days.map((d) => (d.casesOnTimeRate === null ? null : Math.round(d.casesOnTimeRate * 1000) / 10)),
        tooltip: { valueFormatter: (v) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
      },
    ],
  }), [days, t]);
  return (
    <Card size="small" title={t('perf.dash.trendCases')} data-testid="dash-trend-cases">
      <EChart option={option} height={280} label={t('perf.dash.trendCases')} />
    </Card>
  );
}

/** Customers served at the counters per day, their mean wait, the day's rating and complaints. */
export function ServiceTrend({ days }: { days: DayFigures[] }) {
  const { t } = useT();
  const option = useMemo<ChartOption>(() => ({
    ...byDay(days, {}),
    series: [
      { type: 'bar', name: t('perf.dash.served'), data: days.map((d) => d.ticketsServed), itemStyle: { color: CHART_BLUE }, barMaxWidth: 14 },
      { type: 'bar', name: t('perf.dash.complaintsDaily'), data: days.map((d) => d.complaints), itemStyle: { color: '#cf1322' }, barMaxWidth: 14 },
      { type: 'line', name: t('perf.dash.waitMinutes'), yAxisIndex: 1, connectNulls: true, itemStyle: { color: CHART_ORANGE }, lineStyle: { color: CHART_ORANGE },
        data: days.map((d) => (d.meanWaitSeconds === null ? null : Math.round(d.meanWaitSeconds / 6) / 10)) },
      { type: 'line', name: t('perf.dash.csatDaily'), yAxisIndex: 1, connectNulls: true, itemStyle: { color: GREEN }, lineStyle: { color: GREEN, type: 'dashed' },
        data: days.map((d) => d.csat) },
    ],
  }), [days, t]);
  return (
    <Card size="small" title={t('perf.dash.trendService')} data-testid="dash-trend-service">
      <EChart option={option} height={280} label={t('perf.dash.trendService')} />
    </Card>
  );
}
