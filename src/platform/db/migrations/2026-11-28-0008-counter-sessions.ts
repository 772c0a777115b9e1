import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/** The times each counter was open, and who staffed it: the denominator of counter utilisation. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `
    create table queue_counter_session (
      id text primary key,
      counter_id text not null references queue_counter(id),
      unit_id text not null references org_unit(id),
      staff text not null,
      opened_at timestamptz not null,
      closed_at timestamptz
    );
    create index queue_counter_session_unit_idx on queue_counter_session (unit_id, opened_at);
    create unique index queue_counter_session_open_idx on queue_counter_session (counter_id) where closed_at is null;
  `);
}
