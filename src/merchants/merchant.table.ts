import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type DateOnly = ColumnType<string, string, string>;
/** An exact decimal (numeric), read as its text. */
type Decimal = ColumnType<string, string, string>;

export type MerchantKind = 'store' | 'online';
export type MerchantScale = 'micro' | 'small' | 'medium' | 'large';
export type MerchantTier = 'standard' | 'key' | 'strategic';
export type RiskRating = 'low' | 'medium' | 'high';
export type MerchantStatus = 'applying' | 'active' | 'restricted' | 'suspended' | 'terminated' | 'refused';
export type Severity = 'low' | 'medium' | 'high';

/** What risk controls restrict on a merchant (set by risk actions). */
export type MerchantControls = { settlementDelayDays?: number; dailyLimit?: string; singleLimit?: string; restrictedCardTypes?: string[] };

export type MerchantTable = {
  id: string;
  code: string;
  name: string;
  uscc: string;
  kind: MerchantKind;
  mcc: string;
  region: string;
  scale: MerchantScale;
  address: string;
  unit_id: string;
  settlement_account_sealed: string;
  settlement_account_digest: string;
  settlement_account_masked: string;
  contact_name: string;
  contact_phone_sealed: string | null;
  contact_phone_masked: string | null;
  tier: Generated<MerchantTier>;
  risk_rating: RiskRating | null;
  status: Generated<MerchantStatus>;
  controls: ColumnType<MerchantControls, string | undefined, string>;
  next_review_on: DateOnly | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
};

export type MerchantPersonRole = 'legal_representative' | 'beneficial_owner';
export type MerchantPersonTable = {
  merchant_id: string;
  position: number;
  role: MerchantPersonRole;
  name_sealed: string;
  name_masked: string;
  id_type: string;
  id_number_sealed: string;
  id_number_digest: string;
  id_number_masked: string;
  share: Decimal | null;
};

export type TerminalStatus = 'ordered' | 'installed' | 'active' | 'faulty' | 'recovered';
export type MerchantTerminalTable = { id: string; merchant_id: string; serial: string; model: string; location: string; region: string; status: TerminalStatus; installed_on: DateOnly | null; created_at: Timestamp };

export type MerchantAgreementTable = { id: string; merchant_id: string; version: number; fee_rate: Decimal; starts_on: DateOnly; ends_on: DateOnly | null; signed_by: string; created_at: Timestamp };

export type MerchantRatingTable = { id: string; merchant_id: string; rating: RiskRating; reason: string; inputs: Json<Record<string, unknown>>; decided_by: string | null; decided_at: Timestamp };

export type RiskListKind = 'uscc' | 'id_number' | 'account';
export type RiskListEntryTable = { id: string; kind: RiskListKind; value_digest: string; value_masked: string; reason: string; source: string; listed_on: DateOnly; created_by: string; created_at: Timestamp };

export type MerchantTxnImportTable = { id: string; file_sha256: string; file_name: string | null; rows: number; accepted: number; rejected: number; imported_by: string; imported_at: Timestamp };

export type MerchantTxnDayTable = {
  merchant_id: string;
  day: DateOnly;
  count: number;
  amount: Decimal;
  refunds: Decimal;
  chargebacks: number;
  declined: number;
  night_share: Decimal;
  cnp_share: Decimal;
  foreign_share: Decimal;
  max_amount: Decimal;
  near_limit_count: number;
  outside_region_count: number;
  import_id: string;
};

export type RiskRuleTable = { code: string; name_zh: string; name_en: string; expression: string; severity: Severity; active: Generated<boolean>; version: Generated<number>; updated_by: string | null; updated_at: Timestamp };

export type AlertStatus = 'open' | 'acknowledged' | 'closed';
export type RiskAlertTable = {
  id: string;
  merchant_id: string;
  rule_code: string;
  day: DateOnly;
  last_day: DateOnly;
  occurrences: Generated<number>;
  severity: Severity;
  values: Json<Record<string, number | null>>;
  status: Generated<AlertStatus>;
  created_at: Timestamp;
  closed_at: Timestamp | null;
  closed_by: string | null;
  note: string | null;
};

export type RequestKind = 'terminal_fault' | 'paper_roll' | 'settlement_query' | 'chargeback_help' | 'training';
export type LimitUnit = 'minutes' | 'workingHours' | 'workingDays' | 'calendarDays';
export type MerchantServiceStandardTable = { tier: MerchantTier; kind: RequestKind; response_amount: number; response_unit: LimitUnit; resolution_amount: number; resolution_unit: LimitUnit; updated_by: string | null; updated_at: Timestamp };

export type RequestStatus = 'open' | 'responded' | 'resolved';
export type MerchantRequestTable = {
  id: string;
  ref: string;
  merchant_id: string;
  unit_id: string;
  kind: RequestKind;
  channel: 'phone' | 'online' | 'visit' | 'app';
  description: string;
  status: RequestStatus;
  tier: MerchantTier;
  response_unit: LimitUnit;
  resolution_unit: LimitUnit;
  opened_at: Timestamp;
  response_due: Timestamp;
  resolution_due: Timestamp;
  responded_at: Timestamp | null;
  responded_by: string | null;
  response_note: string | null;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
  resolution: string | null;
  created_by: string;
};
