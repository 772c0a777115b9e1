import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DateOnly = ColumnType<Date | string | null, string | null, string | null>;
type Json<T = unknown> = ColumnType<T, string, string>;
type Generated<T> = ColumnType<T, T | undefined, T>;

export type CustomerSegmentTable = { code: string; name_zh: string; name_en: string; rank: number };

export type CustomerTable = {
  id: string;
  kind: 'individual' | 'corporate';
  name: string;
  id_type: string;
  id_number_sealed: string;
  id_number_digest: string;
  id_number_masked: string;
  id_expiry: DateOnly;
  birth_date: DateOnly;
  phone_sealed: string | null;
  phone_digest: string | null;
  phone_masked: string | null;
  email_sealed: string | null;
  email_masked: string | null;
  segment: string;
  relationship_manager: string | null;
  unit_id: string;
  consents: Json<Record<string, boolean>>;
  blacklisted: Generated<boolean>;
  pep: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
};

export type InquiryTable = {
  id: string;
  channel: string;
  customer_id: string | null;
  service_code: string | null;
  topic: string;
  question: string;
  answer: string;
  unit_id: string;
  case_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
};
