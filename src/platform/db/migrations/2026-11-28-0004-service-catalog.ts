import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/** The service catalogue: each service's current definition, and every version it had. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `
    create table service (
      code text primary key,
      version integer not null,
      active boolean not null,
      data jsonb not null,
      updated_by text,
      updated_at timestamptz not null
    );

    create table service_version (
      code text not null references service(code),
      version integer not null,
      data jsonb not null,
      changed_by text,
      changed_at timestamptz not null,
      primary key (code, version)
    );
  `);
}
