import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../platform/deps.ts';
import { DomainError } from '../../platform/errors.ts';
import { clearThrottle, countFailure, readThrottle } from '../../platform/auth/login-throttle.repository.ts';
import { localName } from '../cases/case-ref.ts';
import { enqueue } from '../notifications/notification.service.ts';

/** A one-time code lives this long. */
export const CODE_MINUTES = 10;
/** Wrong codes for one case (or from one address) before tracking it is locked. */
export const MAX_WRONG_CODES = 5;
/** Codes sent for one case within the window before sending is refused. */
export const MAX_CODES_SENT = 5;
const WINDOW_MINUTES = 15;
const LOCK_MINUTES = 30;
/** A verified customer may look for this long before verifying again. */
const ACCESS_MINUTES = 30;

const hash = (value: string) => createHash('sha256').update(value).digest('base64url');

const REF = /^BL\d{8}-\d{6}$/;

/** The one answer for every request: it says nothing about whether the case exists. */
const SENT = { sent: true, minutes: CODE_MINUTES };

function lockedOut(until: Date, now: Date): DomainError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new DomainError('rate_limited', { en: `Too many attempts; try again in ${Math.ceil(seconds / 60)} minutes.`, zh: `尝试次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试。` }, { retryAfterSeconds: seconds });
}

async function assertNotLocked(deps: Deps, keys: string[]): Promise<void> {
  const now = deps.clock();
  for (const state of (await readThrottle(deps.db, keys)).values()) {
    if (state.lockedUntil && state.lockedUntil > now) throw lockedOut(state.lockedUntil, now);
  }
}

/**
 * Sends a one-time code to the phone the bank holds for the case's customer. The answer is the
 * same whether or not the case exists or has a phone; sending is rate-limited per case and address.
 */
export async function sendTrackingCode(deps: Deps, ref: string, ip: string | null) {
  const now = deps.clock();
  const sendKey = `track-send:${ref}`;
  await assertNotLocked(deps, [sendKey, `track:${ref}`, `track-ip:${ip ?? '-'}`]);
  const sent = await countFailure(deps.db, sendKey, now, WINDOW_MINUTES, MAX_CODES_SENT + 1, LOCK_MINUTES);
  if (sent.lockedUntil && sent.lockedUntil > now) throw lockedOut(sent.lockedUntil, now);
  if (!REF.test(ref)) return SENT;
  const c = await deps.db.selectFrom('service_case as c').innerJoin('customer as u', 'u.id', 'c.customer_id').select(['c.id', 'u.phone_sealed']).where('c.ref', '=', ref).executeTakeFirst();
  if (!c?.phone_sealed) return SENT;
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('tracking_code').values({ id: deps.newId(), case_id: c.id, code_hash: hash(`${c.id}:${code}`), expires_at: new Date(now.getTime() + CODE_MINUTES * 60_000), used_at: null, created_at: now }).execute();
    await enqueue(trx, deps, { channel: 'sms', to: deps.vault.open(c.phone_sealed!), template: 'tracking_code', lang: 'zh-CN', params: { ref, code, minutes: CODE_MINUTES }, subject: { type: 'service_case', id: c.id } });
  });
  return SENT;
}

/**
 * Checks a code: the latest unused, unexpired one for the case. Wrong codes count against the
 * case and the address; at the limit both are locked out. A right code gives a short-lived token.
 */
export async function verifyTrackingCode(deps: Deps, ref: string, code: string, ip: string | null) {
  const now = deps.clock();
  const keys = [`track:${ref}`, `track-ip:${ip ?? '-'}`];
  await assertNotLocked(deps, keys);
  const c = REF.test(ref) ? await deps.db.selectFrom('service_case').select('id').where('ref', '=', ref).executeTakeFirst() : undefined;
  const latest = c ? await deps.db.selectFrom('tracking_code').selectAll().where('case_id', '=', c.id).where('used_at', 'is', null).orderBy('created_at', 'desc').limit(1).executeTakeFirst() : undefined;
  const expected = latest ? Buffer.from(latest.code_hash) : Buffer.alloc(43);
  const given = Buffer.from(hash(`${c?.id ?? ''}:${code}`));
  const matches = latest !== undefined && given.length === expected.length && timingSafeEqual(given, expected);
  if (!matches || latest.expires_at <= now) {
    for (const key of keys) {
      const state = await countFailure(deps.db, key, now, WINDOW_MINUTES, key.startsWith('track-ip') ? MAX_WRONG_CODES * 4 : MAX_WRONG_CODES, LOCK_MINUTES);
      if (state.lockedUntil && state.lockedUntil > now) throw lockedOut(state.lockedUntil, now);
    }
    if (matches) throw new DomainError('validation', { en: 'The code has expired; ask for a new one.', zh: '验证码已过期，请重新获取。' }, { errors: [{ field: '/code', message: { en: 'expired', zh: '已过期' } }] });
    throw new DomainError('validation', { en: 'The reference or the code is not right.', zh: '业务编号或验证码不正确。' }, { errors: [{ field: '/code', message: { en: 'not right', zh: '不正确' } }] });
  }
  const token = randomBytes(24).toString('base64url');
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('tracking_code').set({ used_at: now }).where('id', '=', latest.id).execute();
    await trx.insertInto('tracking_access').values({ token_hash: hash(token), case_id: latest.case_id, expires_at: new Date(now.getTime() + ACCESS_MINUTES * 60_000) }).execute();
  });
  await clearThrottle(deps.db, `track:${ref}`);
  return { token, expiresInSeconds: ACCESS_MINUTES * 60 };
}

/** The case as its customer sees it, in plain words: status, current step, what is missing, when. */
export async function trackCase(deps: Deps, ref: string, token: string | undefined, lang: string) {
  const now = deps.clock();
  const access = token ? await deps.db.selectFrom('tracking_access as a').innerJoin('service_case as c', 'c.id', 'a.case_id').select(['c.id']).where('a.token_hash', '=', hash(token)).where('c.ref', '=', ref).where('a.expires_at', '>', now).executeTakeFirst() : undefined;
  if (!access) throw new DomainError('not_authenticated', { en: 'Verify with the code sent to your phone first.', zh: '请先使用发送到您手机的验证码进行验证。' });
  const c = await deps.db
    .selectFrom('service_case as c')
    .innerJoin('org_unit as o', 'o.id', 'c.unit_id')
    .innerJoin('service_version as v', (j) => j.onRef('v.code', '=', 'c.service_code').onRef('v.version', '=', 'c.service_version'))
    .select(['c.id', 'c.ref', 'c.status', 'c.instance_id', 'c.created_at', 'c.due_at', 'c.closed_at', 'o.name_zh', 'o.name_en', 'v.data'])
    .where('c.id', '=', access.id)
    .executeTakeFirstOrThrow();
  const zh = lang.startsWith('zh');
  const [steps, missing, done] = await Promise.all([
    c.instance_id ? deps.db.selectFrom('task').select('name').where('instance_id', '=', c.instance_id).where('status', '=', 'open').execute() : Promise.resolve([]),
    deps.db.selectFrom('case_material').select(['name_zh', 'name_en']).where('case_id', '=', c.id).where('required', '=', true).where('received', '=', false).orderBy('position').execute(),
    c.instance_id ? deps.db.selectFrom('event_log').select(['name', 'at']).where('instance_id', '=', c.instance_id).where('lifecycle', '=', 'complete').where('element_type', 'in', ['userTask', 'serviceTask', 'businessRuleTask']).orderBy('at').execute() : Promise.resolve([]),
  ]);
  const service = c.data as { nameZh: string; nameEn: string };
  return {
    ref: c.ref,
    service: zh ? service.nameZh : service.nameEn,
    branch: zh ? c.name_zh : c.name_en,
    status: c.status,
    currentSteps: steps.map((s) => localName(s.name, lang)),
    missingMaterials: missing.map((m) => (zh ? m.name_zh : m.name_en)),
    submittedAt: c.created_at.toISOString(),
    expectedBy: c.due_at?.toISOString() ?? null,
    closedAt: c.closed_at?.toISOString() ?? null,
    history: done.filter((d) => d.name).map((d) => ({ step: localName(d.name, lang), at: d.at.toISOString() })),
  };
}
