import { sql, type RawBuilder } from 'kysely';
import type { findLog } from '../event-log.service.ts';
import { merchantEvents, MERCHANT_LOG } from './merchant-log.ts';

export { MERCHANT_LOG } from './merchant-log.ts';

/*
 * A log's events as one SQL relation, whichever log it is: the engine's own (`event_log`, a case
 * being the instance's business key or id), the customer journeys, the merchants'
 * (merchant-log.ts), or an imported one (`mining_event`). An event's activity is its name, or
 * `name+lifecycle` where it has a lifecycle transition — the XES standard classifier — and a
 * case's variant is the sequence of its activities.
 */

export type Log = Awaited<ReturnType<typeof findLog>>;

/** Separates activities in a variant's key (a character no activity name holds). */
export const SEP = '\u001f';

/** The log's events as rows of (case_id, cls, activity, lifecycle, at, seq, resource, branch, service, version, attributes). */
export function eventSource(log: Log): RawBuilder<unknown> {
  if (log.eventOrder === 'engine') {
    const engine = sql`
      select coalesce(p.business_key, e.instance_id) as case_id, coalesce(e.name, e.element_id) || coalesce('+' || e.lifecycle, '') as cls,
        coalesce(e.name, e.element_id) as activity, e.lifecycle, e.at, e.id::float8 as seq, e.resource, e.unit_id as branch, e.process_key as service,
        d.version, null::jsonb as attributes
      from event_log e join process_instance p on p.id = e.instance_id join process_definition d on d.id = p.definition_id
      where e.element_type not like '%Gateway'`;
    if (log.id === JOURNEY_LOG) return sql`${engine} union all ${queueEvents()}`;
    if (log.id === MERCHANT_LOG) return merchantEvents(engine);
    return engine;
  }
  return sql`select case_id, activity || coalesce('+' || lifecycle, '') as cls, activity, lifecycle, at, seq, resource,
    null::text as branch, null::text as service, null::integer as version, attributes from mining_event where log_id = ${log.id}`;
}

/** The customer journeys: the engine's log with the queue's events of each ticket. */
export const JOURNEY_LOG = 'journeys';

/**
 * The queue's events — ticket issued, called, service started and ended — each in the case the
 * ticket led to (the case opened from it, its clock started at the ticket), or a case of its own
 * (`ticket:` and the ticket's id) for a visit that opened none. They sort by time within the case;
 * their `seq` (negative, unique per ticket and step) only breaks ties.
 */
function queueEvents(): RawBuilder<unknown> {
  return sql`
    select coalesce(sc.ref, 'ticket:' || t.id) as case_id, q.name as cls, q.name as activity, null::text as lifecycle, q.at,
      (q.k - extract(epoch from t.issued_at) * 4)::float8 as seq, case when q.k > 0 then t.served_by end as resource, t.unit_id as branch,
      coalesce(p.process_key, 'queue') as service, d.version, null::jsonb as attributes
    from queue_ticket t
      cross join lateral (values ('ticket issued', t.issued_at, 0), ('ticket called', t.called_at, 1), ('service started', t.serve_started_at, 2), ('service ended', t.serve_ended_at, 3)) as q(name, at, k)
      left join service_case sc on sc.source = 'ticket' and sc.unit_id = t.unit_id and sc.source_ref = t.number and sc.clock_started_at = t.issued_at
      left join process_instance p on p.id = sc.instance_id left join process_definition d on d.id = p.definition_id
    where q.at is not null`;
}

/** How events are sequenced within a case: as the file had them, or by time. */
export function eventOrder(log: Log): RawBuilder<unknown> {
  return log.eventOrder === 'file' ? sql`seq` : sql`at nulls last, seq`;
}

/** Seconds rounded to a tenth, or null. */
export const seconds = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
