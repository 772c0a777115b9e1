import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/**
 * The process engine: deployments and definitions (immutable per version), instances (one state
 * document each), open work (tasks, jobs, subscriptions), incidents, the event log, idempotency.
 * Every table of instance state carries the instance id, so it can be distributed by it later.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `
    create table deployment (
      id text primary key,
      name text not null,
      source text,
      deployed_by text,
      deployed_at timestamptz not null
    );

    create table deployment_resource (
      deployment_id text not null references deployment(id),
      name text not null,
      content text not null,
      hash text not null,
      primary key (deployment_id, name)
    );

    create table process_definition (
      id text primary key,
      key text not null,
      version integer not null,
      name text,
      deployment_id text not null references deployment(id),
      resource_name text not null,
      executable boolean not null,
      model jsonb not null,
      hash text not null,
      deployed_at timestamptz not null,
      unique (key, version)
    );

    create table decision_definition (
      id text primary key,
      key text not null,
      version integer not null,
      name text,
      deployment_id text not null references deployment(id),
      resource_name text not null,
      model jsonb not null,
      hash text not null,
      deployed_at timestamptz not null,
      unique (key, version)
    );

    create table process_instance (
      id text primary key,
      definition_id text not null references process_definition(id),
      process_key text not null,
      business_key text,
      status text not null,
      state jsonb not null,
      version integer not null default 1,
      parent_instance_id text,
      unit_id text,
      started_by text,
      started_at timestamptz not null,
      ended_at timestamptz,
      end_reason text
    );
    create index process_instance_key_idx on process_instance (process_key, status);
    create index process_instance_business_key_idx on process_instance (business_key);
    create index process_instance_parent_idx on process_instance (parent_instance_id);

    create table task (
      id text primary key,
      instance_id text not null,
      token_id text not null,
      element_id text not null,
      name text,
      process_key text not null,
      business_key text,
      unit_id text,
      assignee text,
      candidate_users jsonb not null default '[]',
      candidate_groups jsonb not null default '[]',
      due_at timestamptz,
      follow_up_at timestamptz,
      priority integer not null default 50,
      form_key text,
      form_schema jsonb,
      not_completed_by jsonb not null default '[]',
      status text not null default 'open',
      created_at timestamptz not null,
      ended_at timestamptz,
      completed_by text,
      version integer not null default 1
    );
    create index task_open_idx on task (status, created_at) where status = 'open';
    create index task_instance_idx on task (instance_id);
    create index task_assignee_idx on task (assignee) where status = 'open';

    create table job (
      id text primary key,
      instance_id text,
      definition_id text,
      token_id text,
      element_id text not null,
      kind text not null,
      topic text,
      due_at timestamptz not null,
      retries integer not null,
      payload jsonb,
      lock_owner text,
      lock_expires_at timestamptz,
      last_error text,
      last_error_details text,
      created_at timestamptz not null
    );
    create index job_due_idx on job (due_at) where kind not in ('external');
    create index job_topic_idx on job (topic, created_at) where kind = 'external';
    create index job_instance_idx on job (instance_id);

    create table event_subscription (
      id text primary key,
      instance_id text,
      definition_id text,
      token_id text,
      element_id text not null,
      kind text not null,
      name text not null,
      correlation_key text,
      created_at timestamptz not null
    );
    create index event_subscription_name_idx on event_subscription (kind, name);
    create index event_subscription_instance_idx on event_subscription (instance_id);

    create table incident (
      id text primary key,
      instance_id text,
      token_id text,
      job_id text,
      element_id text not null,
      kind text not null,
      message text not null,
      created_at timestamptz not null,
      resolved_at timestamptz
    );
    create index incident_open_idx on incident (created_at) where resolved_at is null;
    create index incident_instance_idx on incident (instance_id);

    create table event_log (
      id bigserial primary key,
      instance_id text not null,
      activity_instance_id text not null,
      element_id text not null,
      element_type text not null,
      name text,
      process_key text not null,
      lifecycle text not null,
      at timestamptz not null,
      resource text,
      unit_id text
    );
    create index event_log_instance_idx on event_log (instance_id, id);
    create index event_log_time_idx on event_log (at);

    create table idempotency_key (
      key text not null,
      actor_id text not null,
      operation text not null,
      request_hash text not null,
      status integer not null,
      response jsonb not null,
      created_at timestamptz not null,
      primary key (actor_id, operation, key)
    );
  `);
}
