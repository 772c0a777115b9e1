import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type AppointmentSettingTable = { unit_id: string; opens: string; closes: string; slot_minutes: number; capacity: number; days_ahead: number };
export type AppointmentSlotTable = { unit_id: string; starts_at: Timestamp; capacity: number; booked: number };
export type AppointmentTable = {
  id: string;
  code: string;
  unit_id: string;
  service_code: string;
  starts_at: Timestamp;
  customer_name: string;
  phone_sealed: string;
  phone_digest: string;
  phone_masked: string;
  customer_id: string | null;
  status: 'booked' | 'cancelled' | 'checked_in' | 'no_show';
  reminded_at: Timestamp | null;
  case_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};
