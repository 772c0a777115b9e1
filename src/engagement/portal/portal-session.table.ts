import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Generated<T> = ColumnType<T, T | undefined, T>;

/** A one-time sign-in code: only its keyed hash is kept, against the phone's blind index and the customer it signs in. */
export type CustomerPortalCodeTable = {
  id: string;
  phone_digest: string;
  customer_id: string;
  code_hash: string;
  /** Wrong codes tried against it; at the limit it no longer signs in. */
  attempts: Generated<number>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
};

/** A customer's portal session: the cookie's token as a hash, idle and absolute ends, ended on sign-out. */
export type CustomerPortalSessionTable = {
  token_hash: string;
  customer_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  idle_expires_at: Timestamp;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
};
