import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Generated<T> = ColumnType<T, T | undefined, T>;

export type TrackingCodeTable = { id: string; case_id: string; code_hash: string; expires_at: Timestamp; attempts: Generated<number>; used_at: Timestamp | null; created_at: Timestamp };
export type TrackingAccessTable = { token_hash: string; case_id: string; expires_at: Timestamp };
