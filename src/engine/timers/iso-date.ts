import { daysInMonth, fromLocal } from './calendar.ts';

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Parses an ISO 8601 date or date-time: `2026-03-01T09:30:00+08:00`, `…Z`, `2026-03-01T09:30`
 * (no offset: local time at `utcOffsetMinutes`) or `2026-03-01` (local midnight). Fractions of
 * a second are kept to the millisecond. Named zones (`[Asia/Shanghai]`) are refused.
 */
export function parseIsoDateTime(
  text: string,
  utcOffsetMinutes: number,
): { ok: true; instant: Date } | { ok: false; error: string } {
  const src = text.trim().toUpperCase();
  const fail = (why: string) => ({
    ok: false as const,
    error: `invalid date-time '${text}': ${why} (e.g. 2026-03-01T09:30:00+08:00, 2026-03-01T09:30:00Z or 2026-03-01)`,
  });
  if (/[[@]/.test(src)) return fail('named time zones are not supported; write an offset such as +08:00');
  const m = DATE_TIME.exec(src);
  if (!m) return fail('it is not in ISO 8601 form');
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12) return fail(`month ${mo} does not exist`);
  if (day < 1 || day > daysInMonth(year, month)) return fail(`day ${d} does not exist in ${y}-${mo}`);
  if (hour > 23) return fail(`hour ${h} is out of range 00–23`);
  if (minute > 59) return fail(`minute ${mi} is out of range 00–59`);
  if (second > 59) return fail(`second ${s} is out of range 00–59`);
  let offset = utcOffsetMinutes;
  if (zone !== undefined && zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const zoneHours = Number(digits.slice(0, 2));
    const zoneMinutes = Number(digits.slice(2) || '0');
    if (zoneHours > 14 || zoneMinutes > 59) return fail(`offset ${zone} is out of range`);
    offset = (zone.startsWith('-') ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
  } else if (zone === 'Z') {
    offset = 0;
  }
  const millisecond = Number(fraction.padEnd(3, '0').slice(0, 3));
  return { ok: true, instant: new Date(fromLocal({ year, month, day, hour, minute, second, millisecond }, offset)) };
}
