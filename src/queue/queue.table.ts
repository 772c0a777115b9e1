import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** Minutes of head start per class or customer segment: `normal`, `appointment`, `priority`, and segment codes. */
export type QueueWeights = Record<string, number>;

export type QueueSettingTable = {
  unit_id: string;
  weights: Json<QueueWeights>;
  max_overtake_minutes: number;
  max_wait_minutes: number;
  no_show_after_calls: number;
  target_wait_minutes: number;
  target_share: ColumnType<string, string | number, string | number>;
  remote_hold_minutes: number;
  last_event_seq: Generated<number>;
};

export type QueueCategoryTable = { unit_id: string; code: string; name_zh: string; name_en: string; service_codes: Json<string[]>; active: Generated<boolean> };

export type CounterKind = 'cash' | 'non_cash' | 'corporate' | 'vip' | 'assist';
export type CounterStatus = 'closed' | 'open' | 'paused';
export type QueueCounterTable = { id: string; unit_id: string; number: number; kind: CounterKind; categories: Json<string[]>; status: CounterStatus; staff: string | null; signed_in_at: Timestamp | null };

export type QueueNumberTable = { unit_id: string; day: ColumnType<string, string, string>; category: string; last: number };

export type TicketClass = 'vip' | 'priority' | 'appointment' | 'normal';
export type TicketChannel = 'kiosk' | 'mobile' | 'appointment' | 'teller';
export type TicketStatus = 'remote' | 'waiting' | 'called' | 'serving' | 'parked' | 'done' | 'no_show' | 'cancelled';

export type QueueTicketTable = {
  id: string;
  unit_id: string;
  /** The ticket's day in China (`YYYY-MM-DD` when written; drivers read a date as a Date: use issued_at instead). */
  day: ColumnType<unknown, string, string>;
  category: string;
  number: string;
  class: TicketClass;
  credit_minutes: number;
  segment: string | null;
  channel: TicketChannel;
  customer_id: string | null;
  appointment_id: string | null;
  access_hash: string;
  status: TicketStatus;
  issued_at: Timestamp;
  queued_at: Timestamp;
  arrived_at: Timestamp | null;
  estimated_wait_seconds: number | null;
  called_at: Timestamp | null;
  last_called_at: Timestamp | null;
  call_count: Generated<number>;
  counter_id: string | null;
  target_counter_id: string | null;
  served_by: string | null;
  serve_started_at: Timestamp | null;
  serve_ended_at: Timestamp | null;
  transfers: Generated<number>;
  case_id: string | null;
  rating: number | null;
  rated_at: Timestamp | null;
  version: Generated<number>;
};

export type QueueEventTable = { unit_id: string; seq: number; at: Timestamp; type: string; ticket_id: string | null; data: Json<unknown> };

export type QueueCounterSessionTable = { id: string; counter_id: string; unit_id: string; staff: string; opened_at: Timestamp; closed_at: Timestamp | null };
