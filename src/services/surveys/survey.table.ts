import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type SurveyTable = {
  id: string;
  case_id: string | null;
  /** A counter rating: the ticket it rates (then no case). */
  ticket_id: string | null;
  /** A complaint's closing survey: the complaint it rates (then no case). */
  complaint_id: ColumnType<string | null, string | null | undefined, string | null>;
  token_hash: string;
  unit_id: string;
  staff: string | null;
  sent_at: Timestamp;
  answered_at: Timestamp | null;
  csat: number | null;
  nps: number | null;
  comment: string | null;
  follow_up_instance_id: string | null;
};
