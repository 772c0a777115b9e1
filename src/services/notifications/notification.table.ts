import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Generated<T> = ColumnType<T, T | undefined, T>;

export type NotificationTable = {
  id: string;
  channel: 'sms' | 'email';
  recipient_sealed: string;
  recipient_masked: string;
  template: string;
  lang: string;
  body: string;
  subject_type: string | null;
  subject_id: string | null;
  status: 'pending' | 'sent' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  sent_at: Timestamp | null;
  created_at: Timestamp;
};
