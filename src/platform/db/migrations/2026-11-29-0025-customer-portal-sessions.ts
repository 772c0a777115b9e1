import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/**
 * Customers signing in to the portal (客户登录): one-time codes sent to the phone on file (kept as
 * keyed hashes, by the phone's blind index), and the customer sessions they open — apart from
 * staff sessions, short-lived, ended on sign-out.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `
    create table customer_portal_code (
      id text primary key,
      phone_digest text not null,
      customer_id text not null references customer(id),
      code_hash text not null,
      attempts integer not null default 0,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null
    );
    create index customer_portal_code_phone_idx on customer_portal_code (phone_digest, created_at desc);

    create table customer_portal_session (
      token_hash text primary key,
      customer_id text not null references customer(id),
      csrf_token text not null,
      ip text,
      user_agent text,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      idle_expires_at timestamptz not null,
      expires_at timestamptz not null,
      ended_at timestamptz
    );
    create index customer_portal_session_customer_idx on customer_portal_session (customer_id);
  `);
}
