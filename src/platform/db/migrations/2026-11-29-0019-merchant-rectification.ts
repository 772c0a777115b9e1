import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/**
 * A risk case of kind `rectification` (整改复查): a restricted or suspended merchant's
 * rectification reviewed and its controls lifted.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `
    alter table merchant_risk_case drop constraint merchant_risk_case_kind_check;
    alter table merchant_risk_case add constraint merchant_risk_case_kind_check
      check (kind in ('cash_out', 'laundering', 'fraud', 'moved_terminal', 'data_leak', 'other', 'rectification'));
  `);
}
