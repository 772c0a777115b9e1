import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AuditContent, ChainedEntry } from './audit-chain.ts';
import type { AuditTable } from './audit.table.ts';

type Db = Kysely<Database> | Transaction<Database>;

// One constant key: sealing entries into the chain is done by one sealer at a time, cluster-wide.
const AUDIT_SEAL_LOCK = 7_205_001;

/** Writes an entry; it joins the hash chain when the sealer next runs. */
export async function insertEntry(trx: Transaction<Database>, entry: Omit<AuditContent, 'seq'>): Promise<void> {
  await trx.insertInto('audit_log').values(auditRow(entry)).execute();
}

/** The audit_log row of an entry. */
export function auditRow(entry: Omit<AuditContent, 'seq'>) {
  return {
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
  };
}

/**
 * Takes the sealing lock for the rest of the transaction: waiting for it, or (`wait` false) giving
 * up at once when another sealer holds it.
 */
export async function lockSealing(trx: Transaction<Database>, wait: boolean): Promise<boolean> {
  if (wait) {
    await sql`select pg_advisory_xact_lock(${AUDIT_SEAL_LOCK})`.execute(trx);
    return true;
  }
  const result = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${AUDIT_SEAL_LOCK}) as ok`.execute(trx);
  return result.rows[0]?.ok === true;
}

export async function chainHead(trx: Transaction<Database>): Promise<{ chainSeq: number; hash: string } | null> {
  const head = await trx.selectFrom('audit_log').select(['chain_seq', 'hash']).where('chain_seq', 'is not', null).orderBy('chain_seq', 'desc').limit(1).executeTakeFirst();
  return head ? { chainSeq: Number(head.chain_seq), hash: head.hash ?? '' } : null;
}

export function unsealed(trx: Transaction<Database>, limit: number): Promise<Selectable<AuditTable>[]> {
  return trx.selectFrom('audit_log').selectAll().where('chain_seq', 'is', null).orderBy('seq').limit(limit).execute();
}

/** Seals entries: their chain positions and hashes, in one statement. */
export async function seal(trx: Transaction<Database>, entries: { seq: number; chainSeq: number; prevHash: string; hash: string }[]): Promise<void> {
  if (entries.length === 0) return;
  await sql`
    update audit_log a set chain_seq = v.chain_seq, prev_hash = v.prev_hash, hash = v.hash
    from (select unnest(${sql.val(entries.map((e) => e.seq))}::bigint[]) as seq,
                 unnest(${sql.val(entries.map((e) => e.chainSeq))}::bigint[]) as chain_seq,
                 unnest(${sql.val(entries.map((e) => e.prevHash))}::text[]) as prev_hash,
                 unnest(${sql.val(entries.map((e) => e.hash))}::text[]) as hash) v
    where a.seq = v.seq`.execute(trx);
}

/** The part of a row its hash covers. */
export function contentOf(r: Selectable<AuditTable>): AuditContent {
  return {
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
  };
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
    q = q.where('unit_id', 'in', (eb) => eb.selectFrom('org_unit').select('id').where('path', 'like', `${prefix}%`));
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

/** Reads the sealed chain in order, `batch` entries at a time, after chain position `after`. */
export async function readChain(db: Db, after: number, batch: number): Promise<ChainedEntry[]> {
  const rows = await db.selectFrom('audit_log').selectAll().where('chain_seq', '>', after).orderBy('chain_seq', 'asc').limit(batch).execute();
  return rows.map((r) => ({ ...contentOf(r), chainSeq: Number(r.chain_seq), prevHash: r.prev_hash ?? '', hash: r.hash ?? '' }));
}

export async function countUnsealed(db: Db): Promise<number> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('chain_seq', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}
