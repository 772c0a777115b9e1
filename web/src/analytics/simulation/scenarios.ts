import type { FieldProblem } from '../../api/client';
import type { Distribution, ModelSplit, ParameterOverrides, ParameterSet, SimulationParameters } from './simulation.api';

/*
 * The scenarios of the what-if workbench: each a full parameter set the user edits, sent as its
 * differences from the base set (learned from the log, or the defaults). Pure.
 */

export type Scenario = { key: string; name: string; parameters: SimulationParameters };

/** The most scenarios side by side (the server takes 10; more would not fit a screen). */
export const MAX_SCENARIOS = 6;

let counter = 0;
const nextKey = () => `s${++counter}`;

export function scenarioOf(name: string, parameters: SimulationParameters): Scenario {
  return { key: nextKey(), name, parameters: structuredClone(parameters) };
}

const sameDistribution = (a: Distribution | undefined, b: Distribution | undefined) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What a scenario changes of the base set, as the server takes it. Every flow of a split with a
 * changed flow is sent, as the server checks each changed split whole (its shares add up to 1).
 */
export function overridesOf(base: ParameterSet, p: SimulationParameters): ParameterOverrides {
  const b = base.parameters;
  const o: ParameterOverrides = {};
  if (p.arrivalsPerHour !== b.arrivalsPerHour) o.arrivalsPerHour = p.arrivalsPerHour;
  for (const [id, d] of Object.entries(p.durations)) if (!sameDistribution(d, b.durations[id])) (o.durations ??= {})[id] = d;
  for (const split of base.model.splits) {
    if (!split.flows.some((f) => p.branchProbabilities[f.id] !== b.branchProbabilities[f.id])) continue;
    for (const f of split.flows) (o.branchProbabilities ??= {})[f.id] = p.branchProbabilities[f.id] ?? 0;
  }
  for (const [name, pool] of Object.entries(p.pools)) {
    const was = b.pools[name];
    if (!was || pool.size !== was.size || pool.calendar !== was.calendar) (o.pools ??= {})[name] = { ...(pool.size !== was?.size && { size: pool.size }), ...(pool.calendar !== was?.calendar && { calendar: pool.calendar }) };
  }
  if (p.removedActivities.length || b.removedActivities.length) {
    const removed = [...p.removedActivities].sort();
    if (removed.join('\u0000') !== [...b.removedActivities].sort().join('\u0000')) o.removedActivities = removed;
  }
  return o;
}

/** One more (or fewer: `delta` < 0) person in a pool, at least one. */
export function withPoolSize(p: SimulationParameters, pool: string, delta: number): SimulationParameters {
  const current = p.pools[pool];
  if (!current) return p;
  return { ...p, pools: { ...p.pools, [pool]: { ...current, size: Math.max(1, current.size + delta) } } };
}

/** An activity removed from (or put back into) the process: its token passes straight on. */
export function withRemoved(p: SimulationParameters, activityId: string, removed: boolean): SimulationParameters {
  const rest = p.removedActivities.filter((a) => a !== activityId);
  return { ...p, removedActivities: removed ? [...rest, activityId] : rest };
}

/**
 * A branch's probability set; in a two-way exclusive split the other branch takes the rest, so
 * that the shares keep adding up to 1. With more branches the user balances them (the server
 * names the split if they do not add up).
 */
export function withBranch(p: SimulationParameters, split: ModelSplit, flowId: string, value: number): SimulationParameters {
  const next = { ...p.branchProbabilities, [flowId]: value };
  if (split.kind === 'exclusive' && split.flows.length === 2) {
    const other = split.flows.find((f) => f.id !== flowId)!;
    next[other.id] = Math.round((1 - value) * 10_000) / 10_000;
  }
  return { ...p, branchProbabilities: next };
}

export const withDuration = (p: SimulationParameters, activityId: string, d: Distribution): SimulationParameters => ({ ...p, durations: { ...p.durations, [activityId]: d } });

/** A JSON pointer step unescaped (RFC 6901). */
const unescape = (step: string) => step.replace(/~1/g, '/').replace(/~0/g, '~');

/** Where a problem of the server belongs: a parameter of a scenario (`cell`: `pools/teller`, `durations/review`, `arrivalsPerHour`…), a scenario's own field (`cases`, `name`), or the request (`logId`, …). */
export type ProblemPlace = { scenario: number; cell: string } | { scenario: null; cell: string };

export function placeOf(field: string): ProblemPlace {
  const steps = field.replace(/^(body|querystring):/, '').split('/').slice(1).map(unescape);
  if (steps[0] === 'scenarios' && steps[1] !== undefined && /^\d+$/.test(steps[1])) {
    const scenario = Number(steps[1]);
    if (steps[2] === 'parameters') {
      const [kind, key] = [steps[3] ?? '', steps[4]];
      return { scenario, cell: kind === 'arrivalsPerHour' || kind === 'removedActivities' || key === undefined ? kind : `${kind}/${key}` };
    }
    return { scenario, cell: steps[2] ?? '' };
  }
  return { scenario: null, cell: steps[0] ?? '' };
}

/** The server's field problems by `<scenario>|<cell>` (and `-|<field>` for the request's own), in its words. */
export function problemsByPlace(errors: readonly FieldProblem[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const e of errors) {
    const place = placeOf(e.field);
    const key = `${place.scenario ?? '-'}|${place.cell}`;
    map.set(key, [...(map.get(key) ?? []), e.message]);
  }
  return map;
}

/** The mean of a distribution, in seconds. */
export function meanOf(d: Distribution): number {
  switch (d.kind) {
    case 'exponential':
    case 'normal':
    case 'lognormal':
      return d.mean;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'fixed':
      return d.value;
    case 'empirical':
      return d.values.length ? d.values.reduce((s, v) => s + v, 0) / d.values.length : 0;
  }
}

/** The standard deviation of a distribution, in seconds (of the normal before truncation). */
export function sdOf(d: Distribution): number {
  switch (d.kind) {
    case 'exponential':
      return d.mean;
    case 'normal':
    case 'lognormal':
      return d.sd;
    case 'uniform':
      return (d.max - d.min) / Math.sqrt(12);
    case 'fixed':
      return 0;
    case 'empirical': {
      const m = meanOf(d);
      return d.values.length > 1 ? Math.sqrt(d.values.reduce((s, v) => s + (v - m) ** 2, 0) / (d.values.length - 1)) : 0;
    }
  }
}

/** A distribution of another kind with the same mean (and spread, where the kind has one). */
export function convert(d: Distribution, kind: Exclude<Distribution['kind'], 'empirical'>): Distribution {
  const mean = meanOf(d);
  const sd = sdOf(d);
  switch (kind) {
    case 'exponential':
      return { kind, mean };
    case 'normal':
    case 'lognormal':
      return { kind, mean, sd };
    case 'uniform': {
      const half = Math.min(mean, sd * Math.sqrt(3));
      return { kind, min: Math.round(mean - half), max: Math.round(mean + half) };
    }
    case 'fixed':
      return { kind, value: mean };
  }
}
