import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** A performance target: one value per measure and month, for a staff member, a team, a branch or a process. */
export type KpiTargetTable = { level: 'staff' | 'team' | 'branch' | 'process'; key: string; metric: string; period: string; value: string; unit_id: string | null; set_by: string; set_at: Timestamp };
