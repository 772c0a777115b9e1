import type { Kysely, Transaction } from 'kysely';
import type { RequestContext } from '../access/actor.ts';
import { scopePrefix } from '../access/policy.ts';
import type { Database } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { checkChain, chainHash, GENESIS_HASH, type AuditContent } from './audit-chain.ts';
import { auditSafe } from './audit-mask.ts';
import * as repo from './audit.repository.ts';

export type AuditChange = {
  /** What was done, `<entity>.<verb>`: `user.create`, `auth.login_failed`. */
  action: string;
  entityType: string;
  entityId: string | null;
  /** The unit the entity belongs to, so that unit-scoped auditors see it. */
  unitId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Who acted, when not the request's actor (a login acts as the user signing in). */
  actor?: { id: string; name: string };
};

/**
 * Appends one entry to the audit chain inside the caller's transaction, so that the entry commits
 * with the change it records, or neither does. Personal data in before/after is masked, secrets
 * dropped. Call it last in the transaction: it holds the chain lock until commit.
 */
export async function recordAudit(
  trx: Transaction<Database>,
  ctx: RequestContext,
  change: AuditChange,
  now: Date,
): Promise<void> {
  const head = await repo.lockChainHead(trx);
  const content: AuditContent = {
    seq: (head?.seq ?? 0) + 1,
    occurredAt: now.toISOString(),
    actorId: change.actor?.id ?? ctx.actor?.userId ?? null,
    actorName: change.actor?.name ?? ctx.actor?.username ?? null,
    ip: ctx.ip,
    requestId: ctx.requestId,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    unitId: change.unitId ?? null,
    before: auditSafe(change.before),
    after: auditSafe(change.after),
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  await repo.insertEntry(trx, { ...content, prevHash, hash: chainHash(prevHash, content) });
}

export type AuditEntryView = {
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  unitId: string | null;
  before: unknown;
  after: unknown;
  hash: string;
};

export async function listAudit(
  db: Kysely<Database>,
  ctx: RequestContext,
  filter: Omit<repo.AuditFilter, 'unitPathPrefix'>,
  page: { limit: number; offset: number },
): Promise<{ items: AuditEntryView[]; total: number }> {
  const unitPathPrefix = scopePrefix(ctx.actor!, 'audit.read');
  if (filter.from && filter.to && filter.from > filter.to) {
    throw new DomainError('validation', {
      en: 'The start of the period is after its end.',
      zh: '起始时间晚于结束时间。',
    }, { errors: [{ field: 'querystring:/from', message: { en: 'must not be after "to"', zh: '不能晚于结束时间' } }] });
  }
  const { rows, total } = await repo.listEntries(db, { ...filter, unitPathPrefix }, page.limit, page.offset);
  return {
    total,
    items: rows.map((r) => ({
      seq: Number(r.seq),
      occurredAt: r.occurred_at.toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      ip: r.ip,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      unitId: r.unit_id,
      before: r.before ?? null,
      after: r.after ?? null,
      hash: r.hash,
    })),
  };
}

export type ChainVerification = { ok: boolean; entries: number; firstBroken?: number; reason?: string };

/** Recomputes the whole chain from the first entry; reports the first entry that does not hold. */
export async function verifyAuditChain(db: Kysely<Database>, batch = 2000): Promise<ChainVerification> {
  let previous = { hash: GENESIS_HASH, seq: 0 };
  let entries = 0;
  for (;;) {
    const chunk = await repo.readChain(db, previous.seq, batch);
    if (chunk.length === 0) return { ok: true, entries };
    const check = checkChain(chunk, previous);
    if (!check.ok) return { ok: false, entries: entries + check.intact, firstBroken: check.firstBroken, reason: check.reason };
    entries += chunk.length;
    const last = chunk[chunk.length - 1]!;
    previous = { hash: last.hash, seq: last.seq };
  }
}
