import { sql, type RawBuilder } from 'kysely';
import type { findLog } from '../event-log.service.ts';

/*
 * A log's events as one SQL relation, whichever log it is: the engine's own (`event_log`, a case
 * being the instance's business key or id) or an imported one (`mining_event`). An event's
 * activity is its name, or `name+lifecycle` where it has a lifecycle transition — the XES standard
 * classifier — and a case's variant is the sequence of its activities.
 */

export type Log = Awaited<ReturnType<typeof findLog>>;

/** Separates activities in a variant's key (a character no activity name holds). */
export const SEP = '\u001f';

/** The log's events as rows of (case_id, cls, activity, lifecycle, at, seq, resource, branch, service, version, attributes). */
export function eventSource(log: Log): RawBuilder<unknown> {
  if (log.eventOrder === 'engine') {
    return sql`
      select coalesce(p.business_key, e.instance_id) as case_id, coalesce(e.name, e.element_id) || coalesce('+' || e.lifecycle, '') as cls,
        coalesce(e.name, e.element_id) as activity, e.lifecycle, e.at, e.id as seq, e.resource, e.unit_id as branch, e.process_key as service,
        d.version, null::jsonb as attributes
      from event_log e join process_instance p on p.id = e.instance_id join process_definition d on d.id = p.definition_id
      where e.element_type not like '%Gateway'`;
  }
  return sql`select case_id, activity || coalesce('+' || lifecycle, '') as cls, activity, lifecycle, at, seq, resource,
    null::text as branch, null::text as service, null::integer as version, attributes from mining_event where log_id = ${log.id}`;
}

/** How events are sequenced within a case: as the file had them, or by time. */
export function eventOrder(log: Log): RawBuilder<unknown> {
  return log.eventOrder === 'file' ? sql`seq` : sql`at nulls last, seq`;
}

/** Seconds rounded to a tenth, or null. */
export const seconds = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
