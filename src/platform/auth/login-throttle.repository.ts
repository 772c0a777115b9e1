import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export type ThrottleState = { failures: number; lockedUntil: Date | null };

export async function readThrottle(db: Kysely<Database>, keys: string[]): Promise<Map<string, ThrottleState>> {
  const rows = await db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
  return new Map(rows.map((r) => [r.key, { failures: r.failures, lockedUntil: r.locked_until }]));
}

/**
 * Counts one failure against `key` in a window of `windowMinutes`, locking the key when the count
 * reaches `maxFailures`. One statement, so concurrent failures on several nodes all count.
 */
export async function countFailure(
  db: Kysely<Database>,
  key: string,
  now: Date,
  windowMinutes: number,
  maxFailures: number,
  lockMinutes: number,
): Promise<ThrottleState> {
  const windowStart = new Date(now.getTime() - windowMinutes * 60_000);
  const lockUntil = new Date(now.getTime() + lockMinutes * 60_000);
  const row = await sql<{ failures: number; locked_until: Date | null }>`
    insert into login_throttle (key, failures, window_start, locked_until)
    values (${key}, 1, ${now}, case when 1 >= ${maxFailures} then ${lockUntil}::timestamptz end)
    on conflict (key) do update set
      failures = case when login_throttle.window_start < ${windowStart} then 1 else login_throttle.failures + 1 end,
      window_start = case when login_throttle.window_start < ${windowStart} then ${now}::timestamptz else login_throttle.window_start end,
      locked_until = case
        when (case when login_throttle.window_start < ${windowStart} then 1 else login_throttle.failures + 1 end) >= ${maxFailures}
        then ${lockUntil}::timestamptz
        else login_throttle.locked_until end
    returning failures, locked_until`.execute(db);
  const r = row.rows[0]!;
  return { failures: r.failures, lockedUntil: r.locked_until };
}

export async function clearThrottle(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
