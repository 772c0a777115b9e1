import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/**
 * Service standards by merchant tier (服务标准) — how soon a request of each kind is answered
 * and resolved — and merchants' service requests, each with the two clocks its standard sets.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `
    create table merchant_service_standard (
      tier text not null check (tier in ('standard', 'key', 'strategic')),
      kind text not null check (kind in ('terminal_fault', 'paper_roll', 'settlement_query', 'chargeback_help', 'training')),
      response_amount integer not null check (response_amount > 0),
      response_unit text not null check (response_unit in ('minutes', 'workingHours', 'workingDays', 'calendarDays')),
      resolution_amount integer not null check (resolution_amount > 0),
      resolution_unit text not null check (resolution_unit in ('minutes', 'workingHours', 'workingDays', 'calendarDays')),
      updated_by text,
      updated_at timestamptz not null,
      primary key (tier, kind)
    );

    create table merchant_request_sequence (day text primary key, last integer not null);

    create table merchant_request (
      id text primary key,
      ref text not null unique,
      merchant_id text not null references merchant(id) on delete cascade,
      unit_id text not null references org_unit(id),
      kind text not null,
      channel text not null check (channel in ('phone', 'online', 'visit', 'app')),
      description text not null,
      status text not null check (status in ('open', 'responded', 'resolved')),
      tier text not null,
      response_unit text not null,
      resolution_unit text not null,
      opened_at timestamptz not null,
      response_due timestamptz not null,
      resolution_due timestamptz not null,
      responded_at timestamptz,
      responded_by text,
      response_note text,
      resolved_at timestamptz,
      resolved_by text,
      resolution text,
      created_by text not null
    );
    create index merchant_request_open_idx on merchant_request (unit_id, status, resolution_due);
    create index merchant_request_merchant_idx on merchant_request (merchant_id, opened_at);
  `);
}
