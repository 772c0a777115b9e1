import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/**
 * The demo history's progress (src/demo): which days it covers, the last day begun and the last
 * finished, and who generates it now. One row at most.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `
    create table demo_history (
      id smallint primary key check (id = 1),
      days integer not null check (days >= 0),
      first_day text not null check (first_day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      last_day text not null check (last_day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      day_started text,
      day_done text,
      seed integer not null,
      started_at timestamptz not null,
      finished_at timestamptz,
      lease_owner text,
      lease_until timestamptz,
      error text
    );
  `);
}
