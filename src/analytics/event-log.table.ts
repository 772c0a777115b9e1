import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** An imported log: `event_order` says how its events are sequenced within a case (file order for XES, time for CSV). */
export type MiningLogTable = { id: string; name: string; format: 'xes' | 'csv'; event_order: 'file' | 'time'; file_name: string | null; cases: number; events: number; attributes: Json<Record<string, unknown>>; created_by: string; created_at: Timestamp };

export type MiningEventTable = { log_id: string; seq: number; case_id: string; activity: string; lifecycle: string | null; at: Timestamp | null; resource: string | null; attributes: Json<Record<string, unknown>> | null };
