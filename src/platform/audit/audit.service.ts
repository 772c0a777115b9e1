import type { Kysely, QueryCreator, Transaction } from 'kysely';
import type { RequestContext } from '../access/actor.ts';
import { scopePrefix } from '../access/policy.ts';
import type { Database } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { checkChain, chainHash, GENESIS_HASH } from './audit-chain.ts';
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
 * Writes one audit entry inside the caller's transaction, so that it commits with the change it
 * records, or neither does. Personal data in before/after is masked, secrets dropped. The entry
 * joins the hash chain when the sealer next runs (within a second on a node running background
 * work, and always before a verification).
 */
export async function recordAudit(
  trx: Transaction<Database>,
  ctx: RequestContext,
  change: AuditChange,
  now: Date,
): Promise<void> {
  await repo.insertEntry(trx, auditEntry(ctx, change, now));
}

/** The audit entry as an insert, for callers that send it as part of a larger statement. */
export function auditInsert(ctx: RequestContext, change: AuditChange, now: Date) {
  return (qc: QueryCreator<Database>) => qc.insertInto('audit_log').values(repo.auditRow(auditEntry(ctx, change, now)));
}

/** The row an audit change becomes: for callers that write it as part of a larger statement. */
export function auditEntry(ctx: RequestContext, change: AuditChange, now: Date) {
  return {
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
}

/**
 * Seals written entries into the hash chain, in the order they were written, up to `batch` at a
 * time. One sealer runs at a time across all nodes; with `wait` false a busy sealer is skipped.
 * Returns how many entries were sealed.
 */
export async function sealAuditChain(db: Kysely<Database>, options: { wait?: boolean; batch?: number } = {}): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (!(await repo.lockSealing(trx, options.wait ?? false))) return 0;
    const head = await repo.chainHead(trx);
    const rows = await repo.unsealed(trx, options.batch ?? 5000);
    let prev = head ?? { chainSeq: 0, hash: GENESIS_HASH };
    const sealed = rows.map((row) => {
      const chainSeq = prev.chainSeq + 1;
      const hash = chainHash(prev.hash, repo.contentOf(row));
      const entry = { seq: Number(row.seq), chainSeq, prevHash: prev.hash, hash };
      prev = { chainSeq, hash };
      return entry;
    });
    await repo.seal(trx, sealed);
    return sealed.length;
  });
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
  /** Null until the entry is sealed into the chain. */
  hash: string | null;
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
    // the response schema leaves out what the view does not show (request id)
    items: rows.map((r) => ({ ...repo.contentOf(r), hash: r.hash })),
  };
}

export type ChainVerification = { ok: boolean; entries: number; firstBroken?: number; reason?: string };

/**
 * Seals every entry written so far, then recomputes the whole chain from the first entry; reports
 * the first position that does not hold (an altered, removed or inserted entry).
 */
export async function verifyAuditChain(db: Kysely<Database>, batch = 2000): Promise<ChainVerification> {
  while ((await sealAuditChain(db, { wait: true })) > 0);
  let previous = { hash: GENESIS_HASH, chainSeq: 0 };
  let entries = 0;
  for (;;) {
    const chunk = await repo.readChain(db, previous.chainSeq, batch);
    if (chunk.length === 0) return { ok: true, entries };
    const check = checkChain(chunk, previous);
    if (!check.ok) return { ok: false, entries: entries + check.intact, firstBroken: check.firstBroken, reason: check.reason };
    entries += chunk.length;
    const last = chunk[chunk.length - 1]!;
    previous = { hash: last.hash, chainSeq: last.chainSeq };
  }
}
