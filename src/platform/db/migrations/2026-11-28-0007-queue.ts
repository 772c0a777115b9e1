import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/**
 * The branch counter queue: each branch's settings, queue categories and counters; tickets with
 * their whole life (issue, arrival, calls, service, rating); the per-day number sequences; and the
 * branch's event stream that display boards and counter consoles follow (numbered per branch, in
 * commit order). Counter ratings also become surveys, so a survey may belong to a ticket.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `
    create table queue_setting (
      unit_id text primary key references org_unit(id),
      weights jsonb not null,
      max_overtake_minutes integer not null,
      max_wait_minutes integer not null,
      no_show_after_calls integer not null,
      target_wait_minutes integer not null,
      target_share numeric not null,
      remote_hold_minutes integer not null,
      last_event_seq bigint not null default 0
    );

    create table queue_category (
      unit_id text not null references org_unit(id),
      code text not null,
      name_zh text not null,
      name_en text not null,
      service_codes jsonb not null default '[]',
      active boolean not null default true,
      primary key (unit_id, code)
    );

    create table queue_counter (
      id text primary key,
      unit_id text not null references org_unit(id),
      number integer not null,
      kind text not null check (kind in ('cash', 'non_cash', 'corporate', 'vip', 'assist')),
      categories jsonb not null,
      status text not null check (status in ('closed', 'open', 'paused')),
      staff text,
      signed_in_at timestamptz,
      unique (unit_id, number)
    );

    create table queue_number (
      unit_id text not null references org_unit(id),
      day date not null,
      category text not null,
      last integer not null,
      primary key (unit_id, day, category)
    );

    create table queue_ticket (
      id text primary key,
      unit_id text not null references org_unit(id),
      day date not null,
      category text not null,
      number text not null,
      class text not null check (class in ('vip', 'priority', 'appointment', 'normal')),
      credit_minutes integer not null,
      segment text,
      channel text not null check (channel in ('kiosk', 'mobile', 'appointment', 'teller')),
      customer_id text references customer(id),
      appointment_id text references appointment(id),
      access_hash text not null unique,
      status text not null check (status in ('remote', 'waiting', 'called', 'serving', 'parked', 'done', 'no_show', 'cancelled')),
      issued_at timestamptz not null,
      queued_at timestamptz not null,
      arrived_at timestamptz,
      estimated_wait_seconds integer,
      called_at timestamptz,
      last_called_at timestamptz,
      call_count integer not null default 0,
      counter_id text references queue_counter(id),
      target_counter_id text references queue_counter(id),
      served_by text,
      serve_started_at timestamptz,
      serve_ended_at timestamptz,
      transfers integer not null default 0,
      case_id text references service_case(id),
      rating integer check (rating between 1 and 5),
      rated_at timestamptz,
      version integer not null default 0,
      unique (unit_id, day, number)
    );
    create index queue_ticket_waiting_idx on queue_ticket (unit_id, queued_at) where status = 'waiting';
    create index queue_ticket_day_idx on queue_ticket (unit_id, day);
    create index queue_ticket_counter_idx on queue_ticket (counter_id) where status in ('called', 'serving', 'parked');

    create table queue_event (
      unit_id text not null references org_unit(id),
      seq bigint not null,
      at timestamptz not null,
      type text not null,
      ticket_id text,
      data jsonb not null,
      primary key (unit_id, seq)
    );

    alter table survey alter column case_id drop not null;
    alter table survey add column ticket_id text unique references queue_ticket(id);
  `);
}
