import type { RequestContext } from '../../platform/access/actor.ts';
import { isInScope } from '../../platform/access/policy.ts';
import type { Deps } from '../../platform/deps.ts';
import { getCustomer } from './customer.service.ts';

/**
 * Everything the bank has with one customer, for the staff serving them: cases, inquiries,
 * appointments and survey answers (the later capabilities — queue tickets, complaints — add
 * theirs here). Only what lies within the actor's branches is listed.
 */
export async function customer360(deps: Deps, ctx: RequestContext, id: string) {
  const customer = await getCustomer(deps, ctx, id);
  const actor = ctx.actor!;
  const [cases, inquiries, appointments, surveys] = await Promise.all([
    deps.db
      .selectFrom('service_case as c')
      .innerJoin('org_unit as o', 'o.id', 'c.unit_id')
      .innerJoin('service_version as v', (j) => j.onRef('v.code', '=', 'c.service_code').onRef('v.version', '=', 'c.service_version'))
      .select(['c.id', 'c.ref', 'c.status', 'c.service_code', 'c.created_at', 'c.due_at', 'c.closed_at', 'c.channel', 'o.code as unit_code', 'o.path', 'v.data'])
      .where('c.customer_id', '=', id)
      .orderBy('c.created_at', 'desc')
      .limit(100)
      .execute(),
    deps.db.selectFrom('inquiry as i').innerJoin('org_unit as o', 'o.id', 'i.unit_id').select(['i.id', 'i.channel', 'i.topic', 'i.service_code', 'i.case_id', 'i.created_at', 'o.path']).where('i.customer_id', '=', id).orderBy('i.created_at', 'desc').limit(100).execute(),
    deps.db.selectFrom('appointment as a').innerJoin('org_unit as o', 'o.id', 'a.unit_id').select(['a.code', 'a.status', 'a.service_code', 'a.starts_at', 'o.code as unit_code', 'o.path']).where('a.customer_id', '=', id).orderBy('a.starts_at', 'desc').limit(100).execute(),
    deps.db.selectFrom('survey as s').innerJoin('service_case as c', 'c.id', 's.case_id').innerJoin('org_unit as o', 'o.id', 's.unit_id').select(['c.ref', 's.csat', 's.nps', 's.comment', 's.answered_at', 'o.path']).where('c.customer_id', '=', id).where('s.answered_at', 'is not', null).orderBy('s.answered_at', 'desc').limit(100).execute(),
  ]);
  const inReach = (path: string) => isInScope(actor, 'case.read', path);
  return {
    customer,
    cases: cases.filter((c) => inReach(c.path)).map((c) => ({ id: c.id, ref: c.ref, status: c.status, serviceCode: c.service_code, serviceNameZh: (c.data as { nameZh: string }).nameZh, serviceNameEn: (c.data as { nameEn: string }).nameEn, channel: c.channel, unitCode: c.unit_code, createdAt: c.created_at.toISOString(), dueAt: c.due_at?.toISOString() ?? null, closedAt: c.closed_at?.toISOString() ?? null })),
    inquiries: inquiries.filter((i) => inReach(i.path)).map((i) => ({ id: i.id, channel: i.channel, topic: i.topic, serviceCode: i.service_code, caseId: i.case_id, createdAt: i.created_at.toISOString() })),
    appointments: appointments.filter((a) => inReach(a.path)).map((a) => ({ code: a.code, status: a.status, serviceCode: a.service_code, startsAt: a.starts_at.toISOString(), unitCode: a.unit_code })),
    surveys: surveys.filter((s) => inReach(s.path)).map((s) => ({ caseRef: s.ref, csat: s.csat, nps: s.nps, comment: s.comment, answeredAt: s.answered_at!.toISOString() })),
  };
}
