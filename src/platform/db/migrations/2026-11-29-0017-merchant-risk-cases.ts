import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/**
 * Merchant risk cases (风险事件处置) and periodic re-review (定期复查): a case opened from an alert
 * or a report, with its findings, the actions decided and who decided and approved them; the
 * reviews the sweep starts when a merchant's re-review comes due, and the months between
 * re-reviews by rating (the bank's configuration).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `
    create table merchant_risk_case_sequence (
      day text primary key,
      last integer not null
    );

    create table merchant_risk_case (
      id text primary key,
      ref text not null unique,
      merchant_id text not null references merchant(id) on delete cascade,
      kind text not null check (kind in ('cash_out', 'laundering', 'fraud', 'moved_terminal', 'data_leak', 'other')),
      source text not null check (source in ('alert', 'report')),
      alert_id text references risk_alert(id),
      description text not null,
      status text not null default 'investigating' check (status in ('investigating', 'awaiting_approval', 'actions_applied', 'closed')),
      findings text,
      actions jsonb not null default '[]',
      decided_by text,
      approved_by text,
      instance_id text,
      unit_id text not null references org_unit(id),
      created_by text not null,
      created_at timestamptz not null,
      closed_at timestamptz,
      check ((source = 'alert') = (alert_id is not null))
    );
    create index merchant_risk_case_merchant_idx on merchant_risk_case (merchant_id, created_at);
    create index merchant_risk_case_status_idx on merchant_risk_case (status, created_at);
    create unique index merchant_risk_case_instance_idx on merchant_risk_case (instance_id);
    create unique index merchant_risk_case_open_alert_idx on merchant_risk_case (alert_id) where status <> 'closed';

    create table merchant_review_setting (
      rating text primary key check (rating in ('low', 'medium', 'high')),
      months integer not null check (months between 1 and 36),
      updated_by text,
      updated_at timestamptz not null
    );

    create table merchant_review (
      id text primary key,
      merchant_id text not null references merchant(id) on delete cascade,
      due_on date not null,
      status text not null default 'in_progress' check (status in ('in_progress', 'completed', 'cancelled')),
      instance_id text not null unique,
      rating_before text check (rating_before in ('low', 'medium', 'high')),
      rating_after text check (rating_after in ('low', 'medium', 'high')),
      next_review_on date,
      started_at timestamptz not null,
      completed_at timestamptz,
      completed_by text
    );
    create unique index merchant_review_running_idx on merchant_review (merchant_id) where status = 'in_progress';
    create index merchant_review_due_idx on merchant_review (status, due_on);
    create index merchant_next_review_idx on merchant (next_review_on) where status in ('active', 'restricted');
  `);
}
