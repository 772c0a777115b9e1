/*
 * What the early-warning rules read: one merchant's day of card transactions, and what a rule
 * that fires on it records.
 *
 * Amounts are exact decimals in the database (numeric(18, 2)); here they are JavaScript numbers.
 * That is deliberate: rules compute statistics (means, standard deviations) and compare against
 * thresholds, where a binary rounding error of 1e-16 relative changes nothing, and settlement
 * never reads these figures.
 */

/** One merchant's transactions of one day, as the acquiring system reports them (amounts in yuan). */
export type MerchantDay = {
  merchantId: string;
  day: string; // YYYY-MM-DD (China date)
  count: number; amount: number; refunds: number; chargebacks: number; declined: number;
  nightShare: number; cnpShare: number; foreignShare: number; // 0..1 shares of the day's count
  maxAmount: number; nearLimitCount: number; outsideRegionCount: number;
};
export type Severity = 'low' | 'medium' | 'high';
export type RuleDefinition = { code: string; nameZh: string; nameEn: string; expression: string; severity: Severity };
export type Firing = { merchantId: string; day: string; ruleCode: string; severity: Severity; values: Record<string, number | null> };

/** The reported figures of a merchant-day, by the names a rule expression uses. */
export const METRICS = [
  'count', 'amount', 'refunds', 'chargebacks', 'declined',
  'nightShare', 'cnpShare', 'foreignShare',
  'maxAmount', 'nearLimitCount', 'outsideRegionCount',
] as const;
export type Metric = (typeof METRICS)[number];

/** Ratios derived from a day's figures; each is null on a day without transactions. */
export const RATIOS = ['chargebackRatio', 'refundRatio', 'declineRatio', 'averageAmount'] as const;
export type Ratio = (typeof RATIOS)[number];

/** Every figure a baseline keeps a mean and standard deviation of: the metrics, then the ratios. */
export const FIGURES = [...METRICS, ...RATIOS] as const;
export type Figure = Metric | Ratio;

export type Ratios = Record<Ratio, number | null>;

/**
 * The day's derived ratios, written into `into` (reused in the evaluation loop, which allocates
 * nothing per day). All are null when the day has no transactions; `refundRatio` (refunded
 * amount over the day's amount) is also null when the amount is 0. `declineRatio` is declined
 * over attempted (approved + declined).
 */
export function ratiosOf(day: MerchantDay, into: Ratios): Ratios {
  const { count } = day;
  if (count === 0) {
    into.chargebackRatio = null;
    into.refundRatio = null;
    into.declineRatio = null;
    into.averageAmount = null;
    return into;
  }
  into.chargebackRatio = day.chargebacks / count;
  into.refundRatio = day.amount === 0 ? null : day.refunds / day.amount;
  into.declineRatio = day.declined / (count + day.declined);
  into.averageAmount = day.amount / count;
  return into;
}
