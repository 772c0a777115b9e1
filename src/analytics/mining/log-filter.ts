import { Type, type Static } from '@sinclair/typebox';
import { sql, type RawBuilder } from 'kysely';
import { ValidationError, type FieldError } from '../../platform/errors.ts';
import { eventOrder, eventSource, SEP, type Log } from './log-source.ts';

/*
 * Filters keep or drop whole cases — a case is analysed with all its events or not at all, so a
 * filtered graph still shows where its cases started and ended. Every measure takes the same
 * filter, as query parameters.
 */

export const FilterQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Cases that start at or after this instant' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Cases that start before this instant' })),
  branch: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "Cases of this branch (org unit id; the engine's log)" })),
  service: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "Cases of this process (process key; the engine's log)" })),
  version: Type.Optional(Type.Integer({ minimum: 1, description: "Cases of this version of the process (with service; the engine's log)" })),
  variant: Type.Optional(Type.String({ pattern: '^[0-9a-f]{12}$', description: "Cases of this variant (a variant's id)" })),
  attribute: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Array(Type.String({ maxLength: 500 }), { maxItems: 10 })], { description: 'name=value: cases with an event carrying that attribute value (repeatable; all must hold)' })),
  minDuration: Type.Optional(Type.Number({ minimum: 0, description: 'Cases lasting at least this many seconds' })),
  maxDuration: Type.Optional(Type.Number({ minimum: 0, description: 'Cases lasting at most this many seconds' })),
});
export type FilterParams = Static<typeof FilterQuery>;

export type LogFilter = {
  from?: Date;
  to?: Date;
  branch?: string;
  service?: string;
  version?: number;
  variant?: string;
  attributes?: { name: string; value: string }[];
  minDuration?: number;
  maxDuration?: number;
};

/** The filter a request's query asks for; contradictions (from after to, min above max) are refused with the field at fault. */
export function parseFilter(q: FilterParams, prefix = ''): LogFilter {
  // in a comparison the window and the version are per slice (`beforeTo`, `afterVersion`); the rest is shared
  const at = (name: string) => `querystring:/${prefix && ['from', 'to', 'version'].includes(name) ? prefix + name[0]!.toUpperCase() + name.slice(1) : name}`;
  const errors: FieldError[] = [];
  const f: LogFilter = {};
  if (q.from) f.from = new Date(q.from);
  if (q.to) f.to = new Date(q.to);
  if (f.from && f.to && f.from >= f.to) errors.push({ field: at('to'), message: { en: 'The end of the time window must come after its start.', zh: '时间范围的结束须晚于开始。' } });
  if (q.branch) f.branch = q.branch;
  if (q.service) f.service = q.service;
  if (q.version !== undefined) {
    if (!q.service) errors.push({ field: at('version'), message: { en: 'A version filter needs the process (service) it is a version of.', zh: '按版本筛选须同时指定流程（service）。' } });
    f.version = q.version;
  }
  if (q.variant) f.variant = q.variant;
  const attributes = q.attribute === undefined ? [] : Array.isArray(q.attribute) ? q.attribute : [q.attribute];
  for (const a of attributes) {
    const eq = a.indexOf('=');
    if (eq < 1) errors.push({ field: at('attribute'), message: { en: `"${a}" is not name=value.`, zh: `“${a}”不是“名称=值”的形式。` } });
    else (f.attributes ??= []).push({ name: a.slice(0, eq), value: a.slice(eq + 1) });
  }
  if (q.minDuration !== undefined) f.minDuration = q.minDuration;
  if (q.maxDuration !== undefined) f.maxDuration = q.maxDuration;
  if (f.minDuration !== undefined && f.maxDuration !== undefined && f.minDuration > f.maxDuration) {
    errors.push({ field: at('maxDuration'), message: { en: 'The longest case duration must not be below the shortest.', zh: '案例时长上限不能小于下限。' } });
  }
  if (errors.length) throw new ValidationError(errors);
  return f;
}

const isEmpty = (f: LogFilter) => Object.values(f).every((v) => v === undefined);

/** A variant's id: the first 12 hex digits of the MD5 of its activities — stable, short, the same in every database. */
export function variantId(variantKey: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`left(md5(${variantKey}), 12)`;
}

/**
 * The log's events, of the cases the filter keeps (every event of each kept case). Without a
 * filter this is the log's events as they are, so unfiltered measures pay nothing for filtering.
 */
export function filteredEvents(log: Log, f: LogFilter = {}): RawBuilder<unknown> {
  if (isEmpty(f)) return eventSource(log);
  const having: RawBuilder<unknown>[] = [];
  if (f.from) having.push(sql`min(at) >= ${f.from}`);
  if (f.to) having.push(sql`min(at) < ${f.to}`);
  if (f.branch) having.push(sql`bool_or(branch = ${f.branch})`);
  if (f.service) having.push(sql`bool_or(service = ${f.service})`);
  if (f.version !== undefined) having.push(sql`bool_or(version = ${f.version})`);
  if (f.variant) having.push(sql`${variantId(sql`string_agg(cls, ${SEP} order by ${eventOrder(log)})`)} = ${f.variant}`);
  for (const a of f.attributes ?? []) having.push(sql`bool_or(attributes ->> ${a.name} = ${a.value})`);
  if (f.minDuration !== undefined) having.push(sql`coalesce(extract(epoch from max(at) - min(at)), 0) >= ${f.minDuration}`);
  if (f.maxDuration !== undefined) having.push(sql`coalesce(extract(epoch from max(at) - min(at)), 0) <= ${f.maxDuration}`);
  return sql`
    select * from (${eventSource(log)}) all_ev
    where case_id in (select case_id from (${eventSource(log)}) c group by case_id having ${sql.join(having, sql` and `)})`;
}
