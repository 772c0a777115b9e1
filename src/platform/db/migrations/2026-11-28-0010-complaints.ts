import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/**
 * Complaint handling (投诉处理): the complaints, their parties, timeline, extensions, attachments,
 * root cause and corrective actions; the configurable category tree and clock rules. Engine tasks
 * gain the users excluded from them (回避), whatever API reaches the task.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `
    alter table task add column excluded_users jsonb not null default '[]';

    create table complaint_setting (
      id text primary key check (id = 'default'),
      base_days integer not null,
      first_extension_to_days integer not null,
      second_extension_by_days integer not null,
      max_days integer not null,
      day_count text not null check (day_count in ('calendar', 'working')),
      at_risk_share numeric(4, 3) not null,
      repeat_step_threshold integer not null,
      repeat_window_days integer not null,
      attachment_max_bytes integer not null,
      updated_by text,
      updated_at timestamptz not null
    );

    create table complaint_category (
      code text primary key,
      kind text not null check (kind in ('business', 'cause')),
      parent_code text references complaint_category(code),
      name_zh text not null,
      name_en text not null,
      position integer not null default 0,
      active boolean not null default true
    );

    create table complaint_sequence (
      day text primary key,
      last integer not null
    );

    create table complaint (
      id text primary key,
      ref text not null unique,
      channel text not null,
      regulator_ref text,
      received_at timestamptz not null,
      unit_id text not null references org_unit(id),
      intake_unit_id text not null references org_unit(id),
      customer_id text references customer(id),
      complainant_name text not null,
      complainant_phone_sealed text,
      complainant_phone_masked text,
      complainant_email_sealed text,
      complainant_email_masked text,
      subject_type text not null,
      subject_ref text,
      subject_case_id text references service_case(id),
      subject_ticket_id text references queue_ticket(id),
      subject_staff text,
      subject_unit_id text references org_unit(id),
      description text not null,
      request text not null,
      category_code text references complaint_category(code),
      cause_code text references complaint_category(code),
      priority text not null,
      suggestion jsonb,
      classification_corrected boolean,
      recused jsonb not null default '[]',
      handler text,
      status text not null,
      decline_reason text,
      decision jsonb,
      decided_at timestamptz,
      response text,
      day_count text not null,
      limit_days integer not null,
      due_at timestamptz not null,
      at_risk_at timestamptz not null,
      extended_days integer not null default 0,
      escalation text,
      instance_id text,
      origin_survey_id text references survey(id),
      created_by text not null,
      created_at timestamptz not null,
      closed_at timestamptz,
      version integer not null default 1
    );
    create index complaint_unit_idx on complaint (unit_id, status);
    create index complaint_clock_idx on complaint (at_risk_at) where decided_at is null and status not in ('declined', 'closed');
    create index complaint_customer_idx on complaint (customer_id);
    create index complaint_case_idx on complaint (subject_case_id);
    create index complaint_staff_idx on complaint (subject_staff);
    create index complaint_received_idx on complaint (received_at);

    create table complaint_party (
      complaint_id text not null references complaint(id),
      position integer not null,
      name text not null,
      phone_sealed text,
      phone_masked text,
      primary key (complaint_id, position)
    );

    create table complaint_event (
      id text primary key,
      complaint_id text not null references complaint(id),
      kind text not null,
      body jsonb not null,
      actor text,
      at timestamptz not null
    );
    create index complaint_event_idx on complaint_event (complaint_id, at);

    create table complaint_extension (
      id text primary key,
      complaint_id text not null references complaint(id),
      step integer not null check (step in (1, 2)),
      days integer not null,
      reason text not null,
      status text not null check (status in ('pending', 'approved', 'refused')),
      requested_by text not null,
      requested_at timestamptz not null,
      decided_by text,
      decided_at timestamptz,
      decision_note text
    );
    create unique index complaint_extension_pending_idx on complaint_extension (complaint_id) where status = 'pending';
    create unique index complaint_extension_step_idx on complaint_extension (complaint_id, step) where status = 'approved';

    create table complaint_attachment (
      id text primary key,
      complaint_id text not null references complaint(id),
      file_name text not null,
      content_type text not null,
      size_bytes integer not null,
      sha256 text not null,
      content bytea not null,
      uploaded_by text not null,
      uploaded_at timestamptz not null
    );
    create index complaint_attachment_idx on complaint_attachment (complaint_id);

    create table complaint_root_cause (
      complaint_id text primary key references complaint(id),
      cause_code text not null references complaint_category(code),
      process_key text,
      step_id text,
      staff_issue text,
      finding text not null,
      recorded_by text not null,
      recorded_at timestamptz not null
    );
    create index complaint_root_cause_step_idx on complaint_root_cause (process_key, step_id);

    create table complaint_action (
      id text primary key,
      complaint_id text not null references complaint(id),
      action text not null,
      owner text not null,
      due_date date not null,
      status text not null check (status in ('open', 'done')),
      done_at timestamptz,
      done_note text,
      created_by text not null,
      created_at timestamptz not null
    );
    create index complaint_action_idx on complaint_action (complaint_id);

    alter table survey add column complaint_id text unique references complaint(id);
  `);
}
