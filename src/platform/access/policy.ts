import { DomainError } from '../errors.ts';
import type { Actor } from './actor.ts';
import { PERMISSIONS, type Permission, type RoleScope } from './permissions.ts';

/**
 * The one place where access is decided. Routes declare a permission (checked before the handler
 * runs); services that touch a unit's data call `assertInScope` with that unit's path.
 */
export function assertPermission(actor: Actor, permission: Permission): RoleScope {
  const scope = actor.permissions.get(permission);
  if (!scope) {
    const what = PERMISSIONS[permission];
    throw new DomainError('forbidden', {
      en: `Your roles do not include the permission "${what.en}"; ask an administrator if you need it.`,
      zh: `您的角色没有“${what.zh}”权限，如需使用请联系系统管理员。`,
    });
  }
  return scope;
}

/** True when the actor may act with `permission` on data of the unit at `unitPath`. */
export function isInScope(actor: Actor, permission: Permission, unitPath: string): boolean {
  const scope = actor.permissions.get(permission);
  if (scope === 'global') return true;
  if (scope === 'unit') return unitPath.startsWith(actor.unitPath);
  return false;
}

export function assertInScope(actor: Actor, permission: Permission, unitPath: string): void {
  assertPermission(actor, permission);
  if (!isInScope(actor, permission, unitPath)) {
    throw new DomainError('out_of_scope', {
      en: 'This belongs to a unit outside your own unit and the units below it.',
      zh: '该数据属于您所在机构及下属机构以外的机构，您无权访问。',
    });
  }
}

/**
 * The unit-path prefix a list query must be restricted to, or null when the actor sees every unit.
 * Lists filter instead of refusing: an actor sees the part of the data within reach.
 */
export function scopePrefix(actor: Actor, permission: Permission): string | null {
  return assertPermission(actor, permission) === 'global' ? null : actor.unitPath;
}

/** Merges the permissions of several roles, each keeping the widest scope granted. */
export function mergeRolePermissions(
  roles: { scope: RoleScope; permissions: readonly string[] }[],
): Map<Permission, RoleScope> {
  const merged = new Map<Permission, RoleScope>();
  for (const role of roles) {
    for (const key of role.permissions) {
      if (!Object.hasOwn(PERMISSIONS, key)) continue;
      const permission = key as Permission;
      if (merged.get(permission) !== 'global') merged.set(permission, role.scope);
    }
  }
  return merged;
}
