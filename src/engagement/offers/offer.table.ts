import type { ColumnType } from 'kysely';
import type { Channel } from '../products/product.ts';
import type { OfferMethod, OfferOutcome, OfferReason, ProductModel } from './offer.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** One offer shown to a customer: what, where, by whom, its score and reasons, and what came of it. */
export type OfferTable = {
  id: string;
  customer_id: string;
  product_code: string;
  channel: Channel;
  /** The China calendar day it was shown: an offer is recorded once a day per channel. */
  day: ColumnType<string, string, string>;
  shown_at: Timestamp;
  /** The staff member's username, or `customer` in the customer's own channels. */
  shown_by: string;
  unit_id: string;
  /** The customer's tier when shown (conversion by segment). */
  tier: string;
  rank: number;
  /** Estimated chance of acceptance, 0–1, as decimal text. */
  score: ColumnType<string, string, string>;
  method: OfferMethod;
  model_version: number | null;
  reasons: Json<OfferReason[]>;
  /** The customer's features that held when shown: what the model learns from. */
  features: Json<string[]>;
  outcome: OfferOutcome | null;
  outcome_at: Timestamp | null;
  outcome_by: string | null;
  sale_id: string | null;
};

/** A version of the propensity model: per product, its coefficients or too little history. */
export type OfferModelTable = {
  version: number;
  trigger: 'scheduled' | 'manual' | 'start';
  trained_at: Timestamp;
  trained_by: string;
  /** The earliest offer shown that the training read. */
  since: Timestamp;
  outcomes: number;
  min_outcomes: number;
  features: Json<string[]>;
  products: Json<Record<string, ProductModel>>;
};
