import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/** Organisation, identity, sessions, audit chain and business calendar. */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `
    create table org_unit (
      id text primary key,
      code text not null unique,
      name_zh text not null,
      name_en text not null,
      kind text not null check (kind in ('head_office','region','branch','sub_branch','department')),
      parent_id text references org_unit(id),
      path text not null unique,
      region text not null default 'CN',
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index org_unit_path_idx on org_unit (path text_pattern_ops);
    create index org_unit_parent_idx on org_unit (parent_id);

    create table role (
      key text primary key,
      name_zh text not null,
      name_en text not null,
      scope text not null check (scope in ('global','unit')),
      permissions jsonb not null default '[]',
      builtin boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table app_user (
      id text primary key,
      username text not null unique,
      display_name text not null,
      email text,
      phone text,
      unit_id text not null references org_unit(id),
      password_hash text not null,
      status text not null default 'active' check (status in ('active','disabled')),
      last_login_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    );
    create index app_user_unit_idx on app_user (unit_id);

    create table user_role (
      user_id text not null references app_user(id) on delete cascade,
      role_key text not null references role(key),
      primary key (user_id, role_key)
    );

    create table session (
      token_hash text primary key,
      user_id text not null references app_user(id) on delete cascade,
      csrf_token text not null,
      ip text,
      user_agent text,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz
    );
    create index session_user_idx on session (user_id);

    create table login_throttle (
      key text primary key,
      failures integer not null,
      window_start timestamptz not null,
      locked_until timestamptz
    );

    create table audit_log (
      seq bigint primary key,
      occurred_at timestamptz not null,
      actor_id text,
      actor_name text,
      ip text,
      request_id text,
      action text not null,
      entity_type text not null,
      entity_id text,
      unit_id text,
      before jsonb,
      after jsonb,
      prev_hash text not null,
      hash text not null
    );
    create index audit_log_entity_idx on audit_log (entity_type, entity_id);
    create index audit_log_actor_idx on audit_log (actor_id, occurred_at);
    create index audit_log_time_idx on audit_log (occurred_at);

    create table calendar_year (
      region text not null,
      year integer not null,
      data jsonb not null,
      updated_at timestamptz not null default now(),
      primary key (region, year)
    );
  `);
}
