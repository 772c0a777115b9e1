import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/**
 * Every step of an instance, and every claim of one of its tasks, rewrites its row (state,
 * version), never an indexed column. Room left on each page lets PostgreSQL update the row in
 * place (a HOT update): no new entry in each of the table's indexes, less to write and vacuum.
 * Pages written from now on keep the room.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `alter table process_instance set (fillfactor = 80);`);
}
