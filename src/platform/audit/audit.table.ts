import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

/** One row per state change, hash-chained: `hash` covers the row's content and `prev_hash`. */
export type AuditTable = {
  seq: number;
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
  prev_hash: string;
  hash: string;
};
