import { fitDistribution } from './distributions.ts';
import { defaultParameters, fixRounding, labelOf, type ModelOutline, type Provenance, type SimulationParameters, type SplitInfo } from './simulation-model.ts';

/*
 * Learns a scenario's parameters from an event log whose activities carry the model's names (an
 * activity without a name goes by its id). What the log does not show keeps its default, and
 * every value says where it came from.
 */

/** One event of a log, in the log's order within its case; `at` in epoch ms. */
export type LogRecord = { caseId: string; activity: string; lifecycle: string | null; at: number; resource: string | null };

const COMPLETE = new Set(['complete', 'end', '']);
const ABORT = new Set(['cancel', 'ate_abort', 'pi_abort', 'withdraw']);
/** How many resource names a pool's provenance lists. */
const NAMES_SHOWN = 20;

type Observed = { lifecycle: number[]; previous: number[]; resources: Set<string> };

/** What one pass over the cases gives: case starts, durations and resources per activity, and each case's activity instances. */
function observe(events: Iterable<LogRecord>) {
  const byCase = new Map<string, LogRecord[]>();
  for (const e of events) {
    let list = byCase.get(e.caseId);
    if (!list) byCase.set(e.caseId, (list = []));
    list.push(e);
  }
  const starts: number[] = [];
  const activities = new Map<string, Observed>();
  const traces: string[][] = [];
  const of = (label: string) => {
    let o = activities.get(label);
    if (!o) activities.set(label, (o = { lifecycle: [], previous: [], resources: new Set() }));
    return o;
  };
  for (const list of byCase.values()) {
    starts.push(list.reduce((first, e) => Math.min(first, e.at), Infinity));
    const open = new Map<string, number[]>();
    const trace: string[] = [];
    let lastEnd: number | null = null;
    for (const e of list) {
      const lifecycle = (e.lifecycle ?? '').toLowerCase();
      const o = of(e.activity);
      if (lifecycle === 'start') {
        const waiting = open.get(e.activity);
        if (waiting) waiting.push(e.at);
        else open.set(e.activity, [e.at]);
        trace.push(e.activity);
      } else if (ABORT.has(lifecycle)) {
        open.get(e.activity)?.shift();
      } else if (COMPLETE.has(lifecycle)) {
        const begun = open.get(e.activity)?.shift();
        if (begun !== undefined) {
          if (e.at >= begun) o.lifecycle.push((e.at - begun) / 1000);
        } else {
          if (lastEnd !== null && e.at >= lastEnd) o.previous.push((e.at - lastEnd) / 1000);
          trace.push(e.activity);
        }
        if (e.resource) o.resources.add(e.resource);
        lastEnd = e.at;
      }
    }
    traces.push(trace);
  }
  return { starts, activities, traces };
}

/**
 * The log's names for the nodes next to a split: walking from `from` along the flows (forward or
 * backward), through gateways and anything the log does not name, up to the first nodes it names.
 * `START`/`END` stand for the beginning or end of a case, when the walk reaches a start or end
 * event the log does not hold.
 */
function nearestLogged(o: ModelOutline, from: string, direction: 'forward' | 'backward', logged: Set<string>): Set<string> {
  const { nodes, flows } = o.model;
  const found = new Set<string>();
  const seen = new Set<string>();
  const work = [from];
  while (work.length) {
    const id = work.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = nodes[id];
    if (!node) continue;
    const label = labelOf(node);
    if (logged.has(label) && !node.type.endsWith('Gateway')) {
      found.add(label);
      continue;
    }
    const next = direction === 'forward' ? node.outgoing.map((f) => flows[f]!.target) : node.incoming.map((f) => flows[f]!.source);
    if (next.length === 0) found.add(direction === 'forward' ? END : START);
    work.push(...next);
  }
  return found;
}

const START = '\u0000start';
const END = '\u0000end';

/**
 * How often each branch of a split was taken: after each occurrence of an activity just before
 * the split, the first later activity that begins one of its branches (before that activity occurs
 * again) counts for that branch; reaching the case's end counts for a branch that ends unlogged.
 */
function countBranches(o: ModelOutline, split: SplitInfo, traces: string[][], logged: Set<string>): { counts: number[]; occurrences: number } {
  // a gateway is never in a log: the walk passes it; an activity whose flows have conditions is its own "before"
  const before = nearestLogged(o, split.id, 'backward', logged);
  const firsts = split.flows.map((f) => nearestLogged(o, f.target, 'forward', logged));
  const counts = split.flows.map(() => 0);
  let occurrences = 0;
  for (const trace of traces) {
    for (let i = -1; i < trace.length; i++) {
      if (i === -1 ? !before.has(START) : !before.has(trace[i]!)) continue;
      let counted = false;
      for (let j = i + 1; j <= trace.length && !counted; j++) {
        const label = j === trace.length ? END : trace[j]!;
        firsts.forEach((set, k) => {
          if (set.has(label)) (counts[k]!++, (counted = true));
        });
        if (!counted && before.has(label)) break;
      }
      if (counted) occurrences++;
    }
  }
  return { counts, occurrences };
}

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Parameters learned from a log:
 * - arrivals per hour: (cases − 1) over the time from the first case's first event to the last case's;
 * - per timed activity, the best-fitting distribution of its durations: start → complete where the
 *   log has lifecycles (method `lifecycle`), else the previous event's end → this event (`previousEvent`);
 * - per split, each branch's share of the times the split was passed (see `countBranches`);
 * - per pool, the number of distinct resources that completed its activities.
 */
export function learnParameters(o: ModelOutline, events: Iterable<LogRecord>): { parameters: SimulationParameters; provenance: Provenance; cases: number; matched: string[]; unmatched: string[] } {
  const { parameters, provenance } = defaultParameters(o);
  const { starts, activities, traces } = observe(events);
  const modelLabels = new Set(o.nodes.map(labelOf));
  const logged = new Set([...activities.keys()].filter((l) => modelLabels.has(l)));

  if (starts.length >= 2) {
    starts.sort((a, b) => a - b);
    const hours = (starts[starts.length - 1]! - starts[0]!) / 3_600_000;
    if (hours > 0) {
      parameters.arrivalsPerHour = r4((starts.length - 1) / hours);
      provenance.arrivalsPerHour = { source: 'log', observations: starts.length, note: 'exponential inter-arrival times at the rate of the cases in the log' };
    }
  }

  for (const a of o.activities) {
    const seen = activities.get(a.label);
    if (!a.timed || !seen) continue;
    const [values, method] = seen.lifecycle.length ? [seen.lifecycle, 'lifecycle'] : [seen.previous, 'previousEvent'];
    if (values.length === 0) continue;
    const fit = fitDistribution(values);
    parameters.durations[a.id] = fit.distribution;
    provenance.durations[a.id] = { source: 'log', method, observations: values.length, meanSeconds: r4(fit.mean), sdSeconds: r4(fit.sd), ksDistance: fit.ksDistance };
  }

  for (const split of o.splits) {
    const { counts, occurrences } = countBranches(o, split, traces, logged);
    const total = counts.reduce((s, c) => s + c, 0);
    if (total === 0) continue;
    split.flows.forEach((f, k) => {
      parameters.branchProbabilities[f.id] = r4(split.kind === 'exclusive' ? counts[k]! / total : Math.min(1, counts[k]! / occurrences));
      provenance.branchProbabilities[f.id] = { source: 'log', observations: counts[k]!, of: split.kind === 'exclusive' ? total : occurrences };
    });
    if (split.kind === 'exclusive') fixRounding(split.flows.map((f) => f.id), parameters.branchProbabilities);
  }

  for (const pool of o.pools) {
    const people = new Set<string>();
    for (const a of o.activities) if (a.pool === pool) for (const r of activities.get(a.label)?.resources ?? []) people.add(r);
    if (people.size === 0) continue;
    parameters.pools[pool] = { size: people.size, calendar: '24x7' };
    provenance.pools[pool] = { source: 'log', observations: people.size, resources: [...people].sort().slice(0, NAMES_SHOWN), note: 'the distinct resources that completed its activities; calendar around the clock unless set by hand' };
  }

  // the engine logs the process itself starting and ending, under its name (or key): not an activity, nor a stranger
  const processLabel = o.model.name?.trim() || o.model.id;
  const unmatched = [...activities.keys()].filter((l) => !modelLabels.has(l) && l !== processLabel).sort();
  return { parameters, provenance, cases: starts.length, matched: [...logged].sort(), unmatched };
}
