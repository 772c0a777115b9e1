import type { RequestContext } from '../../platform/access/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { uplift, type MarketingChannel } from './campaign.ts';
import { campaignInReach } from './campaign.service.ts';

/*
 * A campaign's results (活动效果): reached, responded and converted in the treatment arm against
 * the control group, and the uplift — the difference of conversion rates — with its 95% interval
 * (Newcombe's hybrid score). Both arms count only customers who were, or would have been,
 * contacted (consent, address and cap applied alike), so the arms are comparable.
 *
 * Conversion: a seminar's is attendance (checked in); a promotion's or lottery's is a sale of the
 * campaign's product from its start to its end (none named: no conversions).
 */

type Arm = { size: number; reached: number; responded: number; converted: number; rate: number | null };

const rate = (x: number, n: number) => (n === 0 ? null : x / n);

export async function campaignResults(deps: Deps, ctx: RequestContext, id: string) {
  const c = await campaignInReach(deps.db, ctx, id, 'campaign.read');
  const audience = await deps.db.selectFrom('campaign_audience').select(['customer_id', 'arm', 'outcome', 'responded_at', 'converted_at']).where('campaign_id', '=', id).execute();
  let sold = new Set<string>();
  if (c.kind !== 'seminar' && c.product_code && c.started_at) {
    const sales = await deps.db.selectFrom('product_sale as s').innerJoin('campaign_audience as a', (j) => j.onRef('a.customer_id', '=', 's.customer_id').on('a.campaign_id', '=', id))
      .select('s.customer_id').distinct().where('s.product_code', '=', c.product_code).where('s.sold_at', '>=', c.started_at).where('s.sold_at', '<=', c.ends_at).execute();
    sold = new Set(sales.map((s) => s.customer_id));
  }
  const converted = (a: { customer_id: string; converted_at: Date | null }) => (c.kind === 'seminar' ? a.converted_at !== null : sold.has(a.customer_id));
  const arm = (rows: typeof audience): Arm => {
    const reached = rows.filter((a) => a.outcome === 'contacted');
    const conv = reached.filter(converted).length;
    return { size: rows.length, reached: reached.length, responded: reached.filter((a) => a.responded_at !== null).length, converted: conv, rate: rate(conv, reached.length) };
  };
  const treatmentRows = audience.filter((a) => a.arm === 'treatment');
  const controlRows = audience.filter((a) => a.arm === 'control');
  const treatment = arm(treatmentRows);
  const control = arm(controlRows);

  const contacts = await deps.db.selectFrom('campaign_contact').select(['customer_id', 'channel', 'decision']).where('campaign_id', '=', id).execute();
  const byCustomer = new Map(treatmentRows.map((a) => [a.customer_id, a]));
  const channels = (c.channels as MarketingChannel[]).map((channel) => {
    const mine = contacts.filter((k) => k.channel === channel);
    const reachedIds = mine.filter((k) => k.decision === 'sent' || k.decision === 'deferred').map((k) => byCustomer.get(k.customer_id)!).filter(Boolean);
    const conv = reachedIds.filter(converted).length;
    const decisions = { sent: 0, deferred: 0, no_consent: 0, no_address: 0, capped: 0 };
    for (const k of mine) decisions[k.decision]++;
    return {
      channel, decisions, reached: reachedIds.length, responded: reachedIds.filter((a) => a.responded_at !== null).length, converted: conv,
      rate: rate(conv, reachedIds.length), uplift: uplift(conv, reachedIds.length, control.converted, control.reached),
    };
  });
  const excluded = { control: controlRows.length, no_consent: 0, no_address: 0, capped: 0 };
  for (const a of treatmentRows) if (a.outcome !== 'contacted') excluded[a.outcome]++;
  return {
    campaignId: id,
    kind: c.kind,
    status: c.status,
    conversion: c.kind === 'seminar' ? 'attended' : c.product_code ? `sale of ${c.product_code}` : 'none',
    audience: audience.length,
    treatment,
    control,
    uplift: uplift(treatment.converted, treatment.reached, control.converted, control.reached),
    interval: 'Newcombe hybrid score, 95%',
    excluded,
    deferred: contacts.filter((k) => k.decision === 'deferred').length,
    channels,
  };
}
