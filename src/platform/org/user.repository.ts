import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export type UserFilter = {
  q?: string | undefined;
  unitId?: string | undefined;
  role?: string | undefined;
  status?: 'active' | 'disabled' | undefined;
  /** Only users of units under this path (unit-scoped readers). */
  pathPrefix: string | null;
};

function baseQuery(db: Db) {
  return db.selectFrom('app_user as u').innerJoin('org_unit as o', 'o.id', 'u.unit_id');
}

const COLUMNS = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.email',
  'u.phone',
  'u.unit_id',
  'u.status',
  'u.last_login_at',
  'u.created_at',
  'u.version',
  'o.code as unit_code',
  'o.name_zh as unit_name_zh',
  'o.name_en as unit_name_en',
  'o.path as unit_path',
] as const;

function filtered(db: Db, f: UserFilter) {
  let q = baseQuery(db);
  if (f.pathPrefix) q = q.where('o.path', 'like', `${f.pathPrefix}%`);
  if (f.unitId) q = q.where('u.unit_id', '=', f.unitId);
  if (f.status) q = q.where('u.status', '=', f.status);
  if (f.role) {
    const role = f.role;
    q = q.where('u.id', 'in', (eb) => eb.selectFrom('user_role').select('user_id').where('role_key', '=', role));
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like)]));
  }
  return q;
}

export type UserListRow = Awaited<ReturnType<typeof findUser>> & {};

export async function listUsers(db: Db, f: UserFilter, limit: number, offset: number) {
  const [rows, count] = await Promise.all([
    filtered(db, f).select(COLUMNS).orderBy('u.username').limit(limit).offset(offset).execute(),
    filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findUser(db: Db, id: string) {
  return baseQuery(db).select(COLUMNS).where('u.id', '=', id).executeTakeFirst();
}

export async function rolesByUser(db: Db, userIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return result;
  const rows = await db.selectFrom('user_role').select(['user_id', 'role_key']).where('user_id', 'in', userIds).orderBy('role_key').execute();
  for (const row of rows) result.get(row.user_id)?.push(row.role_key);
  return result;
}

export async function setRoles(db: Db, userId: string, roles: string[]): Promise<void> {
  await db.deleteFrom('user_role').where('user_id', '=', userId).execute();
  if (roles.length > 0) {
    await db.insertInto('user_role').values(roles.map((role_key) => ({ user_id: userId, role_key }))).execute();
  }
}

/** Bumps the version when it still is `version`; false when someone else changed the user meanwhile. */
export async function bumpVersion(db: Db, id: string, version: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('app_user')
    .set({ version: sql`version + 1`, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
