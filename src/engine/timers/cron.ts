import { daysInMonth, fromLocal, toLocal, weekdayOf } from './calendar.ts';
import type { CronDayRule, CronSpec } from './cron.parser.ts';

/** A Gregorian cycle: any day pattern that can match at all matches within it. */
const SEARCH_YEARS = 400;

/**
 * The first whole second strictly after `after` that `spec` matches on a clock at
 * `utcOffsetMinutes` east of UTC, or null when it never matches again (a past year list, or an
 * impossible day such as `30 2`). Scans day by day but skips months and years that cannot match.
 */
export function nextCronTime(spec: CronSpec, after: Date, utcOffsetMinutes: number): Date | null {
  const from = toLocal((Math.floor(after.getTime() / 1000) + 1) * 1000, utcOffsetMinutes);
  let { year, month, day } = from;
  let sameDay = true;
  const lastYear = spec.years ? Math.max(...spec.years) : year + SEARCH_YEARS;
  const nextMonth = () => {
    if (month === 12) {
      year += 1;
      month = 1;
    } else {
      month += 1;
    }
    day = 1;
    sameDay = false;
  };
  while (year <= lastYear) {
    if (spec.years && !spec.years.includes(year)) {
      const later = spec.years.find((y) => y > year);
      if (later === undefined) return null;
      [year, month, day, sameDay] = [later, 1, 1, false];
      continue;
    }
    const monthLength = daysInMonth(year, month);
    if (!spec.months.includes(month) || day > monthLength) {
      nextMonth();
      continue;
    }
    if (dayMatches(spec.day, year, month, day, monthLength)) {
      const time = sameDay ? firstTimeFrom(spec, from.hour, from.minute, from.second) : firstTimeFrom(spec, 0, 0, 0);
      if (time) return new Date(fromLocal({ year, month, day, ...time, millisecond: 0 }, utcOffsetMinutes));
    }
    day += 1;
    sameDay = false;
  }
  return null;
}

type TimeOfDay = { hour: number; minute: number; second: number };

/** The earliest time of day the spec allows at or after h:m:s, or null when none is left that day. */
function firstTimeFrom(spec: CronSpec, h: number, m: number, s: number): TimeOfDay | null {
  const firstMinute = spec.minutes[0] ?? 0;
  const firstSecond = spec.seconds[0] ?? 0;
  for (const hour of spec.hours) {
    if (hour < h) continue;
    if (hour > h) return { hour, minute: firstMinute, second: firstSecond };
    for (const minute of spec.minutes) {
      if (minute < m) continue;
      if (minute > m) return { hour, minute, second: firstSecond };
      const second = spec.seconds.find((x) => x >= s);
      if (second !== undefined) return { hour, minute, second };
    }
  }
  return null;
}

function dayMatches(rule: CronDayRule, year: number, month: number, day: number, monthLength: number): boolean {
  switch (rule.kind) {
    case 'daysOfMonth':
      return rule.days.includes(day);
    case 'lastDay':
      return day === monthLength - rule.offset;
    case 'lastBusinessDay': {
      const weekday = weekdayOf(year, month, monthLength);
      return day === monthLength - (weekday === 6 ? 1 : weekday === 0 ? 2 : 0);
    }
    case 'nearestWeekday':
      return rule.day <= monthLength && day === nearestWeekday(year, month, rule.day, monthLength);
    case 'daysOfWeek':
      return rule.days.includes(weekdayOf(year, month, day) + 1);
    case 'lastOfWeekday':
      return weekdayOf(year, month, day) + 1 === rule.weekday && day + 7 > monthLength;
    case 'nthWeekday':
      return weekdayOf(year, month, day) + 1 === rule.weekday && Math.ceil(day / 7) === rule.nth;
  }
}

/** Quartz's W: a Saturday moves to Friday, a Sunday to Monday, never across the month's edge. */
function nearestWeekday(year: number, month: number, day: number, monthLength: number): number {
  const weekday = weekdayOf(year, month, day);
  if (weekday === 6) return day === 1 ? 3 : day - 1;
  if (weekday === 0) return day === monthLength ? day - 2 : day + 1;
  return day;
}
