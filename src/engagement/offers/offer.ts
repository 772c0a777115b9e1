import type { Localized } from '../../platform/errors.ts';

/*
 * Next best offer (个性化推荐): the vocabulary, the limits the bank may tune, and the customer
 * facts an offer's score reads. How the score is computed is offer-score.ts; the model's fit,
 * offer-model.ts.
 */

export const OFFER_OUTCOMES = ['accepted', 'declined', 'ignored'] as const;
export type OfferOutcome = (typeof OFFER_OUTCOMES)[number];

/** How an offer was scored: the product's learned model, or the rules where it has too little history. */
export type OfferMethod = 'model' | 'rules';

/** One reason for a score, in plain words; `weight` is its contribution in log-odds (null: context, not a term). */
export type OfferReason = { code: string; en: string; zh: string; weight: number | null };

/** One product's part of a model version: its history, and its coefficients when there was enough of it. */
export type ProductModel = { samples: number; accepted: number; intercept: number | null; weights: Record<string, number> | null };

export const OFFER: Localized = { en: 'offer', zh: '推荐' };

/** A product needs this many outcomes (accepted, declined, ignored) before its own model scores it; fewer: the rules. */
export const MIN_OUTCOMES = 30;
/** An offer without an outcome this many days after it was shown becomes ignored (the engagement sweep). */
export const IGNORE_AFTER_DAYS = 14;
/** A product the customer declined is not offered again for this many days. */
export const DECLINE_QUIET_DAYS = 30;
/** Deposits and wealth products are bought in lots: offered again once the latest lot held is this many days old. */
export const REPEAT_AFTER_DAYS = 30;
/** Training reads the offers shown in this many days before it. */
export const TRAINING_DAYS = 365;
/** The most offers one list shows. */
export const MAX_OFFERS = 5;

/** The kinds a customer may hold several of (lots of deposits, of wealth products); cards, loans, insurance: one. */
export const REPEATABLE_KINDS: readonly string[] = ['deposit', 'wealth'];

/** What an offer's score reads about a customer (customer facts of the last refresh, suitability's own facts). */
export type OfferFacts = {
  age: number | null;
  /** Assets under management, yuan (a number: the score compares, it does not sum money). */
  aum: number;
  /** Days with transactions in the last 90. */
  frequency: number;
  /** Days since the last transaction; null when none is known. */
  recency: number | null;
  preferredChannel: string | null;
  /** An open payroll account, or salary credited in the last 90 days. */
  salary: boolean;
  holdings: { deposit: number; wealth: number; card: number; loan: number; insurance: number };
  /** Tier (`customer.segment`) and groups the customer is in. */
  tier: string;
  segments: readonly string[];
  /** The valid assessment's level number (C3 → 3); null when none is valid. */
  level: number | null;
};
