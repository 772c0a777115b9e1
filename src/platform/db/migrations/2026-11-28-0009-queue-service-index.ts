import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/** The recent service times of a category, read at every ticket issued, without reading the branch's whole history. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `create index queue_ticket_served_idx on queue_ticket (unit_id, category, serve_ended_at) where status = 'done';`);
}
