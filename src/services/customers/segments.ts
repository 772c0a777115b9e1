import type { RequestContext } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { Deps } from '../../platform/deps.ts';
import { DomainError } from '../../platform/errors.ts';

/** The tiers banks commonly use; a bank renames, adds or reorders them. */
const DEFAULT_SEGMENTS = [
  { code: 'standard', name_zh: '普通', name_en: 'Standard', rank: 0 },
  { code: 'gold', name_zh: '金卡', name_en: 'Gold', rank: 10 },
  { code: 'platinum', name_zh: '白金', name_en: 'Platinum', rank: 20 },
  { code: 'private', name_zh: '私行', name_en: 'Private banking', rank: 30 },
];

export async function ensureDefaultSegments(deps: Deps): Promise<void> {
  await deps.db.insertInto('customer_segment').values(DEFAULT_SEGMENTS).onConflict((oc) => oc.column('code').doNothing()).execute();
}

export async function listSegments(deps: Deps) {
  const rows = await deps.db.selectFrom('customer_segment').selectAll().orderBy('rank').execute();
  return rows.map((r) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en, rank: r.rank }));
}

/** Replaces the segment list; a segment still held by customers cannot be dropped. */
export async function setSegments(deps: Deps, ctx: RequestContext, segments: { code: string; nameZh: string; nameEn: string; rank: number }[]) {
  await deps.db.transaction().execute(async (trx) => {
    const keep = segments.map((s) => s.code);
    const dropped = await trx.selectFrom('customer_segment').select('code').where('code', 'not in', keep).execute();
    if (dropped.length > 0) {
      const used = await trx.selectFrom('customer').select('segment').where('segment', 'in', dropped.map((d) => d.code)).limit(1).executeTakeFirst();
      if (used) throw new DomainError('invalid_state', { en: `Customers are still in the segment "${used.segment}"; move them first.`, zh: `仍有客户属于分层“${used.segment}”，请先调整这些客户。` });
      await trx.deleteFrom('customer_segment').where('code', 'in', dropped.map((d) => d.code)).execute();
    }
    for (const s of segments) {
      await trx.insertInto('customer_segment').values({ code: s.code, name_zh: s.nameZh, name_en: s.nameEn, rank: s.rank }).onConflict((oc) => oc.column('code').doUpdateSet({ name_zh: s.nameZh, name_en: s.nameEn, rank: s.rank })).execute();
    }
    await recordAudit(trx, ctx, { action: 'customer_segment.set', entityType: 'customer_segment', entityId: 'all', after: segments }, deps.clock());
  });
  return listSegments(deps);
}
