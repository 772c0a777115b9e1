import type { Deps } from '../../platform/deps.ts';
import { DomainError } from '../../platform/errors.ts';
import { withDetails, type PromptView } from '../campaigns/prompt.service.ts';
import { portalPrompts } from '../campaigns/prompts.ts';
import { register } from '../campaigns/seminar.service.ts';
import type { CustomerPrincipal } from './my-engagement.service.ts';

/*
 * 我的活动: the running campaigns that invited the signed-in customer in the portal (consent for
 * the portal channel in force, not held out), with a seminar's sessions and their place. A
 * customer registers for a session here as through their invitation link: the same `register`.
 */

export type MyCampaign = Omit<PromptView, 'declinedAt'>;

/** My campaign cards, soonest ending first. */
export async function myCampaigns(deps: Deps, me: CustomerPrincipal): Promise<{ items: MyCampaign[] }> {
  const items = await withDetails(deps.db, me.customerId, await portalPrompts(deps.db, me.customerId));
  return { items: items.map(({ declinedAt: _declinedAt, ...rest }) => rest) };
}

/** Takes a place in a session of a seminar that invited me in the portal (one place per seminar; a full session refuses). Answers the card. */
export async function registerMyself(deps: Deps, me: CustomerPrincipal, campaignId: string, sessionId: string): Promise<MyCampaign> {
  const mine = async () => (await myCampaigns(deps, me)).items.find((c) => c.campaignId === campaignId);
  if (!(await mine())) {
    throw new DomainError('not_found', { en: 'You have no invitation to this campaign in the portal, or it has ended.', zh: '您在网上银行没有该活动的邀请，或活动已结束。' });
  }
  await deps.db.transaction().execute((trx) => register(trx, deps, me.ctx, { kind: 'customer' }, { campaignId, customerId: me.customerId, sessionId }));
  return (await mine())!;
}
