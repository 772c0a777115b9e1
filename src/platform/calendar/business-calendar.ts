/**
 * A region's business calendar: which days are working days (holidays off, 调休 make-up
 * workdays on, otherwise Monday–Friday) and deadline arithmetic on instants in working days,
 * working hours and calendar days. Pure: no I/O, no clock; instants are JS `Date`s, local time
 * is a fixed UTC offset (mainland China has no daylight saving time).
 */
import {
  dayNumberToIsoDate,
  isoDateToDayNumber,
  parseCalendarYear,
  weekdayOfDayNumber,
} from './calendar-data.ts';
import type { CalendarYear, IsoDate } from './calendar-data.ts';

/** Daily working hours in local time, `HH:MM` (24-hour clock; `end` may be `24:00`). */
export type WorkingHours = { readonly start: string; readonly end: string };

export type BusinessCalendarOptions = {
  /** Local time as minutes east of UTC; default 480 (UTC+8, Asia/Shanghai). */
  readonly utcOffsetMinutes?: number;
  /** Default 09:00–17:00. */
  readonly workingHours?: WorkingHours;
};

export type BusinessCalendar = {
  readonly utcOffsetMinutes: number;
  readonly workingHours: WorkingHours;
  /** Whether arrangements for `year` are loaded; without them only the weekend rule applies. */
  hasYear(year: number): boolean;
  /** Whether the local date `YYYY-MM-DD` is a working day. Throws `RangeError` on a bad date. */
  isWorkingDay(date: IsoDate): boolean;
  /** The first working day strictly after the local date `date`; `RangeError` on a bad date. */
  nextWorkingDay(date: IsoDate): IsoDate;
  /** The local date of an instant. */
  localDate(instant: Date): IsoDate;
  /** `days` (integer ≥ 0) calendar days later, same local time of day. */
  addCalendarDays(from: Date, days: number): Date;
  /**
   * The deadline `n` working days (integer ≥ 0) after the instant `from`; the day of `from` is
   * never counted.
   * - `from` on a working day: the same local time of day on the n-th working day after it
   *   (Monday 10:00 + 1 → Tuesday 10:00).
   * - `from` on a non-working day: the end (local 23:59:59.999, inclusive) of the n-th working
   *   day after it (Saturday 10:00 + 1 → Monday 23:59:59.999 in a normal week).
   * - `n = 0` returns `from` unchanged.
   * Throws `RangeError` for an invalid date or a negative, fractional or non-finite `n`.
   */
  addWorkingDays(from: Date, n: number): Date;
  /**
   * The instant after `hours` (finite, ≥ 0, fractional allowed, resolved to the millisecond) of
   * working time counted from `from`, inside the daily working hours of working days only.
   * Time before opening, after closing and on non-working days does not count. A deadline that
   * uses up a day's hours exactly is that day's closing time, not the next opening time.
   * `hours = 0` returns `from` unchanged. Throws `RangeError` on invalid input.
   */
  addWorkingHours(from: Date, hours: number): Date;
  /**
   * The number of working days `d` with localDate(a) < d ≤ localDate(b), negated when b is
   * before a; so `workingDaysBetween(from, addWorkingDays(from, n)) === n`.
   */
  workingDaysBetween(a: Date, b: Date): number;
};

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DEFAULT_HOURS: WorkingHours = { start: '09:00', end: '17:00' };
/** Bounds that keep a mistaken argument from looping for minutes: about 400 years of work. */
const MAX_WORKING_DAYS = 100_000;
const MAX_WORKING_HOURS = MAX_WORKING_DAYS * 24;

/** Minutes after local midnight of an `HH:MM` string (00:00–24:00), else `undefined`. */
function minuteOfDay(value: string): number | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= 1440 ? minutes : undefined;
}

function checkedInstant(value: Date, name: string): number {
  const time = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(time)) {
    throw new RangeError(`${name} must be a valid Date, got ${String(value)}`);
  }
  return time;
}

function checkedCount(value: number, name: string, max: number): number {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name} must be an integer from 0 to ${max}, got ${String(value)}`);
  }
  return value;
}

function checkedDayNumber(date: IsoDate): number {
  const dayNumber = typeof date === 'string' ? isoDateToDayNumber(date) : undefined;
  if (dayNumber === undefined) {
    throw new RangeError(`date must be a real date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
  return dayNumber;
}

type CheckedOptions = { offset: number; open: number; close: number };

function checkedOptions(options: BusinessCalendarOptions): CheckedOptions {
  const offset = options.utcOffsetMinutes ?? 480;
  if (!Number.isInteger(offset) || Math.abs(offset) > 14 * 60) {
    throw new RangeError(`utcOffsetMinutes must be an integer from -840 to 840, got ${offset}`);
  }
  const hours = options.workingHours ?? DEFAULT_HOURS;
  const open = minuteOfDay(hours.start);
  const close = minuteOfDay(hours.end);
  if (open === undefined || close === undefined || open >= close) {
    throw new RangeError(
      `workingHours must be HH:MM times with start before end, got ${hours.start}–${hours.end}`,
    );
  }
  return { offset, open, close };
}

/**
 * Builds a business calendar from a region's years, keyed `YYYY` (as in a calendar file).
 * Each year is validated with `parseCalendarYear`; throws a `RangeError` naming the first
 * problem if one is invalid, or if the options are (offset outside ±14 h, bad working hours).
 */
export function createBusinessCalendar(
  years: Readonly<Record<string, CalendarYear>>,
  options: BusinessCalendarOptions = {},
): BusinessCalendar {
  const { offset, open, close } = checkedOptions(options);
  const offsetMs = offset * MINUTE_MS;
  const loadedYears = new Set<number>();
  const holidays = new Set<IsoDate>();
  const makeUpWorkdays = new Set<IsoDate>();

  for (const [key, data] of Object.entries(years)) {
    const parsed = /^\d{4}$/.test(key)
      ? parseCalendarYear(data, Number(key))
      : { ok: false as const, errors: [{ path: '', message: 'the key must be a year YYYY' }] };
    if (!parsed.ok) {
      const first = parsed.errors[0];
      throw new RangeError(
        `calendar year ${key} is invalid at ${first?.path || '(root)'}: ${first?.message}`,
      );
    }
    loadedYears.add(Number(key));
    parsed.value.holidays.forEach((h) => h.dates.forEach((d) => holidays.add(d)));
    parsed.value.makeUpWorkdays.forEach((d) => makeUpWorkdays.add(d));
  }

  const isWorking = (dayNumber: number): boolean => {
    const date = dayNumberToIsoDate(dayNumber);
    if (holidays.has(date)) return false;
    if (makeUpWorkdays.has(date)) return true;
    const weekday = weekdayOfDayNumber(dayNumber);
    return weekday !== 0 && weekday !== 6;
  };
  const localDay = (time: number): number => Math.floor((time + offsetMs) / DAY_MS);
  const startOfDay = (dayNumber: number): number => dayNumber * DAY_MS - offsetMs;
  /** The n-th working day strictly after `dayNumber` (n ≥ 1). */
  const nthWorkingDayAfter = (dayNumber: number, n: number): number => {
    let day = dayNumber;
    for (let counted = 0; counted < n; ) {
      day += 1;
      if (isWorking(day)) counted += 1;
    }
    return day;
  };
  const workingDaysIn = (after: number, upTo: number): number => {
    let count = 0;
    for (let day = after + 1; day <= upTo; day += 1) if (isWorking(day)) count += 1;
    return count;
  };

  return Object.freeze({
    utcOffsetMinutes: offset,
    workingHours: Object.freeze({ ...(options.workingHours ?? DEFAULT_HOURS) }),
    hasYear: (year: number) => loadedYears.has(year),
    isWorkingDay: (date: IsoDate) => isWorking(checkedDayNumber(date)),
    nextWorkingDay: (date: IsoDate) =>
      dayNumberToIsoDate(nthWorkingDayAfter(checkedDayNumber(date), 1)),
    localDate: (instant: Date) =>
      dayNumberToIsoDate(localDay(checkedInstant(instant, 'instant'))),

    addCalendarDays(from: Date, days: number): Date {
      const time = checkedInstant(from, 'from');
      const result = new Date(time + checkedCount(days, 'days', MAX_WORKING_DAYS * 2) * DAY_MS);
      return new Date(checkedInstant(result, 'the result'));
    },

    addWorkingDays(from: Date, n: number): Date {
      const time = checkedInstant(from, 'from');
      if (checkedCount(n, 'n', MAX_WORKING_DAYS) === 0) return new Date(time);
      const receivedOn = localDay(time);
      const deadlineDay = nthWorkingDayAfter(receivedOn, n);
      const result = isWorking(receivedOn)
        ? startOfDay(deadlineDay) + (time - startOfDay(receivedOn))
        : startOfDay(deadlineDay + 1) - 1;
      return new Date(checkedInstant(new Date(result), 'the result'));
    },

    addWorkingHours(from: Date, hours: number): Date {
      const time = checkedInstant(from, 'from');
      if (!Number.isFinite(hours) || hours < 0 || hours > MAX_WORKING_HOURS) {
        throw new RangeError(
          `hours must be a number from 0 to ${MAX_WORKING_HOURS}, got ${String(hours)}`,
        );
      }
      let remaining = Math.round(hours * HOUR_MS);
      if (remaining === 0) return new Date(time);
      let cursor = time;
      for (let day = localDay(time); ; day += 1) {
        if (!isWorking(day)) continue;
        const opening = startOfDay(day) + open * MINUTE_MS;
        const closing = startOfDay(day) + close * MINUTE_MS;
        cursor = Math.max(cursor, opening);
        if (cursor >= closing) continue;
        if (remaining <= closing - cursor) return new Date(cursor + remaining);
        remaining -= closing - cursor;
      }
    },

    workingDaysBetween(a: Date, b: Date): number {
      const dayA = localDay(checkedInstant(a, 'a'));
      const dayB = localDay(checkedInstant(b, 'b'));
      return dayB >= dayA ? workingDaysIn(dayA, dayB) : -workingDaysIn(dayB, dayA);
    },
  });
}
