import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A date column, read as text (`day::text`) where it is read. */
type DateOnly = ColumnType<string, string, string>;
/** An exact decimal (numeric), read as its text. */
type Decimal = ColumnType<string, string, string>;

/** Where a customer's activity of a day came through; `payroll` is salary credited by an employer. */
export type ActivityChannel = 'counter' | 'atm' | 'mobile' | 'online' | 'phone' | 'pos' | 'payroll';
export type FactImportKind = 'activity' | 'balance';

export type CustomerFactImportTable = {
  id: string;
  kind: FactImportKind;
  file_sha256: string;
  file_name: string | null;
  rows: number;
  accepted: number;
  rejected: number;
  imported_by: string;
  imported_at: Timestamp;
};

/** A customer's activity on one day through one channel, from core banking's end-of-day file. */
export type CustomerActivityDayTable = {
  customer_id: string;
  day: DateOnly;
  channel: ActivityChannel;
  transactions: number;
  amount: Decimal;
  import_id: string;
};

/** A customer's assets under management on a day (a core-banking snapshot). */
export type CustomerBalanceTable = {
  customer_id: string;
  as_of: DateOnly;
  aum: Decimal;
  import_id: string;
};

/** What the segments read of a customer, as of the last refresh; see facts.ts for each. */
export type CustomerFactTable = {
  customer_id: string;
  aum: Decimal;
  aum_before: Decimal | null;
  deposits: number;
  wealth: number;
  cards: number;
  loans: number;
  insurance: number;
  last_activity: DateOnly | null;
  frequency: number;
  monetary: Decimal;
  frequency_before: number;
  monetary_before: Decimal;
  preferred_channel: ActivityChannel | null;
  salary_account_opened: boolean;
  payroll: boolean;
  r_score: number;
  f_score: number;
  m_score: number;
};

