import { systemContext } from '../../platform/access/actor.ts';
import { chinaDate } from '../../platform/calendar/china-time.ts';
import type { Deps } from '../../platform/deps.ts';
import { customerForOffers } from './offer.repository.ts';
import { rankOffers } from './offer.service.ts';
import { DECLINE_QUIET_DAYS, IGNORE_AFTER_DAYS, type OfferOutcome } from './offer.ts';
import { trainModel } from './training.service.ts';

/*
 * The demo bank's offer history, so the model has something to learn from the start: over the
 * last 120 days each demo individual was shown, every third day at the counter, each product that
 * suits them now, with the features they have now. The outcomes are invented but not random
 * noise: a customer accepts with a chance that follows the bank's rules a little more keenly than
 * the rules themselves (payroll customers take cards and loans, wealth holders wealth), drawn from
 * a fixed seed, so every demo bank learns the same model. No sales stand behind these acceptances;
 * the last month has no declines (a decline keeps a product off the list for a month).
 * Written once, on a bank with no offers, then a first training.
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
  const rows = [];
  for (const { id, unit_code } of customers) {
    const c = (await customerForOffers(deps.db, id, chinaDate(now), now))!;
    const { features, items } = await rankOffers(deps, c, now);
    const staff = unit_code.startsWith('SH') ? 'teller2' : 'rm';
    for (let back = DAYS; back >= 1; back -= EVERY) {
      const shownAt = new Date(now.getTime() - back * DAY);
      for (const o of items) {
        // the customer's own leaning: the rules' chance, a little keener (log-odds × 1.5)
        const logit = Math.log(o.score / (1 - o.score));
        const accepts = random() < 1 / (1 + Math.exp(-(1.5 * logit + 1)));
        const declines = random() < 0.4;
        // recent answers stay open, or ignored: a decline would keep the product off the demo's lists for a month
        const outcome: OfferOutcome | null = accepts ? 'accepted' : declines && back > DECLINE_QUIET_DAYS ? 'declined' : back > IGNORE_AFTER_DAYS ? 'ignored' : null;
        const outcomeAt = outcome === null ? null : new Date(shownAt.getTime() + (outcome === 'ignored' ? IGNORE_AFTER_DAYS * DAY : 600_000));
        rows.push({
          id: deps.newId(), customer_id: c.id, product_code: o.product.code, channel: 'counter' as const, day: chinaDate(shownAt), shown_at: shownAt,
          shown_by: staff, unit_id: c.unit_id, tier: c.segment, rank: o.rank, score: o.score.toFixed(4), method: o.method,
          model_version: null, reasons: JSON.stringify(o.reasons), features: JSON.stringify(features), outcome, outcome_at: outcomeAt, outcome_by: outcome === null ? null : outcome === 'ignored' ? 'system' : staff, sale_id: null,
        });
      }
    }
  }
  for (let at = 0; at < rows.length; at += 500) await deps.db.insertInto('offer').values(rows.slice(at, at + 500)).execute();
  await trainModel(deps, systemContext(), 'start');
}

/** A small seeded generator (mulberry32): the same numbers on every start. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
