import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/**
 * Own-customer operations, part three (S4): next best offers. Every offer shown to a customer —
 * the product, the channel, who showed it, its score and reasons, the customer's features the
 * score read — and its outcome; and the versions of the propensity model trained from them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `
    create table offer_model (
      version integer primary key,
      trigger text not null check (trigger in ('scheduled', 'manual', 'start')),
      trained_at timestamptz not null,
      trained_by text not null,
      since timestamptz not null,
      outcomes integer not null,
      min_outcomes integer not null,
      features jsonb not null,
      products jsonb not null
    );

    create table offer (
      id text primary key,
      customer_id text not null references customer(id),
      product_code text not null references product(code),
      channel text not null check (channel in ('counter', 'phone', 'portal', 'mobile')),
      day date not null,
      shown_at timestamptz not null,
      shown_by text not null,
      unit_id text not null references org_unit(id),
      tier text not null,
      rank smallint not null,
      score numeric(5, 4) not null check (score >= 0 and score <= 1),
      method text not null check (method in ('model', 'rules')),
      model_version integer references offer_model(version),
      reasons jsonb not null,
      features jsonb not null,
      outcome text check (outcome in ('accepted', 'declined', 'ignored')),
      outcome_at timestamptz,
      outcome_by text,
      sale_id text references product_sale(id),
      check ((outcome is null) = (outcome_at is null))
    );
    -- shown once a day per channel: showing again that day answers the same offer
    create unique index offer_shown_once_idx on offer (customer_id, product_code, channel, day);
    create index offer_open_shown_idx on offer (shown_at) where outcome is null;
    create index offer_product_outcome_idx on offer (product_code, shown_at) where outcome is not null;
    create index offer_day_idx on offer (day);
  `);
}
