import { mulberry32 } from '../../queue/staffing/random.ts';
import { systemContext } from '../../platform/access/actor.ts';
import { chinaDate } from '../../platform/calendar/china-time.ts';
import type { Deps } from '../../platform/deps.ts';
import { activeProducts } from '../products/product.repository.ts';
import { featuresOf, scoreOffer } from './offer-score.ts';
import { customerForOffers } from './offer.repository.ts';
import { rankOffers } from './offer.service.ts';
import { DECLINE_QUIET_DAYS, IGNORE_AFTER_DAYS, type OfferFacts, type OfferOutcome } from './offer.ts';
import { trainModel } from './training.service.ts';

/*
 * The demo bank's offer history, so the model has something to learn from the start. A demo bank
 * has a handful of customers, whose features alone could teach nothing (one customer's features
 * do not vary), so the history is invented whole: over the last 120 days, every third day, each
 * demo individual was shown at the counter the products that suit them now — each day as an
 * invented profile (payroll or not, assets, age, activity, channel, holdings, at risk or not), and
 * the outcome drawn with a chance that follows the bank's rules a little more keenly than the rules
 * themselves (payroll customers take cards and loans, wealth holders wealth). A fixed seed: every
 * demo bank learns the same model. No sales stand behind these acceptances; the last month has no
 * declines (a decline keeps a product off the list for a month). Written once, on a bank with no
 * offers, then a first training.
 */

const DAY = 86_400_000;
const DAYS = 120;
const EVERY = 3;

export async function seedDemoOffers(deps: Deps): Promise<void> {
  if (await deps.db.selectFrom('offer').select('id').limit(1).executeTakeFirst()) return;
  const customers = await deps.db
    .selectFrom('customer as c')
    .innerJoin('org_unit as o', 'o.id', 'c.unit_id')
    .select(['c.id', 'o.code as unit_code'])
    .where('c.kind', '=', 'individual')
    .orderBy('c.created_at').orderBy('c.id')
    .execute();
  if (!customers.length) return;
  const now = deps.clock();
  const random = mulberry32(20261129);
  const products = new Map((await activeProducts(deps.db)).map((p) => [p.code, p]));
  const rows = [];
  for (const { id, unit_code } of customers) {
    const c = (await customerForOffers(deps.db, id, chinaDate(now), now))!;
    const { items } = await rankOffers(deps, c, now);
    const staff = unit_code.startsWith('SH') ? 'teller2' : 'rm';
    for (let back = DAYS; back >= 1; back -= EVERY) {
      const shownAt = new Date(now.getTime() - back * DAY);
      const profile = inventedProfile(random);
      const features = featuresOf(profile);
      for (const [rank, o] of items.entries()) {
        const s = scoreOffer(profile, features, products.get(o.product.code)!, undefined);
        // the customer's own leaning: the rules' chance, a little keener (log-odds × 1.5, shifted up)
        const logit = Math.log(s.score / (1 - s.score));
        const accepts = random() < 1 / (1 + Math.exp(-(1.5 * logit + 1.5)));
        const declines = random() < 0.4;
        const outcome: OfferOutcome | null = accepts ? 'accepted' : declines && back > DECLINE_QUIET_DAYS ? 'declined' : back > IGNORE_AFTER_DAYS ? 'ignored' : null;
        const outcomeAt = outcome === null ? null : new Date(shownAt.getTime() + (outcome === 'ignored' ? IGNORE_AFTER_DAYS * DAY : 600_000));
        rows.push({
          id: deps.newId(), customer_id: c.id, product_code: o.product.code, channel: 'counter' as const, day: chinaDate(shownAt), shown_at: shownAt,
          shown_by: staff, unit_id: c.unit_id, tier: profile.tier, rank: rank + 1, score: s.score.toFixed(4), method: s.method,
          model_version: null, reasons: JSON.stringify(s.reasons), features: JSON.stringify(features), outcome, outcome_at: outcomeAt, outcome_by: outcome === null ? null : outcome === 'ignored' ? 'system' : staff, sale_id: null,
        });
      }
    }
  }
  for (let at = 0; at < rows.length; at += 500) await deps.db.insertInto('offer').values(rows.slice(at, at + 500)).execute();
  await trainModel(deps, systemContext(), 'start');
}

/** An invented customer: each trait drawn with a plausible share of a retail book. */
function inventedProfile(random: () => number): OfferFacts {
  const aum = random() < 0.1 ? 600_000 : random() < 0.4 ? 80_000 : 12_000;
  const age = random() < 0.3 ? 29 : random() < 0.3 ? 60 : 42;
  const active = random() < 0.5;
  return {
    age,
    aum,
    frequency: active ? 12 : 2,
    recency: active ? 3 : random() < 0.3 ? 120 : 30,
    preferredChannel: random() < 0.35 ? 'mobile' : 'counter',
    salary: age < 60 && random() < 0.45,
    holdings: { deposit: random() < 0.6 ? 1 : 0, wealth: random() < 0.3 ? 1 : 0, card: random() < 0.5 ? 1 : 0, loan: random() < 0.15 ? 1 : 0, insurance: random() < 0.2 ? 1 : 0 },
    tier: aum >= 500_000 ? 'platinum' : aum >= 50_000 ? 'gold' : 'standard',
    segments: random() < 0.1 ? ['at-risk'] : [],
    level: 3,
  };
}

