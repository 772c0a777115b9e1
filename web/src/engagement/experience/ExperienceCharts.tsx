import { useMemo } from 'react';
import { useT } from '../../i18n/i18n';
import { CHART_BLUE, CHART_ORANGE, EChart, type ChartOption } from '../../queue/figures/EChart';
import type { EffortItem, Named, ScoreSeries } from './experience.api';

/** Lines beyond this many keys crowd a chart: the keys with the most answers are drawn. */
const MAX_LINES = 8;

export type EffortMetric = 'steps' | 'waiting' | 'handovers' | 'total' | 'contacts';

/** NPS (left axis, −100…100) and CSAT % (right axis) per period; with a breakdown, one NPS line per key. */
export function ScoresOverTime({ series }: { series: ScoreSeries[] }) {
  const { t, lang } = useT();
  const name = (n: Named) => (lang === 'en' ? n.en : n.zh);
  const option = useMemo<ChartOption>(() => {
    const periods = [...new Set(series.flatMap((s) => s.points.map((p) => p.period)))].sort();
    const at = (s: ScoreSeries, field: 'nps' | 'csat') => periods.map((period) => s.points.find((p) => p.period === period)?.[field] ?? null);
    const shown = series.slice(0, MAX_LINES);
    const single = shown.length === 1;
    return {
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: periods },
      yAxis: [
        { type: 'value', name: 'NPS', min: -100, max: 100 },
        { type: 'value', name: 'CSAT %', min: 0, max: 100, splitLine: { show: false } },
      ],
      series: single
        ? [
            { type: 'line' as const, name: t('xp.nps'), data: at(shown[0]!, 'nps'), connectNulls: true, itemStyle: { color: CHART_BLUE } },
            { type: 'line' as const, name: t('xp.csat'), yAxisIndex: 1, data: at(shown[0]!, 'csat'), connectNulls: true, itemStyle: { color: CHART_ORANGE } },
          ]
        : [
            ...shown.map((s) => ({ type: 'line' as const, name: `${name(s.name)} NPS`, data: at(s, 'nps'), connectNulls: true })),
            ...shown.map((s) => ({ type: 'line' as const, name: `${name(s.name)} CSAT`, yAxisIndex: 1, data: at(s, 'csat'), connectNulls: true, lineStyle: { type: 'dashed' as const } })),
          ],
    };
  }, [series, t, lang]);
  return <EChart option={option} height={320} label={t('xp.overTime')} testId="xp-over-time" />;
}

/** NPS and CSAT over the whole window, one pair of bars per key of the breakdown. */
export function ScoresByKey({ series }: { series: ScoreSeries[] }) {
  const { t, lang } = useT();
  const option = useMemo<ChartOption>(() => {
    const rows = [...series].reverse();
    return {
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', min: -100, max: 100 },
      yAxis: { type: 'category', data: rows.map((s) => `${lang === 'en' ? s.name.en : s.name.zh} (${s.total.responses})`), axisLabel: { width: 200, overflow: 'truncate' } },
      series: [
        { type: 'bar' as const, name: t('xp.nps'), data: rows.map((s) => s.total.nps), itemStyle: { color: CHART_BLUE }, barMaxWidth: 16 },
        { type: 'bar' as const, name: t('xp.csat'), data: rows.map((s) => s.total.csat), itemStyle: { color: CHART_ORANGE }, barMaxWidth: 16 },
      ],
    };
  }, [series, t, lang]);
  return <EChart option={option} height={Math.max(220, 70 + series.length * 44)} label={t('xp.byDimension')} testId="xp-by-key" />;
}

const METRIC_VALUE: Record<EffortMetric, (i: EffortItem) => { median: number | null; p90: number | null }> = {
  steps: (i) => i.steps,
  waiting: (i) => ({ median: minutes(i.waitingSeconds.median), p90: minutes(i.waitingSeconds.p90) }),
  handovers: (i) => i.handovers,
  total: (i) => ({ median: hours(i.totalSeconds.median), p90: hours(i.totalSeconds.p90) }),
  contacts: (i) => i.contacts,
};
const minutes = (s: number | null) => (s === null ? null : Math.round(s / 6) / 10);
const hours = (s: number | null) => (s === null ? null : Math.round(s / 360) / 10);

/** The chosen effort measure per journey: median and 90th percentile side by side. */
export function EffortChart({ items, metric }: { items: EffortItem[]; metric: EffortMetric }) {
  const { t, lang } = useT();
  const option = useMemo<ChartOption>(() => {
    const rows = [...items].reverse();
    const values = rows.map(METRIC_VALUE[metric]);
    return {
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: rows.map((i) => `${lang === 'en' ? i.name.en : i.name.zh} (${t('xp.effort.cases', { n: i.cases })})`), axisLabel: { width: 220, overflow: 'truncate' } },
      series: [
        { type: 'bar' as const, name: t('xp.effort.median'), data: values.map((v) => v.median), itemStyle: { color: CHART_BLUE }, barMaxWidth: 16 },
        { type: 'bar' as const, name: t('xp.effort.p90'), data: values.map((v) => v.p90), itemStyle: { color: CHART_ORANGE }, barMaxWidth: 16 },
      ],
    };
  }, [items, metric, t, lang]);
  return <EChart option={option} height={Math.max(220, 70 + items.length * 44)} label={t('xp.effort')} testId="xp-effort-chart" />;
}
