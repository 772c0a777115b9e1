import type { WorkflowNet } from './workflow-net.ts';

/*
 * Token-based replay (Rozinat & van der Aalst, "Conformance checking of processes based on
 * monitoring real behavior", Information Systems 33(1), 2008): a trace is played on the net from
 * one token in the source; each event fires its activity's transition, and where the transition's
 * input lacks a token the replay first tries the shortest sequence of silent transitions that
 * provides it (a bounded breadth-first search), and only then creates the token, counting it as
 * missing. At the end the token is taken from the sink (missing if absent, after again trying
 * silent transitions); what is left anywhere else is remaining. Silent firings are counted like
 * any other.
 */

export type TraceReplay = {
  produced: number;
  consumed: number;
  missing: number;
  remaining: number;
  /** Tokens created, by place index. */
  missingAt: Map<number, number>;
  /** Tokens left at the end, by place index. */
  remainingAt: Map<number, number>;
  /** Events of activities the net does not have, by activity: skipped. */
  notInModel: Map<string, number>;
};

/** Replays one trace (the activities of a case's completion events, in order). */
export type Replayer = (trace: readonly string[]) => TraceReplay;

/** Markings a search for silent transitions visits at most, per event; beyond it the token is missing. */
export const MAX_SEARCH_STATES = 2000;

/** ½(1 − m/c) + ½(1 − r/p): 1 when nothing was missing or left over, toward 0 as more was. */
export function fitness(r: { produced: number; consumed: number; missing: number; remaining: number }): number {
  return 0.5 * (1 - (r.consumed ? r.missing / r.consumed : 0)) + 0.5 * (1 - (r.produced ? r.remaining / r.produced : 0));
}

/** Prepares replay on a net (which silent transitions can help which place); the result replays any number of traces. */
export function replayer(net: WorkflowNet, maxStates = MAX_SEARCH_STATES): Replayer {
  const { transitions, sink, source } = net;
  const size = net.places.length;
  const isSilent = transitions.map((t) => t.label === null);
  const producers: number[][] = net.places.map(() => []);
  transitions.forEach((t, i) => {
    if (isSilent[i]) for (const p of t.outputs) producers[p]!.push(i);
  });

  /** The silent transitions that can, through silent transitions only, put a token in one of `places`. */
  const towardsCache = new Map<string, number[]>();
  function towards(places: readonly number[]): number[] {
    const key = places.join(',');
    const known = towardsCache.get(key);
    if (known) return known;
    const seenPlaces = new Set(places);
    const found = new Set<number>();
    const stack = [...places];
    while (stack.length) {
      for (const t of producers[stack.pop()!]!) {
        if (found.has(t)) continue;
        found.add(t);
        for (const p of transitions[t]!.inputs) if (!seenPlaces.has(p)) (seenPlaces.add(p), stack.push(p));
      }
    }
    const result = [...found].sort((a, b) => a - b);
    towardsCache.set(key, result);
    return result;
  }

  // The end: what leads to the sink, and what absorbs tokens (skipped inclusive branches, parallel
  // ends of a sub-process); a token can be cleared at the end only from these transitions' inputs.
  const toSink = towards([sink]);
  const absorbers = transitions.flatMap((t, i) => (isSilent[i] && t.outputs.length === 0 ? [i] : []));
  const drain = [...new Set([...toSink, ...absorbers, ...towards([...new Set(absorbers.flatMap((t) => transitions[t]!.inputs))])])].sort((a, b) => a - b);
  const drainable = new Uint8Array(size);
  for (const t of drain) for (const p of transitions[t]!.inputs) drainable[p] = 1;
  drainable[sink] = 1;

  const resolved = new Map<string, number[] | 'silent' | null>();
  const resolve = (activity: string) => {
    let r = resolved.get(activity);
    if (r === undefined) resolved.set(activity, (r = net.byName.get(activity) ?? net.byId.get(activity) ?? (net.silent.has(activity) ? 'silent' : null)));
    return r;
  };

  const enabled = (t: number, m: Int32Array) => transitions[t]!.inputs.every((p) => m[p]! > 0);

  /** The shortest sequence of enabled transitions among `candidates` that reaches a marking meeting `goal`; null if none within maxStates. */
  function search(start: Int32Array, candidates: readonly number[], goal: (m: Int32Array) => boolean): number[] | null {
    const queue = [start];
    const parent = [-1];
    const via = [-1];
    const seen = new Set([start.join()]);
    for (let head = 0; head < queue.length; head++) {
      const current = queue[head]!;
      for (const t of candidates) {
        if (!enabled(t, current)) continue;
        const next = current.slice();
        for (const p of transitions[t]!.inputs) next[p]!--;
        for (const p of transitions[t]!.outputs) next[p]!++;
        const key = next.join();
        if (seen.has(key)) continue;
        seen.add(key);
        queue.push(next);
        parent.push(head);
        via.push(t);
        if (goal(next)) {
          const path: number[] = [];
          for (let at = queue.length - 1; at > 0; at = parent[at]!) path.push(via[at]!);
          return path.reverse();
        }
        if (queue.length >= maxStates) return null;
      }
    }
    return null;
  }

  return (trace) => {
    const m = new Int32Array(size);
    const r: TraceReplay = { produced: 1, consumed: 0, missing: 0, remaining: 0, missingAt: new Map(), remainingAt: new Map(), notInModel: new Map() };
    m[source] = 1;
    const lack = (p: number) => {
      r.missing++;
      r.missingAt.set(p, (r.missingAt.get(p) ?? 0) + 1);
      m[p] = 1;
    };
    const fire = (t: number) => {
      for (const p of transitions[t]!.inputs) {
        if (m[p] === 0) lack(p);
        m[p]!--;
        r.consumed++;
      }
      for (const p of transitions[t]!.outputs) m[p]!++;
      r.produced += transitions[t]!.outputs.length;
    };

    for (const activity of trace) {
      const candidates = resolve(activity);
      if (candidates === 'silent') continue;
      if (candidates === null) {
        r.notInModel.set(activity, (r.notInModel.get(activity) ?? 0) + 1);
        continue;
      }
      let chosen = candidates.find((t) => enabled(t, m));
      if (chosen === undefined) {
        const helpers = candidates.length === 1 ? towards(transitions[candidates[0]!]!.inputs) : [...new Set(candidates.flatMap((t) => towards(transitions[t]!.inputs)))].sort((a, b) => a - b);
        const path = helpers.length ? search(m, helpers, (next) => candidates.some((t) => enabled(t, next))) : null;
        if (path) {
          path.forEach(fire);
          chosen = candidates.find((t) => enabled(t, m));
        }
      }
      fire(chosen ?? candidates[0]!);
    }

    // the end: every token on to the sink if silent transitions can take them there, else at least one
    const onlySink = (next: Int32Array) => next[sink]! > 0 && next.every((n, p) => n === 0 || p === sink);
    if (!onlySink(m)) {
      const canClear = m.every((n, p) => n === 0 || drainable[p] === 1);
      const path = (canClear ? search(m, drain, onlySink) : null) ?? (m[sink] === 0 ? search(m, toSink, (next) => next[sink]! > 0) : null);
      path?.forEach(fire);
    }
    if (m[sink] === 0) lack(sink);
    // the sink collects a token from each end event reached (parallel paths may each reach one)
    r.consumed += m[sink]!;
    m[sink] = 0;
    m.forEach((n, p) => {
      if (n > 0) {
        r.remaining += n;
        r.remainingAt.set(p, n);
      }
    });
    return r;
  };
}
