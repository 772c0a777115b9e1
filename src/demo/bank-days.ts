import type { Random } from './random.ts';

/** China time: UTC+8 all year. */
const OFFSET_MS = 8 * 3600_000;
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export { addDays } from '../platform/calendar/calendar-data.ts';

/** The instant of a time of day (minutes after midnight) on a China date. */
export function at(date: string, minutes: number): number {
  return Date.parse(`${date}T00:00:00Z`) - OFFSET_MS + Math.round(minutes * MINUTE);
}

/** Minutes after midnight of `hh:mm`. */
export function hm(text: string): number {
  const [h, m] = text.split(':').map(Number);
  return h! * 60 + m!;
}

/** Day of the week of a date, 0 = Sunday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/**
 * How busy each opening hour is, 09:00 to 16:00, relative to the day's mean: the morning peak at
 * 10–11, the lunch dip, the afternoon peak at 14–15 (the shape branch queue studies report).
 */
export const HOURLY_PROFILE = [0.8, 1.5, 1.15, 0.55, 0.75, 1.45, 1.0, 0.8] as const;
const PROFILE_SUM = HOURLY_PROFILE.reduce((a, b) => a + b, 0);

/**
 * Arrival instants of one branch day: a Poisson process whose rate changes by the hour, with
 * `expected` arrivals in the day on average. Sorted.
 */
export function arrivals(rng: Random, date: string, expected: number): number[] {
  const times: number[] = [];
  HOURLY_PROFILE.forEach((weight, i) => {
    const count = rng.poisson((expected * weight) / PROFILE_SUM);
    for (let k = 0; k < count; k++) times.push(at(date, (9 + i) * 60 + rng.between(0, 60)));
  });
  return times.sort((a, b) => a - b);
}

/**
 * How much busier a working day is than usual: Mondays and the first day after a holiday are
 * busier, Fridays a little; the rest ordinary.
 */
export function dayLoad(date: string, afterHoliday: boolean): number {
  if (afterHoliday) return 1.3;
  return [1, 1.15, 1, 0.95, 1, 1.08, 1][weekday(date)]!;
}
