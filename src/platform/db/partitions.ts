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

export type PartitionRound = { created: string[] } | { skipped: 'busy' };

/**
 * Gives the event log a partition for this month and the next `MONTHS_AHEAD`, and one for every
 * month found in the default partition (moving those rows into it), so the default partition
 * stays empty but for what arrived since the last round. One node at a time (a transaction-level
 * advisory lock; a node that finds it taken skips the round). Attaching a month waits at most
 * `lockTimeoutMs` for the default partition; a round that times out changes nothing and the next
 * one tries again. Returns the months created (`YYYY-MM-01`).
 */
export async function ensureEventLogPartitions(database: DatabaseHandle, now: Date, lockTimeoutMs = 5000): Promise<PartitionRound> {
  return database.db.transaction().execute(async (trx) => {
    if (database.kind === 'postgres') {
      const got = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${PARTITION_LOCK}) as ok`.execute(trx);
      if (!got.rows[0]?.ok) return { skipped: 'busy' as const };
      await sql`select set_config('lock_timeout', ${`${lockTimeoutMs}ms`}, true)`.execute(trx);
    }
    const stray = await sql<{ m: string }>`select distinct to_char(date_trunc('month', at at time zone 'UTC'), 'YYYY-MM-DD') as m from event_log_default`.execute(trx);
    const months = new Set([...Array.from({ length: MONTHS_AHEAD + 1 }, (_, i) => monthOf(now, i)), ...stray.rows.map((r) => r.m)]);
    const created: string[] = [];
    for (const month of [...months].sort()) {
      const made = await sql<{ made: boolean }>`select event_log_ensure_month(${month}::date) as made`.execute(trx);
      if (made.rows[0]?.made) created.push(month);
    }
    return { created };
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

/**
 * The sweep as background work of a node: a round at once, then one every `intervalMs`; a round
 * still running is not overlapped, and `stop` waits for it.
 */
export class EventLogPartitioner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: () => Date,
  ) {}

  start(intervalMs: number, onError: (error: unknown) => void): void {
    const round = () => {
      if (this.running) return;
      this.running = ensureEventLogPartitions(this.database, this.clock())
        .catch(onError)
        .finally(() => {
          this.running = null;
        });
    };
    round();
    this.timer = setInterval(round, intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
