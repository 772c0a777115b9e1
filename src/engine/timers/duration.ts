import { DEFAULT_UTC_OFFSET_MINUTES, MS_PER_DAY, addMonths, fromLocal, toLocal } from './calendar.ts';

/**
 * An ISO 8601 duration kept field by field, because `P1M` is not a fixed number of milliseconds:
 * it is applied to the calendar. Only `seconds` may be fractional.
 */
export type IsoDuration = {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
};

type Field = keyof IsoDuration;

const DATE_DESIGNATORS: Readonly<Record<string, Field>> = { Y: 'years', M: 'months', W: 'weeks', D: 'days' };
const TIME_DESIGNATORS: Readonly<Record<string, Field>> = { H: 'hours', M: 'minutes', S: 'seconds' };
const ORDER: readonly Field[] = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'];
const EXAMPLES = 'e.g. PT15M, P1DT2H, P2W, P1Y2M10DT2H30M';
/** Far enough for any bank deadline, near enough that Date arithmetic stays exact. */
const LATEST_MS = Date.UTC(9999, 11, 31);

export const ZERO_DURATION: IsoDuration = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

/**
 * Parses an ISO 8601 duration such as `P1Y2M10DT2H30M`, `PT15M`, `P2W` or `PT0.5S`
 * (a decimal comma is accepted too). Negative durations and fractions on fields other than
 * seconds are refused; the error names the part that is wrong.
 */
export function parseDuration(text: string): { ok: true; duration: IsoDuration } | { ok: false; error: string } {
  const fail = (why: string) => ({ ok: false as const, error: `invalid duration '${text}': ${why} (${EXAMPLES})` });
  const src = text.trim().toUpperCase();
  if (src.startsWith('-')) return fail('negative durations are not supported');
  if (!src.startsWith('P')) return fail("a duration starts with 'P'");
  const duration: IsoDuration = { ...ZERO_DURATION };
  let inTime = false;
  let last = -1;
  let sawComponent = false;
  let sawTimeComponent = false;
  let i = 1;
  while (i < src.length) {
    if (src[i] === 'T') {
      if (inTime) return fail("'T' appears twice");
      inTime = true;
      i++;
      continue;
    }
    const match = /^(\d+(?:[.,]\d+)?)([A-Z]?)/.exec(src.slice(i));
    if (!match) return fail(`unexpected '${src[i]}' at ${i + 1}`);
    const [whole, number = '', designator = ''] = match;
    const field = (inTime ? TIME_DESIGNATORS : DATE_DESIGNATORS)[designator];
    if (designator === '') return fail(`the number ${number} has no unit`);
    if (!field) {
      const hint = !inTime && designator in TIME_DESIGNATORS ? " (hours, minutes and seconds go after 'T')" : '';
      return fail(`unknown unit '${designator}'${inTime ? ' after T' : ''}${hint}`);
    }
    const order = ORDER.indexOf(field);
    if (order <= last) return fail(`'${designator}' is out of order or repeated`);
    if (/[.,]/.test(number) && field !== 'seconds') return fail('only seconds may have a fraction');
    duration[field] = Number(number.replace(',', '.'));
    last = order;
    sawComponent = true;
    if (inTime) sawTimeComponent = true;
    i += whole.length;
  }
  if (!sawComponent) return fail('it has no components');
  if (inTime && !sawTimeComponent) return fail("'T' must be followed by hours, minutes or seconds");
  const end = addDuration(new Date(0), duration, 0).getTime();
  if (!Number.isFinite(end) || end > LATEST_MS) return fail('it is too long');
  return { ok: true, duration };
}

/**
 * `instant` plus `duration`, calendar-aware at a fixed UTC offset (minutes east of UTC, default
 * +480 = China): years and months move the local date and clamp to the month's end (P1M from
 * Jan 31 → Feb 28/29), then weeks, days and the time part are added as exact lengths.
 */
export function addDuration(instant: Date, duration: IsoDuration, utcOffsetMinutes = DEFAULT_UTC_OFFSET_MINUTES): Date {
  let ms = instant.getTime();
  const months = duration.years * 12 + duration.months;
  if (months !== 0) ms = fromLocal(addMonths(toLocal(ms, utcOffsetMinutes), months), utcOffsetMinutes);
  ms += (duration.weeks * 7 + duration.days) * MS_PER_DAY;
  ms += Math.round(((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000);
  return new Date(ms);
}

/** Every field multiplied by `factor`: the k-th occurrence of a cycle is start + duration × k. */
export function scaleDuration(duration: IsoDuration, factor: number): IsoDuration {
  const scaled = { ...duration };
  for (const field of ORDER) scaled[field] = duration[field] * factor;
  return scaled;
}

/** Rough length in ms (a month counts as 30.436875 days); for estimates only, never for due dates. */
export function approximateMs(duration: IsoDuration): number {
  const months = duration.years * 12 + duration.months;
  return addDuration(new Date(0), { ...duration, years: 0, months: 0 }, 0).getTime() + months * 30.436875 * MS_PER_DAY;
}
