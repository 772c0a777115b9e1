import { MERCHANT_STATUSES, merchantsApi, RATINGS, SEVERITIES, type AlertItem, type MerchantStatus, type RiskRating, type Severity } from '../merchants.api';

/*
 * The risk dashboard's figures, counted with the list endpoints the screens already use (the
 * server has no report of its own for them): a merchant count is the `total` of a one-row page,
 * so the counts cost the same whatever the number of merchants; the open alerts are read whole
 * up to a cap and grouped by rule here.
 */

export type RatingOrNone = RiskRating | 'none';
export type MerchantCounts = { total: number; byStatus: Record<MerchantStatus, Record<RatingOrNone, number>> };
export type AlertCounts = { total: number; bySeverity: Record<Severity, number>; byRule: { code: string; nameZh: string; nameEn: string; bySeverity: Record<Severity, number>; total: number }[]; read: number };

/** The most open alerts read to group by rule; beyond it the grouping says how many it covers. */
export const ALERTS_READ_CAP = 2000;
const PAGE = 500;

const countMerchants = (signal: AbortSignal, status: MerchantStatus, rating?: RiskRating) =>
  merchantsApi.list({ status, rating, limit: 1, offset: 0 }, signal).then((r) => r.total);

/** Merchants by status and rating (those not rated yet as `none`). */
export async function merchantCounts(signal: AbortSignal): Promise<MerchantCounts> {
  const rows = await Promise.all(
    MERCHANT_STATUSES.map(async (status) => {
      const [all, ...rated] = await Promise.all([countMerchants(signal, status), ...RATINGS.map((r) => countMerchants(signal, status, r))]);
      const byRating = Object.fromEntries(RATINGS.map((r, i) => [r, rated[i] ?? 0])) as Record<RiskRating, number>;
      const none = (all ?? 0) - rated.reduce((s, n) => s + n, 0);
      return [status, { ...byRating, none }] as const;
    }),
  );
  const byStatus = Object.fromEntries(rows) as MerchantCounts['byStatus'];
  const total = rows.reduce((s, [, r]) => s + r.low + r.medium + r.high + r.none, 0);
  return { total, byStatus };
}

/** Alerts not closed, by severity (exact) and by rule (from the first `ALERTS_READ_CAP`). */
export async function openAlertCounts(signal: AbortSignal): Promise<AlertCounts> {
  const severityTotals = await Promise.all(SEVERITIES.map((severity) => merchantsApi.alerts({ status: 'active', severity, limit: 1, offset: 0 }, signal).then((r) => r.total)));
  const bySeverity = Object.fromEntries(SEVERITIES.map((s, i) => [s, severityTotals[i] ?? 0])) as Record<Severity, number>;
  const total = severityTotals.reduce((s, n) => s + n, 0);
  const items: AlertItem[] = [];
  for (let offset = 0; offset < Math.min(total, ALERTS_READ_CAP); offset += PAGE) {
    items.push(...(await merchantsApi.alerts({ status: 'active', limit: PAGE, offset }, signal)).items);
  }
  const rules = new Map<string, AlertCounts['byRule'][number]>();
  for (const a of items) {
    const entry = rules.get(a.rule.code) ?? { ...a.rule, bySeverity: { high: 0, medium: 0, low: 0 }, total: 0 };
    entry.bySeverity[a.severity]++;
    entry.total++;
    rules.set(a.rule.code, entry);
  }
  return { total, bySeverity, byRule: [...rules.values()].sort((a, b) => b.total - a.total), read: items.length };
}
