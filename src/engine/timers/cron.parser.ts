/**
 * Quartz cron, as Camunda 7 timer cycles use it: `sec min hour day-of-month month day-of-week [year]`.
 * Day-of-week counts 1 = SUN … 7 = SAT (not Unix's 0 = Sunday), and exactly one of the two day
 * fields is `?`. Parsed into plain sorted lists and a day rule, so a spec is JSON.
 */

/** How the day is chosen: from the day-of-month field or from the day-of-week field. */
export type CronDayRule =
  | { kind: 'daysOfMonth'; days: number[] } // 1,15 · 1-10 · */5
  | { kind: 'lastDay'; offset: number } // L · L-3
  | { kind: 'lastBusinessDay' } // LW: the last Monday–Friday of the month
  | { kind: 'nearestWeekday'; day: number } // 15W: the Monday–Friday nearest the 15th, within the month
  | { kind: 'daysOfWeek'; days: number[] } // MON-FRI · 2,4 (1 = SUN … 7 = SAT)
  | { kind: 'lastOfWeekday'; weekday: number } // 6L: the last Friday
  | { kind: 'nthWeekday'; weekday: number; nth: number }; // 6#3: the third Friday

export type CronSpec = {
  source: string;
  seconds: number[];
  minutes: number[];
  hours: number[];
  months: number[];
  /** null: every year. */
  years: number[] | null;
  day: CronDayRule;
};

type FieldDef = { name: string; min: number; max: number; names?: readonly string[]; namesFrom?: number };

const SECOND: FieldDef = { name: 'second', min: 0, max: 59 };
const MINUTE: FieldDef = { name: 'minute', min: 0, max: 59 };
const HOUR: FieldDef = { name: 'hour', min: 0, max: 23 };
const DAY_OF_MONTH: FieldDef = { name: 'day-of-month', min: 1, max: 31 };
const MONTH: FieldDef = {
  name: 'month',
  min: 1,
  max: 12,
  names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  namesFrom: 1,
};
const DAY_OF_WEEK: FieldDef = {
  name: 'day-of-week',
  min: 1,
  max: 7,
  names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
  namesFrom: 1,
};
const YEAR: FieldDef = { name: 'year', min: 1970, max: 2099 };

class CronError extends Error {}

/**
 * Parses a 6- or 7-field Quartz cron expression (`0 0/5 * * * ?`, `0 0 9 ? * MON-FRI`,
 * `0 0 18 L * ?`, `0 0 10 ? * 6#3`, `0 0 9 15W * ?`, `0 0 12 1 1 ? 2027`).
 * The error names the field and the value that is wrong.
 */
export function parseCron(text: string): { ok: true; spec: CronSpec } | { ok: false; error: string } {
  try {
    return { ok: true, spec: parseFields(text) };
  } catch (error) {
    if (!(error instanceof CronError)) throw error;
    return { ok: false, error: `invalid cron '${text}': ${error.message}` };
  }
}

function parseFields(text: string): CronSpec {
  const fields = text.trim().toUpperCase().split(/\s+/);
  if (fields.length < 6 || fields.length > 7) {
    throw new CronError(
      `expected 6 or 7 fields (second minute hour day-of-month month day-of-week [year]), got ${fields.length}` +
        (fields.length === 5 ? '; Quartz cron starts with seconds, e.g. 0 0/5 * * * ?' : ''),
    );
  }
  const [sec = '', min = '', hour = '', dom = '', month = '', dow = '', year] = fields;
  if ((dom === '?') === (dow === '?')) {
    throw new CronError("exactly one of day-of-month and day-of-week must be '?' (e.g. 0 0 9 ? * MON-FRI or 0 0 9 1 * ?)");
  }
  return {
    source: text.trim(),
    seconds: parseList(sec, SECOND),
    minutes: parseList(min, MINUTE),
    hours: parseList(hour, HOUR),
    months: parseList(month, MONTH),
    years: year === undefined || year === '*' ? null : parseList(year, YEAR),
    day: dom === '?' ? parseDayOfWeek(dow) : parseDayOfMonth(dom),
  };
}

function parseDayOfMonth(field: string): CronDayRule {
  if (field === 'L') return { kind: 'lastDay', offset: 0 };
  if (field === 'LW') return { kind: 'lastBusinessDay' };
  const lastOffset = /^L-(\d+)$/.exec(field);
  if (lastOffset) {
    const offset = Number(lastOffset[1]);
    if (offset > 30) throw new CronError(`day-of-month 'L-${offset}': the offset must be 0–30`);
    return { kind: 'lastDay', offset };
  }
  const nearest = /^(\d+)W$/.exec(field);
  if (nearest) return { kind: 'nearestWeekday', day: parseValue(nearest[1] ?? '', DAY_OF_MONTH) };
  if (/[LW#]/.test(field)) throw new CronError(`day-of-month '${field}' is not supported (use L, L-n, LW or nW alone)`);
  return { kind: 'daysOfMonth', days: parseList(field, DAY_OF_MONTH) };
}

function parseDayOfWeek(field: string): CronDayRule {
  if (field === 'L') return { kind: 'daysOfWeek', days: [7] }; // Quartz: a lone L is Saturday
  const last = /^(\w+)L$/.exec(field);
  if (last) return { kind: 'lastOfWeekday', weekday: parseValue(last[1] ?? '', DAY_OF_WEEK) };
  const nth = /^(\w+)#(\d+)$/.exec(field);
  if (nth) {
    const n = Number(nth[2]);
    if (n < 1 || n > 5) throw new CronError(`day-of-week '${field}': the week number after # must be 1–5`);
    return { kind: 'nthWeekday', weekday: parseValue(nth[1] ?? '', DAY_OF_WEEK), nth: n };
  }
  if (/[LW#]/.test(field)) throw new CronError(`day-of-week '${field}' is not supported (use nL or n#k alone)`);
  return { kind: 'daysOfWeek', days: parseList(field, DAY_OF_WEEK) };
}

/** `*`, `a`, `a-b` (wrapping past the maximum, e.g. hours 22-2), any of them `/step`, comma-separated. */
function parseList(field: string, def: FieldDef): number[] {
  if (field === '?') throw new CronError(`'?' is only allowed in day-of-month or day-of-week, not in ${def.name}`);
  const values = new Set<number>();
  for (const item of field.split(',')) {
    const m = /^([^/-]+)(?:-([^/-]+))?(?:\/(\d+))?$/.exec(item);
    if (!m) throw new CronError(`${def.name} '${item}' is not a value, range or step`);
    const [, from = '', to, step] = m;
    const everything = from === '*';
    if (everything && to !== undefined) throw new CronError(`${def.name} '${item}': '*' cannot start a range`);
    const start = everything ? def.min : parseValue(from, def);
    const end = to !== undefined ? parseValue(to, def) : everything || step !== undefined ? def.max : start;
    if (def === YEAR && end < start) throw new CronError(`year '${item}': the range ends before it starts`);
    const by = step === undefined ? 1 : Number(step);
    if (by < 1 || by > def.max - def.min + 1) throw new CronError(`${def.name} '${item}': step ${step} is out of range`);
    const span = def.max - def.min + 1;
    const length = (end - start + span) % span; // a range ending below its start wraps around
    for (let k = 0; k <= length; k += by) values.add(((start - def.min + k) % span) + def.min);
  }
  return [...values].sort((a, b) => a - b);
}

function parseValue(text: string, def: FieldDef): number {
  const named = def.names?.indexOf(text) ?? -1;
  if (named >= 0) return named + (def.namesFrom ?? 0);
  if (!/^\d+$/.test(text)) throw new CronError(`${def.name} '${text}' is not a number${def.names ? ' or name' : ''}`);
  const value = Number(text);
  if (value < def.min || value > def.max) {
    const hint = def === DAY_OF_WEEK ? ' (Quartz counts 1 = SUN … 7 = SAT)' : '';
    throw new CronError(`${def.name} ${value} is out of range ${def.min}–${def.max}${hint}`);
  }
  return value;
}
