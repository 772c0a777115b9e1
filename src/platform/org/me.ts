import type { Kysely } from 'kysely';
import { mergeRolePermissions } from '../access/policy.ts';
import type { Database } from '../db/schema.ts';
import { rolesOfUser } from '../auth/session.repository.ts';

/** What a signed-in user learns about themself: who, where, which roles, what they may do. */
export type Me = {
  id: string;
  username: string;
  displayName: string;
  unit: { id: string; code: string; nameZh: string; nameEn: string };
  roles: string[];
  /** The roles' names, so that any user's screens can show them without reading the role list. */
  roleNames: { key: string; nameZh: string; nameEn: string }[];
  permissions: string[];
  scope: 'global' | 'unit';
};

export async function loadMe(db: Kysely<Database>, userId: string): Promise<Me> {
  const row = await db
    .selectFrom('app_user as u')
    .innerJoin('org_unit as o', 'o.id', 'u.unit_id')
    .select(['u.id', 'u.username', 'u.display_name', 'o.id as unit_id', 'o.code', 'o.name_zh', 'o.name_en'])
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
  const roles = await rolesOfUser(db, userId);
  const permissions = mergeRolePermissions(roles);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    unit: { id: row.unit_id, code: row.code, nameZh: row.name_zh, nameEn: row.name_en },
    roles: roles.map((r) => r.key),
    roleNames: roles.map((r) => ({ key: r.key, nameZh: r.name_zh, nameEn: r.name_en })),
    permissions: [...permissions.keys()].sort(),
    scope: roles.some((r) => r.scope === 'global') ? 'global' : 'unit',
  };
}
