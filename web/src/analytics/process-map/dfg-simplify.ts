import type { Dfg, DfgEdge, DfgNode } from '../analytics.api';

/*
 * The process map's detail sliders: keep the most frequent activities, then the most frequent
 * paths among them — and put back the widest paths needed so that every kept activity can still
 * be reached from the start and can still reach the end, where the kept activities allow it.
 * A map with a dangling activity would suggest cases that stop half way.
 */

/** The start and end markers, as node ids no activity can have. */
export const START = '\u0000start';
export const END = '\u0000end';

/** An edge of the map: a directly-follows pair, or from the start / to the end marker (`marker`, durations null). */
export type MapEdge = DfgEdge & { marker: boolean };

export type SimplifiedMap = {
  nodes: DfgNode[];
  edges: MapEdge[];
  /** Of the whole graph, for "8 of 27 activities". */
  totalNodes: number;
  /** Paths between kept activities and to/from the markers, for "20 of 41 paths". */
  totalEdges: number;
};

const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count;

/** Every node reachable from `source` over `edges` (or reaching it, `reverse`). */
function reachable(source: string, edges: readonly MapEdge[], reverse = false): Set<string> {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    const [a, b] = reverse ? [e.to, e.from] : [e.from, e.to];
    next.set(a, [...(next.get(a) ?? []), b]);
  }
  const seen = new Set([source]);
  const stack = [source];
  while (stack.length) {
    for (const n of next.get(stack.pop()!) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return seen;
}

/**
 * The widest-path tree from `source` (the path whose least frequent edge is most frequent), as
 * each node's edge towards the source; `reverse` gives the tree of widest paths *to* the source.
 */
function widestTree(source: string, nodes: readonly string[], edges: readonly MapEdge[], reverse = false): Map<string, MapEdge> {
  const width = new Map<string, number>([[source, Infinity]]);
  const via = new Map<string, MapEdge>();
  const done = new Set<string>();
  for (;;) {
    let best: string | undefined;
    for (const n of [source, ...nodes]) if (!done.has(n) && (width.get(n) ?? -1) >= 0 && (best === undefined || width.get(n)! > width.get(best)!)) best = n;
    if (best === undefined) break;
    done.add(best);
    for (const e of edges) {
      const [a, b] = reverse ? [e.to, e.from] : [e.from, e.to];
      if (a !== best || done.has(b)) continue;
      const w = Math.min(width.get(best)!, e.count);
      if (w > (width.get(b) ?? -1)) {
        width.set(b, w);
        via.set(b, e);
      }
    }
  }
  return via;
}

/**
 * The map at a level of detail: the `activityShare` (0…1) most frequent activities (at least
 * one), the `pathShare` most frequent paths among them (the markers' included), and the paths
 * that keep every kept activity between start and end.
 */
export function simplifyDfg(dfg: Dfg, activityShare: number, pathShare: number): SimplifiedMap {
  const sorted = [...dfg.nodes].sort((a, b) => byCount(a, b) || a.activity.localeCompare(b.activity));
  const nodes = sorted.slice(0, Math.max(1, Math.ceil(sorted.length * activityShare)));
  const kept = new Set(nodes.map((n) => n.activity));
  const marker = (from: string, to: string, count: number): MapEdge => ({ from, to, count, meanSeconds: null, medianSeconds: null, p90Seconds: null, marker: true });
  const candidates: MapEdge[] = [
    ...nodes.filter((n) => n.starts > 0).map((n) => marker(START, n.activity, n.starts)),
    ...dfg.edges.filter((e) => kept.has(e.from) && kept.has(e.to)).map((e) => ({ ...e, marker: false })),
    ...nodes.filter((n) => n.ends > 0).map((n) => marker(n.activity, END, n.ends)),
  ].sort(byCount);
  const chosen = new Set(candidates.slice(0, Math.ceil(candidates.length * pathShare)));

  const names = nodes.map((n) => n.activity);
  for (const [source, reverse] of [[START, false], [END, true]] as const) {
    const tree = widestTree(source, names, candidates, reverse);
    for (const name of names) {
      if (reachable(source, [...chosen], reverse).has(name)) continue;
      // walk the widest path back towards the marker, adding its edges until joining the map
      const connected = reachable(source, [...chosen], reverse);
      for (let at = name, edge = tree.get(at); edge && !connected.has(at); at = reverse ? edge.to : edge.from, edge = tree.get(at)) {
        chosen.add(edge);
      }
    }
  }
  return { nodes, edges: candidates.filter((e) => chosen.has(e)), totalNodes: dfg.nodes.length, totalEdges: candidates.length };
}

/** The path share that shows about 1.3 paths per activity of the map at `activityShare` (every path when there are at most 30). */
export function defaultPathShare(dfg: Dfg, activityShare: number): number {
  const all = simplifyDfg(dfg, activityShare, 1);
  const target = Math.round(all.nodes.length * 1.3 + 4);
  if (all.totalEdges <= Math.max(target, 30)) return 1;
  return Math.max(0.05, Math.ceil((target / all.totalEdges) * 20) / 20);
}
