import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema } from '../support/routes.ts';

// Values generated from a route's TypeBox schema: a sample that satisfies it, and bad variants of it.

export type Resolve = (schema: JsonSchema | undefined) => JsonSchema | undefined;

const UUID = '00000000-0000-4000-8000-00000000abcd';
const PATTERN_CANDIDATES = ['100.00', '1', 'A1', 'ABC', 'abc', 'BJ-HD', 'CN', '2026-01-15', '2026-01', '09:00', '13800000000', 'a1', 'a', 'x-1', '0'];

/** The non-null alternative of a union, `$ref`s followed. */
export function concrete(schema: JsonSchema | undefined, resolve: Resolve): JsonSchema | undefined {
  let s = resolve(schema);
  for (let i = 0; s && i < 5; i++) {
    const options = s.anyOf ?? s.oneOf;
    if (!options) break;
    s = resolve(options.find((o) => resolve(o)?.type !== 'null') ?? options[0]);
  }
  if (s?.allOf) {
    const parts = s.allOf.map((p) => resolve(p) ?? {});
    s = { ...s, type: 'object', properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})), required: parts.flatMap((p) => p.required ?? []) };
  }
  return s;
}

export function typeOf(schema: JsonSchema | undefined): string | undefined {
  if (!schema) return undefined;
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  if (schema.type) return schema.type;
  if (schema.properties) return 'object';
  if (schema.const !== undefined) return typeof schema.const;
  if (schema.enum) return typeof schema.enum[0];
  return undefined;
}

/** A value that satisfies the schema (as far as a generator can without knowing the data). */
export function sample(schema: JsonSchema | undefined, resolve: Resolve, depth = 0): unknown {
  const s = concrete(schema, resolve);
  if (!s || depth > 8) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  switch (typeOf(s)) {
    case 'string':
      return sampleString(s);
    case 'integer':
    case 'number': {
      let n = s.minimum ?? (typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : 1);
      if (s.maximum !== undefined && n > s.maximum) n = s.maximum;
      return Math.max(n, Math.min(1, s.maximum ?? 1));
    }
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, (_v, i) => {
        const item = sample(s.items, resolve, depth + 1);
        return typeof item === 'string' && s.uniqueItems ? `${item}${i || ''}` : item;
      });
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of s.required ?? []) out[name] = sample(s.properties?.[name], resolve, depth + 1);
      return out;
    }
    default:
      return 'x';
  }
}

function sampleString(s: JsonSchema): string {
  const min = s.minLength ?? 1;
  const fit = (v: string) => (v.length >= min ? v : v + 'x'.repeat(min - v.length)).slice(0, s.maxLength ?? Infinity);
  switch (s.format) {
    case 'uuid':
      return UUID;
    case 'date':
      return '2026-01-15';
    case 'date-time':
      return '2026-01-15T08:00:00.000Z';
    case 'time':
      return '09:00:00';
    case 'email':
      return 'probe@example.com';
    case 'uri':
    case 'url':
      return 'https://example.com/';
  }
  if (s.pattern) {
    const re = new RegExp(s.pattern, 'u');
    for (const candidate of PATTERN_CANDIDATES) {
      if (re.test(fit(candidate))) return fit(candidate);
    }
  }
  return fit('probe');
}

/** One bad request: what it is, the body or query it carries, and the field a validation answer should name. */
export type BadCase = { kind: string; value: unknown; raw?: Buffer; field?: string; schemaInvalid: boolean };

const addFormats = ((addFormatsModule as unknown as { default?: (a: Ajv) => Ajv }).default ?? addFormatsModule) as unknown as (a: Ajv) => Ajv;

/** Whether a value breaks the schema, judged by an ajv configured like the server's (strict for bodies, coercing for the query string). */
export function schemaChecker(shared: Record<string, unknown>, coerce: boolean): (schema: JsonSchema, value: unknown) => boolean {
  const ajv = new Ajv({ allErrors: false, coerceTypes: coerce ? 'array' : false, removeAdditional: false, useDefaults: true, strict: false });
  addFormats(ajv);
  for (const s of Object.values(shared)) ajv.addSchema(s as object);
  const cache = new Map<JsonSchema, ReturnType<Ajv['compile']>>();
  return (schema, value) => {
    let validate = cache.get(schema);
    if (!validate) cache.set(schema, (validate = ajv.compile(schema)));
    let copy: unknown;
    try {
      copy = structuredClone(value);
    } catch {
      return true; // nested beyond what a copy can follow: no schema of ours allows that
    }
    return !validate(copy);
  };
}

const wrongTypeFor = (type: string | undefined): unknown => {
  switch (type) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return 'not-a-number';
    case 'boolean':
      return 'yes';
    case 'array':
      return { not: 'an array' };
    case 'object':
      return ['not', 'an', 'object'];
    default:
      return { unexpected: true };
  }
};

export const HUGE_STRING = 1_000_000;
export const HUGE_ARRAY = 100_000;
export const DEEP = 10_000;

/**
 * The bad variants of a body (or, with `forQuery`, a query string) generated from its schema: per
 * field a wrong type, each required field missing, an extra field, a 1 MB string, an array of
 * 100,000 items, nesting 10,000 deep, invalid UTF-8 bytes, and the numbers -1, 1e308 and 2^63.
 */
export function badCases(schema: JsonSchema, resolve: Resolve, forQuery: boolean): BadCase[] {
  const s = concrete(schema, resolve) ?? {};
  const base = (sample(s, resolve) ?? {}) as Record<string, unknown>;
  const props = Object.entries(s.properties ?? {}).map(([name, p]) => [name, concrete(p, resolve)] as const);
  const cases: BadCase[] = [];
  const withField = (name: string, value: unknown) => ({ ...base, [name]: value });
  for (const [name, p] of props) {
    const type = typeOf(p);
    if (forQuery && type === 'string') continue; // every text is a string in a query
    cases.push({ kind: 'wrong type', value: withField(name, wrongTypeFor(type)), field: `/${name}`, schemaInvalid: true });
  }
  for (const name of s.required ?? []) {
    const { [name]: _dropped, ...rest } = base;
    cases.push({ kind: 'missing', value: rest, field: `/${name}`, schemaInvalid: true });
  }
  cases.push({ kind: 'extra field', value: { ...base, zzUnknownField: 'x' }, field: '/zzUnknownField', schemaInvalid: true });
  const strings = props.filter(([, p]) => typeOf(p) === 'string' && !p?.enum && p?.const === undefined);
  const stringField = strings[0]?.[0] ?? props[0]?.[0] ?? 'zzUnknownField';
  cases.push({ kind: 'huge string', value: withField(stringField, 'x'.repeat(forQuery ? 100_000 : HUGE_STRING)), field: `/${stringField}`, schemaInvalid: true });
  if (!forQuery) {
    const arrays = props.filter(([, p]) => typeOf(p) === 'array');
    const arrayField = arrays[0]?.[0] ?? stringField;
    const arrayItem = arrays[0] ? sample(arrays[0][1]!.items, resolve) : 'x';
    cases.push({ kind: 'huge array', value: withField(arrayField, Array.from({ length: HUGE_ARRAY }, () => arrayItem)), field: `/${arrayField}`, schemaInvalid: true });
    const objectField = props.find(([, p]) => typeOf(p) === 'object')?.[0] ?? stringField;
    // written as text: JSON.stringify itself cannot follow 10,000 levels
    const marker = '__MARKER__';
    const nested = JSON.stringify(withField(objectField, marker)).split(`"${marker}"`);
    const deep = '{"a":'.repeat(DEEP) + '"bottom"' + '}'.repeat(DEEP);
    cases.push({ kind: 'deep nesting', value: null, raw: Buffer.from(nested.join(deep)), field: `/${objectField}`, schemaInvalid: true });
    // invalid UTF-8: the bytes C3 28 (a lead byte without its continuation) and FF inside a string
    const text = JSON.stringify(withField(stringField, marker));
    const [before, after] = text.split(marker) as [string, string];
    cases.push({ kind: 'invalid UTF-8', value: null, raw: Buffer.concat([Buffer.from(before), Buffer.from([0x61, 0xc3, 0x28, 0xff, 0xfe, 0x62]), Buffer.from(after)]), field: '/', schemaInvalid: true });
  }
  for (const [name, p] of props.filter(([, q]) => ['number', 'integer'].includes(typeOf(q) ?? ''))) {
    for (const [label, n] of [['-1', -1], ['1e308', 1e308], ['2^63', 2 ** 63]] as const) {
      cases.push({ kind: `number ${label}`, value: withField(name, n), field: `/${name}`, schemaInvalid: true });
    }
  }
  return cases;
}

/** A query string from a flat object. */
export function toQuery(value: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const item of v) params.append(k, typeof item === 'object' ? JSON.stringify(item) : String(item));
    else params.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

