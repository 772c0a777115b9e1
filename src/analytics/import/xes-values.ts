// XES attribute values: the typed elements of IEEE 1849 and the four standard keys an event is read by.
import type { LogEvent } from './log-event.ts';
import { parseTimestamp } from './timestamp.ts';

/** The attribute elements; list and container hold further attributes. */
export const ATTRIBUTE_TYPES = new Set(['string', 'date', 'int', 'float', 'boolean', 'id', 'list', 'container']);

/**
 * The typed value of a simple attribute, or an error message. A date becomes its ISO string (UTC),
 * so attributes stay plain JSON for the importer.
 */
export function typedValue(type: string, raw: string): { value: unknown } | { error: string } {
  switch (type) {
    case 'date': {
      const date = parseTimestamp(raw);
      return date ? { value: date.toISOString() } : { error: `"${raw}" is not an ISO 8601 date` };
    }
    case 'int':
      return /^\s*[+-]?\d+\s*$/.test(raw) ? { value: Number(raw) } : { error: `"${raw}" is not an integer` };
    case 'float': {
      const n = raw.trim() === '' ? NaN : Number(raw);
      return Number.isFinite(n) ? { value: n } : { error: `"${raw}" is not a finite number` };
    }
    case 'boolean': {
      const b = raw.trim().toLowerCase();
      return b === 'true' || b === '1' ? { value: true } : b === 'false' || b === '0' ? { value: false } : { error: `"${raw}" is not a boolean` };
    }
    default:
      return { value: raw };
  }
}

/**
 * Reads an event's merged attributes (its own over the event globals) into a LogEvent without its
 * case. The four standard keys leave `attributes`; an error message comes back for a missing name
 * or an unreadable timestamp.
 */
export function eventFields(attrs: Record<string, unknown>): Omit<LogEvent, 'caseId'> | string {
  const { 'concept:name': name, 'lifecycle:transition': lifecycle, 'time:timestamp': time, 'org:resource': resource, ...attributes } = attrs;
  if (name === undefined || name === '') return 'An event has no concept:name';
  let timestamp: Date | null = null;
  if (time !== undefined) {
    timestamp = typeof time === 'string' ? parseTimestamp(time) : null;
    if (!timestamp) return `The event's time:timestamp "${String(time)}" is not an ISO 8601 date`;
  }
  return { activity: String(name), lifecycle: text(lifecycle), timestamp, resource: text(resource), attributes };
}

function text(value: unknown): string | null {
  return value === undefined || value === null ? null : String(value);
}
