import { sql } from 'kysely';
import { systemContext } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/password.ts';
import type { Deps } from '../deps.ts';
import { childPath } from '../org/unit.ts';
import { DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from './demo-bank.ts';

const SEED_LOCK = 7_205_003;

/** Seeds the demo bank once; later starts find it and leave it alone. Returns whether it seeded. */
export async function seedDemo(deps: Deps): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return deps.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SEED_LOCK})`.execute(trx);
    const any = await trx.selectFrom('org_unit').select('id').limit(1).executeTakeFirst();
    if (any) return false;
    const ctx = systemContext();
    const now = deps.clock();
    const byCode = new Map<string, { id: string; path: string }>();
    for (const unit of DEMO_UNITS) {
      const parent = unit.parent ? byCode.get(unit.parent)! : null;
      const id = deps.newId();
      const path = childPath(parent?.path ?? null, id);
      await trx
        .insertInto('org_unit')
        .values({ id, code: unit.code, name_zh: unit.nameZh, name_en: unit.nameEn, kind: unit.kind, parent_id: parent?.id ?? null, path, region: 'CN' })
        .execute();
      byCode.set(unit.code, { id, path });
      await recordAudit(trx, ctx, { action: 'unit.create', entityType: 'unit', entityId: id, unitId: id, after: unit }, now);
    }
    for (const user of DEMO_USERS) {
      const id = deps.newId();
      const unitId = byCode.get(user.unit)!.id;
      await trx
        .insertInto('app_user')
        .values({ id, username: user.username, display_name: user.displayName, phone: user.phone, email: `${user.username}@demo.banklane.local`, unit_id: unitId, password_hash: passwordHash })
        .execute();
      await trx.insertInto('user_role').values(user.roles.map((role_key) => ({ user_id: id, role_key }))).execute();
      await recordAudit(trx, ctx, { action: 'user.create', entityType: 'user', entityId: id, unitId, after: { ...user, unitId } }, now);
    }
    return true;
  });
}
