import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/**
 * Event logs for process mining: logs imported from other systems (XES, CSV), event by event.
 * The engine's own log stays in `event_log` and is read through the same queries.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `
    create table mining_log (
      id text primary key,
      name text not null,
      format text not null check (format in ('xes', 'csv')),
      event_order text not null check (event_order in ('file', 'time')),
      file_name text,
      cases integer not null default 0,
      events integer not null default 0,
      attributes jsonb not null default '{}',
      created_by text not null,
      created_at timestamptz not null
    );

    create table mining_event (
      log_id text not null references mining_log(id) on delete cascade,
      seq integer not null,
      case_id text not null,
      activity text not null,
      lifecycle text,
      at timestamptz,
      resource text,
      attributes jsonb,
      primary key (log_id, seq)
    );
    create index mining_event_case_idx on mining_event (log_id, case_id, seq);
  `);
}
