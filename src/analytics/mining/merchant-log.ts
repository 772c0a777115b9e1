import { sql, type RawBuilder } from 'kysely';

/*
 * The `merchants` log: each merchant a case (its code), holding the steps of the processes run for
 * it, its alerts and its status changes. Alerts and status changes are read from the audit trail
 * their changes write, so the log needs no table of its own. Rows have the columns of
 * `eventSource` (log-source.ts).
 */

/**
 * The merchants' lives: the steps of the processes run for a merchant (its onboarding, its
 * reviews: their business key is the merchant code; its risk cases), its alerts and its status
 * changes, each merchant a case.
 */
export const MERCHANT_LOG = 'merchants';

/** The merchants' events, `engine` being the engine's events as `eventSource` gives them. */
export function merchantEvents(engine: RawBuilder<unknown>): RawBuilder<unknown> {
  // a risk case's process is keyed by the case reference: its steps join the merchant's case
  return sql`
    select * from (${engine}) en where en.case_id in (select code from merchant)
    union all
    select m.code, en.cls, en.activity, en.lifecycle, en.at, en.seq, en.resource, en.branch, en.service, en.version, en.attributes
    from (${engine}) en join merchant_risk_case rc on rc.ref = en.case_id join merchant m on m.id = rc.merchant_id
    union all ${alertEvents()}
    union all ${statusEvents()}`;
}

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
 * Status changes as events of their merchant. The `seq` (above the engine's) only orders events
 * of the same instant: a change is written inside the step that makes it, so it never shows
 * before that step.
 */
function statusEvents(): RawBuilder<unknown> {
  return sql`
    select m.code as case_id, s.activity as cls, s.activity, null::text as lifecycle, s.at, (1e15 + s.audit_seq)::float8 as seq, s.resource,
      m.unit_id as branch, s.service, null::integer as version, s.attributes
    from (${merchantStatusChanges()}) s join merchant m on m.id = s.merchant_id`;
}

/**
 * Each change of a merchant's status, from the `merchant.status` entries of the audit trail
 * (onboarding's activation or refusal, a risk case's actions applied, the demo's outcomes), as
 * rows of (merchant_id, audit_seq, at, resource, activity, service, attributes):
 *
 * - activity: `merchant activated` (active from applying), `merchant reinstated` (active again
 *   from restricted or suspended: a rectification review lifted its controls), otherwise
 *   `merchant ` and the new status: `restricted`, `suspended`, `terminated`, `refused`;
 * - service: `merchantRiskCase` for a risk case's change, `merchantOnboarding` otherwise;
 * - attributes: `from` (the status before), `riskCase` (the case reference) and `controls` (those
 *   in force after the change, where it set them), absent ones left out.
 *
 * The resource is who acted (for a risk case, its approver). Kept apart from the log's columns so
 * an export can relate the changes to the merchant as an object.
 */
export function merchantStatusChanges(): RawBuilder<unknown> {
  return sql`
    select l.entity_id as merchant_id, l.seq as audit_seq, l.occurred_at as at, l.actor_name as resource,
      case when l.after ->> 'status' <> 'active' then 'merchant ' || (l.after ->> 'status')
        when l.before ->> 'status' in ('restricted', 'suspended') then 'merchant reinstated'
        else 'merchant activated' end as activity,
      case when l.after ? 'riskCase' then 'merchantRiskCase' else 'merchantOnboarding' end as service,
      jsonb_strip_nulls(jsonb_build_object('from', l.before ->> 'status', 'riskCase', l.after ->> 'riskCase',
        'controls', coalesce(ctl.controls, case jsonb_typeof(l.after -> 'controls') when 'string' then (l.after ->> 'controls')::jsonb else l.after -> 'controls' end))) as attributes
    from audit_log l
      -- a risk case records the controls it set in an entry of its own, naming the case
      left join lateral (
        select c.after - 'riskCase' as controls from audit_log c
        where c.entity_type = 'merchant' and c.entity_id = l.entity_id and c.action = 'merchant.controls' and c.after ->> 'riskCase' = l.after ->> 'riskCase'
        order by c.seq desc limit 1
      ) ctl on true
    where l.entity_type = 'merchant' and l.action = 'merchant.status'`;
}
