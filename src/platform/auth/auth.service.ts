import { createHash, randomBytes } from 'node:crypto';
import type { Actor, RequestContext } from '../access/actor.ts';
import { mergeRolePermissions } from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { loadMe, type Me } from '../org/me.ts';
import { verifyPassword } from './password.ts';
import * as sessions from './session.repository.ts';
import * as throttle from './login-throttle.repository.ts';

export type LoginResult = { token: string; csrfToken: string; expiresAt: Date; user: Me };

/** The window in which failed logins are counted. */
const FAILURE_WINDOW_MINUTES = 15;
const MAX_DELAY_MS = 5000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const loginFailed = () =>
  new DomainError('login_failed', {
    en: 'The user name or password is incorrect.',
    zh: '用户名或密码错误。',
  });

const locked = (until: Date, now: Date) => {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new DomainError(
    'login_locked',
    {
      en: `Too many failed logins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask an administrator to help.`,
      zh: `登录失败次数过多，请 ${minutes} 分钟后再试，或联系系统管理员。`,
    },
    { retryAfterSeconds: seconds },
  );
};

/**
 * Signs a staff member in. Failures are counted per user name and per address (whether or not the
 * user exists, so lock-outs reveal nothing); each failure is slowed down, doubling each time.
 */
export async function login(
  deps: Deps,
  ctx: RequestContext,
  input: { username: string; password: string; userAgent: string | null },
): Promise<LoginResult> {
  const { db, config } = deps;
  const username = input.username.trim().toLowerCase();
  const userKey = `user:${username}`;
  const ipKey = `ip:${ctx.ip ?? 'unknown'}`;
  const now = deps.clock();
  const states = await throttle.readThrottle(db, [userKey, ipKey]);
  for (const state of states.values()) {
    if (state.lockedUntil && state.lockedUntil > now) throw locked(state.lockedUntil, now);
  }

  const user = await db
    .selectFrom('app_user')
    .select(['id', 'password_hash', 'status', 'unit_id'])
    .where('username', '=', username)
    .executeTakeFirst();
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);

  if (!user || !passwordOk || user.status !== 'active') {
    const [userState, ipState] = await Promise.all([
      throttle.countFailure(db, userKey, now, FAILURE_WINDOW_MINUTES, config.loginMaxFailures, config.loginLockMinutes),
      throttle.countFailure(db, ipKey, now, FAILURE_WINDOW_MINUTES, config.loginMaxFailuresPerAddress, config.loginLockMinutes),
    ]);
    await db.transaction().execute((trx) =>
      recordAudit(trx, ctx, {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        unitId: user?.unit_id ?? null,
        after: { username, failures: userState.failures },
      }, now),
    );
    const delay = Math.min(MAX_DELAY_MS, config.loginFailureDelayMs * 2 ** (Math.max(userState.failures, 1) - 1));
    await new Promise((resolve) => setTimeout(resolve, delay));
    const lockedUntil = [userState.lockedUntil, ipState.lockedUntil].find((d) => d && d > now);
    if (lockedUntil) throw locked(lockedUntil, now);
    throw loginFailed();
  }

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + config.sessionTtlHours * 3600_000);
  await throttle.clearThrottle(db, userKey);
  await db.transaction().execute(async (trx) => {
    await sessions.insertSession(trx, {
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken,
      ip: ctx.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      createdAt: now,
      expiresAt,
    });
    await trx.updateTable('app_user').set({ last_login_at: now }).where('id', '=', user.id).execute();
    await recordAudit(trx, ctx, {
      action: 'auth.login',
      actor: { id: user.id, name: username },
      entityType: 'user',
      entityId: user.id,
      unitId: user.unit_id,
      after: { username },
    }, now);
  });
  return { token, csrfToken, expiresAt, user: await loadMe(db, user.id) };
}

/** Ends the caller's session; its token is refused from then on. */
export async function logout(deps: Deps, ctx: RequestContext): Promise<void> {
  const actor = ctx.actor!;
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await sessions.revokeSession(trx, actor.sessionTokenHash, now);
    await recordAudit(trx, ctx, {
      action: 'auth.logout',
      entityType: 'user',
      entityId: actor.userId,
      unitId: actor.unitId,
    }, now);
  });
}

export type ResolvedSession = { actor: Actor; csrfToken: string };

/** The actor behind a bearer token or session cookie, or null when it is unknown, expired or revoked. */
export async function resolveSession(deps: Deps, token: string): Promise<ResolvedSession | null> {
  const tokenHash = hashToken(token);
  const row = await sessions.findLiveSession(deps.db, tokenHash, deps.clock());
  if (!row) return null;
  const roles = await sessions.rolesOfUser(deps.db, row.user_id);
  return {
    csrfToken: row.csrf_token,
    actor: {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      unitId: row.unit_id,
      unitPath: row.unit_path,
      roles: roles.map((r) => r.key),
      permissions: mergeRolePermissions(roles),
      sessionTokenHash: tokenHash,
    },
  };
}

/**
 * The actor for HTTP Basic credentials (the Camunda-compatible API), or null. Checks the password
 * like a login does — failures are counted and locked out the same way — and remembers a good
 * pair for a minute so that a polling worker does not pay a password hash on every request.
 * A disabled user or changed password takes effect within that minute.
 */
export async function basicAuthActor(deps: Deps, ctx: RequestContext, username: string, password: string): Promise<Actor | null> {
  const key = createHash('sha256').update(`${username}\u0000${password}`).digest('hex');
  const now = deps.clock().getTime();
  let basicCache = basicCaches.get(deps.db);
  if (!basicCache) basicCaches.set(deps.db, (basicCache = new Map()));
  const cached = basicCache.get(key);
  if (cached && cached.until > now) return cached.actor;
  try {
    const result = await login(deps, { ...ctx }, { username, password, userAgent: 'basic-auth' });
    const resolved = await resolveSession(deps, result.token);
    if (!resolved) return null;
    // the session exists only to build the actor; it is ended at once
    await sessions.revokeSession(deps.db, resolved.actor.sessionTokenHash, deps.clock());
    basicCache.set(key, { actor: resolved.actor, until: now + 60_000 });
    if (basicCache.size > 1000) basicCache.delete(basicCache.keys().next().value!);
    return resolved.actor;
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'login_failed' || error.code === 'login_locked')) return null;
    throw error;
  }
}

/** Per database (each app has its own): credentials hash → actor, for a minute. */
const basicCaches = new WeakMap<object, Map<string, { actor: Actor; until: number }>>();
