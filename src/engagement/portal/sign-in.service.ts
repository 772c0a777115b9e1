import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { systemContext } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { clearThrottle, countFailure, readThrottle } from '../../platform/auth/login-throttle.repository.ts';
import type { Deps } from '../../platform/deps.ts';
import { DomainError, ValidationError } from '../../platform/errors.ts';
import { maskName, maskPhone } from '../../platform/pii/index.ts';
import { normalise } from '../../platform/pii/vault.ts';
import { enqueue } from '../../services/notifications/notification.service.ts';

/** A sign-in code lives this long. */
export const CODE_MINUTES = 5;
/** Wrong codes for one phone before signing in with it is locked (and the code is spent). */
export const MAX_WRONG_CODES = 5;
/** Codes sent to one phone within the window before sending is refused. */
export const MAX_CODES_PER_PHONE = 5;
/** Codes asked for, and wrong codes tried, from one address within the window. */
export const MAX_PER_IP = 20;
const WINDOW_MINUTES = 15;
const LOCK_MINUTES = 30;
/** A session ends after this long without a request… */
export const IDLE_MINUTES = 15;
/** …and in any case this long after signing in. */
export const SESSION_HOURS = 2;

const MOBILE = /^1[3-9]\d{9}$/;
const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

/** The one answer to every request for a code: it says nothing about whether the phone is a customer's. */
const SENT = { sent: true, minutes: CODE_MINUTES } as const;

export type SignedIn = { token: string; csrfToken: string; expiresAt: Date; idleMinutes: number; customer: { name: string; phone: string } };

/** The keyed hash kept of a code: without the bank's key a stolen table does not give the codes back. */
const codeHash = (deps: Deps, codeId: string, code: string) => deps.vault.digest('portal-code', `${codeId}:${code}`);

function mobileOf(phone: string): string {
  const number = normalise(phone);
  if (MOBILE.test(number)) return number;
  throw new ValidationError([{ field: '/phone', message: { en: 'Give the 11-digit mainland mobile number the bank holds for you.', zh: '请输入您在本行预留的11位手机号码。' } }]);
}

function lockedOut(until: Date, now: Date): DomainError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new DomainError('rate_limited', { en: `Too many attempts; try again in ${minutes} minutes.`, zh: `尝试次数过多，请 ${minutes} 分钟后再试。` }, { retryAfterSeconds: seconds });
}

async function assertNotLocked(deps: Deps, keys: string[]): Promise<void> {
  const now = deps.clock();
  for (const state of (await readThrottle(deps.db, keys)).values()) {
    if (state.lockedUntil && state.lockedUntil > now) throw lockedOut(state.lockedUntil, now);
  }
}

/** Counts one more against each key; the first to reach its limit locks and refuses. */
async function count(deps: Deps, keys: [string, number][]): Promise<void> {
  const now = deps.clock();
  for (const [key, max] of keys) {
    const state = await countFailure(deps.db, key, now, WINDOW_MINUTES, max, LOCK_MINUTES);
    if (state.lockedUntil && state.lockedUntil > now) throw lockedOut(state.lockedUntil, now);
  }
}

/** The individual customer a phone signs in, when exactly one holds it (a shared number signs in no one). */
async function customerByPhone(deps: Deps, digest: string) {
  const rows = await deps.db.selectFrom('customer').select(['id', 'name', 'unit_id', 'phone_sealed', 'phone_masked']).where('phone_digest', '=', digest).where('kind', '=', 'individual').limit(2).execute();
  return rows.length === 1 ? rows[0]! : null;
}

/**
 * Sends a six-digit sign-in code by SMS to the phone the bank holds, when the number is exactly one
 * individual customer's. The answer is the same whoever the number belongs to; asking is limited
 * per phone and per address alike (429 with the wait).
 */
export async function sendSignInCode(deps: Deps, phone: string, ip: string | null) {
  const number = mobileOf(phone);
  const digest = deps.vault.digest('phone', number);
  const keys = { phone: `portal-send:${digest}`, ip: `portal-send-ip:${ip ?? '-'}` };
  await assertNotLocked(deps, [keys.phone, keys.ip, `portal-code:${digest}`]);
  await count(deps, [[keys.phone, MAX_CODES_PER_PHONE + 1], [keys.ip, MAX_PER_IP + 1]]);
  const customer = await customerByPhone(deps, digest);
  if (!customer?.phone_sealed) return SENT;
  const now = deps.clock();
  const id = deps.newId();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await deps.db.transaction().execute(async (trx) => {
    // a new code replaces any earlier one still unused
    await trx.updateTable('customer_portal_code').set({ used_at: now }).where('phone_digest', '=', digest).where('used_at', 'is', null).execute();
    await trx.insertInto('customer_portal_code').values({ id, phone_digest: digest, customer_id: customer.id, code_hash: codeHash(deps, id, code), expires_at: new Date(now.getTime() + CODE_MINUTES * 60_000), used_at: null, created_at: now }).execute();
    await enqueue(trx, deps, { channel: 'sms', to: deps.vault.open(customer.phone_sealed!), template: 'portal_sign_in_code', lang: 'zh-CN', params: { code, minutes: CODE_MINUTES }, subject: { type: 'customer', id: customer.id } });
  });
  return SENT;
}

const wrongCode = () => new DomainError('validation', { en: 'The phone number or the code is not right.', zh: '手机号码或验证码不正确。' }, { errors: [{ field: '/code', message: { en: 'not right', zh: '不正确' } }] });

/**
 * Checks a sign-in code (the latest sent to the phone, unused, unexpired, fewer than five wrong
 * tries) and opens a customer session. Wrong codes count against the phone and the address; at the
 * limit both are locked for a while. The same refusal whether or not the phone is a customer's.
 */
export async function signIn(deps: Deps, input: { phone: string; code: string }, ip: string | null, userAgent: string | null): Promise<SignedIn> {
  const number = mobileOf(input.phone);
  const digest = deps.vault.digest('phone', number);
  const keys = { phone: `portal-code:${digest}`, ip: `portal-code-ip:${ip ?? '-'}` };
  await assertNotLocked(deps, [keys.phone, keys.ip]);
  const now = deps.clock();
  const latest = await deps.db.selectFrom('customer_portal_code').selectAll().where('phone_digest', '=', digest).where('used_at', 'is', null).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  const expected = Buffer.from(latest?.code_hash ?? sha256('no code'));
  const given = Buffer.from(codeHash(deps, latest?.id ?? '-', input.code));
  const matches = latest !== undefined && given.length === expected.length && timingSafeEqual(given, expected) && latest.attempts < MAX_WRONG_CODES;
  if (!matches || latest.expires_at <= now) {
    if (latest && !matches) await deps.db.updateTable('customer_portal_code').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id', '=', latest.id).execute();
    if (latest) await auditFailure(deps, latest.customer_id, ip, matches ? 'expired' : 'wrong_code');
    await count(deps, [[keys.phone, MAX_WRONG_CODES], [keys.ip, MAX_PER_IP]]);
    if (matches) throw new DomainError('validation', { en: 'The code has expired; ask for a new one.', zh: '验证码已过期，请重新获取。' }, { errors: [{ field: '/code', message: { en: 'expired', zh: '已过期' } }] });
    throw wrongCode();
  }
  const customer = await deps.db.selectFrom('customer').select(['id', 'name', 'unit_id', 'phone_masked', 'phone_digest']).where('id', '=', latest.customer_id).executeTakeFirstOrThrow();
  // the number moved to someone else since the code was sent: it signs in no one
  if (customer.phone_digest !== digest) throw wrongCode();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await deps.db.transaction().execute(async (trx) => {
    const used = await trx.updateTable('customer_portal_code').set({ used_at: now }).where('id', '=', latest.id).where('used_at', 'is', null).executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw wrongCode(); // the same code used twice at once: one wins
    await trx.insertInto('customer_portal_session').values({ token_hash: sha256(token), customer_id: customer.id, csrf_token: csrfToken, ip, user_agent: userAgent?.slice(0, 300) ?? null, created_at: now, last_seen_at: now, idle_expires_at: idleEnd(now, expiresAt), expires_at: expiresAt, ended_at: null }).execute();
    await recordAudit(trx, { ...systemContext(), ip }, { action: 'customer.portal_sign_in', entityType: 'customer', entityId: customer.id, unitId: customer.unit_id, actor: { id: customer.id, name: 'customer' }, after: { channel: 'portal', phone: customer.phone_masked } }, now);
  });
  await clearThrottle(deps.db, keys.phone);
  return { token, csrfToken, expiresAt, idleMinutes: IDLE_MINUTES, customer: { name: maskName(customer.name), phone: customer.phone_masked ?? maskPhone(number) } };
}

async function auditFailure(deps: Deps, customerId: string, ip: string | null, reason: 'wrong_code' | 'expired'): Promise<void> {
  const c = await deps.db.selectFrom('customer').select('unit_id').where('id', '=', customerId).executeTakeFirst();
  await deps.db.transaction().execute((trx) => recordAudit(trx, { ...systemContext(), ip }, { action: 'customer.portal_sign_in_failed', entityType: 'customer', entityId: customerId, unitId: c?.unit_id ?? null, actor: { id: customerId, name: 'customer' }, after: { reason } }, deps.clock()));
}

const idleEnd = (now: Date, expiresAt: Date) => new Date(Math.min(now.getTime() + IDLE_MINUTES * 60_000, expiresAt.getTime()));

/** The live session of a cookie's token, its idle end moved on by this request; null when ended, idle too long or past its end. */
export async function touchSession(deps: Deps, token: string) {
  const now = deps.clock();
  return deps.db
    .updateTable('customer_portal_session')
    .set((eb) => ({ last_seen_at: now, idle_expires_at: eb.fn<Date>('least', [eb.val(new Date(now.getTime() + IDLE_MINUTES * 60_000)), eb.ref('expires_at')]) }))
    .where('token_hash', '=', sha256(token))
    .where('ended_at', 'is', null)
    .where('idle_expires_at', '>', now)
    .where('expires_at', '>', now)
    .returning(['customer_id', 'csrf_token', 'idle_expires_at', 'expires_at'])
    .executeTakeFirst();
}

/** Ends the session of a token (sign-out); audited against the customer. */
export async function signOut(deps: Deps, token: string, ip: string | null): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const ended = await trx.updateTable('customer_portal_session').set({ ended_at: now }).where('token_hash', '=', sha256(token)).where('ended_at', 'is', null).returning('customer_id').executeTakeFirst();
    if (!ended) return;
    const c = await trx.selectFrom('customer').select('unit_id').where('id', '=', ended.customer_id).executeTakeFirst();
    await recordAudit(trx, { ...systemContext(), ip }, { action: 'customer.portal_sign_out', entityType: 'customer', entityId: ended.customer_id, unitId: c?.unit_id ?? null, actor: { id: ended.customer_id, name: 'customer' } }, now);
  });
}

/** The signed-in customer as the portal greets them: name and phone masked, when the session ends. */
export async function portalMe(deps: Deps, customerId: string, session: { idle_expires_at: Date; expires_at: Date }) {
  const c = await deps.db.selectFrom('customer').select(['name', 'phone_masked', 'kind']).where('id', '=', customerId).executeTakeFirstOrThrow();
  return { customer: { name: maskName(c.name), phone: c.phone_masked, kind: c.kind }, idleMinutes: IDLE_MINUTES, idleExpiresAt: session.idle_expires_at.toISOString(), expiresAt: session.expires_at.toISOString() };
}
