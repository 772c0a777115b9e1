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
    const engine = sql`
      select coalesce(p.business_key, e.instance_id) as case_id, coalesce(e.name, e.element_id) || coalesce('+' || e.lifecycle, '') as cls,
        coalesce(e.name, e.element_id) as activity, e.lifecycle, e.at, e.id::float8 as seq, e.resource, e.unit_id as branch, e.process_key as service,
        d.version, null::jsonb as attributes
      from event_log e join process_instance p on p.id = e.instance_id join process_definition d on d.id = p.definition_id
      where e.element_type not like '%Gateway'`;
    if (log.id === JOURNEY_LOG) return sql`${engine} union all ${queueEvents()}`;
    if (log.id === MERCHANT_LOG) {
      // a risk case's process is keyed by the case reference: its steps join the merchant's case
      return sql`
        select * from (${engine}) en where en.case_id in (select code from merchant)
        union all
        select m.code, en.cls, en.activity, en.lifecycle, en.at, en.seq, en.resource, en.branch, en.service, en.version, en.attributes
        from (${engine}) en join merchant_risk_case rc on rc.ref = en.case_id join merchant m on m.id = rc.merchant_id
        union all ${alertEvents()}`;
    }
    return engine;
  }
  return sql`select case_id, activity || coalesce('+' || lifecycle, '') as cls, activity, lifecycle, at, seq, resource,
    null::text as branch, null::text as service, null::integer as version, attributes from mining_event where log_id = ${log.id}`;
}

/** The customer journeys: the engine's log with the queue's events of each ticket. */
export const JOURNEY_LOG = 'journeys';

/**
 * The merchants' lives: the steps of the processes run for a merchant (its onboarding, its
 * reviews: their business key is the merchant code; its risk cases) and its alerts, each
 * merchant a case.
 */
export const MERCHANT_LOG = 'merchants';

/**
 * Alerts as events of their merchant: `alert opened: <rule>` when a rule fired, `alert
 * acknowledged` / `alert closed` as the risk officers worked it (the audit trail says when).
 * Their `seq` (negative: below the engine's) only orders events of the same instant: opened,
 * then the audit trail's order.
 */
function alertEvents(): RawBuilder<unknown> {
  return sql`
    select m.code as case_id, x.name as cls, x.name as activity, null::text as lifecycle, x.at, x.seq, x.resource, m.unit_id as branch,
      'merchantRisk' as service, null::integer as version, jsonb_build_object('rule', a.rule_code, 'severity', a.severity) as attributes
    from risk_alert a join merchant m on m.id = a.merchant_id
      cross join lateral (
        select 'alert opened: ' || a.rule_code as name, a.created_at as at, null::text as resource, -2::float8 as seq
        union all
        select case l.action when 'risk_alert.close' then 'alert closed' else 'alert acknowledged' end, l.occurred_at, l.actor_name, l.seq / 1e15 - 1
        from audit_log l where l.entity_type = 'risk_alert' and l.entity_id = a.id and l.action in ('risk_alert.acknowledge', 'risk_alert.close')
      ) x`;
}

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
