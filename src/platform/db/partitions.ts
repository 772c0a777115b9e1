import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from './database.ts';
import type { Database } from './schema.ts';

const PARTITION_LOCK = 7_205_012;

/** Months of the event log given a partition ahead of the current one. */
export const MONTHS_AHEAD = 3;

/** The first day of a month, `YYYY-MM-01`, in UTC, `offset` months from the month of `at`. */
export function monthOf(at: Date, offset = 0): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + offset, 1));
  return d.toISOString().slice(0, 10);
}

/** How long after a month's end its rows in the default partition are left alone: writes begun before the end may commit after it. */
const SETTLE_MS = 24 * 3600_000;

export type PartitionRound = { created: string[]; waiting: string[] } | { skipped: 'busy' };

/**
 * Gives the event log a partition for each of the next `MONTHS_AHEAD` months, and for the current
 * one, so that writes never reach the default partition; and moves what did reach it (a month
 * the sweep had not reached: a node down for months, a clock set back) into a partition of its
 * own once that month is over and settled. A month still written to is never attached: a write
 * waiting behind the attach would then fail its partition check. Those months are returned as
 * `waiting` (`YYYY-MM-01`), with the months created.
 *
 * One node at a time (a transaction-level advisory lock; a node that finds it taken skips the
 * round). Attaching a month locks the default partition (not the log): the round waits at most
 * `lockTimeoutMs` for it, and a round that times out changes nothing; the next one tries again.
 */
export async function ensureEventLogPartitions(database: DatabaseHandle, now: Date, lockTimeoutMs = 5000): Promise<PartitionRound> {
  return database.db.transaction().execute(async (trx) => {
    if (database.kind === 'postgres') {
      const got = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${PARTITION_LOCK}) as ok`.execute(trx);
      if (!got.rows[0]?.ok) return { skipped: 'busy' as const };
      await sql`select set_config('lock_timeout', ${`${lockTimeoutMs}ms`}, true)`.execute(trx);
    }
    const rows = await sql<{ m: string }>`select distinct to_char(date_trunc('month', at at time zone 'UTC'), 'YYYY-MM-DD') as m from event_log_default`.execute(trx);
    const stray = new Set(rows.rows.map((r) => r.m));
    const settled = (month: string) => Date.parse(`${monthOf(new Date(`${month}T00:00:00Z`), 1)}T00:00:00Z`) + SETTLE_MS <= now.getTime();
    const months = [...new Set([...Array.from({ length: MONTHS_AHEAD + 1 }, (_, i) => monthOf(now, i)), ...stray])].sort();
    const created: string[] = [];
    const waiting: string[] = [];
    for (const month of months) {
      if (stray.has(month) && !settled(month)) {
        waiting.push(month);
        continue;
      }
      const made = await sql<{ made: boolean }>`select event_log_ensure_month(${month}::date) as made`.execute(trx);
      if (made.rows[0]?.made) created.push(month);
    }
    return { created, waiting };
  });
}

/** The event log's partitions, oldest first, with their bounds as PostgreSQL prints them; the default last. */
export async function eventLogPartitions(db: Kysely<Database>): Promise<{ name: string; bound: string }[]> {
  const { rows } = await sql<{ name: string; bound: string }>`
    select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'event_log'::regclass
    order by c.relname = 'event_log_default', c.relname`.execute(db);
  return rows;
}
