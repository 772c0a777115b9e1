// One timestamp grammar for both readers, so a CSV export and its XES original read to the same instants.

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Parses ISO 8601 (`2010-12-30T14:32:00.000+01:00`), also with a space for the `T` and without
 * seconds (`2010-12-30 14:32`). A time without a zone is UTC, never the server's local time, so an
 * import reads the same wherever it runs. Returns null for anything else, or an impossible date.
 */
export function parseTimestamp(text: string): Date | null {
  const fast = parseCommon(text);
  if (fast !== undefined) return fast;
  const m = PATTERN.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((s) => Number(s ?? 0)) as [number, number, number, number, number, number];
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  return instant(year, month, day, hour, minute, second, millis, offsetMinutes(m[8]));
}

/** The date and time of day as UTC, less the zone's offset; null for an impossible date or time. */
function instant(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number, offset: number): Date | null {
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  // Date.UTC reads years 0–99 as 1900–1999: the calendar is that year's
  if (day < 1 || day > daysInMonth(year <= 99 ? 1900 + year : year, month)) return null; // 2011-02-30 and the like
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000);
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** `+01:00`, `+0100` and `+01` are all one hour east of UTC. */
function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return zone.startsWith('-') ? -minutes : minutes;
}

/**
 * The form nearly every log writes, `YYYY-MM-DDTHH:mm:ss[.fff…][Z|±HH:mm]` (or a space for the
 * `T`), read without a regular expression: an import parses one per event. Any other text gives
 * undefined and goes to PATTERN, so both paths accept the same language and give the same instant.
 */
function parseCommon(s: string): Date | null | undefined {
  const n = s.length;
  if (n < 19 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const t = s.charCodeAt(10);
  if (t !== 84 && t !== 32) return undefined;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  let at = 19;
  let millis = 0;
  const dot = s.charCodeAt(at);
  if (dot === 46 || dot === 44) {
    let end = at + 1;
    while (end < n && isDigit(s.charCodeAt(end))) end++;
    if (end === at + 1) return undefined;
    for (let i = at + 1, scale = 100; i < at + 4; i++, scale /= 10) if (i < end) millis += (s.charCodeAt(i) - 48) * scale;
    at = end;
  }
  let offset = 0;
  if (at === n) offset = 0;
  else {
    const z = s.charCodeAt(at);
    if ((z === 90 || z === 122) && at + 1 === n) offset = 0;
    else if ((z === 43 || z === 45) && at + 6 === n && s.charCodeAt(at + 3) === 58) {
      const hh = digits(s, at + 1, 2);
      const mm = digits(s, at + 4, 2);
      if (hh < 0 || mm < 0) return undefined;
      offset = (z === 45 ? -1 : 1) * (hh * 60 + mm);
    } else return undefined;
  }
  return instant(year, month, day, hour, minute, second, millis, offset);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The number written by `length` ASCII digits at `from`, or -1 when one is not a digit. */
function digits(s: string, from: number, length: number): number {
  let value = 0;
  for (let i = from; i < from + length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    value = value * 10 + c - 48;
  }
  return value;
}
