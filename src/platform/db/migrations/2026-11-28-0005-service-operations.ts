import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/**
 * Service operations: customers, inquiries, cases with their materials and clocks, staff
 * qualifications, notifications, tracking codes, appointments and surveys; and what the task
 * list needs for pools, qualifications and completion gates.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `
    create table system_secret (
      name text primary key,
      value text not null,
      created_at timestamptz not null
    );

    alter table task add column pool text;
    alter table task add column qualification text;
    alter table task add column gates jsonb not null default '[]';
    create index task_next_idx on task (priority desc, due_at asc nulls last, created_at) where status = 'open' and assignee is null;
    create index task_next_unit_idx on task (unit_id, priority desc, due_at asc nulls last, created_at) where status = 'open' and assignee is null;
    create index task_next_pool_idx on task (priority desc, due_at asc nulls last, created_at) where status = 'open' and assignee is null and pool is not null;

    create table customer_segment (
      code text primary key,
      name_zh text not null,
      name_en text not null,
      rank integer not null
    );

    create table customer (
      id text primary key,
      kind text not null check (kind in ('individual', 'corporate')),
      name text not null,
      id_type text not null,
      id_number_sealed text not null,
      id_number_digest text not null,
      id_number_masked text not null,
      id_expiry date,
      birth_date date,
      phone_sealed text,
      phone_digest text,
      phone_masked text,
      email_sealed text,
      email_masked text,
      segment text not null references customer_segment(code),
      relationship_manager text,
      unit_id text not null references org_unit(id),
      consents jsonb not null,
      blacklisted boolean not null default false,
      pep boolean not null default false,
      created_by text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1
    );
    create unique index customer_identity_idx on customer (id_type, id_number_digest);
    create index customer_phone_idx on customer (phone_digest);
    create index customer_name_idx on customer (name text_pattern_ops);
    create index customer_unit_idx on customer (unit_id);

    create table case_sequence (
      day text primary key,
      last integer not null
    );

    create table service_case (
      id text primary key,
      ref text not null unique,
      service_code text not null references service(code),
      service_version integer not null,
      customer_id text not null references customer(id),
      unit_id text not null references org_unit(id),
      channel text not null,
      source text not null,
      source_ref text,
      instance_id text,
      status text not null check (status in ('open', 'completed', 'rejected', 'cancelled')),
      outcome_note text,
      amount numeric(18, 2),
      clock_started_at timestamptz not null,
      due_at timestamptz,
      at_risk_at timestamptz,
      escalation text,
      rework_count integer not null default 0,
      created_by text,
      created_at timestamptz not null,
      closed_at timestamptz,
      version integer not null default 1
    );
    create index service_case_unit_idx on service_case (unit_id, status);
    create index service_case_customer_idx on service_case (customer_id);
    create index service_case_open_idx on service_case (due_at) where status = 'open';
    create index service_case_instance_idx on service_case (instance_id);

    create table case_material (
      case_id text not null references service_case(id),
      position integer not null,
      name_zh text not null,
      name_en text not null,
      required boolean not null,
      received boolean not null default false,
      checked_by text,
      checked_at timestamptz,
      note text,
      primary key (case_id, position)
    );

    create table inquiry (
      id text primary key,
      channel text not null,
      customer_id text references customer(id),
      service_code text references service(code),
      topic text not null,
      question text not null,
      answer text not null,
      unit_id text not null references org_unit(id),
      case_id text references service_case(id),
      created_by text,
      created_at timestamptz not null
    );
    create index inquiry_customer_idx on inquiry (customer_id);

    create table qualification (
      code text primary key,
      name_zh text not null,
      name_en text not null
    );

    create table staff_credential (
      id text primary key,
      user_id text not null references app_user(id),
      kind text not null check (kind in ('certificate', 'training')),
      qualification text references qualification(code),
      title text not null,
      reference text,
      hours numeric(6, 1),
      issued_on date not null,
      expires_on date,
      recorded_by text,
      recorded_at timestamptz not null
    );
    create index staff_credential_user_idx on staff_credential (user_id);

    create table notification (
      id text primary key,
      channel text not null check (channel in ('sms', 'email')),
      recipient_sealed text not null,
      recipient_masked text not null,
      template text not null,
      lang text not null,
      body text not null,
      subject_type text,
      subject_id text,
      status text not null check (status in ('pending', 'sent', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      last_error text,
      sent_at timestamptz,
      created_at timestamptz not null
    );
    create index notification_pending_idx on notification (next_attempt_at) where status = 'pending';
    create index notification_subject_idx on notification (subject_type, subject_id);

    create table tracking_code (
      id text primary key,
      case_id text not null references service_case(id),
      code_hash text not null,
      expires_at timestamptz not null,
      attempts integer not null default 0,
      used_at timestamptz,
      created_at timestamptz not null
    );
    create index tracking_code_case_idx on tracking_code (case_id, created_at desc);

    create table tracking_access (
      token_hash text primary key,
      case_id text not null references service_case(id),
      expires_at timestamptz not null
    );

    create table appointment_setting (
      unit_id text primary key references org_unit(id),
      opens text not null,
      closes text not null,
      slot_minutes integer not null,
      capacity integer not null,
      days_ahead integer not null
    );

    create table appointment_slot (
      unit_id text not null references org_unit(id),
      starts_at timestamptz not null,
      capacity integer not null,
      booked integer not null,
      primary key (unit_id, starts_at)
    );

    create table appointment (
      id text primary key,
      code text not null unique,
      unit_id text not null references org_unit(id),
      service_code text not null references service(code),
      starts_at timestamptz not null,
      customer_name text not null,
      phone_sealed text not null,
      phone_digest text not null,
      phone_masked text not null,
      customer_id text references customer(id),
      status text not null check (status in ('booked', 'cancelled', 'checked_in', 'no_show')),
      reminded_at timestamptz,
      case_id text references service_case(id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index appointment_unit_idx on appointment (unit_id, starts_at);
    create index appointment_phone_idx on appointment (phone_digest);

    create table core_banking_operation (
      key text primary key,
      operation text not null,
      request jsonb not null,
      result jsonb not null,
      created_at timestamptz not null
    );

    create table survey (
      id text primary key,
      case_id text not null unique references service_case(id),
      token_hash text not null unique,
      unit_id text not null references org_unit(id),
      staff text,
      sent_at timestamptz not null,
      answered_at timestamptz,
      csat integer check (csat between 1 and 5),
      nps integer check (nps between 0 and 10),
      comment text,
      follow_up_instance_id text
    );
    create index survey_unit_idx on survey (unit_id, answered_at);
  `);
}
