import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type { MarketingChannel } from './campaign.ts';
import { marketingChannels } from './consent.service.ts';

/*
 * What a running campaign shows a customer outside messages: a prompt a teller sees when serving
 * them (counter), and a card in their portal. Only customers the campaign decided to contact on
 * that channel (consent given, not held out, not capped) see it, and only while it runs — and
 * no longer once they withdraw consent for the channel (or all marketing) since the start.
 */

export type Prompt = { campaignId: string; code: string; kind: string; nameZh: string; nameEn: string; messageZh: string; messageEn: string; endsAt: string };

async function prompts(db: Kysely<Database>, customerId: string, channel: MarketingChannel): Promise<Prompt[]> {
  if (!(await marketingChannels(db, [customerId])).get(customerId)?.has(channel)) return [];
  const rows = await db
    .selectFrom('campaign_contact as k')
    .innerJoin('campaign as c', 'c.id', 'k.campaign_id')
    .select(['c.id', 'c.code', 'c.kind', 'c.name_zh', 'c.name_en', 'c.ends_at', sql<string>`c.messages->${channel}->>'zh'`.as('zh'), sql<string>`c.messages->${channel}->>'en'`.as('en')])
    .where('k.customer_id', '=', customerId)
    .where('k.channel', '=', channel)
    .where('k.decision', '=', 'sent')
    .where('c.status', '=', 'running')
    .orderBy('c.ends_at')
    .execute();
  return rows.map((r) => ({ campaignId: r.id, code: r.code, kind: r.kind, nameZh: r.name_zh, nameEn: r.name_en, messageZh: r.zh, messageEn: r.en, endsAt: r.ends_at.toISOString() }));
}

/** The prompts a teller sees when serving the customer at the counter. */
export function counterPrompts(db: Kysely<Database>, customerId: string): Promise<Prompt[]> {
  return prompts(db, customerId, 'counter');
}

/** The campaign cards in the customer's portal. */
export function portalPrompts(db: Kysely<Database>, customerId: string): Promise<Prompt[]> {
  return prompts(db, customerId, 'portal');
}
