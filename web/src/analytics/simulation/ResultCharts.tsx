import { useMemo } from 'react';
import { useT } from '../../i18n/i18n';
import { EChart, type ChartOption } from '../../queue/figures/EChart';
import { durationAxis, formatDuration, formatPercent } from '../analytics-format';
import type { ScenarioResult } from './simulation.api';

/** A colour per scenario, the baseline first: the app's blue, then colours told apart at a glance. */
export const SCENARIO_COLORS = ['#1d5fbf', '#d46b08', '#389e0d', '#722ed1', '#08979c', '#c41d7f'];

/** How many steps the waiting chart shows: those with the longest waits (the table has them all). */
const CHART_ROWS = 10;

/** Each scenario's cycle times as a distribution: the share of cases per bin, drawn at the bin's middle. */
export function CycleHistogram({ scenarios }: { scenarios: ScenarioResult[] }) {
  const { t } = useT();
  const option = useMemo<ChartOption>(() => {
    const axis = durationAxis(Math.max(0, ...scenarios.flatMap((s) => s.cycleTime.histogram.map((b) => b.toSeconds))), t);
    return {
      color: SCENARIO_COLORS,
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, type: 'scroll' },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'line' },
        valueFormatter: (v) => formatPercent(Number(v) / 100),
      },
      xAxis: { type: 'value', min: 0, axisLabel: { formatter: axis.label } },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: scenarios.map((s) => {
        const total = s.cycleTime.histogram.reduce((n, b) => n + b.cases, 0) || 1;
        return {
          name: s.name,
          type: 'line' as const,
          smooth: true,
          symbol: 'none',
          areaStyle: { opacity: 0.08 },
          data: s.cycleTime.histogram.map((b) => [(b.fromSeconds + b.toSeconds) / 2 / axis.size, Math.round((b.cases / total) * 1000) / 10]),
        };
      }),
    };
  }, [scenarios, t]);
  return <EChart option={option} height={280} label={t('analytics.sim.histogram')} testId="sim-histogram" />;
}

/** Mean waiting before each step, scenario beside scenario, the longest waits first. */
export function WaitingChart({ scenarios }: { scenarios: ScenarioResult[] }) {
  const { t } = useT();
  const steps = useMemo(() => {
    const longest = new Map<string, { name: string; wait: number }>();
    for (const s of scenarios) for (const a of s.activities) {
      const w = a.waiting.meanSeconds ?? 0;
      if (w > (longest.get(a.id)?.wait ?? 0)) longest.set(a.id, { name: a.name, wait: w });
    }
    return [...longest].sort((a, b) => b[1].wait - a[1].wait).slice(0, CHART_ROWS).reverse();
  }, [scenarios]);
  const option = useMemo<ChartOption>(() => {
    const axis = durationAxis(Math.max(0, ...steps.map(([, s]) => s.wait)), t);
    return {
      color: SCENARIO_COLORS,
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => formatDuration(Number(v) * axis.size, t) },
      xAxis: { type: 'value', axisLabel: { formatter: axis.label } },
      yAxis: { type: 'category', data: steps.map(([, s]) => s.name), axisLabel: { width: 180, overflow: 'truncate' } },
      series: scenarios.map((s) => ({
        name: s.name,
        type: 'bar' as const,
        barMaxWidth: 14,
        data: steps.map(([id]) => (s.activities.find((a) => a.id === id)?.waiting.meanSeconds ?? 0) / axis.size),
      })),
    };
  }, [scenarios, steps, t]);
  if (steps.length === 0) return null;
  return <EChart option={option} height={Math.max(200, steps.length * scenarios.length * 16 + steps.length * 14 + 60)} label={t('analytics.sim.waitingTitle')} testId="sim-waiting-chart" />;
}
