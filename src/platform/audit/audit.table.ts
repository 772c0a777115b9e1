import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

/**
 * One row per state change. Written with the change; sealed into the hash chain shortly after:
 * `chain_seq` is its place in the chain, `hash` covers its content and `prev_hash`.
 */
export type AuditTable = {
  seq: ColumnType<number, number | undefined, number>;
  chain_seq: ColumnType<number | null, number | null | undefined, number | null>;
  occurred_at: Timestamp;
  actor_id: string | null;
  actor_name: string | null;
  ip: string | null;
  request_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  unit_id: string | null;
  before: Json;
  after: Json;
  prev_hash: ColumnType<string | null, string | null | undefined, string | null>;
  hash: ColumnType<string | null, string | null | undefined, string | null>;
};
