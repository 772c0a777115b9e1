import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/**
 * The demo history's progress: one row (`id` = 1) once a start has asked for a history. Days are
 * China dates written `YYYY-MM-DD`. A day is `started` before its first event and `done` after its
 * last; a lease (real time) says which process generates it now.
 */
export type DemoHistoryTable = {
  id: number;
  days: number;
  first_day: string;
  last_day: string;
  day_started: string | null;
  day_done: string | null;
  seed: number;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  lease_owner: string | null;
  lease_until: Timestamp | null;
  error: string | null;
};
