import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DateOnly = ColumnType<Date | string, string, string>;

export type QualificationTable = { code: string; name_zh: string; name_en: string };

export type StaffCredentialTable = {
  id: string;
  user_id: string;
  kind: 'certificate' | 'training';
  qualification: string | null;
  title: string;
  reference: string | null;
  hours: string | null;
  issued_on: DateOnly;
  expires_on: ColumnType<Date | string | null, string | null, string | null>;
  recorded_by: string | null;
  recorded_at: Timestamp;
};
