import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/**
 * Own-customer operations, campaigns (营销活动): marketing consent per channel with its history,
 * campaigns (promotion, lottery, wealth seminar) over a segment, each customer's decision at
 * launch (control group, contacted or excluded and why) and every contact on every channel,
 * seminar sessions and registrations, and the lottery's committed seed, draw and winners.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `
    create table customer_marketing_consent (
      id bigint generated always as identity primary key,
      customer_id text not null references customer(id),
      channel text not null check (channel in ('sms', 'email', 'portal', 'counter')),
      granted boolean not null,
      changed_at timestamptz not null,
      changed_by text not null,
      source text not null check (source in ('counter', 'phone', 'portal', 'paper', 'demo'))
    );
    create index customer_marketing_consent_customer_idx on customer_marketing_consent (customer_id, channel, id desc);

    create table campaign_setting (
      id integer primary key check (id = 1),
      frequency_cap integer not null check (frequency_cap >= 1),
      window_days integer not null check (window_days >= 1),
      updated_by text,
      updated_at timestamptz not null
    );

    create table campaign (
      id text primary key,
      code text not null unique,
      name_zh text not null,
      name_en text not null,
      kind text not null check (kind in ('promotion', 'lottery', 'seminar')),
      segment_code text not null references segment(code),
      channels jsonb not null,
      messages jsonb not null,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      control_percent integer not null check (control_percent between 0 and 50),
      product_code text references product(code),
      offer_zh text,
      offer_en text,
      prizes jsonb,
      lottery_rule text check (lottery_rule in ('contacted', 'entered')),
      status text not null check (status in ('draft', 'scheduled', 'running', 'finished', 'cancelled')),
      unit_id text not null references org_unit(id),
      seed text,
      seed_commitment text,
      created_by text not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      launched_by text,
      launched_at timestamptz,
      started_at timestamptz,
      version integer not null default 1,
      check (ends_at > starts_at)
    );
    create index campaign_status_idx on campaign (status, starts_at);

    create table campaign_audience (
      campaign_id text not null references campaign(id),
      customer_id text not null references customer(id),
      arm text not null check (arm in ('treatment', 'control')),
      outcome text not null check (outcome in ('contacted', 'no_consent', 'no_address', 'capped')),
      token_hash text unique,
      decided_at timestamptz not null,
      responded_at timestamptz,
      response text check (response in ('registered', 'clicked', 'entered', 'mentioned')),
      -- a teller recorded that the customer declined the counter prompt (not a response)
      declined_at timestamptz,
      converted_at timestamptz,
      primary key (campaign_id, customer_id)
    );
    create index campaign_audience_customer_idx on campaign_audience (customer_id, decided_at);

    create table campaign_contact (
      id text primary key,
      campaign_id text not null references campaign(id),
      customer_id text not null references customer(id),
      channel text not null check (channel in ('sms', 'email', 'portal', 'counter')),
      decision text not null check (decision in ('sent', 'deferred', 'no_consent', 'no_address', 'capped')),
      notification_id text,
      scheduled_for timestamptz,
      at timestamptz not null,
      unique (campaign_id, customer_id, channel)
    );
    create index campaign_contact_customer_idx on campaign_contact (customer_id, channel);

    create table campaign_session (
      id text primary key,
      campaign_id text not null references campaign(id),
      starts_at timestamptz not null,
      unit_id text not null references org_unit(id),
      place text not null,
      capacity integer not null check (capacity >= 1)
    );
    create index campaign_session_campaign_idx on campaign_session (campaign_id, starts_at);

    create table campaign_registration (
      id text primary key,
      campaign_id text not null references campaign(id),
      session_id text not null references campaign_session(id),
      customer_id text not null references customer(id),
      code text not null unique,
      channel text not null check (channel in ('portal', 'staff')),
      registered_by text not null,
      registered_at timestamptz not null,
      reminded_at timestamptz,
      checked_in_at timestamptz,
      checked_in_by text,
      unique (campaign_id, customer_id)
    );
    create index campaign_registration_session_idx on campaign_registration (session_id);

    create table campaign_draw (
      campaign_id text primary key references campaign(id),
      seed text not null,
      seed_commitment text not null,
      entrants jsonb not null,
      entrants_sha256 text not null,
      winners jsonb not null,
      drawn_by text not null,
      drawn_at timestamptz not null
    );
  `);
}
