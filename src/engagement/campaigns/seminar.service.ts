import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { assertInScope, scopePrefix } from '../../platform/access/policy.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { chinaDate } from '../../platform/calendar/china-time.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { DomainError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { maskName } from '../../platform/pii/index.ts';
import { enqueue } from '../../services/notifications/notification.service.ts';
import { assertCustomerInReach } from '../principal.ts';
import { registrationCode } from './campaign.ts';
import { campaignInReach } from './campaign.service.ts';

/*
 * Wealth seminars (理财讲座): a customer takes a place in a session (through their invitation link,
 * or staff for them), gets a check-in code by SMS, a reminder the day before, and is checked in by
 * that code at the door. A full session refuses further places: the customer chooses another.
 */

type Trx = Transaction<Database>;
const SESSION = { en: 'seminar session', zh: '讲座场次' };

/** China wall-clock time as people read it: 2026-12-05 14:30. */
export function chinaTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export type Registrant = { kind: 'customer' } | { kind: 'staff'; ctx: RequestContext };

/**
 * Registers a customer for a session of a running seminar, in the caller's transaction: one place
 * per customer per seminar (asking again answers the place held), refused when the session is full
 * or has begun. Counts as the customer's response; the code goes to them by SMS. Audited.
 */
export async function register(trx: Trx, deps: Deps, ctx: RequestContext, by: Registrant, a: { campaignId: string; customerId: string; sessionId: string }) {
  const now = deps.clock();
  const held = await trx.selectFrom('campaign_registration').select(['id', 'code', 'session_id']).where('campaign_id', '=', a.campaignId).where('customer_id', '=', a.customerId).executeTakeFirst();
  if (held) return { id: held.id, code: held.code, sessionId: held.session_id, created: false };
  const campaign = await trx.selectFrom('campaign').select(['status', 'kind', 'name_zh', 'unit_id']).where('id', '=', a.campaignId).executeTakeFirstOrThrow();
  if (campaign.kind !== 'seminar' || campaign.status !== 'running') throw new DomainError('invalid_state', { en: 'Registration is open only while the seminar campaign is running.', zh: '讲座活动进行中方可报名。' });
  const session = await trx.selectFrom('campaign_session').selectAll().where('id', '=', a.sessionId).where('campaign_id', '=', a.campaignId).forUpdate().executeTakeFirst();
  if (!session) throw new ValidationError([{ field: '/sessionId', message: { en: 'No such session of this seminar.', zh: '本讲座没有该场次。' } }]);
  if (session.starts_at <= now) throw new ValidationError([{ field: '/sessionId', message: { en: 'This session has begun; choose a later one.', zh: '该场次已开始，请选择其他场次。' } }]);
  const taken = await trx.selectFrom('campaign_registration').select((eb) => eb.fn.countAll<string>().as('n')).where('session_id', '=', session.id).executeTakeFirstOrThrow();
  if (Number(taken.n) >= session.capacity) {
    throw new DomainError('invalid_state', { en: `The session is full (${session.capacity} places); choose another session.`, zh: `该场次已满（${session.capacity} 个名额），请选择其他场次。` }, { errors: [{ field: '/sessionId', message: { en: 'full', zh: '已满' } }] });
  }
  const id = deps.newId();
  const code = registrationCode(randomBytes(8));
  const registeredBy = by.kind === 'staff' ? by.ctx.actor!.username : 'customer';
  await trx.insertInto('campaign_registration').values({ id, campaign_id: a.campaignId, session_id: session.id, customer_id: a.customerId, code, channel: by.kind === 'staff' ? 'staff' : 'portal', registered_by: registeredBy, registered_at: now, reminded_at: null, checked_in_at: null, checked_in_by: null }).execute();
  await trx.updateTable('campaign_audience').set({ responded_at: now, response: 'registered' }).where('campaign_id', '=', a.campaignId).where('customer_id', '=', a.customerId).where('responded_at', 'is', null).execute();
  const customer = await trx.selectFrom('customer').select(['phone_sealed', 'consents', 'unit_id']).where('id', '=', a.customerId).executeTakeFirstOrThrow();
  if (customer.phone_sealed && customer.consents.sms !== false) {
    await enqueue(trx, deps, { channel: 'sms', to: deps.vault.open(customer.phone_sealed), template: 'seminar_registered', lang: 'zh-CN', params: { name: campaign.name_zh, time: chinaTime(session.starts_at), place: session.place, code }, subject: { type: 'campaign', id: a.campaignId } });
  }
  await recordAudit(trx, ctx, { action: 'campaign.register', entityType: 'campaign', entityId: a.campaignId, unitId: customer.unit_id, after: { customerId: a.customerId, sessionId: session.id, by: registeredBy }, ...(by.kind === 'customer' && { actor: { id: a.customerId, name: 'customer' } }) }, now);
  return { id, code, sessionId: session.id, created: true };
}

/**
 * Staff register a customer of their branches (`campaign.checkin`) for a session: of a campaign
 * they may read, or — a teller at the counter, or a branch serving a head-office campaign's
 * customer — of one that contacted this customer (the prompt the teller sees).
 */
export async function registerByStaff(deps: Deps, ctx: RequestContext, campaignId: string, input: { customerId: string; sessionId: string }) {
  await assertCustomerInReach(deps.db, ctx, input.customerId, 'campaign.checkin').catch((error: unknown) => {
    if (error instanceof NotFoundError) throw new ValidationError([{ field: '/customerId', message: { en: 'no such customer', zh: '客户不存在' } }]);
    throw error;
  });
  const invited = await deps.db.selectFrom('campaign_audience').select('outcome').where('campaign_id', '=', campaignId).where('customer_id', '=', input.customerId)
    .where('arm', '=', 'treatment').where('outcome', '=', 'contacted').executeTakeFirst();
  if (!invited) await campaignInReach(deps.db, ctx, campaignId, 'campaign.read');
  return deps.db.transaction().execute((trx) => register(trx, deps, ctx, { kind: 'staff', ctx }, { campaignId, ...input }));
}

/** The seminar sessions the caller may check people in at (their branches), of seminars not over, soonest first. */
export async function checkInSessions(deps: Deps, ctx: RequestContext) {
  const prefix = scopePrefix(ctx.actor!, 'campaign.checkin');
  let q = deps.db
    .selectFrom('campaign_session as s')
    .innerJoin('campaign as c', 'c.id', 's.campaign_id')
    .innerJoin('org_unit as o', 'o.id', 's.unit_id')
    .select(['s.id', 's.starts_at', 's.place', 's.capacity', 'c.id as campaign_id', 'c.code', 'c.name_zh', 'c.name_en', 'o.code as unit_code'])
    .select((eb) => eb.selectFrom('campaign_registration as r').select((e) => e.fn.countAll<string>().as('n')).whereRef('r.session_id', '=', 's.id').as('registered'))
    .where('c.status', 'in', ['running', 'finished']);
  if (prefix !== null) q = q.where('o.path', 'like', `${prefix}%`);
  const rows = await q.orderBy('s.starts_at').limit(200).execute();
  return { items: rows.map((r) => ({ id: r.id, campaignId: r.campaign_id, campaignCode: r.code, nameZh: r.name_zh, nameEn: r.name_en, startsAt: r.starts_at.toISOString(), place: r.place, unitCode: r.unit_code, capacity: r.capacity, registered: Number(r.registered ?? 0) })) };
}

async function sessionInReach(deps: Deps, ctx: RequestContext, sessionId: string) {
  const s = await deps.db.selectFrom('campaign_session as s').innerJoin('org_unit as o', 'o.id', 's.unit_id').select(['s.id', 's.campaign_id', 'o.path']).where('s.id', '=', sessionId).executeTakeFirst();
  if (!s) throw new NotFoundError(SESSION, sessionId);
  assertInScope(ctx.actor!, 'campaign.checkin', s.path);
  return s;
}

/** Who registered for a session, names and phones masked, with their check-in state. */
export async function sessionRegistrations(deps: Deps, ctx: RequestContext, sessionId: string) {
  await sessionInReach(deps, ctx, sessionId);
  const rows = await deps.db
    .selectFrom('campaign_registration as r')
    .innerJoin('customer as c', 'c.id', 'r.customer_id')
    .select(['r.id', 'r.code', 'r.channel', 'r.registered_at', 'r.checked_in_at', 'r.checked_in_by', 'c.id as customer_id', 'c.name', 'c.phone_masked'])
    .where('r.session_id', '=', sessionId)
    .orderBy('r.registered_at').orderBy('r.id')
    .execute();
  return {
    items: rows.map((r) => ({ id: r.id, code: r.code, channel: r.channel, customerId: r.customer_id, name: maskName(r.name), phone: r.phone_masked, registeredAt: r.registered_at.toISOString(), checkedInAt: r.checked_in_at?.toISOString() ?? null, checkedInBy: r.checked_in_by })),
  };
}

/**
 * Checks in the holder of a registration code at a session of the caller's branches: attendance,
 * the seminar's conversion. A code checked in already answers when it was, and changes nothing.
 */
export async function checkIn(deps: Deps, ctx: RequestContext, sessionId: string, rawCode: string) {
  const session = await sessionInReach(deps, ctx, sessionId);
  const code = rawCode.trim().toUpperCase();
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('campaign_registration as r').innerJoin('customer as c', 'c.id', 'r.customer_id')
      .select(['r.id', 'r.session_id', 'r.customer_id', 'r.checked_in_at', 'c.name', 'c.unit_id']).where('r.code', '=', code).where('r.campaign_id', '=', session.campaign_id).forUpdate('r').executeTakeFirst();
    if (!r) throw new ValidationError([{ field: '/code', message: { en: `No registration for this seminar has the code "${code}"; check it with the customer.`, zh: `本讲座没有签到码为“${code}”的报名，请与客户核对。` } }]);
    if (r.session_id !== sessionId) throw new ValidationError([{ field: '/code', message: { en: 'This code is registered for another session of the seminar.', zh: '该签到码报名的是本讲座的其他场次。' } }]);
    const view = (at: Date, already: boolean) => ({ registrationId: r.id, customerId: r.customer_id, name: maskName(r.name), checkedInAt: at.toISOString(), alreadyCheckedIn: already });
    if (r.checked_in_at) return view(r.checked_in_at, true);
    await trx.updateTable('campaign_registration').set({ checked_in_at: now, checked_in_by: ctx.actor!.username }).where('id', '=', r.id).execute();
    await trx.updateTable('campaign_audience').set({ converted_at: now }).where('campaign_id', '=', session.campaign_id).where('customer_id', '=', r.customer_id).where('converted_at', 'is', null).execute();
    await recordAudit(trx, ctx, { action: 'campaign.check_in', entityType: 'campaign', entityId: session.campaign_id, unitId: r.unit_id, after: { registrationId: r.id, customerId: r.customer_id, sessionId } }, now);
    return view(now, false);
  });
}

/**
 * The day before a session (China's calendar), from 09:00, each registered customer not yet
 * reminded gets an SMS through the outbox. Returns how many were sent.
 */
export async function sendReminders(deps: Deps): Promise<number> {
  const now = deps.clock();
  const hour = (now.getUTCHours() + 8) % 24;
  if (hour < 9 || hour >= 21) return 0;
  const tomorrow = chinaDate(new Date(now.getTime() + 86_400_000));
  return deps.db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('campaign_registration as r')
      .innerJoin('campaign_session as s', 's.id', 'r.session_id')
      .innerJoin('campaign as c', 'c.id', 'r.campaign_id')
      .innerJoin('customer as u', 'u.id', 'r.customer_id')
      .select(['r.id', 'r.code', 's.starts_at', 's.place', 'c.id as campaign_id', 'c.name_zh', 'u.phone_sealed', 'u.consents'])
      .where('r.reminded_at', 'is', null)
      .where('r.checked_in_at', 'is', null)
      .where('c.status', '=', 'running')
      .where(sql<boolean>`(s.starts_at at time zone 'Asia/Shanghai')::date = ${tomorrow}::date`)
      .forUpdate('r').skipLocked()
      .limit(500)
      .execute();
    for (const r of due) {
      if (r.phone_sealed && r.consents.sms !== false) {
        await enqueue(trx, deps, { channel: 'sms', to: deps.vault.open(r.phone_sealed), template: 'seminar_reminder', lang: 'zh-CN', params: { name: r.name_zh, time: chinaTime(r.starts_at), place: r.place, code: r.code }, subject: { type: 'campaign', id: r.campaign_id } });
      }
      await trx.updateTable('campaign_registration').set({ reminded_at: now }).where('id', '=', r.id).execute();
    }
    return due.length;
  });
}
