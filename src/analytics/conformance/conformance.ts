import { fitness, replayer, type TraceReplay } from './token-replay.ts';
import type { WorkflowNet } from './workflow-net.ts';

/*
 * A log's fit to a model, from the replay of each distinct variant once: every case of a variant
 * replays the same, so the counts of a variant are multiplied by its cases. The log's fitness is
 * the formula over the sums of all cases (not the mean of the cases' fitness).
 */

/** A distinct sequence of (completed) activities, its number of cases, and some of their ids, sorted (at least `limit` where it has as many). */
export type Variant = { activities: readonly string[]; cases: number; caseIds: readonly string[] };

/** Where replay went wrong: a place that lacked tokens or kept some (`after`/`before`: the elements it sits between), or an activity the model lacks. */
export type Deviation =
  | { kind: 'missing' | 'remaining'; place: string; after: string | null; before: string | null; tokens: number }
  | { kind: 'notInModel'; activity: string; tokens: number };

export type CaseFit = { caseId: string; fitness: number; produced: number; consumed: number; missing: number; remaining: number; deviations: Deviation[] };

export type Conformance = {
  /** ½(1 − m/c) + ½(1 − r/p) over the sums of all cases, to 4 decimals; null for a log without cases. */
  fitness: number | null;
  cases: number;
  /** Cases with nothing missing, nothing remaining and no activity outside the model. */
  fittingCases: number;
  produced: number;
  consumed: number;
  missing: number;
  remaining: number;
  /** Activities of the log the model does not have (their events are skipped). */
  unmappedActivities: string[];
  /** Each deviation with the cases showing it and its tokens (or events) over all cases; most cases first. */
  deviations: (Deviation & { cases: number })[];
  /** The cases that do not fit, least fitting first (then by id), at most `limit`. */
  worst: CaseFit[];
};

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Replays each variant once on the net and sums up. `limit` bounds the worst cases listed. */
export function checkConformance(net: WorkflowNet, variants: readonly Variant[], limit = 50): Conformance {
  const replay = replayer(net);
  const totals = { cases: 0, fittingCases: 0, produced: 0, consumed: 0, missing: 0, remaining: 0 };
  const deviations = new Map<string, Deviation & { cases: number }>();
  const unfit: { fit: Omit<CaseFit, 'caseId'>; caseIds: readonly string[] }[] = [];
  for (const variant of variants) {
    const r = replay(variant.activities);
    const n = variant.cases;
    totals.cases += n;
    totals.produced += r.produced * n;
    totals.consumed += r.consumed * n;
    totals.missing += r.missing * n;
    totals.remaining += r.remaining * n;
    const found = deviationsOf(net, r);
    if (found.length === 0) {
      totals.fittingCases += n;
      continue;
    }
    for (const d of found) {
      const key = d.kind === 'notInModel' ? `${d.kind}\u0000${d.activity}` : `${d.kind}\u0000${d.place}`;
      const sum = deviations.get(key) ?? { ...d, tokens: 0, cases: 0 };
      sum.tokens += d.tokens * n;
      sum.cases += n;
      deviations.set(key, sum);
    }
    unfit.push({ fit: { fitness: round4(fitness(r)), produced: r.produced, consumed: r.consumed, missing: r.missing, remaining: r.remaining, deviations: found }, caseIds: variant.caseIds });
  }
  const worst = unfit
    .flatMap((u) => u.caseIds.slice(0, limit).map((caseId) => ({ caseId, ...u.fit })))
    .sort((a, b) => a.fitness - b.fitness || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0))
    .slice(0, limit);
  const unmapped = [...deviations.values()].flatMap((d) => (d.kind === 'notInModel' ? [d.activity] : []));
  return {
    fitness: totals.cases ? round4(fitness(totals)) : null,
    ...totals,
    unmappedActivities: unmapped.sort(),
    deviations: [...deviations.values()].sort((a, b) => b.cases - a.cases || b.tokens - a.tokens || describe(a).localeCompare(describe(b))),
    worst,
  };
}

/** A trace's deviations: tokens missing per place, remaining per place, events outside the model per activity. */
export function deviationsOf(net: WorkflowNet, r: TraceReplay): Deviation[] {
  const at = (kind: 'missing' | 'remaining', byPlace: Map<number, number>): Deviation[] =>
    [...byPlace].map(([p, tokens]) => {
      const place = net.places[p]!;
      return { kind, place: place.id, after: place.after, before: place.before, tokens };
    });
  return [...at('missing', r.missingAt), ...at('remaining', r.remainingAt), ...[...r.notInModel].map(([activity, tokens]) => ({ kind: 'notInModel' as const, activity, tokens }))];
}

const describe = (d: Deviation) => `${d.kind} ${d.kind === 'notInModel' ? d.activity : d.place}`;
