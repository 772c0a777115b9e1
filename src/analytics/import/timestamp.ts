// One timestamp grammar for both readers, so a CSV export and its XES original read to the same instants.

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Parses ISO 8601 (`2010-12-30T14:32:00.000+01:00`), also with a space for the `T` and without
 * seconds (`2010-12-30 14:32`). A time without a zone is UTC, never the server's local time, so an
 * import reads the same wherever it runs. Returns null for anything else, or an impossible date.
 */
export function parseTimestamp(text: string): Date | null {
  const m = PATTERN.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((s) => Number(s ?? 0)) as [number, number, number, number, number, number];
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (new Date(utc).getUTCDate() !== day) return null; // 2011-02-30 and the like
  return new Date(utc - offsetMinutes(m[8]) * 60_000);
}

/** `+01:00`, `+0100` and `+01` are all one hour east of UTC. */
function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return zone.startsWith('-') ? -minutes : minutes;
}
