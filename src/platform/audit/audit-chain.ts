import { createHash } from 'node:crypto';

/** The hash that the first entry of the chain points back to. */
export const GENESIS_HASH = '0'.repeat(64);

/** The content of an audit entry that its hash covers. */
export type AuditContent = {
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  ip: string | null;
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  unitId: string | null;
  before: unknown;
  after: unknown;
};

/**
 * JSON with object keys sorted at every depth, so that the same value always gives the same text
 * whichever order its keys were written or stored in (PostgreSQL's jsonb reorders them).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SHA-256 (hex) of an entry's content chained to the previous entry's hash. */
export function chainHash(prevHash: string, content: AuditContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

/** An entry sealed into the chain at position `chainSeq`. */
export type ChainedEntry = AuditContent & { chainSeq: number; prevHash: string; hash: string };

/** The result of checking a stretch; `intact` counts the entries before the first broken one. */
export type ChainCheck =
  | { ok: true; intact: number }
  | { ok: false; intact: number; firstBroken: number; reason: 'hash' | 'link' | 'sequence' };

/**
 * Checks one stretch of the chain, given the hash and chain position of the entry before it.
 * An altered row breaks its own hash; a deleted or inserted row breaks the link or the sequence.
 */
export function checkChain(entries: ChainedEntry[], previous: { hash: string; chainSeq: number }): ChainCheck {
  let prev = previous;
  let intact = 0;
  for (const entry of entries) {
    const broken = (reason: 'hash' | 'link' | 'sequence') => ({ ok: false as const, intact, firstBroken: entry.chainSeq, reason });
    if (entry.chainSeq !== prev.chainSeq + 1) return broken('sequence');
    if (entry.prevHash !== prev.hash) return broken('link');
    const { prevHash, hash, chainSeq: _chainSeq, ...content } = entry;
    if (chainHash(prevHash, content) !== hash) return broken('hash');
    prev = { hash, chainSeq: entry.chainSeq };
    intact++;
  }
  return { ok: true, intact };
}
