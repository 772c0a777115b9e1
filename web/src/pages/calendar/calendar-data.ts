import type { CalendarYear, Holiday } from '../../api/calendar.api';
import type { Translate } from '../../i18n/i18n';

export type DayInfo = { type: 'holiday'; holiday: Holiday } | { type: 'makeUp' };

/** Date (`YYYY-MM-DD`) → what the calendar says about it; other days follow the weekday rule. */
export function dayIndex(calendar: CalendarYear | null | undefined): Map<string, DayInfo> {
  const index = new Map<string, DayInfo>();
  if (!calendar) return index;
  for (const holiday of calendar.holidays) {
    for (const date of holiday.dates) index.set(date, { type: 'holiday', holiday });
  }
  for (const date of calendar.makeUpWorkdays) index.set(date, { type: 'makeUp' });
  return index;
}

/** True for a real calendar date written `YYYY-MM-DD` in `year`. */
export function isDateInYear(value: unknown, year: number): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value && parsed.getUTCFullYear() === year;
}

export type ParseResult = { type: 'ok'; calendar: CalendarYear } | { type: 'invalid'; message: string };

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * Reads a pasted or uploaded calendar for `region`/`year`: either one year's entry
 * (`{ holidays, makeUpWorkdays }`, optionally with `region` and `year`) or a whole data file
 * (`{ years: { "2026": { … } } }`), from which the chosen year is taken.
 */
export function parseCalendarJson(text: string, region: string, year: number, t: Translate): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { type: 'invalid', message: t('calendar.err.json', { detail: error instanceof Error ? error.message : String(error) }) };
  }
  if (isRecord(raw) && isRecord(raw.years)) raw = raw.years[String(year)];
  if (!isRecord(raw) || !Array.isArray(raw.holidays) || !Array.isArray(raw.makeUpWorkdays)) {
    return { type: 'invalid', message: t('calendar.err.shape') };
  }
  if (raw.year !== undefined && Number(raw.year) !== year) {
    return { type: 'invalid', message: t('calendar.err.mismatch', { field: 'year', value: String(raw.year) }) };
  }
  if (typeof raw.region === 'string' && raw.region !== region) {
    return { type: 'invalid', message: t('calendar.err.mismatch', { field: 'region', value: raw.region }) };
  }

  const holidays: Holiday[] = [];
  for (const [i, h] of raw.holidays.entries()) {
    if (!isRecord(h) || !nonEmpty(h.name) || !nonEmpty(h.nameEn) || !Array.isArray(h.dates) || h.dates.length === 0) {
      return { type: 'invalid', message: t('calendar.err.holiday', { index: i + 1 }) };
    }
    const bad = h.dates.find((d) => !isDateInYear(d, year));
    if (bad !== undefined) return { type: 'invalid', message: t('calendar.err.date', { value: String(bad), year }) };
    holidays.push({ name: h.name.trim(), nameEn: h.nameEn.trim(), dates: h.dates as string[] });
  }
  const badMakeUp = raw.makeUpWorkdays.find((d) => !isDateInYear(d, year));
  if (badMakeUp !== undefined) return { type: 'invalid', message: t('calendar.err.date', { value: String(badMakeUp), year }) };

  return { type: 'ok', calendar: { region, year, holidays, makeUpWorkdays: raw.makeUpWorkdays as string[] } };
}

/** A short example of the accepted shape, shown in the upload dialog. */
export const exampleJson = JSON.stringify(
  { holidays: [{ name: '元旦', nameEn: "New Year's Day", dates: ['2026-01-01'] }], makeUpWorkdays: ['2026-01-04'] },
);
