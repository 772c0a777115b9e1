import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/**
 * Audit entries are written without waiting for the chain and sealed into it shortly after, in
 * order, by one sealer at a time: writers no longer queue on a global lock.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `
    create sequence audit_log_seq;
    select setval('audit_log_seq', coalesce((select max(seq) from audit_log), 0) + 1, false);
    alter table audit_log alter column seq set default nextval('audit_log_seq');
    alter table audit_log alter column prev_hash drop not null;
    alter table audit_log alter column hash drop not null;
    alter table audit_log add column chain_seq bigint unique;
    update audit_log set chain_seq = seq;
    create index audit_log_unsealed_idx on audit_log (seq) where chain_seq is null;
  `);
}
