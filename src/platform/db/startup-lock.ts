import { sql } from 'kysely';
import type { DatabaseHandle } from './database.ts';

const STARTUP_LOCK = 7_205_011;

/**
 * Runs start-up work (seeding, shipped deployments) on one node at a time: on PostgreSQL a
 * session advisory lock held on a connection of its own, while the work uses the pool; nodes
 * starting together wait for each other and then find the work done. PGlite has one process.
 */
export async function oneNodeAtATime<T>(database: DatabaseHandle, work: () => Promise<T>): Promise<T> {
  if (database.kind !== 'postgres') return work();
  return database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${STARTUP_LOCK})`.execute(conn);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${STARTUP_LOCK})`.execute(conn);
    }
  });
}
