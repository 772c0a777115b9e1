import { splitActivity } from '../analytics-format';
import type { Bottleneck, Dfg } from '../analytics.api';

/*
 * The figures of a log's activities laid onto a BPMN diagram: each activity element takes the
 * figures of the log's activity of its name (else of its id, as the engine logs an unnamed
 * element), and a colour on a scale from the least to the greatest value shown.
 */

export const HEAT_MEASURES = ['count', 'waiting', 'handling'] as const;
export type HeatMeasure = (typeof HEAT_MEASURES)[number];

/** An activity's figures: how often it occurred, its mean and p90 waiting and handling times (seconds). */
export type ActivityFigures = {
  activity: string;
  count: number;
  waiting: number | null;
  waitingP90: number | null;
  handling: number | null;
  handlingP90: number | null;
};

/**
 * The log's activities by name: the count from the directly-follows graph (an activity logged
 * with start and complete events counts once per occurrence — its most frequent lifecycle),
 * the times from the bottleneck answer by activity.
 */
export function activityFigures(dfg: Dfg, bottlenecks: Bottleneck[]): Map<string, ActivityFigures> {
  const figures = new Map<string, ActivityFigures>();
  const entry = (activity: string) => {
    let f = figures.get(activity);
    if (!f) figures.set(activity, (f = { activity, count: 0, waiting: null, waitingP90: null, handling: null, handlingP90: null }));
    return f;
  };
  for (const node of dfg.nodes) {
    const f = entry(splitActivity(node.activity).name);
    f.count = Math.max(f.count, node.count);
  }
  for (const b of bottlenecks) {
    if (b.key === null) continue;
    const f = entry(b.key);
    f.count = Math.max(f.count, b.events);
    f.waiting = b.waiting.meanSeconds;
    f.waitingP90 = b.waiting.p90Seconds;
    f.handling = b.handling?.meanSeconds ?? null;
    f.handlingP90 = b.handling?.p90Seconds ?? null;
  }
  return figures;
}

/** An element of the diagram: activities are coloured; events and the process itself only take their figures (so that they are not listed as missing). */
export type DiagramElement = { id: string; name: string | null; activity: boolean };

/** Each element's figures, by its name, else its id; and the log's activities no element took. */
export function matchElements(elements: readonly DiagramElement[], figures: ReadonlyMap<string, ActivityFigures>): { byElement: Map<string, ActivityFigures>; unmatched: string[] } {
  const byElement = new Map<string, ActivityFigures>();
  const used = new Set<string>();
  for (const e of elements) {
    const name = e.name?.replace(/\s+/g, ' ').trim();
    const f = (name ? figures.get(name) : undefined) ?? figures.get(e.id);
    if (!f) continue;
    byElement.set(e.id, f);
    used.add(f.activity);
  }
  return { byElement, unmatched: [...figures.keys()].filter((a) => !used.has(a)).sort() };
}

export const valueOf = (f: ActivityFigures, measure: HeatMeasure): number | null => (measure === 'count' ? f.count : measure === 'waiting' ? f.waiting : f.handling);

/** Light to strong: blue for how often, orange to red for time. Light enough at the top for black text. */
const SCALES: Record<'count' | 'time', [number, number, number][]> = {
  count: [[230, 244, 255], [145, 202, 255], [64, 150, 255]],
  time: [[255, 247, 230], [255, 192, 105], [255, 122, 69]],
};

export const NO_DATA_COLOR = '#f5f5f5';

/** The colour of a value between the least and greatest shown (equal ends: the middle of the scale). */
export function heatColor(value: number, min: number, max: number, measure: HeatMeasure): string {
  const stops = SCALES[measure === 'count' ? 'count' : 'time'];
  const x = max > min ? Math.min(1, Math.max(0, (value - min) / (max - min))) : 0.5;
  const at = x * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(at));
  const [a, b] = [stops[i]!, stops[i + 1]!];
  const mix = (k: number) => Math.round(a[k]! + (b[k]! - a[k]!) * (at - i));
  return `rgb(${mix(0)}, ${mix(1)}, ${mix(2)})`;
}

/** The CSS gradient of a measure's scale, for the legend. */
export function heatGradient(measure: HeatMeasure): string {
  const stops = SCALES[measure === 'count' ? 'count' : 'time'];
  return `linear-gradient(to right, ${stops.map(([r, g, b]) => `rgb(${r}, ${g}, ${b})`).join(', ')})`;
}
