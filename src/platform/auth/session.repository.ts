import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function insertSession(
  db: Db,
  session: { tokenHash: string; userId: string; csrfToken: string; ip: string | null; userAgent: string | null; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('session')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      ip: session.ip,
      user_agent: session.userAgent,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** The live session with this token hash, its active user and the user's unit. */
export async function findLiveSession(db: Db, tokenHash: string, now: Date) {
  return db
    .selectFrom('session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .innerJoin('org_unit as o', 'o.id', 'u.unit_id')
    .select([
      's.token_hash',
      's.csrf_token',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.unit_id',
      'o.path as unit_path',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('u.status', '=', 'active')
    .executeTakeFirst();
}

export async function revokeSession(db: Db, tokenHash: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('session')
    .set({ revoked_at: now })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ends every session of a user (password reset, account disabled). */
export async function revokeUserSessions(db: Db, userId: string, now: Date): Promise<void> {
  await db.updateTable('session').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

export async function rolesOfUser(db: Db, userId: string) {
  return db
    .selectFrom('user_role as ur')
    .innerJoin('role as r', 'r.key', 'ur.role_key')
    .select(['r.key', 'r.scope', 'r.permissions', 'r.name_zh', 'r.name_en'])
    .where('ur.user_id', '=', userId)
    .orderBy('r.key')
    .execute();
}
