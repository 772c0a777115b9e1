import { sql } from 'kysely';
import { systemContext } from '../access/actor.ts';
import { BUILTIN_ROLES } from '../access/permissions.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Deps } from '../deps.ts';

const BOOTSTRAP_LOCK = 7_205_002;

/**
 * Brings the built-in roles to their definitions in code. Runs at every start, on every node; the
 * lock makes concurrent starts take turns, and only a role that differs is written (and audited).
 */
export async function syncBuiltinRoles(deps: Deps): Promise<string[]> {
  return deps.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`.execute(trx);
    const existing = new Map((await trx.selectFrom('role').selectAll().execute()).map((r) => [r.key, r]));
    const changed: string[] = [];
    for (const role of BUILTIN_ROLES) {
      const row = existing.get(role.key);
      const permissions = [...role.permissions].sort();
      const same =
        row &&
        row.builtin &&
        row.scope === role.scope &&
        row.name_en === role.name.en &&
        row.name_zh === role.name.zh &&
        JSON.stringify([...row.permissions].sort()) === JSON.stringify(permissions);
      if (same) continue;
      const values = { name_zh: role.name.zh, name_en: role.name.en, scope: role.scope, permissions: JSON.stringify(permissions), builtin: true };
      await trx
        .insertInto('role')
        .values({ key: role.key, ...values })
        .onConflict((oc) => oc.column('key').doUpdateSet({ ...values, updated_at: deps.clock() }))
        .execute();
      await recordAudit(trx, systemContext(), {
        action: row ? 'role.sync' : 'role.create',
        entityType: 'role',
        entityId: role.key,
        before: row ? { scope: row.scope, permissions: row.permissions } : null,
        after: { scope: role.scope, permissions },
      }, deps.clock());
      changed.push(role.key);
    }
    return changed;
  });
}
