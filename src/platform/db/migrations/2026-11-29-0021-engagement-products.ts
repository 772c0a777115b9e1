import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/**
 * Own-customer operations, part one (S4): the product catalogue with risk levels R1–R5, the
 * versioned risk-tolerance questionnaire and customers' assessments (C1–C5, valid for a period),
 * sales and the holdings they open, and every sale refused as unsuitable (regulators ask for them).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `
    create table product (
      code text primary key,
      kind text not null check (kind in ('deposit', 'wealth', 'card', 'loan', 'insurance')),
      name_zh text not null,
      name_en text not null,
      risk_level integer not null check (risk_level between 1 and 5),
      eligibility text,
      min_amount numeric(18, 2) check (min_amount >= 0),
      term_months integer check (term_months > 0),
      rate_text text,
      salary_account boolean not null default false,
      status text not null check (status in ('active', 'withdrawn')),
      version integer not null default 1,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      updated_by text
    );

    create table risk_questionnaire (
      version integer primary key,
      questions jsonb not null,
      thresholds jsonb not null,
      valid_months integer not null check (valid_months between 1 and 36),
      published_by text,
      published_at timestamptz not null
    );

    create table risk_assessment (
      id text primary key,
      seq bigint generated always as identity,
      customer_id text not null references customer(id),
      questionnaire_version integer not null references risk_questionnaire(version),
      answers jsonb not null,
      score integer not null,
      level text not null check (level in ('C1', 'C2', 'C3', 'C4', 'C5')),
      channel text not null check (channel in ('counter', 'portal', 'mobile', 'phone')),
      assessed_by text not null,
      unit_id text not null references org_unit(id),
      assessed_at timestamptz not null,
      valid_until date not null
    );
    create index risk_assessment_customer_idx on risk_assessment (customer_id, assessed_at desc, seq desc);

    create table product_sale (
      id text primary key,
      customer_id text not null references customer(id),
      product_code text not null references product(code),
      product_version integer not null,
      amount numeric(18, 2) not null check (amount >= 0),
      channel text not null check (channel in ('counter', 'portal', 'mobile', 'phone')),
      offer_id text,
      assessment_id text references risk_assessment(id),
      customer_level text,
      product_risk integer not null,
      sold_by text not null,
      unit_id text not null references org_unit(id),
      sold_at timestamptz not null
    );
    create index product_sale_customer_idx on product_sale (customer_id, sold_at);
    create index product_sale_unit_idx on product_sale (unit_id, sold_at);

    create table customer_holding (
      id text primary key,
      customer_id text not null references customer(id),
      product_code text not null references product(code),
      amount numeric(18, 2) not null check (amount >= 0),
      opened_at timestamptz not null,
      closed_at timestamptz,
      sale_id text references product_sale(id)
    );
    create index customer_holding_customer_idx on customer_holding (customer_id, product_code);

    create table suitability_refusal (
      id text primary key,
      customer_id text not null references customer(id),
      product_code text not null,
      amount numeric(18, 2),
      channel text not null,
      offer_id text,
      reasons jsonb not null,
      attempted_by text not null,
      unit_id text not null references org_unit(id),
      at timestamptz not null
    );
    create index suitability_refusal_unit_idx on suitability_refusal (unit_id, at);
    create index suitability_refusal_customer_idx on suitability_refusal (customer_id, at);
  `);
}
