import { randomInt } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';

export type CoreOperation = 'openAccount' | 'disburseLoan' | 'transfer' | 'blockCard' | 'replaceCard';

/**
 * The bank's core system as processes reach it. `key` makes each request idempotent: a retried
 * step (after a crash or a timeout) gets the first answer again, never a second account.
 */
export type CoreBanking = {
  /** `db`: the transaction of the step asking; a local implementation records there. */
  execute(db: Db, key: string, operation: CoreOperation, request: Record<string, unknown>): Promise<Record<string, unknown>>;
};

type Db = Kysely<Database> | Transaction<Database>;

function digits(n: number): string {
  return Array.from({ length: n }, () => randomInt(10)).join('');
}

/**
 * The local core system of a demo or test installation: answers as a core would (account and
 * card numbers, references) and records every request and answer in `core_banking_operation`.
 */
export class LocalCoreBanking implements CoreBanking {
  constructor(private readonly deps: Deps) {}

  async execute(db: Db, key: string, operation: CoreOperation, request: Record<string, unknown>): Promise<Record<string, unknown>> {
    const result = answer(operation);
    await db
      .insertInto('core_banking_operation')
      .values({ key, operation, request: JSON.stringify(request), result: JSON.stringify(result), created_at: this.deps.clock() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const stored = await db.selectFrom('core_banking_operation').select('result').where('key', '=', key).executeTakeFirstOrThrow();
    return stored.result as Record<string, unknown>;
  }
}

function answer(operation: CoreOperation): Record<string, unknown> {
  switch (operation) {
    case 'openAccount':
      return { accountNumber: `6217${digits(15)}` };
    case 'disburseLoan':
      return { disbursementRef: `LN${digits(12)}` };
    case 'transfer':
      return { transferRef: `TR${digits(12)}` };
    case 'blockCard':
      return { cardBlocked: true };
    case 'replaceCard':
      return { newCardMasked: `6217 **** **** ${digits(4)}` };
  }
}
