import type { RequestContext } from '../../platform/access/actor.ts';
import { scopePrefix } from '../../platform/access/policy.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { Deps } from '../../platform/deps.ts';
import { DomainError, ValidationError } from '../../platform/errors.ts';
import { maskName } from '../../platform/pii/index.ts';
import { actingName, assertCustomerInReach, auditActor, channelProblem, customerToActOn, type Principal } from '../principal.ts';
import { customerFacts, suitability } from '../suitability/suitability.service.ts';
import { needsAssessment, type Reason } from '../suitability/suitability.ts';
import { productByCode } from './product.repository.ts';
import { fen, plainAmount, type Product } from './product.ts';
import type { SaleInput } from './product.schemas.ts';

export type Sale = {
  id: string;
  customerId: string;
  product: Pick<Product, 'code' | 'kind' | 'nameZh' | 'nameEn' | 'risk'>;
  amount: string;
  channel: SaleInput['channel'];
  offerId: string | null;
  customerLevel: string | null;
  holdingId: string;
  soldBy: string;
  soldAt: string;
};

/** A sale refused as unsuitable: 422, each reason on /productCode (the refusal is already recorded). */
export class UnsuitableSale extends DomainError {
  constructor(
    readonly refusalId: string,
    readonly reasons: Reason[],
  ) {
    super(
      'precondition_failed',
      { en: `The product is not suitable for this customer, so it cannot be sold: ${reasons.map((r) => r.en).join(' ')}`, zh: `该产品不适合该客户，不能销售：${reasons.map((r) => r.zh).join('')}` },
      { errors: reasons.map((r) => ({ field: '/productCode', message: { en: r.en, zh: r.zh } })), extensions: { refusalId, reasonCodes: reasons.map((r) => r.code) } },
    );
  }
}

/**
 * Sells a product to a customer — THE path for every channel: the staff API (counter, phone), the
 * customer's portal and mobile app, an accepted offer, any bulk path. In one transaction, with the
 * customer locked: suitability is judged as of now; a suitable sale writes the sale and the
 * holding it opens; an unsuitable one writes the refusal (regulators ask for them) and throws
 * `UnsuitableSale` after it is committed. Both audited.
 */
export async function sellProduct(deps: Deps, p: Principal, input: SaleInput): Promise<Sale> {
  const wrongChannel = channelProblem(p, input.channel);
  if (wrongChannel) throw new ValidationError([wrongChannel]);
  const now = deps.clock();
  const amount = plainAmount(input.amount);
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const customer = await customerToActOn(trx, p, input.customerId, 'product.sell', '/customerId');
    const product = await productByCode(trx, input.productCode, '/productCode');
    if (product.minAmount !== null && fen(amount) < fen(product.minAmount)) {
      throw new ValidationError([{ field: '/amount', message: { en: `${product.nameEn} starts at ${product.minAmount} yuan.`, zh: `${product.nameZh}起购金额为${product.minAmount}元。` } }]);
    }
    const facts = await customerFacts(trx, customer.id, now);
    const verdict = await suitability(trx, facts, product, now);
    const offerId = input.offerId ?? null;
    if (!verdict.suitable) {
      const id = deps.newId();
      await trx.insertInto('suitability_refusal').values({ id, customer_id: customer.id, product_code: product.code, amount, channel: input.channel, offer_id: offerId, reasons: JSON.stringify(verdict.reasons), attempted_by: actingName(p), unit_id: customer.unit_id, at: now }).execute();
      await recordAudit(trx, p.ctx, { action: 'product_sale.refused', entityType: 'customer', entityId: customer.id, unitId: customer.unit_id, after: { refusalId: id, productCode: product.code, amount, channel: input.channel, offerId, reasons: verdict.reasons.map((r) => r.code) }, ...auditActor(p) }, now);
      return { type: 'refused' as const, id, reasons: verdict.reasons };
    }
    // the assessment the sale relied on, for products sold on one
    const reliedOn = needsAssessment(product) ? facts.assessment : null;
    const level = reliedOn?.level ?? null;
    const sale = { id: deps.newId(), customer_id: customer.id, product_code: product.code, product_version: product.version, amount, channel: input.channel, offer_id: offerId, assessment_id: reliedOn?.id ?? null, customer_level: level, product_risk: product.riskLevel, sold_by: actingName(p), unit_id: customer.unit_id, sold_at: now };
    const holdingId = deps.newId();
    await trx.insertInto('product_sale').values(sale).execute();
    await trx.insertInto('customer_holding').values({ id: holdingId, customer_id: customer.id, product_code: product.code, amount, opened_at: now, closed_at: null, sale_id: sale.id }).execute();
    await recordAudit(trx, p.ctx, { action: 'product_sale.create', entityType: 'customer', entityId: customer.id, unitId: customer.unit_id, after: { saleId: sale.id, productCode: product.code, risk: product.risk, customerLevel: level, amount, channel: input.channel, offerId }, ...auditActor(p) }, now);
    return { type: 'sold' as const, sale: { id: sale.id, customerId: customer.id, product: { code: product.code, kind: product.kind, nameZh: product.nameZh, nameEn: product.nameEn, risk: product.risk }, amount, channel: input.channel, offerId, customerLevel: level, holdingId, soldBy: sale.sold_by, soldAt: now.toISOString() } };
  });
  if (outcome.type === 'refused') throw new UnsuitableSale(outcome.id, outcome.reasons);
  return outcome.sale;
}

/** A customer's holdings (open first, then closed), for staff within reach of the customer. */
export async function holdingsOf(deps: Deps, ctx: RequestContext, customerId: string) {
  await assertCustomerInReach(deps.db, ctx, customerId, 'product.read');
  const rows = await deps.db
    .selectFrom('customer_holding as h')
    .innerJoin('product as p', 'p.code', 'h.product_code')
    .select(['h.id', 'h.product_code', 'p.kind', 'p.name_zh', 'p.name_en', 'p.risk_level', 'h.amount', 'h.opened_at', 'h.closed_at'])
    .where('h.customer_id', '=', customerId)
    .orderBy((eb) => eb('h.closed_at', 'is', null), 'desc')
    .orderBy('h.opened_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, productCode: r.product_code, kind: r.kind, nameZh: r.name_zh, nameEn: r.name_en, risk: `R${r.risk_level}`, amount: r.amount, openedAt: r.opened_at.toISOString(), closedAt: r.closed_at?.toISOString() ?? null }));
}

/** Sales refused as unsuitable in the caller's branches, latest first (masked names). */
export async function listRefusals(deps: Deps, ctx: RequestContext, f: { customer?: string | undefined; product?: string | undefined; limit: number; offset: number }) {
  const prefix = scopePrefix(ctx.actor!, 'product.read');
  let q = deps.db.selectFrom('suitability_refusal as r').innerJoin('org_unit as o', 'o.id', 'r.unit_id').innerJoin('customer as c', 'c.id', 'r.customer_id');
  if (prefix) q = q.where('o.path', 'like', `${prefix}%`);
  if (f.customer) q = q.where('r.customer_id', '=', f.customer);
  if (f.product) q = q.where('r.product_code', '=', f.product.toUpperCase());
  const [rows, count] = await Promise.all([
    q.select(['r.id', 'r.customer_id', 'c.name', 'r.product_code', 'r.amount', 'r.channel', 'r.offer_id', 'r.reasons', 'r.attempted_by', 'o.code as unit_code', 'r.at']).orderBy('r.at', 'desc').orderBy('r.id').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({ id: r.id, customerId: r.customer_id, customerName: maskName(r.name), productCode: r.product_code, amount: r.amount, channel: r.channel, offerId: r.offer_id, reasons: r.reasons, attemptedBy: r.attempted_by, unitCode: r.unit_code, at: r.at.toISOString() })),
  };
}
