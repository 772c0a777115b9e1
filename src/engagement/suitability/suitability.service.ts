import { sql, type Kysely, type Transaction } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { chinaDate } from '../../platform/calendar/china-time.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { assertCustomerInReach, CUSTOMER_ENTITY } from '../principal.ts';
import { activeProducts, productByCode } from '../products/product.repository.ts';
import type { Product } from '../products/product.ts';
import { DecisionLookup, eligibilityOf } from './eligibility.ts';
import { ageOn, judgeSuitability, type Assessment, type CustomerFacts, type Verdict } from './suitability.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The customer's latest risk-tolerance assessment, valid or not. */
export async function latestAssessment(db: Db, customerId: string): Promise<Assessment | null> {
  const a = await db
    .selectFrom('risk_assessment')
    .select(['id', 'level', sql<string>`valid_until::text`.as('valid_until'), 'assessed_at'])
    .where('customer_id', '=', customerId)
    .orderBy('assessed_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return a ? { id: a.id, level: a.level, validUntil: a.valid_until, assessedAt: a.assessed_at.toISOString() } : null;
}

/** What suitability reads about a customer at an instant: age that day, flags, payroll account, latest assessment. */
export async function customerFacts(db: Db, customerId: string, at: Date): Promise<CustomerFacts> {
  const c = await db
    .selectFrom('customer')
    .select(['id', 'kind', 'blacklisted', sql<string | null>`birth_date::text`.as('birth_date')])
    .select((eb) =>
      eb
        .exists(
          eb.selectFrom('customer_holding as h').innerJoin('product as p', 'p.code', 'h.product_code').select('h.id').whereRef('h.customer_id', '=', 'customer.id').where('p.salary_account', '=', true).where('h.closed_at', 'is', null),
        )
        .as('salary_account'),
    )
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!c) throw new NotFoundError(CUSTOMER_ENTITY, customerId);
  return { id: c.id, kind: c.kind, age: ageOn(c.birth_date, chinaDate(at)), blacklisted: c.blacklisted, salaryAccount: Boolean(c.salary_account), assessment: await latestAssessment(db, customerId) };
}

/**
 * Suitability (适当性) of one product for one customer at an instant: THE check that guards every
 * sale, whichever the channel (counter, phone, portal, mobile, an offer, a bulk path), and every
 * list of what may be offered. The rules are `judgeSuitability`'s; the eligibility decision is the
 * latest deployed version of the one the product names. `decisions` may be shared across products.
 */
export async function suitability(db: Db, customer: CustomerFacts, product: Product, at: Date, decisions = new DecisionLookup(db)): Promise<Verdict> {
  return judgeSuitability(customer, product, chinaDate(at), await eligibilityOf(decisions, customer, product));
}

/** Why a product is or is not suitable for a customer of the caller's branches, now. */
export async function explainSuitability(deps: Deps, ctx: RequestContext, customerId: string, productCode: string) {
  await assertCustomerInReach(deps.db, ctx, customerId, 'product.read');
  const product = await productByCode(deps.db, productCode, 'querystring:/product');
  const now = deps.clock();
  const facts = await customerFacts(deps.db, customerId, now);
  const verdict = await suitability(deps.db, facts, product, now);
  return { customerId, product, assessment: facts.assessment, ...verdict };
}

/**
 * The products on sale that suit a customer of the caller's branches now, and the others with
 * their reasons (what a relationship manager may and may not propose, and why).
 */
export async function suitableProducts(deps: Deps, ctx: RequestContext, customerId: string) {
  await assertCustomerInReach(deps.db, ctx, customerId, 'product.read');
  const now = deps.clock();
  const facts = await customerFacts(deps.db, customerId, now);
  const decisions = new DecisionLookup(deps.db);
  const items: Product[] = [];
  const others: { product: Product; reasons: Verdict['reasons'] }[] = [];
  for (const product of await activeProducts(deps.db)) {
    const verdict = await suitability(deps.db, facts, product, now, decisions);
    if (verdict.suitable) items.push(product);
    else others.push({ product, reasons: verdict.reasons });
  }
  return { customerId, assessment: facts.assessment, items, others };
}
