import { assertInScope } from '../../platform/access/policy.ts';
import { chinaDate } from '../../platform/calendar/china-time.ts';
import type { Deps } from '../../platform/deps.ts';
import { DomainError, NotFoundError, ValidationError, type Localized } from '../../platform/errors.ts';
import { maskName } from '../../platform/pii/index.ts';
import { actingName, channelProblem, CUSTOMER_ENTITY, type Principal } from '../principal.ts';
import { activeProducts } from '../products/product.repository.ts';
import type { Channel, Product } from '../products/product.ts';
import { DecisionLookup } from '../suitability/eligibility.ts';
import { customerFacts, suitability } from '../suitability/suitability.service.ts';
import type { CustomerFacts } from '../suitability/suitability.ts';
import { featuresOf, scoreOffer, type Scored } from './offer-score.ts';
import { customerForOffers, latestModel, type OfferCustomer } from './offer.repository.ts';
import { DECLINE_QUIET_DAYS, MAX_OFFERS, REPEAT_AFTER_DAYS, REPEATABLE_KINDS, type OfferFacts } from './offer.ts';

const DAY = 86_400_000;

/** One offer as staff and customers see it. `id` is null in a preview (nothing recorded). */
export type OfferView = {
  id: string | null;
  rank: number;
  product: Pick<Product, 'code' | 'kind' | 'nameZh' | 'nameEn' | 'risk' | 'minAmount' | 'termMonths' | 'rateText'>;
  /** Estimated chance of acceptance, 0–1. */
  score: number;
  method: Scored['method'];
  modelVersion: number | null;
  reasons: Scored['reasons'];
};

export type OfferList = {
  customerId: string;
  /** Masked for staff; the customer sees no name here. */
  customerName: string | null;
  tier: string;
  /** The channel the offers were shown in; null: a preview, nothing recorded. */
  channel: Channel | null;
  modelVersion: number | null;
  items: OfferView[];
  /** Why no offer is shown at all (no marketing consent for a call), else null. */
  withheld: (Localized & { code: string }) | null;
};

/**
 * The next best offers for a customer: the products on sale that suit them now (the one
 * suitability path), not held (deposits and wealth products again once the last lot is
 * REPEAT_AFTER_DAYS old) and not declined in the last DECLINE_QUIET_DAYS, ranked by score, at most
 * MAX_OFFERS, each with its reasons. With a channel, each offer shown is recorded (once a day per
 * channel: showing again that day answers the same offer ids); without one (staff only), a preview.
 * Staff need `product.read` over the customer's branch; a customer sees only their own (portal,
 * mobile). A call (phone) offers nothing to a customer without marketing consent.
 */
export async function showOffers(deps: Deps, p: Principal, customerId: string, channel: Channel | null): Promise<OfferList> {
  if (channel === null && p.kind === 'customer') throw new ValidationError([{ field: 'querystring:/channel', message: { en: 'A customer sees offers in the portal or the app.', zh: '客户须在网上银行或手机银行查看推荐。' } }]);
  const wrong = channel === null ? null : channelProblem(p, channel);
  if (wrong) throw new ValidationError([{ ...wrong, field: 'querystring:/channel' }]);
  const now = deps.clock();
  // read alongside the customer (PostgreSQL answers on several connections); used only once they are in reach
  const inputs = rankingInputs(deps, customerId, now);
  inputs.catch(() => undefined);
  const customer = await customerForOffers(deps.db, customerId, chinaDate(now), new Date(now.getTime() - DECLINE_QUIET_DAYS * DAY));
  if (!customer) throw new NotFoundError(CUSTOMER_ENTITY, customerId);
  if (p.kind === 'staff') assertInScope(p.ctx.actor!, 'product.read', customer.path);
  else if (p.customerId !== customer.id) throw new DomainError('forbidden', { en: 'A customer sees only their own offers.', zh: '客户只能查看本人的推荐。' });
  const list: OfferList = { customerId, customerName: p.kind === 'staff' ? maskName(customer.name) : null, tier: customer.segment, channel, modelVersion: null, items: [], withheld: null };
  if (channel === 'phone' && !customer.consents?.marketing) {
    list.withheld = { code: 'no_marketing_consent', en: 'The customer has not agreed to marketing: nothing is offered by phone.', zh: '客户未同意接收营销信息，电话渠道不作推荐。' };
    return list;
  }

  const ranked = await rankOffers(deps, customer, now, MAX_OFFERS, inputs);
  list.modelVersion = ranked.modelVersion;
  list.items = ranked.items;
  if (channel && list.items.length) await record(deps, p, customer, channel, ranked.features, list.items, now);
  return list;
}

/**
 * The products that may be offered to a customer now, scored and ranked (best first, then by
 * code), at most `limit`, with the customer's features the scores read and the model version in
 * force. Scoring reads only the customer's features, so candidates are scored first and judged for
 * suitability best first, until `limit` suit: every product listed passed `suitability`, and a
 * long catalogue costs a judgement only for the products near the top.
 */
export async function rankOffers(deps: Deps, customer: OfferCustomer, now: Date, limit = Number.POSITIVE_INFINITY, inputs = rankingInputs(deps, customer.id, now)): Promise<{ features: string[]; modelVersion: number | null; items: OfferView[] }> {
  const [suitFacts, model, products] = await inputs;
  const traits = offerFacts(customer, suitFacts, now);
  const features = featuresOf(traits);
  const held = new Map(customer.holdings.map((h) => [h.code, new Date(h.opened)]));
  const candidates = products
    .filter((product) => !customer.declined.includes(product.code) && offerableAgain(product, held.get(product.code), now))
    .map((product) => ({ product, scored: scoreOffer(traits, features, product, model?.products[product.code]) }))
    .sort((a, b) => b.scored.score - a.scored.score || a.product.code.localeCompare(b.product.code));
  const items: OfferView[] = [];
  const decisions = new DecisionLookup(deps.db);
  for (const { product, scored: s } of candidates) {
    if (items.length >= limit) break;
    if (!(await suitability(deps.db, suitFacts, product, now, decisions)).suitable) continue;
    items.push({ id: null, rank: items.length + 1, product: { code: product.code, kind: product.kind, nameZh: product.nameZh, nameEn: product.nameEn, risk: product.risk, minAmount: product.minAmount, termMonths: product.termMonths, rateText: product.rateText }, score: s.score, method: s.method, modelVersion: s.method === 'model' ? model!.version : null, reasons: s.reasons });
  }
  return { features, modelVersion: model?.version ?? null, items };
}

/** What ranking reads besides the customer row: suitability's facts, the model in force, the products on sale. */
function rankingInputs(deps: Deps, customerId: string, now: Date) {
  return Promise.all([customerFacts(deps.db, customerId, now), latestModel(deps.db), activeProducts(deps.db)]);
}

/**
 * The portal's and the app's offers for the signed-in customer: `principal` is
 * `{ kind: 'customer', customerId, ctx }`, `channel` `portal` or `mobile`. Each offer shown is
 * recorded (shown by `customer`); decline one with `recordOutcome(deps, principal, id, 'declined')`.
 */
export function offersForCustomer(deps: Deps, principal: Principal & { kind: 'customer' }, channel: 'portal' | 'mobile'): Promise<OfferList> {
  return showOffers(deps, principal, principal.customerId, channel);
}

/** A held product is offered again only for kinds bought in lots, once the latest lot is old enough. */
function offerableAgain(product: Product, lastOpened: Date | undefined, now: Date): boolean {
  if (!lastOpened) return true;
  if (!REPEATABLE_KINDS.includes(product.kind) || product.salaryAccount) return false;
  return now.getTime() - lastOpened.getTime() >= REPEAT_AFTER_DAYS * DAY;
}

/** What the score reads of a customer: the last refresh's facts and groups, open holdings by kind, and suitability's own facts. */
function offerFacts(c: OfferCustomer, s: CustomerFacts, now: Date): OfferFacts {
  const holdings = { deposit: 0, wealth: 0, card: 0, loan: 0, insurance: 0 };
  for (const h of c.holdings) holdings[h.kind] += Number(h.n);
  return {
    age: s.age,
    aum: c.aum ?? 0,
    frequency: c.frequency ?? 0,
    recency: c.recency,
    preferredChannel: c.preferred_channel,
    salary: s.salaryAccount || Boolean(c.payroll),
    holdings,
    tier: c.segment,
    segments: c.groups,
    level: s.assessment && s.assessment.validUntil >= chinaDate(now) ? Number(s.assessment.level.slice(1)) : null,
  };
}

/** Records the offers shown, once a day per channel; sets each view's id to the recorded offer's. */
async function record(deps: Deps, p: Principal, customer: { id: string; unit_id: string; segment: string }, channel: Channel, features: string[], items: OfferView[], now: Date): Promise<void> {
  const day = chinaDate(now);
  const rows = items.map((o) => ({
    id: deps.newId(), customer_id: customer.id, product_code: o.product.code, channel, day, shown_at: now, shown_by: actingName(p), unit_id: customer.unit_id, tier: customer.segment,
    rank: o.rank, score: o.score.toFixed(4), method: o.method, model_version: o.modelVersion, reasons: JSON.stringify(o.reasons), features: JSON.stringify(features), outcome: null, outcome_at: null, outcome_by: null, sale_id: null,
  }));
  // an offer already shown today in this channel keeps its first record: the update changes nothing but returns its id
  const saved = await deps.db
    .insertInto('offer')
    .values(rows)
    .onConflict((oc) => oc.columns(['customer_id', 'product_code', 'channel', 'day']).doUpdateSet({ shown_at: (eb) => eb.ref('offer.shown_at') }))
    .returning(['id', 'product_code'])
    .execute();
  const ids = new Map(saved.map((s) => [s.product_code, s.id]));
  for (const o of items) o.id = ids.get(o.product.code) ?? null;
}
