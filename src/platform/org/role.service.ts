import type { Transaction } from 'kysely';
import type { Actor, RequestContext } from '../access/actor.ts';
import { isPermission, PERMISSIONS, type RoleScope } from '../access/permissions.ts';
import { assertPermission } from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { AlreadyExistsError, DomainError, NotFoundError, ValidationError, type FieldError } from '../errors.ts';
import type { RoleRow } from './org.table.ts';

export type Role = { key: string; nameZh: string; nameEn: string; scope: RoleScope; permissions: string[]; builtin: boolean };

export const ROLE_LABEL = { en: 'role', zh: '角色' };

function toRole(row: RoleRow): Role {
  return { key: row.key, nameZh: row.name_zh, nameEn: row.name_en, scope: row.scope, permissions: [...row.permissions].sort(), builtin: row.builtin };
}

export async function listRoles(deps: Deps): Promise<Role[]> {
  const rows = await deps.db.selectFrom('role').selectAll().orderBy('builtin', 'desc').orderBy('key').execute();
  return rows.map(toRole);
}

export function listPermissions() {
  return Object.entries(PERMISSIONS).map(([key, name]) => ({ key, nameEn: name.en, nameZh: name.zh }));
}

/**
 * Refuses to let an actor hand out more than they hold: every permission of the role must be the
 * actor's own, and a head-office-wide role needs the actor to hold each permission head-office wide.
 * Without this, whoever may manage users could make themselves administrator.
 */
export function assertMayGrant(actor: Actor | null, role: { key: string; scope: RoleScope; permissions: readonly string[] }): void {
  if (!actor) return; // the system itself (seeding, the admin CLI)
  for (const permission of role.permissions) {
    const held = isPermission(permission) ? actor.permissions.get(permission) : undefined;
    if (!held || (role.scope === 'global' && held !== 'global')) {
      throw new DomainError('forbidden', {
        en: `You cannot grant the role "${role.key}": it carries permissions beyond your own.`,
        zh: `您不能授予角色“${role.key}”：该角色包含超出您自身权限的权限。`,
      });
    }
  }
}

function checkPermissionKeys(permissions: string[]): void {
  const errors: FieldError[] = permissions
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => !isPermission(p))
    .map(({ p, i }) => ({ field: `/permissions/${i}`, message: { en: `unknown permission "${p}"`, zh: `未知权限“${p}”` } }));
  if (errors.length > 0) throw new ValidationError(errors);
}

export async function createRole(
  deps: Deps,
  ctx: RequestContext,
  input: { key: string; nameZh: string; nameEn: string; scope: RoleScope; permissions: string[] },
): Promise<Role> {
  checkPermissionKeys(input.permissions);
  assertMayGrant(ctx.actor, input);
  return deps.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('role').select('key').where('key', '=', input.key).executeTakeFirst()) {
      throw new AlreadyExistsError(ROLE_LABEL, 'key', input.key);
    }
    const row = await trx
      .insertInto('role')
      .values({ key: input.key, name_zh: input.nameZh, name_en: input.nameEn, scope: input.scope, permissions: JSON.stringify([...new Set(input.permissions)]), builtin: false, created_at: deps.clock(), updated_at: deps.clock() })
      .returningAll()
      .executeTakeFirstOrThrow();
    const role = toRole(row);
    await recordAudit(trx, ctx, { action: 'role.create', entityType: 'role', entityId: role.key, after: role }, deps.clock());
    return role;
  });
}

/** Changes a role. Built-in roles keep their scope and permissions; only their names can change. */
export async function updateRole(
  deps: Deps,
  ctx: RequestContext,
  key: string,
  patch: { nameZh?: string; nameEn?: string; scope?: RoleScope; permissions?: string[] },
): Promise<Role> {
  if (patch.permissions) checkPermissionKeys(patch.permissions);
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('role').selectAll().where('key', '=', key).forUpdate().executeTakeFirst();
    if (!row) throw new NotFoundError(ROLE_LABEL, key);
    if (row.builtin && (patch.scope !== undefined || patch.permissions !== undefined)) {
      throw new DomainError('invalid_state', {
        en: 'A built-in role keeps its permissions; create a role of your own to grant a different set.',
        zh: '内置角色的权限不可修改，如需其他权限组合请新建角色。',
      });
    }
    const next = { scope: patch.scope ?? row.scope, permissions: patch.permissions ?? row.permissions, key };
    assertMayGrant(ctx.actor, next);
    const updated = await updateRoleRow(trx, key, patch, deps.clock());
    const before = toRole(row);
    const after = toRole(updated);
    await recordAudit(trx, ctx, { action: 'role.update', entityType: 'role', entityId: key, before, after }, deps.clock());
    return after;
  });
}

function updateRoleRow(trx: Transaction<Database>, key: string, patch: Partial<Role>, now: Date) {
  return trx
    .updateTable('role')
    .set({
      ...(patch.nameZh !== undefined && { name_zh: patch.nameZh }),
      ...(patch.nameEn !== undefined && { name_en: patch.nameEn }),
      ...(patch.scope !== undefined && { scope: patch.scope }),
      ...(patch.permissions !== undefined && { permissions: JSON.stringify([...new Set(patch.permissions)]) }),
      updated_at: now,
    })
    .where('key', '=', key)
    .returningAll()
    .executeTakeFirstOrThrow();
}

