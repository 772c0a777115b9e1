import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type RetentionStatus = 'open' | 'completed' | 'cancelled';
export type RetentionOutcome = 'retained' | 'considering' | 'leaving' | 'unreachable';

/** A retention call (挽留任务) for a customer at risk of leaving: its process instance and what came of it. */
export type RetentionTaskTable = {
  id: string;
  customer_id: string;
  unit_id: string;
  instance_id: string;
  /** The relationship manager it was given to; null: offered to the branch's relationship managers. */
  assignee: string | null;
  /** The churn score and its reasons when the task was opened. */
  score: number;
  reasons: Json<{ code: string; en: string; zh: string }[]>;
  status: RetentionStatus;
  opened_at: Timestamp;
  closed_at: Timestamp | null;
  contacted: boolean | null;
  outcome: RetentionOutcome | null;
  note: string | null;
  completed_by: string | null;
  /** Why a task ended without being worked: the customer left the segment, the process was cancelled. */
  end_reason: string | null;
};

/** How far a background sweep has read an ordered stream (the membership events). */
export type EngagementMarkTable = { name: string; last_event_id: string };
