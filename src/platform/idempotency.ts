import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { RequestContext } from './access/actor.ts';
import type { Database } from './db/schema.ts';
import type { Deps } from './deps.ts';
import { DomainError } from './errors.ts';
import { canonicalJson } from './audit/audit-chain.ts';

export type Outcome<T> = { status: number; body: T };

class DuplicateInFlight extends Error {}

/**
 * Runs a change at most once per `Idempotency-Key` (per user and operation): a repeat of the same
 * request returns the first answer without changing anything again; the same key with a different
 * request is refused. The key is stored in the same transaction as the change, so a change that
 * rolls back leaves the key free. Without a key the change simply runs.
 */
export async function idempotent<T>(
  deps: Deps,
  ctx: RequestContext,
  operation: string,
  key: string | undefined,
  request: unknown,
  run: (trx: Transaction<Database>) => Promise<Outcome<T>>,
): Promise<Outcome<T> & { replayed: boolean }> {
  if (!key) return { ...(await deps.db.transaction().execute(run)), replayed: false };
  if (key.length > 200) throw new DomainError('validation', { en: 'The Idempotency-Key header is longer than 200 characters.', zh: 'Idempotency-Key 请求头超过 200 个字符。' }, { errors: [{ field: 'header:/idempotency-key', message: { en: 'at most 200 characters', zh: '最多 200 个字符' } }] });
  const actorId = ctx.actor?.userId ?? 'system';
  const requestHash = createHash('sha256').update(canonicalJson(request)).digest('hex');
  const replay = async (): Promise<(Outcome<T> & { replayed: boolean }) | null> => {
    const row = await deps.db.selectFrom('idempotency_key').selectAll().where('actor_id', '=', actorId).where('operation', '=', operation).where('key', '=', key).executeTakeFirst();
    if (!row) return null;
    if (row.request_hash !== requestHash) {
      throw new DomainError('invalid_state', {
        en: 'This Idempotency-Key was already used for a different request; use a new key for a new request.',
        zh: '该 Idempotency-Key 已用于另一个不同的请求，新请求请使用新的键值。',
      });
    }
    return { status: row.status, body: row.response as T, replayed: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  try {
    const outcome = await deps.db.transaction().execute(async (trx) => {
      const result = await run(trx);
      const stored = await trx
        .insertInto('idempotency_key')
        .values({ key, actor_id: actorId, operation, request_hash: requestHash, status: result.status, response: JSON.stringify(result.body ?? null), created_at: deps.clock() })
        .onConflict((oc) => oc.doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!stored) throw new DuplicateInFlight();
      return result;
    });
    return { ...outcome, replayed: false };
  } catch (error) {
    if (!(error instanceof DuplicateInFlight)) throw error;
    // the same request ran concurrently and committed first: answer as it did
    return (await replay())!;
  }
}
