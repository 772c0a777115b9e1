import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/**
 * Own-customer operations, customer experience (S4): the retention tasks opened for customers
 * who enter the "at risk of leaving" segment, and the marks background sweeps keep of the
 * membership events they have read.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `
    create table retention_task (
      id text primary key,
      customer_id text not null references customer(id),
      unit_id text not null references org_unit(id),
      instance_id text not null,
      assignee text,
      score integer not null,
      reasons jsonb not null,
      status text not null check (status in ('open', 'completed', 'cancelled')),
      opened_at timestamptz not null,
      closed_at timestamptz,
      contacted boolean,
      outcome text check (outcome in ('retained', 'considering', 'leaving', 'unreachable')),
      note text,
      completed_by text,
      end_reason text
    );
    -- one open retention task per customer at a time
    create unique index retention_task_open_idx on retention_task (customer_id) where status = 'open';
    create index retention_task_customer_idx on retention_task (customer_id, opened_at desc);
    create index retention_task_instance_idx on retention_task (instance_id);

    create table engagement_mark (
      name text primary key,
      last_event_id bigint not null
    );

    -- who entered or left one segment since a mark: the retention sweep's read
    create index segment_membership_event_segment_idx on segment_membership_event (segment_code, id);
  `);
}
