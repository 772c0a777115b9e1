import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/**
 * Idempotency keys are forgotten after a day by each node's upkeep (src/platform/housekeeping.ts):
 * an index on their time keeps that sweep from reading every key a busy day stored.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `create index idempotency_key_created_idx on idempotency_key (created_at);`);
}
