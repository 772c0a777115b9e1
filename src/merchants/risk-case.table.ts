import type { ColumnType, Generated } from 'kysely';
import type { RiskRating } from './merchant.table.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DateOnly = ColumnType<string, string, string>;

/** `rectification` (整改复查): a restricted or suspended merchant's rectification reviewed, its controls lifted. */
export type RiskCaseKind = 'cash_out' | 'laundering' | 'fraud' | 'moved_terminal' | 'data_leak' | 'other' | 'rectification';
export type RiskCaseSource = 'alert' | 'report';
export type RiskCaseStatus = 'investigating' | 'awaiting_approval' | 'actions_applied' | 'closed';

/** What a rectification review may lift (解除管控): a control on the merchant, or its suspension. */
export type LiftableControl = 'settlementDelay' | 'dailyLimit' | 'singleLimit' | 'restrictedCardTypes' | 'suspension';

/**
 * One action a risk case decides on a merchant (风险处置措施). Amounts are exact decimal text in
 * yuan, never floats. `lift_controls` names the controls in force it removes; a lifted delay goes
 * back to the standard cycle of the rating after the case (`settlementDelayDays`).
 */
export type RiskAction =
  | { type: 'settlement_delay'; days: number }
  | { type: 'limits'; dailyLimit: string | null; singleLimit: string | null }
  | { type: 'restrict_card_types'; cardTypes: string[] }
  | { type: 'suspend' }
  | { type: 'recover_terminals' }
  | { type: 'terminate'; blacklistReason: string }
  | { type: 'lift_controls'; controls: LiftableControl[]; settlementDelayDays: number };

export type MerchantRiskCaseTable = {
  id: string;
  /** Readable reference of the day, `RC20261128-0001`; the process's business key. */
  ref: string;
  merchant_id: string;
  kind: RiskCaseKind;
  source: RiskCaseSource;
  alert_id: string | null;
  description: string;
  status: Generated<RiskCaseStatus>;
  findings: string | null;
  actions: ColumnType<RiskAction[], string | undefined, string>;
  /** Who proposed the actions (the last completion of `proposeActions`). */
  decided_by: string | null;
  approved_by: string | null;
  instance_id: string | null;
  unit_id: string;
  created_by: string;
  created_at: Timestamp;
  closed_at: Timestamp | null;
};

export type MerchantRiskCaseSequenceTable = { day: string; last: number };

/** A review is cancelled when a risk case terminates the merchant under review. */
export type ReviewStatus = 'in_progress' | 'completed' | 'cancelled';

/** A periodic re-review (定期复查) of a merchant: started by the sweep when it comes due. */
export type MerchantReviewTable = {
  id: string;
  merchant_id: string;
  /** The merchant's `next_review_on` when the review was started: the day it was due. */
  due_on: DateOnly;
  status: Generated<ReviewStatus>;
  instance_id: string;
  rating_before: RiskRating | null;
  rating_after: RiskRating | null;
  next_review_on: DateOnly | null;
  started_at: Timestamp;
  completed_at: Timestamp | null;
  completed_by: string | null;
};

/** Months between re-reviews for one rating (the bank's configuration). */
export type MerchantReviewSettingTable = { rating: RiskRating; months: number; updated_by: string | null; updated_at: Timestamp };
