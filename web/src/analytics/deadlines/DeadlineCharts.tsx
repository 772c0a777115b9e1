import { useMemo } from 'react';
import { useT } from '../../i18n/i18n';
import { CHART_BLUE, CHART_RED, EChart, type ChartOption } from '../../queue/figures/EChart';
import { durationAxis, escapeHtml, formatCount, formatDuration, formatPercent } from '../analytics-format';
import type { DeadlineGroup, DeadlineStep } from './deadlines.api';

/** How many groups or steps a chart shows (the worst ones; tables have them all). */
const CHART_ROWS = 12;

/** Breach rate per group (service or branch) as bars, the worst on top, with the counts in the tooltip. */
export function BreachChart({ groups, name, testId }: { groups: DeadlineGroup[]; name: (key: string | null) => string; testId: string }) {
  const { t, lang } = useT();
  const rows = useMemo(() => [...groups].slice(0, CHART_ROWS).reverse(), [groups]);
  const labels = rows.map((g) => name(g.key));
  // the names come from lookups that load later: the chart is redrawn when they change, not on every render
  const labelKey = labels.join('\u0001');
  const option = useMemo<ChartOption>(() => ({
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const g = rows[(Array.isArray(params) ? params[0] : params)?.dataIndex ?? 0]!;
        return `${escapeHtml(labels[rows.indexOf(g)] ?? '')}<br/>${t('analytics.deadlines.groupTooltip', { breached: formatCount(g.breached, lang), cases: formatCount(g.cases, lang), rate: formatPercent(g.breachRate), overrun: formatDuration(g.meanOverrunSeconds, t) })}`;
      },
    },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: labels, axisLabel: { width: 200, overflow: 'truncate' } },
    series: [{
      type: 'bar',
      data: rows.map((g) => Math.round(g.breachRate * 1000) / 10),
      itemStyle: { color: CHART_RED },
      barMaxWidth: 16,
      label: { show: true, position: 'right', formatter: (p) => `${p.value}%` },
    }],
  }), [rows, labelKey, t, lang]);
  return <EChart option={option} height={Math.max(140, rows.length * 28 + 40)} label={t('analytics.deadlines.breachRate')} testId={testId} />;
}

/** The steps that take the most of the breached cases' time: mean time in breached cases beside the time in cases on time. */
export function StepTimeChart({ steps }: { steps: DeadlineStep[] }) {
  const { t } = useT();
  const rows = useMemo(() => steps.filter((s) => s.shareOfBreachedTime !== null).slice(0, CHART_ROWS).reverse(), [steps]);
  const option = useMemo<ChartOption>(() => {
    const axis = durationAxis(Math.max(0, ...rows.flatMap((s) => [s.meanSecondsWhenBreached ?? 0, s.meanSecondsWhenMet ?? 0])), t);
    const series = (key: 'meanSecondsWhenBreached' | 'meanSecondsWhenMet', label: string, color: string) => ({
      name: label,
      type: 'bar' as const,
      data: rows.map((s) => (s[key] === null ? null : s[key]! / axis.size)),
      itemStyle: { color },
      barMaxWidth: 12,
    });
    return {
      grid: { left: 8, right: 32, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (v === null || v === undefined ? '—' : formatDuration(Number(v) * axis.size, t)) },
      xAxis: { type: 'value', axisLabel: { formatter: axis.label } },
      yAxis: { type: 'category', data: rows.map((s) => s.activity), axisLabel: { width: 220, overflow: 'truncate' } },
      series: [series('meanSecondsWhenBreached', t('analytics.deadlines.whenBreached'), CHART_RED), series('meanSecondsWhenMet', t('analytics.deadlines.whenMet'), CHART_BLUE)],
    };
  }, [rows, t]);
  if (rows.length === 0) return null;
  return <EChart option={option} height={Math.max(160, rows.length * 34 + 60)} label={t('analytics.deadlines.stepsTitle')} testId="deadline-steps-chart" />;
}
