import { chinaDate } from '../../platform/calendar/china-time.ts';

/** A performance period is a calendar month in China, `YYYY-MM`. */
export const PERIOD_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])$';

/** The month's first instant and the next month's, China time (UTC+8). */
export function monthBounds(period: string): { start: Date; end: Date } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { start: new Date(`${period}-01T00:00:00+08:00`), end: new Date(`${next}-01T00:00:00+08:00`) };
}

/** The month in China that holds the instant. */
export function periodOf(at: Date): string {
  return chinaDate(at).slice(0, 7);
}

/** The month before. */
export function previousPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
