import type { Transaction } from 'kysely';
import type { RequestContext } from '../access/actor.ts';
import { assertInScope, isInScope, scopePrefix } from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { revokeUserSessions } from '../auth/session.repository.ts';
import type { Database } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { AlreadyExistsError, DomainError, NotFoundError, VersionConflictError, fieldError } from '../errors.ts';
import { maskEmail, maskPhone } from '../pii/index.ts';
import { assertMayGrant } from './role.service.ts';
import { findUnit } from './unit.repository.ts';
import * as repo from './user.repository.ts';

export const USER_LABEL = { en: 'user', zh: '用户' };

export type User = {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  unitId: string;
  unitCode: string;
  unitNameZh: string;
  unitNameEn: string;
  roles: string[];
  status: 'active' | 'disabled';
  lastLoginAt: string | null;
  createdAt: string;
  version: number;
};

type Row = NonNullable<Awaited<ReturnType<typeof repo.findUser>>>;

/** A user as lists and forms show it: contact details masked (revealing them is a separate, audited act). */
function toUser(row: Row, roles: string[]): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email === null ? null : maskEmail(row.email),
    phone: row.phone === null ? null : maskPhone(row.phone),
    unitId: row.unit_id,
    unitCode: row.unit_code,
    unitNameZh: row.unit_name_zh,
    unitNameEn: row.unit_name_en,
    roles,
    status: row.status,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    version: row.version,
  };
}

export async function listUsers(
  deps: Deps,
  ctx: RequestContext,
  filter: Omit<repo.UserFilter, 'pathPrefix'>,
  page: { limit: number; offset: number },
): Promise<{ items: User[]; total: number }> {
  const pathPrefix = scopePrefix(ctx.actor!, 'org.user.read');
  const { rows, total } = await repo.listUsers(deps.db, { ...filter, pathPrefix }, page.limit, page.offset);
  const roles = await repo.rolesByUser(deps.db, rows.map((r) => r.id));
  return { total, items: rows.map((r) => toUser(r, roles.get(r.id) ?? [])) };
}

async function loadInScope(db: Deps['db'] | Transaction<Database>, ctx: RequestContext, id: string, permission: 'org.user.read' | 'org.user.write' | 'pii.reveal') {
  const row = await repo.findUser(db, id);
  if (!row) throw new NotFoundError(USER_LABEL, id);
  assertInScope(ctx.actor!, permission, row.unit_path);
  return row;
}

export async function getUser(deps: Deps, ctx: RequestContext, id: string): Promise<User> {
  const row = await loadInScope(deps.db, ctx, id, 'org.user.read');
  const roles = await repo.rolesByUser(deps.db, [id]);
  return toUser(row, roles.get(id) ?? []);
}

export type NewUser = {
  username: string;
  displayName: string;
  password: string;
  unitId: string;
  roles: string[];
  email?: string | null;
  phone?: string | null;
};

async function checkRoles(trx: Transaction<Database>, ctx: RequestContext, roles: string[]): Promise<void> {
  if (roles.length === 0) return;
  const rows = await trx.selectFrom('role').selectAll().where('key', 'in', roles).execute();
  roles.forEach((key, i) => {
    const row = rows.find((r) => r.key === key);
    if (!row) throw fieldError(`/roles/${i}`, `unknown role "${key}"`, `角色“${key}”不存在`);
    assertMayGrant(ctx.actor, row);
  });
}

async function unitFor(trx: Transaction<Database>, ctx: RequestContext, unitId: string) {
  const unit = await findUnit(trx, unitId);
  if (!unit) throw fieldError('unitId', 'no such unit', '机构不存在');
  if (!unit.active) throw fieldError('unitId', 'the unit is inactive', '该机构已停用');
  if (ctx.actor && !isInScope(ctx.actor, 'org.user.write', unit.path)) {
    throw new DomainError('out_of_scope', { en: 'That unit is outside your own unit and the units below it.', zh: '该机构不在您的管辖范围内。' });
  }
  return unit;
}

/** Creates a staff user in a unit within the actor's reach, with roles the actor may grant. */
export async function createUser(deps: Deps, ctx: RequestContext, input: NewUser): Promise<User> {
  const username = input.username.toLowerCase();
  const problem = passwordProblem(input.password);
  if (problem) throw fieldError('password', problem.en, problem.zh);
  const passwordHash = await hashPassword(input.password);
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    const unit = await unitFor(trx, ctx, input.unitId);
    await checkRoles(trx, ctx, input.roles);
    if (await trx.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst()) {
      throw new AlreadyExistsError(USER_LABEL, 'username', username);
    }
    await trx
      .insertInto('app_user')
      .values({ id, username, display_name: input.displayName, email: input.email ?? null, phone: input.phone ?? null, unit_id: unit.id, password_hash: passwordHash, created_at: deps.clock(), updated_at: deps.clock() })
      .execute();
    await repo.setRoles(trx, id, [...new Set(input.roles)]);
    const after = { username, displayName: input.displayName, email: input.email ?? null, phone: input.phone ?? null, unitId: unit.id, roles: input.roles };
    await recordAudit(trx, ctx, { action: 'user.create', entityType: 'user', entityId: id, unitId: unit.id, after }, deps.clock());
  });
  return getUserUnchecked(deps, id);
}

async function getUserUnchecked(deps: Deps, id: string): Promise<User> {
  const row = await repo.findUser(deps.db, id);
  const roles = await repo.rolesByUser(deps.db, [id]);
  return toUser(row!, roles.get(id) ?? []);
}

export type UserPatch = {
  version: number;
  displayName?: string;
  unitId?: string;
  roles?: string[];
  status?: 'active' | 'disabled';
  email?: string | null;
  phone?: string | null;
};

/**
 * Changes a user, refusing when someone else changed them since `version` was read. Disabling a
 * user ends their sessions at once. Nobody can disable themself.
 */
export async function updateUser(deps: Deps, ctx: RequestContext, id: string, patch: UserPatch): Promise<User> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const row = await loadInScope(trx, ctx, id, 'org.user.write');
    if (patch.status === 'disabled' && ctx.actor?.userId === id) {
      throw fieldError('status', 'you cannot disable your own account', '不能停用自己的账号');
    }
    if (patch.unitId !== undefined) await unitFor(trx, ctx, patch.unitId);
    if (patch.roles !== undefined) await checkRoles(trx, ctx, patch.roles);
    if (!(await repo.bumpVersion(trx, id, patch.version, now))) throw new VersionConflictError(USER_LABEL);
    const rolesBefore = (await repo.rolesByUser(trx, [id])).get(id) ?? [];
    await trx
      .updateTable('app_user')
      .set({
        ...(patch.displayName !== undefined && { display_name: patch.displayName }),
        ...(patch.unitId !== undefined && { unit_id: patch.unitId }),
        ...(patch.status !== undefined && { status: patch.status }),
        ...(patch.email !== undefined && { email: patch.email }),
        ...(patch.phone !== undefined && { phone: patch.phone }),
      })
      .where('id', '=', id)
      .execute();
    if (patch.roles !== undefined) await repo.setRoles(trx, id, [...new Set(patch.roles)]);
    if (patch.status === 'disabled') await revokeUserSessions(trx, id, now);
    const before = { displayName: row.display_name, unitId: row.unit_id, status: row.status, email: row.email, phone: row.phone, roles: rolesBefore };
    const { version: _version, ...changes } = patch;
    await recordAudit(trx, ctx, { action: 'user.update', entityType: 'user', entityId: id, unitId: patch.unitId ?? row.unit_id, before, after: { ...before, ...changes } }, now);
  });
  return getUserUnchecked(deps, id);
}

/** Sets a new password for a user and ends all of that user's sessions. */
export async function resetPassword(deps: Deps, ctx: RequestContext, id: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw fieldError('password', problem.en, problem.zh);
  const hash = await hashPassword(password);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const row = await loadInScope(trx, ctx, id, 'org.user.write');
    await trx.updateTable('app_user').set({ password_hash: hash, updated_at: now, version: row.version + 1 }).where('id', '=', id).execute();
    await revokeUserSessions(trx, id, now);
    await recordAudit(trx, ctx, { action: 'user.password_reset', entityType: 'user', entityId: id, unitId: row.unit_id }, now);
  });
}

/** Shows a user's contact details unmasked to a role that may see them; the reason is audited. */
export async function revealUser(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  fields: ('phone' | 'email')[],
  reason: string,
): Promise<{ phone?: string | null; email?: string | null }> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await loadInScope(trx, ctx, id, 'pii.reveal');
    const out: { phone?: string | null; email?: string | null } = {};
    for (const field of new Set(fields)) out[field] = row[field];
    await recordAudit(trx, ctx, { action: 'pii.reveal', entityType: 'user', entityId: id, unitId: row.unit_id, after: { fields: [...new Set(fields)], reason } }, deps.clock());
    return out;
  });
}
