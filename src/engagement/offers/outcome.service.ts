import { systemContext } from '../../platform/access/actor.ts';
import { assertInScope } from '../../platform/access/policy.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { Deps } from '../../platform/deps.ts';
import { DomainError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { actingName, auditActor, type Principal } from '../principal.ts';
import { IGNORE_AFTER_DAYS, OFFER, type OfferOutcome } from './offer.ts';

/*
 * What came of an offer: accepted when the product is sold to the customer after it was shown
 * (the sale's own path, hooked after every sale), declined when the customer says no (staff or
 * the customer themselves), ignored when nothing came of it within IGNORE_AFTER_DAYS (the sweep).
 */

const DAY = 86_400_000;

export type OutcomeView = { id: string; productCode: string; outcome: OfferOutcome; outcomeAt: string; outcomeBy: string };

/**
 * Records the customer's answer to an offer: `declined`, or `ignored` (they let it pass). An
 * offer is accepted only by selling the product (400 on /outcome); one that has an outcome already
 * is refused (409). Staff need `product.sell` over the customer's branch; a customer answers only
 * their own offers. Audited.
 */
export async function recordOutcome(deps: Deps, p: Principal, offerId: string, outcome: OfferOutcome): Promise<OutcomeView> {
  if (outcome === 'accepted') {
    throw new ValidationError([{ field: '/outcome', message: { en: 'An offer is accepted by selling the product (POST /api/v1/product-sales): the sale records it.', zh: '接受推荐须办理产品销售（POST /api/v1/product-sales），销售成功即记为接受。' } }]);
  }
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const offer = await trx
      .selectFrom('offer as f')
      .innerJoin('customer as c', 'c.id', 'f.customer_id')
      .innerJoin('org_unit as o', 'o.id', 'c.unit_id')
      .select(['f.id', 'f.customer_id', 'f.product_code', 'f.channel', 'f.outcome', 'c.unit_id', 'o.path'])
      .where('f.id', '=', offerId)
      .forUpdate('f')
      .executeTakeFirst();
    // a customer asking about someone else's offer learns nothing of it
    if (!offer || (p.kind === 'customer' && p.customerId !== offer.customer_id)) throw new NotFoundError(OFFER, offerId);
    if (p.kind === 'staff') assertInScope(p.ctx.actor!, 'product.sell', offer.path);
    if (offer.outcome !== null) {
      throw new DomainError('invalid_state', { en: `This offer was ${offer.outcome} already; show the customer's offers again for a fresh one.`, zh: `该推荐已有结果（${ZH[offer.outcome]}），请重新查看客户的推荐。` });
    }
    const by = actingName(p);
    await trx.updateTable('offer').set({ outcome, outcome_at: now, outcome_by: by }).where('id', '=', offerId).execute();
    await recordAudit(trx, p.ctx, { action: 'offer.outcome', entityType: 'customer', entityId: offer.customer_id, unitId: offer.unit_id, before: { offerId, outcome: null }, after: { offerId, productCode: offer.product_code, channel: offer.channel, outcome }, ...auditActor(p) }, now);
    return { id: offerId, productCode: offer.product_code, outcome, outcomeAt: now.toISOString(), outcomeBy: by };
  });
}

const ZH: Record<OfferOutcome, string> = { accepted: '已接受', declined: '已拒绝', ignored: '未回应' };

/**
 * After a sale (the engagement's `afterSale`): each sale of the customer's not yet tied to an
 * offer accepts the offer it named (`offerId`, when open and of that product), else the latest open
 * offer of that product shown before it. Earlier open offers of the product stay open and become
 * ignored in time. Idempotent: a sale accepts one offer once. Audited (by the system).
 */
export async function acceptSoldOffers(deps: Deps, customerId: string): Promise<number> {
  const open = await deps.db.selectFrom('offer').select(['id', 'product_code', 'shown_at']).where('customer_id', '=', customerId).where('outcome', 'is', null).orderBy('shown_at', 'desc').orderBy('id', 'desc').execute();
  if (!open.length) return 0;
  const since = open.at(-1)!.shown_at;
  const sales = await deps.db
    .selectFrom('product_sale as s')
    .select(['s.id', 's.product_code', 's.offer_id', 's.sold_at', 's.sold_by', 's.unit_id'])
    .where('s.customer_id', '=', customerId)
    .where('s.sold_at', '>=', since)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('offer').select('id').whereRef('offer.sale_id', '=', 's.id'))))
    .orderBy('s.sold_at')
    .orderBy('s.id')
    .execute();
  let accepted = 0;
  for (const sale of sales) {
    const candidates = open.filter((o) => o.product_code === sale.product_code && o.shown_at <= sale.sold_at);
    const offer = candidates.find((o) => o.id === sale.offer_id) ?? candidates[0];
    if (!offer) continue;
    open.splice(open.indexOf(offer), 1);
    await deps.db.transaction().execute(async (trx) => {
      const done = await trx.updateTable('offer').set({ outcome: 'accepted', outcome_at: sale.sold_at, outcome_by: sale.sold_by, sale_id: sale.id }).where('id', '=', offer.id).where('outcome', 'is', null).executeTakeFirst();
      if (!done.numUpdatedRows) return;
      accepted++;
      await recordAudit(trx, systemContext(), { action: 'offer.outcome', entityType: 'customer', entityId: customerId, unitId: sale.unit_id, before: { offerId: offer.id, outcome: null }, after: { offerId: offer.id, productCode: sale.product_code, outcome: 'accepted', saleId: sale.id } }, deps.clock());
    });
  }
  return accepted;
}

/** Offers shown more than IGNORE_AFTER_DAYS ago without an outcome become ignored; how many did. */
export async function ignoreStaleOffers(deps: Deps, days = IGNORE_AFTER_DAYS): Promise<number> {
  const now = deps.clock();
  const result = await deps.db
    .updateTable('offer')
    .set({ outcome: 'ignored', outcome_at: now, outcome_by: 'system' })
    .where('outcome', 'is', null)
    .where('shown_at', '<', new Date(now.getTime() - days * DAY))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

