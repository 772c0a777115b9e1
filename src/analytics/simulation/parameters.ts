import type { FieldError } from '../../platform/errors.ts';
import { checkDistribution } from './distributions.ts';
import type { ModelOutline, PoolCalendar, Provenance, SimulationParameters } from './simulation-model.ts';

/** A scenario's changes to the learned (or default) parameters: any part, or all of them. */
export type ParameterOverrides = {
  arrivalsPerHour?: number;
  durations?: Record<string, unknown>;
  branchProbabilities?: Record<string, number>;
  pools?: Record<string, { size?: number; calendar?: PoolCalendar }>;
  removedActivities?: string[];
};

/** How far apart from 1 the probabilities of an exclusive split may add up. */
const SUM_TOLERANCE = 0.001;

/** A key as one step of a JSON pointer (RFC 6901). */
export const pointerStep = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The parameters a scenario runs with: `base` with the overrides applied, each overridden value
 * marked as set by hand. Collects every problem (the field named from `at`, a JSON pointer):
 * an id that is no activity, flow or pool of the model; an exclusive split whose probabilities do
 * not add up to 1; an inclusive split none of whose branches can be taken.
 */
export function applyOverrides(o: ModelOutline, base: { parameters: SimulationParameters; provenance: Provenance }, overrides: ParameterOverrides, at: string): { parameters: SimulationParameters; provenance: Provenance; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fail = (field: string, en: string, zh: string) => errors.push({ field: `${at}${field}`, message: { en, zh } });
  const parameters: SimulationParameters = structuredClone(base.parameters);
  const provenance: Provenance = structuredClone(base.provenance);
  const hand = { source: 'hand' as const };
  const timed = new Set(o.activities.filter((a) => a.timed).map((a) => a.id));
  const removable = new Set(o.activities.map((a) => a.id));
  const flowSplit = new Map(o.splits.flatMap((s) => s.flows.map((f) => [f.id, s] as const)));

  if (overrides.arrivalsPerHour !== undefined) {
    parameters.arrivalsPerHour = overrides.arrivalsPerHour;
    provenance.arrivalsPerHour = hand;
  }
  for (const [id, value] of Object.entries(overrides.durations ?? {})) {
    const field = `/durations/${pointerStep(id)}`;
    if (!timed.has(id)) {
      fail(field, `"${id}" is no activity of the process that takes time; use one of: ${[...timed].join(', ')}`, `“${id}”不是该流程中需要耗时的活动；可用：${[...timed].join('、')}`);
      continue;
    }
    const checked = checkDistribution(value, `${at}${field}`);
    if (!checked.ok) errors.push(...checked.errors);
    else {
      parameters.durations[id] = checked.value;
      provenance.durations[id] = hand;
    }
  }
  for (const [id, p] of Object.entries(overrides.branchProbabilities ?? {})) {
    if (!flowSplit.has(id)) {
      fail(`/branchProbabilities/${pointerStep(id)}`, `"${id}" is no sequence flow leaving a split of the process; use one of: ${[...flowSplit.keys()].join(', ')}`, `“${id}”不是该流程中分支点的出口连线；可用：${[...flowSplit.keys()].join('、')}`);
      continue;
    }
    parameters.branchProbabilities[id] = p;
    provenance.branchProbabilities[id] = hand;
  }
  for (const split of new Set(Object.keys(overrides.branchProbabilities ?? {}).map((id) => flowSplit.get(id)).filter((s) => s !== undefined))) {
    const ids = split.flows.map((f) => f.id);
    const field = `/branchProbabilities/${pointerStep(ids.find((f) => overrides.branchProbabilities?.[f] !== undefined)!)}`;
    const values = ids.map((f) => parameters.branchProbabilities[f] ?? 0);
    const sum = Math.round(values.reduce((s, v) => s + v, 0) * 1e6) / 1e6;
    if (split.kind === 'exclusive' && Math.abs(sum - 1) > SUM_TOLERANCE) {
      fail(field, `the probabilities of the flows leaving "${split.label}" (${ids.join(', ')}) add up to ${sum}; they must add up to 1 — give all of them`, `“${split.label}”各出口连线（${ids.join('、')}）的概率之和为 ${sum}，须为 1——请一并给出全部出口的概率`);
    }
    if (split.kind === 'inclusive' && values.every((v) => v === 0)) {
      fail(field, `at least one flow leaving "${split.label}" (${ids.join(', ')}) must have a probability above 0`, `“${split.label}”的出口连线（${ids.join('、')}）中至少一条的概率须大于 0`);
    }
  }
  for (const [name, change] of Object.entries(overrides.pools ?? {})) {
    const current = parameters.pools[name];
    if (!current) {
      fail(`/pools/${pointerStep(name)}`, `"${name}" is no resource pool of the process; its pools are: ${o.pools.join(', ') || 'none'}`, `“${name}”不是该流程的资源池；现有资源池：${o.pools.join('、') || '无'}`);
      continue;
    }
    parameters.pools[name] = { size: change.size ?? current.size, calendar: change.calendar ?? current.calendar };
    provenance.pools[name] = hand;
  }
  if (overrides.removedActivities) {
    overrides.removedActivities.forEach((id, i) => {
      if (!removable.has(id)) fail(`/removedActivities/${i}`, `"${id}" is no activity of the process; use one of: ${[...removable].join(', ')}`, `“${id}”不是该流程的活动；可用：${[...removable].join('、')}`);
    });
    parameters.removedActivities = [...new Set(overrides.removedActivities)];
  }
  return { parameters, provenance, errors };
}
