import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Generated<T> = ColumnType<T, T | undefined, T>;

export type CaseStatus = 'open' | 'completed' | 'rejected' | 'cancelled';

export type ServiceCaseTable = {
  id: string;
  ref: string;
  service_code: string;
  service_version: number;
  customer_id: string;
  unit_id: string;
  channel: string;
  source: string;
  source_ref: string | null;
  instance_id: string | null;
  status: CaseStatus;
  outcome_note: string | null;
  amount: string | null;
  clock_started_at: Timestamp;
  due_at: Timestamp | null;
  /** When 80% of the time limit is used (counted as the limit counts): the case is at risk from then. */
  at_risk_at: Timestamp | null;
  escalation: string | null;
  rework_count: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  closed_at: Timestamp | null;
  version: Generated<number>;
};

export type CaseSequenceTable = { day: string; last: number };

export type CaseMaterialTable = {
  case_id: string;
  position: number;
  name_zh: string;
  name_en: string;
  required: boolean;
  received: Generated<boolean>;
  checked_by: string | null;
  checked_at: Timestamp | null;
  note: string | null;
};
