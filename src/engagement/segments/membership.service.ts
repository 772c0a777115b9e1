import { sql } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { assertInScope, scopePrefix } from '../../platform/access/policy.ts';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { maskName } from '../../platform/pii/index.ts';
import { customerFactsView } from '../facts/facts.view.ts';
import { SEGMENT } from './segment.service.ts';

/*
 * Who is in a segment, and which segments a customer is in and was in: members of the caller's
 * branches only, names masked.
 */

const CUSTOMER = { en: 'customer', zh: '客户' };
/** The most membership events one customer's history shows, newest first. */
const HISTORY = 200;

/** A segment's members in the caller's branches, longest-standing first. */
export async function segmentMembers(deps: Deps, ctx: RequestContext, code: string, page: { limit: number; offset: number }) {
  const prefix = scopePrefix(ctx.actor!, 'segment.read');
  if (!(await deps.db.selectFrom('segment').select('code').where('code', '=', code).executeTakeFirst())) throw new NotFoundError(SEGMENT, code);
  let q = deps.db
    .selectFrom('segment_member as m')
    .innerJoin('customer as c', 'c.id', 'm.customer_id')
    .innerJoin('org_unit as o', 'o.id', 'c.unit_id')
    .leftJoin('customer_fact as f', 'f.customer_id', 'c.id')
    .where('m.segment_code', '=', code);
  if (prefix !== null) q = q.where('o.path', 'like', `${prefix}%`);
  const [total, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    q.select(['c.id', 'c.name', 'c.kind', 'c.segment', 'o.code as unit_code', 'm.since', 'f.aum', 'f.r_score', 'f.f_score', 'f.m_score'])
      .orderBy('m.since').orderBy('c.id').limit(page.limit).offset(page.offset).execute(),
  ]);
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      customerId: r.id, name: maskName(r.name), kind: r.kind, tier: r.segment, unitCode: r.unit_code, since: r.since.toISOString(),
      aum: r.aum, rfm: r.r_score === null ? null : { r: r.r_score, f: r.f_score, m: r.m_score },
    })),
  };
}

/** A customer's segments now, every entry and exit (newest first), and the facts they rest on. */
export async function customerSegments(deps: Deps, ctx: RequestContext, customerId: string) {
  const customer = await deps.db
    .selectFrom('customer as c')
    .innerJoin('org_unit as o', 'o.id', 'c.unit_id')
    .select(['c.id', 'c.segment', 'o.path'])
    .where('c.id', '=', customerId)
    .executeTakeFirst();
  if (!customer) throw new NotFoundError(CUSTOMER, customerId);
  assertInScope(ctx.actor!, 'segment.read', customer.path);
  const [members, history] = await Promise.all([
    deps.db
      .selectFrom('segment_member as m')
      .innerJoin('segment as s', 's.code', 'm.segment_code')
      .select(['s.code', 's.kind', 's.name_zh', 's.name_en', 'm.since', 'm.run_id'])
      .where('m.customer_id', '=', customerId)
      .orderBy(sql`s.kind = 'tier'`, 'desc').orderBy('s.rank', 'desc')
      .execute(),
    deps.db
      .selectFrom('segment_membership_event as e')
      .innerJoin('segment as s', 's.code', 'e.segment_code')
      .select(['e.segment_code', 's.kind', 's.name_zh', 's.name_en', 'e.segment_version', 'e.change', 'e.at', 'e.run_id'])
      .where('e.customer_id', '=', customerId)
      .orderBy('e.at', 'desc').orderBy('e.id', 'desc')
      .limit(HISTORY)
      .execute(),
  ]);
  return {
    customerId,
    tier: customer.segment,
    segments: members.map((m) => ({ code: m.code, kind: m.kind, nameZh: m.name_zh, nameEn: m.name_en, since: m.since.toISOString(), runId: m.run_id })),
    history: history.map((e) => ({ code: e.segment_code, kind: e.kind, nameZh: e.name_zh, nameEn: e.name_en, segmentVersion: e.segment_version, change: e.change, at: e.at.toISOString(), runId: e.run_id })),
    facts: await customerFactsView(deps, customerId),
  };
}
