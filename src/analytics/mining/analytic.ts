import { sql, type Transaction } from 'kysely';
import type { Deps } from '../../platform/deps.ts';
import type { Database } from '../../platform/db/schema.ts';

/**
 * Runs statements over a whole log without JIT compilation (in a transaction, so the setting ends
 * with it). PostgreSQL compiles a statement whose estimated cost is high — every statement over a
 * million events — and on such a log the compiling alone took 0.3 s of a 2.5 s DFG, more than it
 * saved. PGlite has no JIT; the setting is accepted there and changes nothing.
 */
export function analytic<T>(deps: Deps, run: (db: Transaction<Database>) => Promise<T>): Promise<T> {
  return deps.db.transaction().execute(async (db) => {
    await sql`set local jit = off`.execute(db);
    return run(db);
  });
}
