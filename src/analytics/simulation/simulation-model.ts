import { expressionText } from '../../engine/expressions/index.ts';
import type { FlowNode, NodeType, ProcessModel, SequenceFlow } from '../../engine/model/process-model.ts';
import { approximateMs, parseDuration } from '../../engine/timers/duration.ts';
import type { Distribution } from './distributions.ts';

/*
 * What the simulator needs to know of a deployed process, and the parameters it runs with. The
 * simulated part is what a case can reach from the process's start event, sub-processes included
 * (their insides are simulated); boundary events and event sub-processes are left out.
 */

export type PoolCalendar = '24x7' | 'working';

/** A full parameter set: what a scenario runs with. Durations in seconds. */
export type SimulationParameters = {
  /** Cases arriving per hour; inter-arrival times are exponential (a Poisson stream). */
  arrivalsPerHour: number;
  /** By activity id: every timed activity (tasks, call activities, intermediate events). */
  durations: Record<string, Distribution>;
  /** By sequence-flow id: every flow leaving a split (exclusive: of each split they add up to 1). */
  branchProbabilities: Record<string, number>;
  /** By pool name: how many people work it and when. */
  pools: Record<string, { size: number; calendar: PoolCalendar }>;
  /** Activity ids skipped: a removed activity passes its token straight on. */
  removedActivities: string[];
};

/** Where a value came from: learned from a log, Banklane's default, or set by hand in the request. */
export type Source = 'log' | 'default' | 'hand';

export type ValueOrigin = { source: Source; note?: string; observations?: number; [detail: string]: unknown };

/** For each value of a parameter set, where it came from, with what it was learned from. */
export type Provenance = {
  arrivalsPerHour: ValueOrigin;
  durations: Record<string, ValueOrigin>;
  branchProbabilities: Record<string, ValueOrigin>;
  pools: Record<string, ValueOrigin>;
};

export type ActivityInfo = {
  id: string;
  /** The name a log knows it by: its name, or its id when it has none. */
  label: string;
  type: NodeType;
  /** The pool whose people do it (user and manual tasks), else null: automatic. */
  pool: string | null;
  /** Whether it takes a duration (sub-processes take the time of what is inside). */
  timed: boolean;
};

export type SplitInfo = { id: string; label: string; kind: 'exclusive' | 'inclusive'; flows: { id: string; target: string; targetLabel: string }[] };

/** The simulated part of a model, as the parameters refer to it. */
export type ModelOutline = {
  model: ProcessModel;
  /** Where a case starts: the none start event, else the first event start, else the implicit starts. */
  starts: string[];
  /** Every simulated flow node, in model order. */
  nodes: FlowNode[];
  activities: ActivityInfo[];
  splits: SplitInfo[];
  pools: string[];
};

const TIMED = new Set<NodeType>(['task', 'userTask', 'serviceTask', 'sendTask', 'receiveTask', 'manualTask', 'businessRuleTask', 'callActivity', 'intermediateCatchEvent', 'intermediateThrowEvent']);
const HUMAN = new Set<NodeType>(['userTask', 'manualTask']);
const GATEWAY = new Set<NodeType>(['exclusiveGateway', 'parallelGateway', 'inclusiveGateway', 'eventBasedGateway']);

export const labelOf = (node: FlowNode) => node.name?.trim() || node.id;

/** The pool of a human task: its lane, else its first candidate group, else one named after it. */
export function poolOf(node: FlowNode): string | null {
  if (!HUMAN.has(node.type)) return null;
  const group = node.task?.candidateGroups[0];
  return node.lane || (group ? expressionText(group).trim() : '') || labelOf(node);
}

/** How a node chooses among its outgoing flows, if it chooses at all. */
export function splitKind(node: FlowNode, flows: Record<string, SequenceFlow>): SplitInfo['kind'] | null {
  if (node.outgoing.length < 2) return null;
  if (node.type === 'exclusiveGateway' || node.type === 'eventBasedGateway') return 'exclusive';
  if (node.type === 'inclusiveGateway') return 'inclusive';
  // conditional flows out of an activity behave as an inclusive gateway after it
  if (!GATEWAY.has(node.type) && node.outgoing.some((f) => flows[f]?.condition)) return 'inclusive';
  return null;
}

function scopeStarts(model: ProcessModel, scope: string): string[] {
  const info = model.scopes[scope];
  if (!info) return [];
  if (info.noneStart) return [info.noneStart];
  const started = info.eventStarts.filter((id) => model.nodes[id]?.type === 'startEvent' && !model.nodes[id]?.triggeredByEvent);
  return started.length ? [started[0]!] : info.implicitStarts;
}

/** Starts of a node's inside, for sub-processes. */
export function startsOf(model: ProcessModel, node: FlowNode): string[] {
  return node.type === 'subProcess' && !node.triggeredByEvent ? scopeStarts(model, node.id) : [];
}

/** The simulated part of a process model: everything a case can reach from its start. */
export function outline(model: ProcessModel): ModelOutline {
  const starts = scopeStarts(model, model.id);
  const reached = new Set<string>();
  const work = [...starts];
  while (work.length) {
    const id = work.pop()!;
    const node = model.nodes[id];
    if (!node || reached.has(id)) continue;
    reached.add(id);
    for (const f of node.outgoing) if (model.flows[f]) work.push(model.flows[f].target);
    work.push(...startsOf(model, node));
  }
  const nodes = Object.values(model.nodes).filter((n) => reached.has(n.id));
  const activities = nodes.filter((n) => TIMED.has(n.type) || n.type === 'subProcess').map((n) => ({ id: n.id, label: labelOf(n), type: n.type, pool: poolOf(n), timed: TIMED.has(n.type) }));
  const splits: SplitInfo[] = [];
  for (const n of nodes) {
    const kind = splitKind(n, model.flows);
    if (!kind) continue;
    splits.push({ id: n.id, label: labelOf(n), kind, flows: n.outgoing.map((f) => ({ id: f, target: model.flows[f]!.target, targetLabel: labelOf(model.nodes[model.flows[f]!.target]!) })) });
  }
  const pools = [...new Set(activities.map((a) => a.pool).filter((p): p is string => p !== null))];
  return { model, starts, nodes, activities, splits, pools };
}

/** Every node of the model from which `joinId` can be reached without passing through it. */
export function nodesReaching(model: ProcessModel, joinId: string): Set<string> {
  const found = new Set<string>();
  const work = model.nodes[joinId]!.incoming.map((f) => model.flows[f]!.source);
  while (work.length) {
    const id = work.pop()!;
    if (id === joinId || found.has(id)) continue;
    found.add(id);
    for (const f of model.nodes[id]?.incoming ?? []) work.push(model.flows[f]!.source);
  }
  return found;
}

/** A human task takes 10 minutes (exponential) unless a log or a person says otherwise. */
export const DEFAULT_HUMAN_DURATION: Distribution = { kind: 'exponential', mean: 600 };

/** A timer's own duration when it is a fixed ISO 8601 duration (`PT30M`), else null. */
function timerSeconds(node: FlowNode): number | null {
  if (node.event?.kind !== 'timer' || node.event.timer.type !== 'timeDuration' || node.event.timer.expression.kind !== 'literal') return null;
  const parsed = parseDuration(node.event.timer.expression.text);
  return parsed.ok ? approximateMs(parsed.duration) / 1000 : null;
}

/**
 * Parameters where nothing is known: one case an hour; human tasks 10 minutes (exponential);
 * timers their own fixed duration; other activities no time at all; branches of an exclusive
 * split equally likely, of an inclusive split each taken half the time; pools of one person,
 * around the clock.
 */
export function defaultParameters(o: ModelOutline): { parameters: SimulationParameters; provenance: Provenance } {
  const parameters: SimulationParameters = { arrivalsPerHour: 1, durations: {}, branchProbabilities: {}, pools: {}, removedActivities: [] };
  const provenance: Provenance = { arrivalsPerHour: { source: 'default' }, durations: {}, branchProbabilities: {}, pools: {} };
  for (const a of o.activities) {
    if (!a.timed) continue;
    const node = o.model.nodes[a.id]!;
    const timer = timerSeconds(node);
    if (a.pool) {
      parameters.durations[a.id] = DEFAULT_HUMAN_DURATION;
      provenance.durations[a.id] = { source: 'default' };
    } else if (timer !== null) {
      parameters.durations[a.id] = { kind: 'fixed', value: timer };
      provenance.durations[a.id] = { source: 'default', note: 'the timer of the model' };
    } else {
      parameters.durations[a.id] = { kind: 'fixed', value: 0 };
      provenance.durations[a.id] = { source: 'default', ...(node.event?.kind === 'timer' || node.event?.kind === 'message' || node.type === 'receiveTask' ? { note: 'a wait whose length the model does not fix: set it by hand' } : {}) };
    }
  }
  for (const s of o.splits) {
    for (const f of s.flows) {
      parameters.branchProbabilities[f.id] = s.kind === 'exclusive' ? Math.round((1 / s.flows.length) * 10_000) / 10_000 : 0.5;
      provenance.branchProbabilities[f.id] = { source: 'default' };
    }
    if (s.kind === 'exclusive') fixRounding(s.flows.map((f) => f.id), parameters.branchProbabilities);
  }
  for (const p of o.pools) {
    parameters.pools[p] = { size: 1, calendar: '24x7' };
    provenance.pools[p] = { source: 'default' };
  }
  return { parameters, provenance };
}

/** Makes probabilities rounded to 4 decimals add up to exactly 1 again, on the largest. */
export function fixRounding(flowIds: string[], probabilities: Record<string, number>): void {
  const sum = flowIds.reduce((s, f) => s + (probabilities[f] ?? 0), 0);
  const largest = flowIds.reduce((best, f) => ((probabilities[f] ?? 0) > (probabilities[best] ?? 0) ? f : best), flowIds[0]!);
  probabilities[largest] = Math.round(((probabilities[largest] ?? 0) + 1 - sum) * 10_000) / 10_000;
}
