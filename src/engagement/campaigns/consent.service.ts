import { sql, type Kysely } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { assertCustomerInReach, customerToActOn } from '../principal.ts';
import { MARKETING_CHANNELS, type MarketingChannel } from './campaign.ts';
import type { ConsentSource } from './campaign.table.ts';

/*
 * Marketing consent per channel (营销授权): every grant and withdrawal kept, the latest in force.
 * A customer is contacted on a channel only when consent for it is granted and the customer's
 * general marketing consent (`customer.consents.marketing`) is not false.
 */

/** The channels each customer may be contacted on now. Customers without any are absent. */
export async function marketingChannels(db: Kysely<Database>, customerIds: readonly string[]): Promise<Map<string, Set<MarketingChannel>>> {
  const out = new Map<string, Set<MarketingChannel>>();
  if (customerIds.length === 0) return out;
  const rows = await db
    .selectFrom('customer_marketing_consent as m')
    .innerJoin('customer as c', 'c.id', 'm.customer_id')
    .select(['m.customer_id', 'm.channel', 'm.granted'])
    .distinctOn(['m.customer_id', 'm.channel'])
    .where('m.customer_id', 'in', customerIds)
    .where(sql<boolean>`coalesce((c.consents->>'marketing')::boolean, true)`)
    .orderBy('m.customer_id').orderBy('m.channel').orderBy('m.id', 'desc')
    .execute();
  for (const r of rows) {
    if (!r.granted) continue;
    const set = out.get(r.customer_id) ?? new Set<MarketingChannel>();
    set.add(r.channel);
    out.set(r.customer_id, set);
  }
  return out;
}

/** A customer's marketing consent: the general switch, each channel now, and every change (newest first). */
export async function customerConsents(deps: Deps, ctx: RequestContext, customerId: string) {
  await assertCustomerInReach(deps.db, ctx, customerId, 'customer.read');
  const customer = await deps.db.selectFrom('customer').select('consents').where('id', '=', customerId).executeTakeFirstOrThrow();
  const history = await deps.db.selectFrom('customer_marketing_consent').selectAll().where('customer_id', '=', customerId).orderBy('id', 'desc').limit(200).execute();
  const marketing = customer.consents.marketing !== false;
  const channels = MARKETING_CHANNELS.map((channel) => {
    const last = history.find((h) => h.channel === channel);
    return { channel, granted: last?.granted ?? false, effective: marketing && (last?.granted ?? false), changedAt: last?.changed_at.toISOString() ?? null, changedBy: last?.changed_by ?? null, source: last?.source ?? null };
  });
  return {
    customerId,
    marketing,
    channels,
    history: history.map((h) => ({ channel: h.channel, granted: h.granted, changedAt: h.changed_at.toISOString(), changedBy: h.changed_by, source: h.source })),
  };
}

/** Grants or withdraws consent on one channel (staff of the customer's branches; audited). A repeat of the state in force changes nothing. */
export async function setMarketingConsent(deps: Deps, ctx: RequestContext, customerId: string, channel: MarketingChannel, input: { granted: boolean; source: ConsentSource }) {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const customer = await customerToActOn(trx, { kind: 'staff', ctx }, customerId, 'customer.write', null);
    const last = await trx.selectFrom('customer_marketing_consent').select('granted').where('customer_id', '=', customerId).where('channel', '=', channel).orderBy('id', 'desc').limit(1).executeTakeFirst();
    if ((last?.granted ?? false) === input.granted && last) return;
    await trx.insertInto('customer_marketing_consent').values({ customer_id: customerId, channel, granted: input.granted, changed_at: now, changed_by: ctx.actor!.username, source: input.source }).execute();
    await recordAudit(trx, ctx, { action: input.granted ? 'marketing_consent.grant' : 'marketing_consent.withdraw', entityType: 'customer', entityId: customerId, unitId: customer.unit_id, before: { channel, granted: last?.granted ?? false }, after: { channel, granted: input.granted, source: input.source } }, now);
  });
  return customerConsents(deps, ctx, customerId);
}

/**
 * Demo banks: consent for customers who gave general marketing consent and have none per
 * channel yet — SMS where they take SMS, portal and counter for all, e-mail where there is an
 * address and every other one, so that campaigns show each kind of exclusion.
 */
export async function seedDemoConsents(deps: Deps): Promise<void> {
  const rows = await deps.db
    .selectFrom('customer as c')
    .select(['c.id', 'c.consents', 'c.email_sealed'])
    .where(sql<boolean>`coalesce((c.consents->>'marketing')::boolean, false)`)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('customer_marketing_consent as m').select('m.id').whereRef('m.customer_id', '=', 'c.id'))))
    .orderBy('c.created_at').orderBy('c.id')
    .execute();
  const now = deps.clock();
  const values = rows.flatMap((c, i) => {
    const grant = (channel: MarketingChannel, granted: boolean) => ({ customer_id: c.id, channel, granted, changed_at: now, changed_by: 'system', source: 'demo' as const });
    return [grant('sms', c.consents.sms !== false), grant('email', c.email_sealed !== null && i % 2 === 0), grant('portal', true), grant('counter', true)];
  });
  if (values.length) await deps.db.insertInto('customer_marketing_consent').values(values).execute();
}
