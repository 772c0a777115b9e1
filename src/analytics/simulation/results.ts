import type { RunOutcome } from './simulator.ts';

/*
 * What a scenario's run comes to, as the answer gives it: seconds rounded to a tenth, shares to
 * four decimals; and how each scenario differs from the first (the baseline).
 */

const r1 = (x: number) => Math.round(x * 10) / 10;
const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
const DAY_MS = 86_400_000;

/** The p-quantile of sorted values, interpolated as PostgreSQL's `percentile_cont` does; null when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const at = p * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

const mean = (values: ArrayLike<number>) => {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length ? sum / values.length : null;
};
/** Sorted ascending; a typed array sorts numbers several times faster than a comparator does. */
const sortedOf = (values: readonly number[]) => new Float64Array(values).sort();
const round = (x: number | null) => (x === null ? null : r1(x));

/** `bins` equal-width bins from the least to the greatest value (one bin when they are all equal). */
export function histogram(sorted: ArrayLike<number>, bins = 20): { fromSeconds: number; toSeconds: number; cases: number }[] {
  if (sorted.length === 0) return [];
  const lo = sorted[0]!;
  const hi = sorted[sorted.length - 1]!;
  const n = hi > lo ? bins : 1;
  const width = (hi - lo) / n;
  const counts = new Array<number>(n).fill(0);
  for (let i = 0; i < sorted.length; i++) counts[width > 0 ? Math.min(n - 1, Math.floor((sorted[i]! - lo) / width)) : 0]!++;
  return counts.map((cases, i) => ({ fromSeconds: r1(lo + i * width), toSeconds: r1(i === n - 1 ? hi : lo + (i + 1) * width), cases }));
}

export type CycleTime = { meanSeconds: number | null; p50Seconds: number | null; p90Seconds: number | null; p95Seconds: number | null; maxSeconds: number | null };

export type ScenarioFigures = {
  casesSimulated: number;
  unfinishedCases: number;
  stoppedBy: RunOutcome['stoppedBy'];
  window: { from: string; to: string };
  cycleTime: CycleTime & { histogram: { fromSeconds: number; toSeconds: number; cases: number }[] };
  throughputPerDay: number | null;
  activities: { id: string; name: string; pool: string | null; count: number; waiting: { meanSeconds: number | null; p90Seconds: number | null }; processing: { meanSeconds: number | null; p90Seconds: number | null } }[];
  pools: { name: string; size: number; calendar: '24x7' | 'working'; utilisation: number | null; meanQueueLength: number | null }[];
};

/** The figures of one run. */
export function figures(run: RunOutcome): ScenarioFigures {
  const cycle = sortedOf(run.cycleTimes);
  const windowMs = run.window.to - run.window.from;
  return {
    casesSimulated: cycle.length,
    unfinishedCases: run.unfinished,
    stoppedBy: run.stoppedBy,
    window: { from: new Date(run.window.from).toISOString(), to: new Date(run.window.to).toISOString() },
    cycleTime: {
      meanSeconds: round(mean(cycle)),
      p50Seconds: round(percentile(cycle, 0.5)),
      p90Seconds: round(percentile(cycle, 0.9)),
      p95Seconds: round(percentile(cycle, 0.95)),
      maxSeconds: round(cycle.length ? cycle[cycle.length - 1]! : null),
      histogram: histogram(cycle),
    },
    throughputPerDay: windowMs > 0 ? r1((run.completedInWindow * DAY_MS) / windowMs) : null,
    activities: run.activities.map((a) => {
      const waits = sortedOf(a.waits);
      const processing = sortedOf(a.processing);
      return {
        id: a.id,
        name: a.label,
        pool: a.pool,
        count: a.count,
        waiting: { meanSeconds: round(mean(waits)), p90Seconds: round(percentile(waits, 0.9)) },
        processing: { meanSeconds: round(mean(processing)), p90Seconds: round(percentile(processing, 0.9)) },
      };
    }),
    pools: run.pools.map((p) => ({
      name: p.name,
      size: p.size,
      calendar: p.calendar,
      utilisation: p.availableMs > 0 ? r4(p.busyMs / p.availableMs) : null,
      meanQueueLength: windowMs > 0 ? r4(p.queueArea / windowMs) : null,
    })),
  };
}

const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : r4(a - b));

/** A scenario against the baseline: each figure's change (scenario − baseline), and the relative change of the mean cycle time. */
export function difference(scenario: ScenarioFigures, baseline: ScenarioFigures) {
  const c = scenario.cycleTime;
  const b = baseline.cycleTime;
  const activity = new Map(baseline.activities.map((a) => [a.id, a]));
  const pool = new Map(baseline.pools.map((p) => [p.name, p]));
  return {
    cycleTime: {
      meanSeconds: minus(c.meanSeconds, b.meanSeconds),
      p50Seconds: minus(c.p50Seconds, b.p50Seconds),
      p90Seconds: minus(c.p90Seconds, b.p90Seconds),
      p95Seconds: minus(c.p95Seconds, b.p95Seconds),
      maxSeconds: minus(c.maxSeconds, b.maxSeconds),
      meanRelative: c.meanSeconds !== null && b.meanSeconds ? r4((c.meanSeconds - b.meanSeconds) / b.meanSeconds) : null,
    },
    throughputPerDay: minus(scenario.throughputPerDay, baseline.throughputPerDay),
    activities: scenario.activities.filter((a) => activity.has(a.id)).map((a) => {
      const base = activity.get(a.id)!;
      return { id: a.id, count: a.count - base.count, waitingMeanSeconds: minus(a.waiting.meanSeconds, base.waiting.meanSeconds), processingMeanSeconds: minus(a.processing.meanSeconds, base.processing.meanSeconds) };
    }),
    pools: scenario.pools.filter((p) => pool.has(p.name)).map((p) => {
      const base = pool.get(p.name)!;
      return { name: p.name, size: p.size - base.size, utilisation: minus(p.utilisation, base.utilisation), meanQueueLength: minus(p.meanQueueLength, base.meanQueueLength) };
    }),
  };
}
