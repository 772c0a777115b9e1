import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { RequestContext } from './access/actor.ts';
import type { Database } from './db/schema.ts';
import type { Deps } from './deps.ts';
import { DomainError } from './errors.ts';
import { canonicalJson } from './audit/audit-chain.ts';

export type Outcome<T> = { status: number; body: T };

/** Stores the answer with the change, in the change's own transaction. */
export type Remember = (trx: Transaction<Database>, outcome: Outcome<unknown>) => Promise<void>;

/** How long a key is kept: a client retries within minutes; a day covers a client that was down. */
export const IDEMPOTENCY_KEY_HOURS = 24;

class DuplicateInFlight extends Error {}

/** The `Idempotency-Key` header of a request, when one was sent. */
export function idempotencyKey(request: FastifyRequest): string | undefined {
  const value = request.headers['idempotency-key'];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Runs a change at most once per `Idempotency-Key` (per caller and operation): a repeat of the
 * same request returns the first answer without changing anything again; the same key with a
 * different request is refused. `work` makes the change in a transaction of its own choosing and
 * calls `remember` inside it, so the key is stored with the change, and a change that rolls back
 * leaves the key free. Without a key the change simply runs. Callers without a user (a kiosk, a
 * customer booking) share one namespace: a key only replays the answer to the identical request.
 */
export async function once<T>(
  deps: Deps,
  ctx: RequestContext,
  operation: string,
  key: string | undefined,
  request: unknown,
  work: (remember: Remember) => Promise<Outcome<T>>,
): Promise<Outcome<T> & { replayed: boolean }> {
  if (!key) return { ...(await work(async () => {})), replayed: false };
  if (key.length > 200) throw new DomainError('validation', { en: 'The Idempotency-Key header is longer than 200 characters.', zh: 'Idempotency-Key 请求头超过 200 个字符。' }, { errors: [{ field: 'header:/idempotency-key', message: { en: 'at most 200 characters', zh: '最多 200 个字符' } }] });
  const actorId = ctx.actor?.userId ?? 'anonymous';
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
  const remember: Remember = async (trx, outcome) => {
    const stored = await trx
      .insertInto('idempotency_key')
      .values({ key, actor_id: actorId, operation, request_hash: requestHash, status: outcome.status, response: JSON.stringify(outcome.body ?? null), created_at: deps.clock() })
      .onConflict((oc) => oc.doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!stored) throw new DuplicateInFlight();
  };
  try {
    return { ...(await work(remember)), replayed: false };
  } catch (error) {
    if (!(error instanceof DuplicateInFlight)) throw error;
    // the same request ran concurrently and committed first: answer as it did
    return (await replay())!;
  }
}

/** `once` for a change that runs in one plain transaction. */
export async function idempotent<T>(
  deps: Deps,
  ctx: RequestContext,
  operation: string,
  key: string | undefined,
  request: unknown,
  run: (trx: Transaction<Database>) => Promise<Outcome<T>>,
): Promise<Outcome<T> & { replayed: boolean }> {
  return once<T>(deps, ctx, operation, key, request, (remember) =>
    deps.db.transaction().execute(async (trx) => {
      const outcome = await run(trx);
      await remember(trx, outcome);
      return outcome;
    }),
  );
}

/** Answers with the outcome, marking a replayed one with the `Idempotent-Replayed` header. */
export function answer<T>(reply: FastifyReply, outcome: Outcome<T> & { replayed: boolean }) {
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(outcome.status).send(outcome.body);
}

/** Forgets keys older than `IDEMPOTENCY_KEY_HOURS`; a request repeated later runs again. */
export async function sweepIdempotencyKeys(deps: Deps): Promise<number> {
  const before = new Date(deps.clock().getTime() - IDEMPOTENCY_KEY_HOURS * 3_600_000);
  const result = await deps.db.deleteFrom('idempotency_key').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
