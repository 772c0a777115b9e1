import type { Kysely } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { DomainError } from '../../platform/errors.ts';
import { assertCustomerInReach } from '../principal.ts';
import type { Response } from './campaign.ts';
import { sessionsOf } from './campaign.service.ts';
import { counterPrompts, type Prompt } from './prompts.ts';

/*
 * Campaign prompts as people see them: the teller serving a customer (counter) and the customer in
 * their portal. Each prompt carries the customer's answer so far and, for a seminar, its sessions
 * with places left and the customer's place. The teller records what the customer said:
 * `mentioned` (told, and the customer took an interest — a response in the campaign's results, as
 * interest shown through the link is) or `declined` (recorded on the audience row and audited, not
 * a response).
 */

export const PROMPT_RESPONSES = ['mentioned', 'declined'] as const;
export type PromptResponse = (typeof PROMPT_RESPONSES)[number];

export type PromptSession = { id: string; startsAt: string; place: string; unitCode: string; unitNameZh: string; unitNameEn: string; placesLeft: number; full: boolean };
export type PromptRegistration = { code: string; sessionId: string; startsAt: string; place: string; checkedIn: boolean };
export type PromptView = Prompt & {
  /** The customer's response so far, by any way (link, portal, counter), or null. */
  response: Response | null;
  respondedAt: string | null;
  /** When a teller recorded that the customer declined it (counter prompts only). */
  declinedAt: string | null;
  sessions: PromptSession[];
  registration: PromptRegistration | null;
};

const NO_PROMPT = (campaignId: string) =>
  new DomainError('not_found', { en: `The customer has no campaign prompt of campaign "${campaignId}" running now; reload the prompts.`, zh: `该客户当前没有营销活动“${campaignId}”的提示，请刷新。` });

/** The prompts with the customer's response, a teller's recorded decline, and a seminar's sessions and place. */
export async function withDetails(db: Kysely<Database>, customerId: string, prompts: Prompt[]): Promise<PromptView[]> {
  if (prompts.length === 0) return [];
  const ids = prompts.map((p) => p.campaignId);
  const [audience, registrations] = await Promise.all([
    db.selectFrom('campaign_audience').select(['campaign_id', 'response', 'responded_at', 'declined_at']).where('customer_id', '=', customerId).where('campaign_id', 'in', ids).execute(),
    db.selectFrom('campaign_registration as r').innerJoin('campaign_session as s', 's.id', 'r.session_id')
      .select(['r.campaign_id', 'r.code', 'r.session_id', 's.starts_at', 's.place', 'r.checked_in_at']).where('r.customer_id', '=', customerId).where('r.campaign_id', 'in', ids).execute(),
  ]);
  return Promise.all(prompts.map(async (p) => {
    const a = audience.find((x) => x.campaign_id === p.campaignId);
    const r = registrations.find((x) => x.campaign_id === p.campaignId);
    const sessions = p.kind === 'seminar' ? await sessionsOf(db, p.campaignId) : [];
    return {
      ...p,
      response: a?.response ?? null,
      respondedAt: a?.responded_at?.toISOString() ?? null,
      declinedAt: a?.declined_at?.toISOString() ?? null,
      sessions: sessions.map((s) => ({ id: s.id, startsAt: s.startsAt, place: s.place, unitCode: s.unitCode, unitNameZh: s.unitNameZh, unitNameEn: s.unitNameEn, placesLeft: Math.max(0, s.capacity - s.registered), full: s.registered >= s.capacity })),
      registration: r ? { code: r.code, sessionId: r.session_id, startsAt: r.starts_at.toISOString(), place: r.place, checkedIn: r.checked_in_at !== null } : null,
    };
  }));
}

/** The prompts a teller sees when serving a customer of their branches (`customer.read`). */
export async function counterPromptsView(deps: Deps, ctx: RequestContext, customerId: string): Promise<{ items: PromptView[] }> {
  await assertCustomerInReach(deps.db, ctx, customerId, 'customer.read');
  return { items: await withDetails(deps.db, customerId, await counterPrompts(deps.db, customerId)) };
}

/**
 * The teller records the customer's answer to a counter prompt (`campaign.checkin`, the customer
 * within their branches): `mentioned` counts as the customer's response (once; a response by the
 * link or a registration stands), `declined` is audited and shown on the prompt — refused once the
 * customer has responded. Asking again with the same answer changes nothing. Answers the prompt.
 */
export async function respondToPrompt(deps: Deps, ctx: RequestContext, customerId: string, campaignId: string, response: PromptResponse): Promise<PromptView> {
  await assertCustomerInReach(deps.db, ctx, customerId, 'campaign.checkin');
  const current = async () => (await withDetails(deps.db, customerId, await counterPrompts(deps.db, customerId))).find((p) => p.campaignId === campaignId);
  const prompt = await current();
  if (!prompt) throw NO_PROMPT(campaignId);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const a = await trx.selectFrom('campaign_audience as a').innerJoin('customer as c', 'c.id', 'a.customer_id').select(['a.responded_at', 'a.response', 'a.declined_at', 'c.unit_id'])
      .where('a.campaign_id', '=', campaignId).where('a.customer_id', '=', customerId).forUpdate('a').executeTakeFirstOrThrow();
    const audit = (action: string) => recordAudit(trx, ctx, { action, entityType: 'campaign', entityId: campaignId, unitId: a.unit_id, after: { customerId, channel: 'counter', response } }, now);
    if (response === 'mentioned') {
      if (a.responded_at) return;
      await trx.updateTable('campaign_audience').set({ responded_at: now, response: 'mentioned' }).where('campaign_id', '=', campaignId).where('customer_id', '=', customerId).execute();
      await audit('campaign.prompt_mentioned');
      return;
    }
    if (a.responded_at) {
      throw new DomainError('invalid_state', { en: `The customer has already responded to this campaign (${a.response}); a decline cannot be recorded.`, zh: '客户已响应该活动，不能再记录为婉拒。' }, { errors: [{ field: '/response', message: { en: 'already responded', zh: '客户已响应' } }] });
    }
    if (a.declined_at) return;
    await trx.updateTable('campaign_audience').set({ declined_at: now }).where('campaign_id', '=', campaignId).where('customer_id', '=', customerId).execute();
    await audit('campaign.prompt_declined');
  });
  return (await current())!;
}
