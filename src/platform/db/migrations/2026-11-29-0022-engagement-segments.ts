import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/**
 * Own-customer operations, part two (S4): what the segments read of each customer — daily
 * activity and balance snapshots imported from core banking, the facts computed from them (with
 * RFM scores) — and the segments themselves: rules, members, every entry and exit, and the runs
 * that refreshed them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `
    create table customer_fact_import (
      id text primary key,
      kind text not null check (kind in ('activity', 'balance')),
      file_sha256 text not null,
      file_name text,
      rows integer not null,
      accepted integer not null,
      rejected integer not null,
      imported_by text not null,
      imported_at timestamptz not null
    );
    create unique index customer_fact_import_file_idx on customer_fact_import (kind, file_sha256);

    create table customer_activity_day (
      customer_id text not null references customer(id),
      day date not null,
      channel text not null check (channel in ('counter', 'atm', 'mobile', 'online', 'phone', 'pos', 'payroll')),
      transactions integer not null check (transactions >= 0),
      amount numeric(18, 2) not null check (amount >= 0),
      import_id text not null references customer_fact_import(id),
      primary key (customer_id, day, channel)
    );
    create index customer_activity_day_day_idx on customer_activity_day (day);

    create table customer_balance (
      customer_id text not null references customer(id),
      as_of date not null,
      aum numeric(18, 2) not null check (aum >= 0),
      import_id text not null references customer_fact_import(id),
      primary key (customer_id, as_of)
    );
    create index customer_balance_as_of_idx on customer_balance (as_of);

    -- customer_fact, segment_member and segment_membership_event have no foreign keys: the
    -- refresh is their only writer, reading the customers, segments and run it points to in
    -- the same transaction, and none of those is ever deleted. Checking a key per row made a
    -- first refresh's writes three times as slow (about a million rows each, over a million
    -- customers).
    create table customer_fact (
      customer_id text primary key,
      aum numeric(18, 2) not null,
      aum_before numeric(18, 2),
      deposits integer not null,
      wealth integer not null,
      cards integer not null,
      loans integer not null,
      insurance integer not null,
      last_activity date,
      frequency integer not null,
      monetary numeric(18, 2) not null,
      frequency_before integer not null,
      monetary_before numeric(18, 2) not null,
      preferred_channel text,
      salary_account_opened boolean not null,
      payroll boolean not null,
      r_score smallint not null,
      f_score smallint not null,
      m_score smallint not null
    );

    create table segment (
      code text primary key,
      kind text not null check (kind in ('tier', 'group')),
      name_zh text not null,
      name_en text not null,
      description_zh text,
      description_en text,
      expression text not null,
      rank integer not null,
      active boolean not null,
      version integer not null default 1,
      updated_by text,
      updated_at timestamptz not null
    );

    create table segment_run (
      id text primary key,
      seq bigint generated always as identity unique,
      scope text not null check (scope in ('all', 'customers')),
      trigger text not null check (trigger in ('scheduled', 'manual', 'change', 'start')),
      day date not null,
      started_at timestamptz not null,
      finished_at timestamptz,
      customers integer not null default 0,
      entered_count integer not null default 0,
      left_count integer not null default 0,
      tier_changes integer not null default 0,
      rfm_bounds jsonb,
      started_by text
    );
    create index segment_run_day_idx on segment_run (scope, day desc);
    create index segment_run_scope_seq_idx on segment_run (scope, seq desc);

    create table segment_member (
      segment_code text not null,
      customer_id text not null,
      since timestamptz not null,
      run_id text not null,
      primary key (segment_code, customer_id)
    );
    create index segment_member_customer_idx on segment_member (customer_id);

    create table segment_membership_event (
      id bigint generated always as identity primary key,
      segment_code text not null,
      segment_version integer not null,
      customer_id text not null,
      change text not null check (change in ('entered', 'left')),
      at timestamptz not null,
      run_id text not null
    );
    -- a customer's history; entries by segment (who joined since) get their index with the
    -- first query that needs it: every index here is written once per member who moves
    create index segment_membership_event_customer_idx on segment_membership_event (customer_id, at);
  `);
}
