import type { ColumnType, Generated } from 'kysely';
import type { Channel } from '../products/product.ts';
import type { Question, RiskLevel, Thresholds } from './questionnaire.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;
/** A date; comes back as a Date unless selected `::text`. */
type DateOnly = ColumnType<string, string, string>;
type Decimal = ColumnType<string, string, string>;

export type RiskQuestionnaireTable = {
  version: number;
  questions: Json<Question[]>;
  thresholds: Json<Thresholds>;
  valid_months: number;
  published_by: string | null;
  published_at: Timestamp;
};

export type RiskAssessmentTable = {
  id: string;
  /** Order of recording: of two assessments at the same instant, the later recorded is the latest. */
  seq: Generated<string>;
  customer_id: string;
  questionnaire_version: number;
  /** Question id → option id, as the customer answered. */
  answers: Json<Record<string, string>>;
  score: number;
  level: RiskLevel;
  channel: Channel;
  /** The staff member's username, or `customer` in the customer's own channels. */
  assessed_by: string;
  unit_id: string;
  assessed_at: Timestamp;
  /** The last day (China date) on which the assessment holds. */
  valid_until: DateOnly;
};

export type SuitabilityRefusalTable = {
  id: string;
  customer_id: string;
  product_code: string;
  amount: Decimal | null;
  channel: Channel;
  offer_id: string | null;
  reasons: Json<{ code: string; en: string; zh: string }[]>;
  attempted_by: string;
  unit_id: string;
  at: Timestamp;
};
