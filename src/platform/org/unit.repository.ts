import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { NewOrgUnitRow, OrgUnitRow } from './org.table.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function listUnits(db: Db, pathPrefix: string | null): Promise<OrgUnitRow[]> {
  let q = db.selectFrom('org_unit').selectAll();
  if (pathPrefix) q = q.where('path', 'like', `${pathPrefix}%`);
  return q.orderBy('path').execute();
}

export function findUnit(db: Db, id: string): Promise<OrgUnitRow | undefined> {
  return db.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUnitByCode(db: Db, code: string): Promise<OrgUnitRow | undefined> {
  return db.selectFrom('org_unit').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertUnit(db: Db, row: NewOrgUnitRow): Promise<OrgUnitRow> {
  return db.insertInto('org_unit').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateUnit(
  db: Db,
  id: string,
  patch: Partial<Pick<OrgUnitRow, 'name_zh' | 'name_en' | 'active' | 'region'>>,
  now: Date,
): Promise<OrgUnitRow> {
  return db.updateTable('org_unit').set({ ...patch, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Active units and active users directly or indirectly below a unit: what blocks its deactivation. */
export async function activeDependants(db: Db, path: string, id: string): Promise<{ units: number; users: number }> {
  const units = await db
    .selectFrom('org_unit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('path', 'like', `${path}%`)
    .where('id', '!=', id)
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  const users = await db
    .selectFrom('app_user as u')
    .innerJoin('org_unit as o', 'o.id', 'u.unit_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('o.path', 'like', `${path}%`)
    .where('u.status', '=', 'active')
    .executeTakeFirstOrThrow();
  return { units: Number(units.n), users: Number(users.n) };
}
