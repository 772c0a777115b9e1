import type { Kysely } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { DomainError, ValidationError } from '../../platform/errors.ts';
import { tokenHash, type MarketingChannel, type Messages } from './campaign.ts';
import { sessionsOf } from './campaign.service.ts';
import { register } from './seminar.service.ts';

/*
 * A customer's personal invitation link (/portal/campaign/<token>): the token is the proof — 24
 * random bytes, kept only as a hash, good until the campaign ends. It shows the campaign and
 * answers it: a seminar place (with its check-in code), entering a lottery, or interest in an offer.
 */

const INVITATION_GONE = new DomainError('not_found', { en: 'This invitation link is not valid; it may be mistyped or withdrawn.', zh: '邀请链接无效，可能输入有误或已撤回。' });

async function invitation(deps: Deps, token: string) {
  const row = await deps.db
    .selectFrom('campaign_audience as a')
    .innerJoin('campaign as c', 'c.id', 'a.campaign_id')
    .select(['a.campaign_id', 'a.customer_id', 'a.response', 'a.responded_at', 'c.code', 'c.name_zh', 'c.name_en', 'c.kind', 'c.messages', 'c.offer_zh', 'c.offer_en', 'c.prizes', 'c.seed_commitment', 'c.status', 'c.ends_at', 'c.unit_id'])
    .where('a.token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!row || row.status === 'cancelled') throw INVITATION_GONE;
  if (row.ends_at <= deps.clock() || row.status === 'finished') throw new DomainError('invalid_state', { en: 'This campaign has ended; the invitation is no longer valid.', zh: '活动已结束，邀请链接已失效。' });
  return row;
}

function message(messages: Messages): { zh: string; en: string } | null {
  for (const ch of ['portal', 'sms', 'email', 'counter'] as MarketingChannel[]) if (messages[ch]) return messages[ch]!;
  return null;
}

/** What the link shows: the campaign, a seminar's sessions with places left, the customer's place if they hold one. */
export async function invitationView(deps: Deps, token: string) {
  const row = await invitation(deps, token);
  const sessions = row.kind === 'seminar' ? await sessionsOf(deps.db, row.campaign_id) : [];
  const reg = await registrationOf(deps.db, row.campaign_id, row.customer_id);
  return {
    campaign: { code: row.code, nameZh: row.name_zh, nameEn: row.name_en, kind: row.kind, message: message(row.messages), offerZh: row.offer_zh, offerEn: row.offer_en, prizes: row.prizes, seedCommitment: row.seed_commitment, endsAt: row.ends_at.toISOString() },
    sessions: sessions.map((s) => ({ id: s.id, startsAt: s.startsAt, place: s.place, unitNameZh: s.unitNameZh, unitNameEn: s.unitNameEn, placesLeft: Math.max(0, s.capacity - s.registered), full: s.registered >= s.capacity })),
    response: row.response,
    registration: reg,
  };
}

async function registrationOf(db: Kysely<Database>, campaignId: string, customerId: string) {
  const r = await db.selectFrom('campaign_registration as r').innerJoin('campaign_session as s', 's.id', 'r.session_id')
    .select(['r.code', 'r.session_id', 's.starts_at', 's.place', 'r.checked_in_at']).where('r.campaign_id', '=', campaignId).where('r.customer_id', '=', customerId).executeTakeFirst();
  return r ? { code: r.code, sessionId: r.session_id, startsAt: r.starts_at.toISOString(), place: r.place, checkedIn: r.checked_in_at !== null } : null;
}

/**
 * The customer answers their invitation: a seminar takes `sessionId` and gives a place and its
 * check-in code (the same place when asked again); a lottery enters them; a promotion records
 * their interest. Audited as the customer.
 */
export async function answerInvitation(deps: Deps, ctx: RequestContext, token: string, body: { sessionId?: string | undefined }) {
  const row = await invitation(deps, token);
  if (row.kind === 'seminar') {
    if (!body.sessionId) throw new ValidationError([{ field: '/sessionId', message: { en: 'Choose a session.', zh: '请选择场次。' } }]);
    await deps.db.transaction().execute((trx) => register(trx, deps, ctx, { kind: 'customer' }, { campaignId: row.campaign_id, customerId: row.customer_id, sessionId: body.sessionId! }));
  } else if (!row.responded_at) {
    const now = deps.clock();
    const response = row.kind === 'lottery' ? 'entered' : 'clicked';
    await deps.db.transaction().execute(async (trx) => {
      const done = await trx.updateTable('campaign_audience').set({ responded_at: now, response }).where('campaign_id', '=', row.campaign_id).where('customer_id', '=', row.customer_id).where('responded_at', 'is', null).executeTakeFirst();
      if (Number(done.numUpdatedRows) === 1) await recordAudit(trx, ctx, { action: `campaign.${response}`, entityType: 'campaign', entityId: row.campaign_id, unitId: row.unit_id, after: { customerId: row.customer_id }, actor: { id: row.customer_id, name: 'customer' } }, now);
    });
  }
  return invitationView(deps, token);
}
