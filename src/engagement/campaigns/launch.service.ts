import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { DomainError } from '../../platform/errors.ts';
import { enqueue } from '../../services/notifications/notification.service.ts';
import { segmentAudience } from './audience.ts';
import { controlGroup, quietHoursEnd, seedCommitment, tokenHash, type ContactDecision, type MarketingChannel, type Messages, type Outcome } from './campaign.ts';
import { campaignInReach, campaignView, contactSettings } from './campaign.service.ts';
import { marketingChannels } from './consent.service.ts';

type Trx = Transaction<Database>;
const CHUNK = 1000;

/**
 * Launches a draft: a lottery commits to its seed now (SHA-256 published, the seed kept until the
 * draw). A campaign whose start has come starts at once; a later one is scheduled and started by
 * the engagement sweep. Audited.
 */
export async function launchCampaign(deps: Deps, ctx: RequestContext, id: string, version: number) {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const c = await campaignInReach(trx, ctx, id, 'campaign.manage');
    if (c.status !== 'draft') throw new DomainError('invalid_state', { en: `Only a draft is launched; this campaign is ${c.status}.`, zh: '只有草稿状态的活动可以发布。' });
    if (c.ends_at <= now) throw new DomainError('invalid_state', { en: 'The campaign’s end has passed; build it again with new dates.', zh: '活动结束时间已过，请重新设置日期。' });
    const seed = c.kind === 'lottery' ? randomBytes(32).toString('hex') : null;
    const updated = await trx.updateTable('campaign')
      .set({ status: 'scheduled', launched_by: ctx.actor!.username, launched_at: now, updated_at: now, seed, seed_commitment: seed ? seedCommitment(seed) : null, version: sql`version + 1` })
      .where('id', '=', id).where('version', '=', version).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new DomainError('version_conflict', { en: 'The campaign was changed meanwhile; reload it and try again.', zh: '活动已被他人修改，请刷新后重试。' });
    await recordAudit(trx, ctx, { action: 'campaign.launch', entityType: 'campaign', entityId: id, unitId: c.unit_id, after: { status: 'scheduled', seedCommitment: seed ? seedCommitment(seed) : null } }, now);
    if (c.starts_at <= now) await startCampaign(trx, deps, ctx, id);
  });
  return campaignView(deps, ctx, id);
}

/** What happened to each customer at the start, summed. */
export type StartSummary = { audience: number; control: number; contacted: number; excluded: Record<Exclude<Outcome, 'contacted'>, number> };

/**
 * Starts a scheduled campaign, in the caller's transaction: the segment's members in the owner
 * unit's branches, a control group held out, and for everyone else each channel decided — no
 * consent, no address, over the frequency cap, sent, or deferred past quiet hours. Every decision
 * is written; messages go through the outbox.
 */
export async function startCampaign(trx: Trx, deps: Deps, ctx: RequestContext, id: string): Promise<StartSummary> {
  const now = deps.clock();
  const c = await trx.selectFrom('campaign as c').innerJoin('org_unit as o', 'o.id', 'c.unit_id').selectAll('c').select('o.path as unit_path').where('c.id', '=', id).forUpdate('c').executeTakeFirstOrThrow();
  const summary: StartSummary = { audience: 0, control: 0, contacted: 0, excluded: { no_consent: 0, no_address: 0, capped: 0 } };
  if (c.status !== 'scheduled') return summary;
  const audience = await segmentAudience(trx, c.segment_code, c.unit_path, now);
  const control = controlGroup(c.id, audience, c.control_percent);
  const settings = await contactSettings(trx);
  const since = new Date(now.getTime() - settings.windowDays * 86_400_000);
  for (let i = 0; i < audience.length; i += CHUNK) {
    const ids = audience.slice(i, i + CHUNK);
    const consents = await marketingChannels(trx, ids);
    const recent = new Map((await trx.selectFrom('campaign_audience').select(['customer_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('customer_id', 'in', ids).where('arm', '=', 'treatment').where('outcome', '=', 'contacted').where('decided_at', '>', since).groupBy('customer_id').execute()).map((r) => [r.customer_id, Number(r.n)]));
    const contacts = new Map((await trx.selectFrom('customer').select(['id', 'phone_sealed', 'email_sealed']).where('id', 'in', ids).execute()).map((r) => [r.id, r]));
    for (const customerId of ids) {
      const arm = control.has(customerId) ? 'control' : 'treatment';
      const consented = c.channels.filter((ch) => consents.get(customerId)?.has(ch));
      const address = contacts.get(customerId)!;
      const reachable = consented.filter((ch) => (ch === 'sms' ? address.phone_sealed : ch === 'email' ? address.email_sealed : true));
      const capped = (recent.get(customerId) ?? 0) >= settings.frequencyCap;
      const outcome: Outcome = consented.length === 0 ? 'no_consent' : reachable.length === 0 ? 'no_address' : capped ? 'capped' : 'contacted';
      summary.audience++;
      if (arm === 'control') summary.control++;
      else if (outcome === 'contacted') summary.contacted++;
      else summary.excluded[outcome]++;
      const token = arm === 'treatment' && outcome === 'contacted' ? randomBytes(24).toString('base64url') : null;
      await trx.insertInto('campaign_audience').values({ campaign_id: id, customer_id: customerId, arm, outcome, token_hash: token ? tokenHash(token) : null, decided_at: now, responded_at: null, response: null, converted_at: null }).execute();
      if (arm === 'control') continue;
      for (const channel of c.channels) {
        const decision: ContactDecision = !consented.includes(channel) ? 'no_consent' : !reachable.includes(channel) ? 'no_address' : capped ? 'capped' : 'sent';
        await contact(trx, deps, { campaignId: id, customerId, channel, decision, messages: c.messages, token, now, sealed: channel === 'sms' ? address.phone_sealed : address.email_sealed });
      }
    }
  }
  await trx.updateTable('campaign').set({ status: 'running', started_at: now, updated_at: now }).where('id', '=', id).execute();
  await recordAudit(trx, ctx, { action: 'campaign.start', entityType: 'campaign', entityId: id, unitId: c.unit_id, after: summary }, now);
  return summary;
}

/** One channel's decision for one customer; SMS and e-mail through the outbox, held until 08:00 in quiet hours. */
async function contact(trx: Trx, deps: Deps, a: { campaignId: string; customerId: string; channel: MarketingChannel; decision: ContactDecision; messages: Messages; token: string | null; now: Date; sealed: string | null }) {
  let decision = a.decision;
  let notificationId: string | null = null;
  let scheduledFor: Date | null = null;
  if (decision === 'sent' && (a.channel === 'sms' || a.channel === 'email')) {
    const text = a.messages[a.channel]!;
    notificationId = await enqueue(trx, deps, {
      channel: a.channel, to: deps.vault.open(a.sealed!), template: 'campaign_message', lang: 'zh-CN',
      params: { text: text.zh, url: `${deps.config.publicUrl}/portal/campaign/${a.token}` }, subject: { type: 'campaign', id: a.campaignId },
    });
    scheduledFor = quietHoursEnd(a.now);
    if (scheduledFor) {
      decision = 'deferred';
      await trx.updateTable('notification').set({ next_attempt_at: scheduledFor }).where('id', '=', notificationId).execute();
    }
  }
  await trx.insertInto('campaign_contact').values({ id: deps.newId(), campaign_id: a.campaignId, customer_id: a.customerId, channel: a.channel, decision, notification_id: notificationId, scheduled_for: scheduledFor, at: a.now }).execute();
}

/** Campaigns whose start has come (started), and running ones whose end has passed (finished). */
export async function sweepCampaigns(deps: Deps, ctx: RequestContext): Promise<{ started: number; finished: number }> {
  const now = deps.clock();
  const due = await deps.db.selectFrom('campaign').select('id').where('status', '=', 'scheduled').where('starts_at', '<=', now).orderBy('starts_at').execute();
  for (const { id } of due) await deps.db.transaction().execute((trx) => startCampaign(trx, deps, ctx, id));
  const finished = await deps.db.transaction().execute(async (trx) => {
    const ended = await trx.updateTable('campaign').set({ status: 'finished', updated_at: now }).where('status', '=', 'running').where('ends_at', '<=', now).returning(['id', 'unit_id']).execute();
    for (const c of ended) await recordAudit(trx, ctx, { action: 'campaign.finish', entityType: 'campaign', entityId: c.id, unitId: c.unit_id, before: { status: 'running' }, after: { status: 'finished' } }, now);
    return ended.length;
  });
  return { started: due.length, finished };
}
