import type { QueueKpis } from '../queue.api';

export type HourRow = QueueKpis['byHour'][number];
/** ISO weekday (1 = Monday … 7 = Sunday), or every day together. */
export type WeekdayChoice = number | 'all';

/** Arrivals and mean wait per hour of the day, over the chosen weekday or all: the mean wait weighted by arrivals. */
export function aggregateByHour(rows: readonly HourRow[], weekday: WeekdayChoice): { hour: number; arrivals: number; meanWaitSeconds: number | null }[] {
  const byHour = new Map<number, { arrivals: number; waitSum: number; waitWeight: number }>();
  for (const row of rows) {
    if (weekday !== 'all' && row.weekday !== weekday) continue;
    const slot = byHour.get(row.hour) ?? { arrivals: 0, waitSum: 0, waitWeight: 0 };
    slot.arrivals += row.arrivals;
    if (row.meanWaitSeconds !== null) {
      slot.waitSum += row.meanWaitSeconds * row.arrivals;
      slot.waitWeight += row.arrivals;
    }
    byHour.set(row.hour, slot);
  }
  return hourSpan(rows).map((hour) => {
    const slot = byHour.get(hour);
    return { hour, arrivals: slot?.arrivals ?? 0, meanWaitSeconds: slot && slot.waitWeight ? slot.waitSum / slot.waitWeight : null };
  });
}

/** Every hour from the first to the last with tickets on any day, so that quiet hours show as gaps, not vanish. */
export function hourSpan(rows: readonly { hour: number }[]): number[] {
  if (rows.length === 0) return [];
  const hours = rows.map((r) => r.hour);
  const first = Math.min(...hours);
  return Array.from({ length: Math.max(...hours) - first + 1 }, (_, i) => first + i);
}

/** The weekdays with tickets, Monday first. */
export function weekdaysIn(rows: readonly HourRow[]): number[] {
  return [...new Set(rows.map((r) => r.weekday))].sort((a, b) => a - b);
}
