import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in on insert (default now()). */
type CreatedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A login session. Only a hash of the bearer token is stored, so a database leak yields no live token. */
export type SessionTable = {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: CreatedTimestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
};

/** Failed-login counters, keyed `user:<name>` or `ip:<address>`; shared by every node. */
export type LoginThrottleTable = {
  key: string;
  failures: number;
  window_start: Timestamp;
  locked_until: Timestamp | null;
};
