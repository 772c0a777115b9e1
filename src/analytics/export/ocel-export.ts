import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Deps } from '../../platform/deps.ts';
import { findLog, OWN_LOGS } from '../event-log.service.ts';
import { merchantStatusChanges } from '../mining/merchant-log.ts';
import { OcelWriter, type OcelRelationship } from './ocel-writer.ts';

/*
 * A log as OCEL 2.0 (JSON), for object-centric tools. Banklane's own log relates each event to the
 * objects it touched — the case (a service case, a complaint, a merchant, or a process instance), the
 * customer, the queue ticket the case came from, the branch and the staff member — and adds the
 * queue's own events (ticket issued, called, service started and ended). Customers appear by id
 * and segment only, never with personal data. An imported log relates each event to its case
 * (with the trace's attributes) and its resource as staff.
 */

const PAGE = 5000;

type EngineRow = {
  seq: number; activity: string; lifecycle: string; at: Date; resource: string | null; unit_id: string | null; process_key: string; case_key: string;
  case_ref: string | null; service_code: string | null; channel: string | null; case_customer: string | null; ticket_id: string | null;
  complaint_ref: string | null; complaint_category: string | null; complaint_customer: string | null;
  merchant_code: string | null; merchant_kind: string | null; merchant_mcc: string | null; merchant_unit: string | null;
};

async function* engineEvents(deps: Deps, w: OcelWriter): AsyncGenerator<string> {
  const branches = new Map((await deps.db.selectFrom('org_unit').select(['id', 'code', 'name_en', 'name_zh']).execute()).map((u) => [u.id, u]));
  const branch = (id: string | null) => {
    const u = id ? branches.get(id) : undefined;
    return u ? w.object(`branch:${u.code}`, 'branch', { code: u.code, name: u.name_en, nameZh: u.name_zh }) : null;
  };
  const staff = (username: string | null, unitId: string | null = null) => {
    if (!username) return null;
    const b = branch(unitId);
    return w.object(`staff:${username}`, 'staff', {}, b ? [{ objectId: b, qualifier: 'works at' }] : []);
  };
  const customers = new Map<string, string>();
  const customer = async (id: string | null) => {
    if (!id) return null;
    if (!customers.has(id)) {
      const c = await deps.db.selectFrom('customer').select(['id', 'segment', 'kind']).where('id', '=', id).executeTakeFirst();
      customers.set(id, w.object(`customer:${id}`, 'customer', { segment: c?.segment, kind: c?.kind }));
    }
    return customers.get(id)!;
  };
  /** A merchant (no personal data): its code, kind and category, served by its branch. */
  const merchant = (code: string, kind: string | null, mcc: string | null, unitId: string | null) => {
    const b = branch(unitId);
    return w.object(`merchant:${code}`, 'merchant', { code, kind, mcc }, b ? [{ objectId: b, qualifier: 'served by' }] : []);
  };
  let after = 0;
  for (;;) {
    const { rows } = await sql<EngineRow>`
      select e.id::int as seq, coalesce(e.name, e.element_id) as activity, e.lifecycle, e.at, e.resource, e.unit_id, e.process_key,
        coalesce(p.business_key, p.id) as case_key, sc.ref as case_ref, sc.service_code, sc.channel, sc.customer_id as case_customer, t.id as ticket_id,
        cp.ref as complaint_ref, cp.category_code as complaint_category, cp.customer_id as complaint_customer,
        m.code as merchant_code, m.kind as merchant_kind, m.mcc as merchant_mcc, m.unit_id as merchant_unit
      from event_log e join process_instance p on p.id = e.instance_id
        left join service_case sc on sc.ref = p.business_key
        left join queue_ticket t on sc.source = 'ticket' and t.unit_id = sc.unit_id and t.number = sc.source_ref and t.issued_at = sc.clock_started_at
        left join complaint cp on cp.ref = p.business_key
        left join merchant m on m.code = p.business_key
      where e.element_type not like '%Gateway' and e.id > ${after}
      order by e.id limit ${PAGE}`.execute(deps.db);
    for (const r of rows) {
      const rel: OcelRelationship[] = [];
      const b = branch(r.unit_id);
      const cust = await customer(r.case_customer ?? r.complaint_customer);
      let subject: string;
      if (r.complaint_ref) subject = w.object(`complaint:${r.complaint_ref}`, 'complaint', { ref: r.complaint_ref, category: r.complaint_category, process: r.process_key });
      else if (r.merchant_code) subject = merchant(r.merchant_code, r.merchant_kind, r.merchant_mcc, r.merchant_unit);
      else subject = w.object(`case:${r.case_key}`, 'case', { ref: r.case_ref ?? r.case_key, service: r.service_code, channel: r.channel, process: r.process_key });
      rel.push({ objectId: subject, qualifier: r.complaint_ref ? 'complaint' : r.merchant_code ? 'merchant' : 'case' });
      if (cust) {
        rel.push({ objectId: cust, qualifier: 'customer' });
        w.relate(subject, { objectId: cust, qualifier: 'for customer' });
      }
      if (b) {
        rel.push({ objectId: b, qualifier: 'branch' });
        w.relate(subject, { objectId: b, qualifier: 'handled at' });
      }
      if (r.ticket_id) w.relate(subject, { objectId: `ticket:${r.ticket_id}`, qualifier: 'started from' });
      const s = staff(r.resource);
      if (s) rel.push({ objectId: s, qualifier: 'resource' });
      yield w.event({ id: `e${r.seq}`, type: r.activity, time: r.at, attributes: { lifecycle: r.lifecycle, process: r.process_key }, relationships: rel });
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.seq;
  }
  // the queue's own events, ticket by ticket
  let afterTicket = '';
  for (;;) {
    const tickets = await deps.db.selectFrom('queue_ticket').select(['id', 'unit_id', 'category', 'number', 'channel', 'customer_id', 'issued_at', 'called_at', 'serve_started_at', 'serve_ended_at', 'served_by', 'status'])
      .where('id', '>', afterTicket).orderBy('id').limit(PAGE).execute();
    for (const t of tickets) {
      const ticket = w.object(`ticket:${t.id}`, 'ticket', { number: t.number, category: t.category, channel: t.channel, status: t.status });
      const b = branch(t.unit_id);
      const cust = await customer(t.customer_id);
      const base: OcelRelationship[] = [{ objectId: ticket, qualifier: 'ticket' }, ...(b ? [{ objectId: b, qualifier: 'branch' }] : []), ...(cust ? [{ objectId: cust, qualifier: 'customer' }] : [])];
      if (b) w.relate(ticket, { objectId: b, qualifier: 'issued at' });
      const teller = staff(t.served_by, t.unit_id);
      const steps: [string, Date | null, boolean][] = [['ticket issued', t.issued_at, false], ['ticket called', t.called_at, true], ['service started', t.serve_started_at, true], ['service ended', t.serve_ended_at, true]];
      for (const [type, at, byTeller] of steps) {
        if (!at) continue;
        yield w.event({ id: `${type.replaceAll(' ', '-')}:${t.id}`, type, time: at, attributes: {}, relationships: byTeller && teller ? [...base, { objectId: teller, qualifier: 'resource' }] : base });
      }
    }
    if (tickets.length < PAGE) break;
    afterTicket = tickets[tickets.length - 1]!.id;
  }
  // the merchants' alerts: opened when a rule fired, acknowledged and closed by risk officers
  const alerts = await sql<{ id: string; rule_code: string; severity: string; created_at: Date; code: string; kind: string; mcc: string; unit_id: string; action: string | null; at: Date | null; actor: string | null }>`
    select a.id, a.rule_code, a.severity, a.created_at, m.code, m.kind, m.mcc, m.unit_id, l.action, l.occurred_at as at, l.actor_name as actor
    from risk_alert a join merchant m on m.id = a.merchant_id
      left join audit_log l on l.entity_type = 'risk_alert' and l.entity_id = a.id and l.action in ('risk_alert.acknowledge', 'risk_alert.close')
    order by a.created_at, a.id, l.seq`.execute(deps.db);
  const opened = new Set<string>();
  for (const a of alerts.rows) {
    const subject = merchant(a.code, a.kind, a.mcc, a.unit_id);
    const b = branch(a.unit_id);
    const base: OcelRelationship[] = [{ objectId: subject, qualifier: 'merchant' }, ...(b ? [{ objectId: b, qualifier: 'branch' }] : [])];
    if (!opened.has(a.id)) {
      opened.add(a.id);
      yield w.event({ id: `alert-opened:${a.id}`, type: 'alert opened', time: a.created_at, attributes: { rule: a.rule_code, severity: a.severity }, relationships: base });
    }
    if (a.action && a.at) {
      const s = staff(a.actor);
      const type = a.action === 'risk_alert.close' ? 'alert closed' : 'alert acknowledged';
      yield w.event({ id: `${type.replaceAll(' ', '-')}:${a.id}`, type, time: a.at, attributes: { rule: a.rule_code, severity: a.severity }, relationships: s ? [...base, { objectId: s, qualifier: 'resource' }] : base });
    }
  }
  // the merchants' status changes (activated, restricted, suspended, reinstated, terminated, refused), from the audit trail
  const changes = await sql<{ audit_seq: string; activity: string; at: Date; resource: string | null; attributes: Record<string, unknown>; code: string; kind: string; mcc: string; unit_id: string }>`
    select s.audit_seq, s.activity, s.at, s.resource, s.attributes, m.code, m.kind, m.mcc, m.unit_id
    from (${merchantStatusChanges()}) s join merchant m on m.id = s.merchant_id order by s.at, s.audit_seq`.execute(deps.db);
  for (const c of changes.rows) {
    const b = branch(c.unit_id);
    const s = staff(c.resource);
    const rel: OcelRelationship[] = [{ objectId: merchant(c.code, c.kind, c.mcc, c.unit_id), qualifier: 'merchant' }];
    if (b) rel.push({ objectId: b, qualifier: 'branch' });
    if (s) rel.push({ objectId: s, qualifier: 'resource' });
    yield w.event({ id: `merchant-status:${c.audit_seq}`, type: c.activity, time: c.at, attributes: c.attributes, relationships: rel });
  }
}

async function* importedEvents(deps: Deps, id: string, w: OcelWriter): AsyncGenerator<string> {
  // the attribute types, from one pass over the log, so every value is written as its declared type
  const { rows: kinds } = await sql<{ activity: string; key: string; kind: string }>`
    select activity, a.key, case jsonb_typeof(a.value)
        when 'number' then case when a.value::text ~ '^-?[0-9]+$' then 'integer' else 'float' end
        when 'boolean' then 'boolean'
        when 'string' then case when a.value #>> '{}' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}' then 'time' else 'string' end
        else 'string' end as kind
    from mining_event e, jsonb_each(e.attributes) a
    where e.log_id = ${id} and a.key not like 'case:%' group by 1, 2, 3`.execute(deps.db);
  const SAMPLE: Record<string, unknown> = { integer: 1, float: 1.5, boolean: true, time: '1970-01-01T00:00:00Z', string: '' };
  for (const k of kinds) w.declareEvents(k.activity, { [k.key]: SAMPLE[k.kind] });
  let after = -1;
  for (;;) {
    const rows = await deps.db.selectFrom('mining_event').select(['seq', 'case_id', 'activity', 'lifecycle', 'at', 'resource', 'attributes'])
      .where('log_id', '=', id).where('seq', '>', after).orderBy('seq').limit(PAGE).execute();
    for (const r of rows) {
      if (!r.at) continue; // OCEL events need a time
      const own: Record<string, unknown> = {};
      const caseAttributes: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r.attributes ?? {})) {
        if (k.startsWith('case:')) caseAttributes[k.slice(5)] = v;
        else own[k] = v;
      }
      const rel: OcelRelationship[] = [{ objectId: w.object(`case:${r.case_id}`, 'case', caseAttributes), qualifier: 'case' }];
      if (r.resource) rel.push({ objectId: w.object(`staff:${r.resource}`, 'staff'), qualifier: 'resource' });
      yield w.event({ id: `e${r.seq}`, type: r.activity, time: r.at, attributes: { ...own, ...(r.lifecycle && { lifecycle: r.lifecycle }) }, relationships: rel });
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.seq;
  }
}

/** The log as an OCEL 2.0 JSON document, streamed event by event. */
export async function exportOcel(deps: Deps, id: string): Promise<{ fileName: string; stream: Readable }> {
  await findLog(deps, id);
  const named = OWN_LOGS.includes(id) ? { name: 'Banklane' } : await deps.db.selectFrom('mining_log').select('name').where('id', '=', id).executeTakeFirstOrThrow();
  async function* pieces(): AsyncGenerator<string> {
    const w = new OcelWriter();
    yield w.start();
    // both own logs give the same object-centric log: the engine's events and the queue's, related to their objects
    yield* OWN_LOGS.includes(id) ? engineEvents(deps, w) : importedEvents(deps, id, w);
    yield w.end();
  }
  const safe = named.name.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 80) || 'log';
  return { fileName: `${safe}.ocel.json`, stream: Readable.from(pieces()) };
}
