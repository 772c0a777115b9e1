import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

export type ServiceTable = { code: string; version: number; active: boolean; data: Json; updated_by: string | null; updated_at: Timestamp };
export type ServiceVersionTable = { code: string; version: number; data: Json; changed_by: string | null; changed_at: Timestamp };
