/**
 * Camunda 7's wire formats: typed variables `{ name: { value, type, valueInfo } }` and dates
 * `yyyy-MM-dd'T'HH:mm:ss.SSSZ` (e.g. `2026-03-02T09:00:00.000+0800`).
 */

export type TypedValue = { value: unknown; type: string; valueInfo: Record<string, unknown> };

export class CamundaValueError extends Error {}

/** Camunda's date format, at UTC+8 (the bank's local time); null stays null. */
export function camundaDate(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const date = typeof value === 'string' ? new Date(value) : value;
  const local = new Date(date.getTime() + 8 * 3600_000);
  return `${local.toISOString().slice(0, 23)}+0800`;
}

/** Parses a date Camunda clients send (`…+0800`, `…Z`, or ISO with a colon in the offset). */
export function parseCamundaDate(text: string): Date {
  const normalised = text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const date = new Date(normalised);
  if (Number.isNaN(date.getTime())) throw new CamundaValueError(`Cannot convert value '${text}' to a date`);
  return date;
}

/** A JSON value as a Camunda typed value. */
export function toTyped(value: unknown): TypedValue {
  if (value === null || value === undefined) return { value: null, type: 'Null', valueInfo: {} };
  if (typeof value === 'string') return { value, type: 'String', valueInfo: {} };
  if (typeof value === 'boolean') return { value, type: 'Boolean', valueInfo: {} };
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return { value, type: Math.abs(value) <= 2_147_483_647 ? 'Integer' : 'Long', valueInfo: {} };
    return { value, type: 'Double', valueInfo: {} };
  }
  if (value instanceof Date) return { value: camundaDate(value), type: 'Date', valueInfo: {} };
  return { value: JSON.stringify(value), type: 'Json', valueInfo: {} };
}

export function toTypedMap(values: Record<string, unknown>): Record<string, TypedValue> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, toTyped(value)]));
}

/**
 * A Camunda typed value as plain JSON. Json and Object (JSON-serialised) values are parsed; dates
 * stay ISO text; numbers are checked against their declared type.
 */
export function fromTyped(name: string, typed: unknown): unknown {
  if (typed === null || typeof typed !== 'object' || Array.isArray(typed)) throw new CamundaValueError(`Variable '${name}': expected an object { value, type }`);
  const { value, type } = typed as { value?: unknown; type?: unknown };
  const kind = typeof type === 'string' ? type.toLowerCase() : null;
  switch (kind) {
    case null:
      return value ?? null;
    case 'null':
      return null;
    case 'string':
      if (value !== null && typeof value !== 'string') throw new CamundaValueError(`Cannot convert value '${String(value)}' of variable '${name}' to type String`);
      return value;
    case 'boolean':
      if (typeof value === 'boolean' || value === null) return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw new CamundaValueError(`Cannot convert value '${String(value)}' of variable '${name}' to type Boolean`);
    case 'integer':
    case 'long':
    case 'short': {
      const n = typeof value === 'string' ? Number(value) : value;
      if (value === null) return null;
      if (typeof n !== 'number' || !Number.isInteger(n)) throw new CamundaValueError(`Cannot convert value '${String(value)}' of variable '${name}' to type ${String(type)}`);
      return n;
    }
    case 'double': {
      const n = typeof value === 'string' ? Number(value) : value;
      if (value === null) return null;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw new CamundaValueError(`Cannot convert value '${String(value)}' of variable '${name}' to type Double`);
      return n;
    }
    case 'date':
      if (value === null) return null;
      if (typeof value !== 'string') throw new CamundaValueError(`Cannot convert value of variable '${name}' to type Date`);
      return parseCamundaDate(value).toISOString();
    case 'json':
    case 'object':
      if (typeof value !== 'string') return value ?? null;
      try {
        return JSON.parse(value);
      } catch {
        throw new CamundaValueError(`Cannot deserialize value of variable '${name}': not valid JSON`);
      }
    default:
      throw new CamundaValueError(`Unsupported value type '${String(type)}' of variable '${name}'`);
  }
}

export function fromTypedMap(values: unknown): Record<string, unknown> {
  if (values === undefined || values === null) return {};
  if (typeof values !== 'object' || Array.isArray(values)) throw new CamundaValueError('variables must be an object of { name: { value, type } }');
  return Object.fromEntries(Object.entries(values as Record<string, unknown>).map(([name, typed]) => [name, fromTyped(name, typed)]));
}
