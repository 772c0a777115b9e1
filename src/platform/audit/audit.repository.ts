import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ChainedEntry } from './audit-chain.ts';

type Db = Kysely<Database> | Transaction<Database>;

// One constant key: appending to the chain is serialised across every node and connection.
const AUDIT_CHAIN_LOCK = 7_205_001;

/** Takes the chain lock for the rest of the transaction and returns the current head of the chain. */
export async function lockChainHead(trx: Transaction<Database>): Promise<{ seq: number; hash: string } | null> {
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const head = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return head ? { seq: Number(head.seq), hash: head.hash } : null;
}

export async function insertEntry(trx: Transaction<Database>, entry: ChainedEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      seq: entry.seq,
      occurred_at: entry.occurredAt,
      actor_id: entry.actorId,
      actor_name: entry.actorName,
      ip: entry.ip,
      request_id: entry.requestId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      unit_id: entry.unitId,
      before: entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === null ? null : JSON.stringify(entry.after),
      prev_hash: entry.prevHash,
      hash: entry.hash,
    })
    .execute();
}

export type AuditFilter = {
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Restrict to entries about units under this path (unit-scoped readers). */
  unitPathPrefix?: string | null;
};

function filtered(db: Db, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.actor) q = q.where((eb) => eb.or([eb('actor_id', '=', f.actor!), eb('actor_name', '=', f.actor!)]));
  if (f.action) q = q.where('action', '=', f.action);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.from) q = q.where('occurred_at', '>=', f.from);
  if (f.to) q = q.where('occurred_at', '<', f.to);
  if (f.unitPathPrefix) {
    const prefix = f.unitPathPrefix;
    q = q.where('unit_id', 'in', (eb) =>
      eb.selectFrom('org_unit').select('id').where('path', 'like', `${prefix}%`),
    );
  }
  return q;
}

export async function listEntries(db: Db, f: AuditFilter, limit: number, offset: number) {
  const [rows, count] = await Promise.all([
    filtered(db, f).selectAll().orderBy('seq', 'desc').limit(limit).offset(offset).execute(),
    filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Reads the chain in order, `batch` entries at a time, starting after `afterSeq`. */
export async function readChain(db: Db, afterSeq: number, batch: number): Promise<ChainedEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq', 'asc')
    .limit(batch)
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    occurredAt: r.occurred_at.toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    ip: r.ip,
    requestId: r.request_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    unitId: r.unit_id,
    before: r.before ?? null,
    after: r.after ?? null,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}
