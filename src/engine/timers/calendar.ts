/**
 * Wall-clock arithmetic at a fixed UTC offset. Banklane's timers run in China (+08:00, no DST), so a
 * fixed offset is exact and a day is always 86 400 000 ms; only month lengths vary.
 */

/** China Standard Time, the default for dates without an offset and for cron. */
export const DEFAULT_UTC_OFFSET_MINUTES = 480;

export const MS_PER_DAY = 86_400_000;

/** Calendar fields of an instant as read on a clock at some UTC offset. `month` is 1–12. */
export type LocalDateTime = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
};

/** The wall-clock fields of `instantMs` at `utcOffsetMinutes` east of UTC. */
export function toLocal(instantMs: number, utcOffsetMinutes: number): LocalDateTime {
  const d = new Date(instantMs + utcOffsetMinutes * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

/** The instant (epoch ms) at which a clock at `utcOffsetMinutes` shows `local`. */
export function fromLocal(local: LocalDateTime, utcOffsetMinutes: number): number {
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  const d = new Date(0);
  d.setUTCFullYear(local.year, local.month - 1, local.day);
  d.setUTCHours(local.hour, local.minute, local.second, local.millisecond);
  return d.getTime() - utcOffsetMinutes * 60_000;
}

/** Number of days in `month` (1–12) of `year`, leap years included. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day of the week of a calendar date: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getUTCDay();
}

/**
 * `local` moved by whole months, the day clamped to the end of a shorter month
 * (Jan 31 + 1 month = Feb 28, or Feb 29 in a leap year), as Joda and java.time do.
 */
export function addMonths(local: LocalDateTime, months: number): LocalDateTime {
  const index = local.year * 12 + (local.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { ...local, year, month, day: Math.min(local.day, daysInMonth(year, month)) };
}

/** A message when `minutes` is not a usable UTC offset (whole minutes within ±14 h), else null. */
export function checkUtcOffset(minutes: number): string | null {
  return Number.isInteger(minutes) && Math.abs(minutes) <= 14 * 60
    ? null
    : `invalid UTC offset ${minutes}: expected whole minutes between -840 and 840 (e.g. 480 for +08:00)`;
}
