/**
 * Business-calendar data: the types of a region's published holiday arrangements
 * (放假调休安排) and the validation of that data as it arrives from a file or an API upload.
 * Pure: no I/O, no clock.
 */

/** A calendar date, ISO 8601 `YYYY-MM-DD`, with no time zone. */
export type IsoDate = string;

export type Holiday = {
  /** The name as published, e.g. `春节`. */
  readonly name: string;
  /** The English name, e.g. `Spring Festival`. */
  readonly nameEn: string;
  /** Every day off of the holiday, weekend days inside the period included. */
  readonly dates: readonly IsoDate[];
};

/** One year's arrangements. Any weekend day not listed is off; any weekday not listed works. */
export type CalendarYear = {
  readonly holidays: readonly Holiday[];
  /** Weekend days that are working days (调休上班). */
  readonly makeUpWorkdays: readonly IsoDate[];
};

/** A region's calendar file, such as `cn-mainland.json`; `years` is keyed by `YYYY`. */
export type CalendarFile = {
  readonly region: string;
  readonly about: string;
  readonly sources: Readonly<Record<string, string>>;
  readonly years: Readonly<Record<string, CalendarYear>>;
};

export type CalendarDataErrorCode =
  | 'type'
  | 'required'
  | 'invalid_year'
  | 'invalid_date'
  | 'outside_year'
  | 'duplicate_date'
  | 'holiday_and_make_up'
  | 'make_up_not_weekend';

/** One problem in the data. `path` names the field, e.g. `holidays[2].dates[1]` (`''`: all). */
export type CalendarDataError = {
  readonly path: string;
  readonly code: CalendarDataErrorCode;
  /** What is wrong and what to do, written `English / 中文` (one ` / ` separates the two). */
  readonly message: string;
};

export type CalendarParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly CalendarDataError[] };

const DAY_MS = 86_400_000;

/**
 * The day number (days since 1970-01-01) of a `YYYY-MM-DD` string that names a real Gregorian
 * date, else `undefined`. Day numbers make weekday and "next day" arithmetic plain integers.
 */
export function isoDateToDayNumber(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real) return undefined;
  return Math.round(date.getTime() / DAY_MS);
}

/** The `YYYY-MM-DD` string of a day number (days since 1970-01-01, an integer). */
export function dayNumberToIsoDate(dayNumber: number): IsoDate {
  const date = new Date(dayNumber * DAY_MS);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/** The date `n` days after the date `YYYY-MM-DD` (before it when `n` is negative); `RangeError` on a bad date. */
export function addDays(date: IsoDate, n: number): IsoDate {
  const day = isoDateToDayNumber(date);
  if (day === undefined) throw new RangeError(`not a date: ${date}`);
  return dayNumberToIsoDate(day + n);
}

/** The weekday of a day number: 0 = Sunday … 6 = Saturday. */
export function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects problems while a year is checked. */
type Checker = {
  readonly year: number;
  report(path: string, code: CalendarDataErrorCode, message: string): void;
};

type DatedPath = { readonly date: IsoDate; readonly path: string };

function join(prefix: string, field: string): string {
  return prefix === '' ? field : `${prefix}.${field}`;
}

function missingOrType(value: unknown): CalendarDataErrorCode {
  return value === undefined ? 'required' : 'type';
}

/** Checks one date; returns it when it is a real date inside the checker's year. */
function checkDate(value: unknown, path: string, check: Checker): IsoDate | undefined {
  if (typeof value !== 'string' || isoDateToDayNumber(value) === undefined) {
    check.report(path, 'invalid_date',
      'must be a real date written YYYY-MM-DD / 应为格式为 YYYY-MM-DD 的有效日期');
    return undefined;
  }
  if (value.slice(0, 4) !== String(check.year)) {
    check.report(path, 'outside_year',
      `must be a date in ${check.year}; move it to that year's data / ` +
        `日期应在 ${check.year} 年内，请放入对应年份的数据`);
    return undefined;
  }
  return value;
}

/** Checks a list of dates; `seen` maps each date already listed to where, across calls. */
function checkDateList(
  value: unknown,
  path: string,
  check: Checker,
  seen: Map<IsoDate, string>,
): DatedPath[] {
  if (!Array.isArray(value)) {
    check.report(path, missingOrType(value), 'must be a list of dates YYYY-MM-DD / 应为日期列表');
    return [];
  }
  const dates: DatedPath[] = [];
  value.forEach((item: unknown, index) => {
    const itemPath = `${path}[${index}]`;
    const date = checkDate(item, itemPath, check);
    if (date === undefined) return;
    const first = seen.get(date);
    if (first !== undefined) {
      check.report(itemPath, 'duplicate_date',
        `${date} is already listed at ${first}; keep one / 与 ${first} 重复，请只保留一处`);
      return;
    }
    seen.set(date, itemPath);
    dates.push({ date, path: itemPath });
  });
  return dates;
}

function checkText(value: unknown, path: string, check: Pick<Checker, 'report'>): string {
  if (typeof value !== 'string' || value.trim() === '') {
    check.report(path, missingOrType(value), 'must be a non-empty text / 应为非空文本');
    return '';
  }
  return value;
}

function checkHolidays(
  value: unknown,
  path: string,
  check: Checker,
  seen: Map<IsoDate, string>,
): Holiday[] {
  if (!Array.isArray(value)) {
    check.report(path, missingOrType(value), 'must be a list of holidays / 应为节假日列表');
    return [];
  }
  return value.map((item: unknown, index): Holiday => {
    const itemPath = `${path}[${index}]`;
    if (!isRecord(item)) {
      check.report(itemPath, 'type',
        'must be an object with name, nameEn and dates / 应为含 name、nameEn、dates 的对象');
      return { name: '', nameEn: '', dates: [] };
    }
    const name = checkText(item['name'], `${itemPath}.name`, check);
    const nameEn = checkText(item['nameEn'], `${itemPath}.nameEn`, check);
    const dates = checkDateList(item['dates'], `${itemPath}.dates`, check, seen);
    return { name, nameEn, dates: dates.map((d) => d.date) };
  });
}

function checkMakeUp(
  { date, path }: DatedPath,
  holidayPaths: Map<IsoDate, string>,
  check: Checker,
): void {
  const holidayPath = holidayPaths.get(date);
  if (holidayPath !== undefined) {
    check.report(path, 'holiday_and_make_up',
      `${date} is also a holiday at ${holidayPath}; remove it from one list / ` +
        `该日同时是节假日（${holidayPath}），请从其中一处删除`);
    return;
  }
  const weekday = weekdayOfDayNumber(isoDateToDayNumber(date) ?? 0);
  if (weekday !== 0 && weekday !== 6) {
    check.report(path, 'make_up_not_weekend',
      `${date} is a weekday and already a working day; a make-up workday must be a Saturday ` +
        'or Sunday / 该日是周一至周五，调休上班日只能是周六或周日');
  }
}

function checkYear(input: unknown, prefix: string, check: Checker): CalendarYear {
  if (!isRecord(input)) {
    check.report(prefix, 'type',
      'must be an object with holidays and makeUpWorkdays / 应为含 holidays、makeUpWorkdays 的对象');
    return { holidays: [], makeUpWorkdays: [] };
  }
  const holidayPaths = new Map<IsoDate, string>();
  const holidays = checkHolidays(input['holidays'], join(prefix, 'holidays'), check, holidayPaths);
  const makeUpPath = join(prefix, 'makeUpWorkdays');
  const makeUps = checkDateList(input['makeUpWorkdays'], makeUpPath, check, new Map());
  makeUps.forEach((makeUp) => checkMakeUp(makeUp, holidayPaths, check));
  return { holidays, makeUpWorkdays: makeUps.map((d) => d.date) };
}

function isSupportedYear(year: number): boolean {
  return Number.isInteger(year) && year >= 1900 && year <= 9999;
}

function collector(errors: CalendarDataError[]): Checker['report'] {
  return (path, code, message) => errors.push({ path, code, message });
}

/**
 * Validates one year's arrangements, e.g. an API upload for `year` (an integer, 1900–9999).
 * Collects every problem rather than stopping at the first: wrong types, missing fields, dates
 * that are not real `YYYY-MM-DD` dates, dates outside `year`, a date listed twice, a date that
 * is both a holiday and a make-up workday, a make-up workday that is not a Saturday or Sunday.
 * On success the value is a fresh copy holding only the known fields. Never throws.
 */
export function parseCalendarYear(input: unknown, year: number): CalendarParseResult<CalendarYear> {
  const errors: CalendarDataError[] = [];
  const report = collector(errors);
  if (!isSupportedYear(year)) {
    report('', 'invalid_year',
      `year must be an integer from 1900 to 9999, got ${year} / 年份应为 1900–9999 的整数`);
    return { ok: false, errors };
  }
  const value = checkYear(input, '', { year, report });
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors };
}

function checkSources(value: unknown, report: Checker['report']): Record<string, string> {
  const sources: Record<string, string> = {};
  if (value === undefined) return sources;
  if (!isRecord(value)) {
    report('sources', 'type', 'must be an object of texts keyed by year / 应为以年份为键的文本对象');
    return sources;
  }
  for (const [key, source] of Object.entries(value)) {
    if (typeof source === 'string') sources[key] = source;
    else report(`sources.${key}`, 'type', 'must be a text / 应为文本');
  }
  return sources;
}

/**
 * Validates a whole calendar file (`{ region, about?, sources?, years }`), each year as
 * {@link parseCalendarYear} does, with paths such as `years.2025.holidays[2].dates[1]`.
 * Never throws.
 */
export function parseCalendarFile(input: unknown): CalendarParseResult<CalendarFile> {
  const errors: CalendarDataError[] = [];
  const report = collector(errors);
  if (!isRecord(input)) {
    report('', 'type',
      'must be an object with region, about, sources and years / ' +
        '应为含 region、about、sources、years 的对象');
    return { ok: false, errors };
  }
  const region = checkText(input['region'], 'region', { report });
  const about = typeof input['about'] === 'string' ? input['about'] : '';
  const sources = checkSources(input['sources'], report);
  const years: Record<string, CalendarYear> = {};
  const rawYears = input['years'];
  if (!isRecord(rawYears)) {
    report('years', missingOrType(rawYears),
      'must be an object keyed by year, e.g. "2025" / 应为以年份为键的对象');
  } else {
    for (const [key, yearInput] of Object.entries(rawYears)) {
      if (!/^\d{4}$/.test(key) || !isSupportedYear(Number(key))) {
        report(`years.${key}`, 'invalid_year',
          'the key must be a year YYYY from 1900 to 9999 / 键应为 1900–9999 的四位年份');
        continue;
      }
      years[key] = checkYear(yearInput, `years.${key}`, { year: Number(key), report });
    }
  }
  return errors.length === 0
    ? { ok: true, value: { region, about, sources, years } }
    : { ok: false, errors };
}
