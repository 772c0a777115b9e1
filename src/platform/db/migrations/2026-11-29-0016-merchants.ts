import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/**
 * Card-acquiring merchants (特约商户) and their risk: the registry (entity, people, terminals,
 * agreements, ratings), the risk-information list (风险信息名单, a blacklist matched by keyed
 * digests, never by clear values), daily transaction aggregates with the files they came from,
 * the early-warning rules and the alerts they open.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `
    create sequence merchant_code_seq;

    create table merchant (
      id text primary key,
      code text not null unique,
      name text not null,
      uscc text not null unique,
      kind text not null check (kind in ('store', 'online')),
      mcc text not null check (mcc ~ '^[0-9]{4}$'),
      region text not null check (region ~ '^[0-9]{6}$'),
      scale text not null check (scale in ('micro', 'small', 'medium', 'large')),
      address text not null,
      unit_id text not null references org_unit(id),
      settlement_account_sealed text not null,
      settlement_account_digest text not null,
      settlement_account_masked text not null,
      contact_name text not null,
      contact_phone_sealed text,
      contact_phone_masked text,
      tier text not null default 'standard' check (tier in ('standard', 'key', 'strategic')),
      risk_rating text check (risk_rating in ('low', 'medium', 'high')),
      status text not null default 'applying' check (status in ('applying', 'active', 'restricted', 'suspended', 'terminated', 'refused')),
      controls jsonb not null default '{}',
      next_review_on date,
      created_by text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1
    );
    create index merchant_unit_idx on merchant (unit_id, status);
    create index merchant_account_idx on merchant (settlement_account_digest);

    create table merchant_person (
      merchant_id text not null references merchant(id) on delete cascade,
      position smallint not null,
      role text not null check (role in ('legal_representative', 'beneficial_owner')),
      name_sealed text not null,
      name_masked text not null,
      id_type text not null,
      id_number_sealed text not null,
      id_number_digest text not null,
      id_number_masked text not null,
      share numeric(5, 2),
      primary key (merchant_id, position)
    );
    create index merchant_person_digest_idx on merchant_person (id_number_digest);

    create table merchant_terminal (
      id text primary key,
      merchant_id text not null references merchant(id) on delete cascade,
      serial text not null unique,
      model text not null,
      location text not null,
      region text not null check (region ~ '^[0-9]{6}$'),
      status text not null check (status in ('ordered', 'installed', 'active', 'faulty', 'recovered')),
      installed_on date,
      created_at timestamptz not null
    );
    create index merchant_terminal_merchant_idx on merchant_terminal (merchant_id);

    create table merchant_agreement (
      id text primary key,
      merchant_id text not null references merchant(id) on delete cascade,
      version integer not null,
      fee_rate numeric(7, 4) not null check (fee_rate >= 0 and fee_rate < 100),
      starts_on date not null,
      ends_on date,
      signed_by text not null,
      created_at timestamptz not null,
      unique (merchant_id, version)
    );

    create table merchant_rating (
      id text primary key,
      merchant_id text not null references merchant(id) on delete cascade,
      rating text not null check (rating in ('low', 'medium', 'high')),
      reason text not null,
      inputs jsonb not null default '{}',
      decided_by text,
      decided_at timestamptz not null
    );
    create index merchant_rating_merchant_idx on merchant_rating (merchant_id, decided_at);

    create table risk_list_entry (
      id text primary key,
      kind text not null check (kind in ('uscc', 'id_number', 'account')),
      value_digest text not null,
      value_masked text not null,
      reason text not null,
      source text not null,
      listed_on date not null,
      created_by text not null,
      created_at timestamptz not null,
      unique (kind, value_digest)
    );

    create table merchant_txn_import (
      id text primary key,
      file_sha256 text not null unique,
      file_name text,
      rows integer not null,
      accepted integer not null,
      rejected integer not null,
      imported_by text not null,
      imported_at timestamptz not null
    );

    create table merchant_txn_day (
      merchant_id text not null references merchant(id) on delete cascade,
      day date not null,
      count integer not null check (count >= 0),
      amount numeric(18, 2) not null check (amount >= 0),
      refunds numeric(18, 2) not null check (refunds >= 0),
      chargebacks integer not null check (chargebacks >= 0),
      declined integer not null check (declined >= 0),
      night_share numeric(5, 4) not null check (night_share between 0 and 1),
      cnp_share numeric(5, 4) not null check (cnp_share between 0 and 1),
      foreign_share numeric(5, 4) not null check (foreign_share between 0 and 1),
      max_amount numeric(18, 2) not null check (max_amount >= 0),
      near_limit_count integer not null check (near_limit_count >= 0),
      outside_region_count integer not null check (outside_region_count >= 0),
      import_id text not null references merchant_txn_import(id),
      primary key (merchant_id, day)
    );

    create table risk_rule (
      code text primary key,
      name_zh text not null,
      name_en text not null,
      expression text not null,
      severity text not null check (severity in ('low', 'medium', 'high')),
      active boolean not null default true,
      version integer not null default 1,
      updated_by text,
      updated_at timestamptz not null
    );

    create table risk_alert (
      id text primary key,
      merchant_id text not null references merchant(id) on delete cascade,
      rule_code text not null references risk_rule(code),
      day date not null,
      last_day date not null,
      occurrences integer not null default 1,
      severity text not null check (severity in ('low', 'medium', 'high')),
      "values" jsonb not null,
      status text not null default 'open' check (status in ('open', 'acknowledged', 'closed')),
      created_at timestamptz not null,
      closed_at timestamptz,
      closed_by text,
      note text
    );
    create unique index risk_alert_open_idx on risk_alert (merchant_id, rule_code) where status <> 'closed';
    create index risk_alert_status_idx on risk_alert (status, severity, created_at);
  `);
}
