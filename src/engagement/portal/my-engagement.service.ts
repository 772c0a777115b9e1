import { sql } from 'kysely';
import { chinaDate } from '../../platform/calendar/china-time.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Principal } from '../principal.ts';
import { activeProducts } from '../products/product.repository.ts';
import type { Product } from '../products/product.ts';
import { DecisionLookup } from '../suitability/eligibility.ts';
import { LEVEL_NAMES } from '../suitability/questionnaire.ts';
import { customerFacts, suitability } from '../suitability/suitability.service.ts';
import type { Reason } from '../suitability/suitability.ts';

/*
 * What a signed-in customer reads about themselves in the portal. Every function takes the
 * customer principal the session gave, never an id from the request: a customer sees only their own.
 */

export type CustomerPrincipal = Extract<Principal, { kind: 'customer' }>;

/** My assessments, latest first, and the one in force today (if any). */
export async function myAssessments(deps: Deps, me: CustomerPrincipal) {
  const today = chinaDate(deps.clock());
  const rows = await deps.db
    .selectFrom('risk_assessment')
    .select(['id', 'level', 'score', 'questionnaire_version', 'channel', 'assessed_at', 'answers'])
    .select(sql<string>`valid_until::text`.as('valid_until'))
    .where('customer_id', '=', me.customerId)
    .orderBy('assessed_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(20)
    .execute();
  const items = rows.map((r) => ({ id: r.id, level: r.level, levelName: LEVEL_NAMES[r.level], score: r.score, questionnaireVersion: r.questionnaire_version, answers: r.answers, channel: r.channel, assessedAt: r.assessed_at.toISOString(), validUntil: r.valid_until, valid: r.valid_until >= today }));
  return { current: items[0]?.valid ? items[0] : null, items };
}

/** The products I hold, open first. */
export async function myHoldings(deps: Deps, me: CustomerPrincipal) {
  const rows = await deps.db
    .selectFrom('customer_holding as h')
    .innerJoin('product as p', 'p.code', 'h.product_code')
    .select(['h.id', 'h.product_code', 'p.kind', 'p.name_zh', 'p.name_en', 'p.risk_level', 'h.amount', 'h.opened_at', 'h.closed_at'])
    .where('h.customer_id', '=', me.customerId)
    .orderBy((eb) => eb('h.closed_at', 'is', null), 'desc')
    .orderBy('h.opened_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, productCode: r.product_code, kind: r.kind, nameZh: r.name_zh, nameEn: r.name_en, risk: `R${r.risk_level}`, amount: r.amount, openedAt: r.opened_at.toISOString(), closedAt: r.closed_at?.toISOString() ?? null }));
}

/**
 * The products on sale that suit me now — judged by the same `suitability` as every sale — and
 * the others with the reasons they do not (an expired assessment, a level too low), so that I
 * know what to do about it.
 */
export async function myProducts(deps: Deps, me: CustomerPrincipal) {
  const now = deps.clock();
  const facts = await customerFacts(deps.db, me.customerId, now);
  const decisions = new DecisionLookup(deps.db);
  const items: Product[] = [];
  const others: { product: Product; reasons: Reason[] }[] = [];
  for (const product of await activeProducts(deps.db)) {
    const verdict = await suitability(deps.db, facts, product, now, decisions);
    if (verdict.suitable) items.push(product);
    else others.push({ product, reasons: verdict.reasons });
  }
  return { assessment: facts.assessment, items, others };
}
