// XES attribute values: the typed elements of IEEE 1849 and the four standard keys an event is read by.
import type { LogEvent } from './log-event.ts';
import { parseTimestamp } from './timestamp.ts';

/** The kind of an attribute element (list and container hold further attributes), or null for another element. */
export function attributeType(name: string): 'simple' | 'list' | 'container' | null {
  switch (name) {
    case 'string':
    case 'date':
    case 'int':
    case 'float':
    case 'boolean':
    case 'id':
      return 'simple';
    case 'list':
      return 'list';
    case 'container':
      return 'container';
    default:
      return null;
  }
}

/** What typedValue gives for text that does not read as its type. */
export const INVALID: unique symbol = Symbol('invalid XES value');

/**
 * The typed value of a simple attribute, or INVALID (invalidValue says why). A date becomes its
 * ISO string (UTC), so attributes stay plain JSON for the importer.
 */
export function typedValue(type: string, raw: string): unknown {
  switch (type) {
    case 'date': {
      const date = parseTimestamp(raw);
      return date ? date.toISOString() : INVALID;
    }
    case 'int':
      return /^\s*[+-]?\d+\s*$/.test(raw) ? Number(raw) : INVALID;
    case 'float': {
      const n = raw.trim() === '' ? NaN : Number(raw);
      return Number.isFinite(n) ? n : INVALID;
    }
    case 'boolean': {
      const b = raw.trim().toLowerCase();
      return b === 'true' || b === '1' ? true : b === 'false' || b === '0' ? false : INVALID;
    }
    default:
      return raw;
  }
}

/** Why `raw` is not a value of `type` (after typedValue gave INVALID). */
export function invalidValue(type: string, raw: string): { en: string; zh: string } {
  const what = { date: ['an ISO 8601 date', 'ISO 8601 日期'], int: ['an integer', '整数'], float: ['a finite number', '有限的数'], boolean: ['a boolean', '布尔值'] }[type] ?? [type, type];
  return { en: `"${raw}" is not ${what[0]}`, zh: `“${raw}”不是${what[1]}` };
}

/**
 * An event's four standard keys, as its attribute elements (or the event globals) gave them; the
 * event's other attributes are kept apart. `time` is a Date when it came from a `<date>` element
 * of the event itself, read once.
 */
export type StandardKeys = { name: unknown; lifecycle: unknown; time: unknown; resource: unknown };

/** The standard key `key` stands for, or null. */
export function standardKey(key: string): keyof StandardKeys | null {
  switch (key) {
    case 'concept:name':
      return 'name';
    case 'lifecycle:transition':
      return 'lifecycle';
    case 'time:timestamp':
      return 'time';
    case 'org:resource':
      return 'resource';
    default:
      return null;
  }
}

/**
 * A LogEvent (its case still to be filled in) from the standard keys and the other attributes, or
 * what is wrong (in English and Chinese) with a missing name or an unreadable timestamp.
 */
export function eventFields(keys: StandardKeys, attributes: Record<string, unknown>): LogEvent | { fault: { en: string; zh: string } } {
  const { name, time } = keys;
  if (name === undefined || name === '') return { fault: { en: 'An event has no concept:name', zh: '事件没有 concept:name' } };
  let timestamp: Date | null = null;
  if (time !== undefined) {
    timestamp = time instanceof Date ? time : typeof time === 'string' ? parseTimestamp(time) : null;
    if (!timestamp) return { fault: { en: `The event's time:timestamp "${String(time)}" is not an ISO 8601 date`, zh: `事件的 time:timestamp“${String(time)}”不是 ISO 8601 日期` } };
  }
  return { caseId: '', activity: String(name), lifecycle: text(keys.lifecycle), timestamp, resource: text(keys.resource), attributes };
}

function text(value: unknown): string | null {
  return value === undefined || value === null ? null : String(value);
}
