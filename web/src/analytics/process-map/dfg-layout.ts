import dagre from '@dagrejs/dagre';
import type { DfgNode } from '../analytics.api';
import { END, START, type MapEdge, type SimplifiedMap } from './dfg-simplify';
import { textWidth, wrapText } from './text-measure';

/*
 * Where everything of the process map goes: dagre's layered layout, top to bottom, with room
 * kept for each edge's label (so labels do not sit on boxes or on each other), the frequent
 * paths kept pointing downwards where a loop has to be broken.
 */

export const NODE_FONT = 12;
export const COUNT_FONT = 11;
export const EDGE_FONT = 11;
const LINE = 16;
const PAD_X = 12;
const PAD_Y = 8;
const MIN_WIDTH = 100;
const MAX_TEXT = 150;
export const MARKER_R = 13;

export type PlacedNode = {
  id: string;
  /** null for the start and end markers. */
  node: DfgNode | null;
  lines: string[];
  /** Second line in small type, e.g. the lifecycle (`开始`) or nothing. */
  note: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
};

export type PlacedEdge = { edge: MapEdge; points: { x: number; y: number }[]; label: string; labelX: number; labelY: number };

export type MapLayout = { nodes: PlacedNode[]; edges: PlacedEdge[]; width: number; height: number };

export type LayoutInput = {
  map: SimplifiedMap;
  /** The activity's name and an optional note (its lifecycle) as shown. */
  name: (activity: string) => { name: string; note: string | null };
  /** The figure of a node's second line (its count). */
  nodeFigure: (node: DfgNode) => string;
  /** An edge's label (its count or duration), or '' for none. */
  edgeLabel: (edge: MapEdge) => string;
};

export function layoutMap({ map, name, nodeFigure, edgeLabel }: LayoutInput): MapLayout {
  const g = new dagre.graphlib.Graph<object, { width: number; height: number; x?: number; y?: number }, { width: number; height: number; weight: number; labelpos: 'c'; points?: { x: number; y: number }[]; x?: number; y?: number }>({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 20, edgesep: 10, ranksep: 34, marginx: 16, marginy: 16, acyclicer: 'greedy', ranker: 'network-simplex' });
  g.setDefaultEdgeLabel(() => ({ width: 0, height: 0, weight: 1, labelpos: 'c' }));

  const shaped = new Map<string, Omit<PlacedNode, 'x' | 'y'>>();
  for (const node of map.nodes) {
    const shown = name(node.activity);
    const lines = wrapText(shown.name, MAX_TEXT, NODE_FONT, 3, 500);
    const figure = nodeFigure(node);
    const footer = shown.note ? `${shown.note} · ${figure}` : figure;
    const textW = Math.max(...lines.map((l) => textWidth(l, NODE_FONT, 500)), textWidth(footer, COUNT_FONT));
    const width = Math.max(MIN_WIDTH, Math.ceil(textW) + PAD_X * 2);
    const height = PAD_Y * 2 + lines.length * LINE + LINE - 2;
    shaped.set(node.activity, { id: node.activity, node, lines, note: footer, width, height });
  }
  const hasStart = map.edges.some((e) => e.from === START);
  const hasEnd = map.edges.some((e) => e.to === END);
  for (const id of [...(hasStart ? [START] : []), ...(hasEnd ? [END] : [])]) {
    shaped.set(id, { id, node: null, lines: [], note: null, width: MARKER_R * 2, height: MARKER_R * 2 });
  }
  // dagre gets plain ids (activity names may hold anything) and whole weights: its greedy
  // acyclicer does not finish with fractional ones
  const ids = new Map([...shaped.keys()].map((id, i) => [id, `n${i}`]));
  for (const s of shaped.values()) g.setNode(ids.get(s.id)!, { width: s.width, height: s.height });

  const labels = map.edges.map(edgeLabel);
  const maxCount = Math.max(1, ...map.edges.map((e) => e.count));
  map.edges.forEach((e, i) => {
    const label = labels[i]!;
    // a self-loop's label sits beside its loop; dagre keeps room for labels of other edges only
    const labelled = label && e.from !== e.to;
    g.setEdge(ids.get(e.from)!, ids.get(e.to)!, { width: labelled ? textWidth(label, EDGE_FONT) + 6 : 0, height: labelled ? EDGE_FONT + 4 : 0, weight: e.marker && e.to === END ? 1 : Math.max(1, Math.round((40 * e.count) / maxCount)), labelpos: 'c' }, `e${i}`);
  });
  dagre.layout(g);

  const nodes: PlacedNode[] = [...shaped.values()].map((s) => {
    const at = g.node(ids.get(s.id)!);
    return { ...s, x: at.x ?? 0, y: at.y ?? 0 };
  });
  const edges: PlacedEdge[] = map.edges.map((edge, i) => {
    const at = g.edge({ v: ids.get(edge.from)!, w: ids.get(edge.to)!, name: `e${i}` });
    const points = at.points ?? [];
    const label = labels[i]!;
    if (edge.from === edge.to) {
      const box = shaped.get(edge.from)!;
      const node = g.node(ids.get(edge.from)!);
      const right = Math.max(...points.map((p) => p.x), (node.x ?? 0) + box.width / 2);
      return { edge, points, label, labelX: right + 4, labelY: node.y ?? 0 };
    }
    return { edge, points, label, labelX: at.x ?? points[0]?.x ?? 0, labelY: at.y ?? points[0]?.y ?? 0 };
  });
  const graph = g.graph() as { width?: number; height?: number };
  const selfLabelRight = Math.max(0, ...edges.filter((e) => e.edge.from === e.edge.to && e.label).map((e) => e.labelX + textWidth(e.label, EDGE_FONT) + 8));
  return { nodes, edges, width: Math.max(graph.width ?? 0, selfLabelRight), height: graph.height ?? 0 };
}

/** A smooth path through dagre's points: the uniform B-spline d3 calls `curveBasis`. */
export function basisPath(points: readonly { x: number; y: number }[]): string {
  if (points.length === 0) return '';
  const [first] = points;
  if (points.length < 3) return `M${first!.x},${first!.y}` + points.slice(1).map((p) => `L${p.x},${p.y}`).join('');
  const f = (n: number) => Math.round(n * 10) / 10;
  let d = `M${f(first!.x)},${f(first!.y)}`;
  let [x0, y0, x1, y1] = [first!.x, first!.y, points[1]!.x, points[1]!.y];
  d += `L${f((5 * x0 + x1) / 6)},${f((5 * y0 + y1) / 6)}`;
  const curve = (x: number, y: number) => {
    d += `C${f((2 * x0 + x1) / 3)},${f((2 * y0 + y1) / 3)} ${f((x0 + 2 * x1) / 3)},${f((y0 + 2 * y1) / 3)} ${f((x0 + 4 * x1 + x) / 6)},${f((y0 + 4 * y1 + y) / 6)}`;
    [x0, y0, x1, y1] = [x1, y1, x, y];
  };
  for (const p of points.slice(2)) curve(p.x, p.y);
  curve(x1, y1);
  d += `L${f(x1)},${f(y1)}`;
  return d;
}
