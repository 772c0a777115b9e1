import { api } from './client';

export type AuditEntry = {
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  /** Null until the entry is sealed into the hash chain (within a second). */
  hash: string | null;
};

export type AuditQuery = {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  /** ISO 8601 instants; `from` inclusive, `to` inclusive (end of the last chosen day). */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
};

export type ChainVerification = { ok: boolean; entries: number; firstBroken?: number };

export const auditApi = {
  list: (query: AuditQuery, signal?: AbortSignal) =>
    api.get<{ items: AuditEntry[]; total: number }>('/audit', { query, signal }),
  verify: () => api.get<ChainVerification>('/audit/verify'),
};
