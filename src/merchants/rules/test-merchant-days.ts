import { Random } from '../../demo/random.ts';
import type { MerchantDay } from './merchant-day.ts';

/*
 * Seeded merchant-days for the rules' tests and benchmark: normal days with realistic noise —
 * a weekly rhythm, a slow trend, day-to-day swings, counts drawn as Poisson and shares as
 * binomial, small merchants closed some days — and anomalies to plant into them.
 */

export type MerchantProfile = {
  merchantId: string;
  kind: 'store' | 'online';
  /** Median transactions on a weekday. */
  dailyCount: number;
  /** Mean amount of a transaction (yuan). */
  ticket: number;
  /** Weekend days' volume over a weekday's (busy shops above 1, offices below). */
  weekendFactor: number;
  /** Change of volume over 90 days, as a fraction (−0.1 … 0.1). */
  trend: number;
  /** Spread of the day's level around its expectation (σ of its logarithm). */
  swing: number;
  refundRate: number; // refunded transactions per transaction
  chargebackRate: number;
  declineRate: number; // declined per attempt
  nightRate: number;
  cnpRate: number;
  foreignRate: number;
  nearLimitRate: number;
  closedOnSundays: boolean;
};

/**
 * What a caller may fix of a drawn merchant: its kind, and the medians its daily count and ticket
 * are drawn around (the book's mix: 80 transactions, 120 yuan in a shop, 200 online).
 */
export type MerchantShape = { kind?: 'store' | 'online'; dailyCount?: number; ticket?: number };

/**
 * A merchant drawn from the mix of an acquiring bank's book: mostly shops, a quarter online. A
 * shape draws the same numbers from `random` (the kind is drawn even when fixed), so a caller
 * fixing it does not shift the draws of the merchants after.
 */
export function merchantProfile(random: Random, merchantId: string, shape: MerchantShape = {}): MerchantProfile {
  const drawnOnline = random.chance(0.25);
  const online = shape.kind ? shape.kind === 'online' : drawnOnline;
  const dailyCount = Math.min(4000, Math.max(8, random.lognormal(shape.dailyCount ?? 80, 0.9)));
  const lateNight = random.chance(0.1);
  const tourist = random.chance(0.05);
  return {
    merchantId,
    kind: online ? 'online' : 'store',
    dailyCount,
    ticket: online ? random.lognormal(shape.ticket ?? 200, 0.8) : random.lognormal(shape.ticket ?? 120, 0.7),
    weekendFactor: online ? random.between(0.9, 1.3) : random.pick([0.5, 1, 1.2, 1.4, 1.6]),
    trend: random.between(-0.1, 0.1),
    swing: random.between(0.08, 0.18),
    refundRate: online ? random.between(0.02, 0.06) : random.between(0.003, 0.015),
    chargebackRate: random.between(0.00005, 0.0004),
    declineRate: random.between(0.02, 0.08),
    nightRate: lateNight ? random.between(0.15, 0.3) : online ? random.between(0.08, 0.15) : random.between(0.005, 0.05),
    cnpRate: online ? random.between(0.95, 1) : random.between(0, 0.05),
    foreignRate: tourist ? random.between(0.05, 0.15) : random.between(0, 0.02),
    nearLimitRate: random.between(0, 0.002),
    closedOnSundays: dailyCount < 30 && random.chance(0.3),
  };
}

export type GenerateOptions = { merchants: number; days: number; seed: number; firstDay?: string };

/** Normal merchant-days, grouped by merchant (M000001, M000002, …) and in day order. */
export function normalMerchantDays(options: GenerateOptions): MerchantDay[] {
  const random = new Random(options.seed);
  const days: MerchantDay[] = [];
  for (let m = 1; m <= options.merchants; m++) {
    const profile = merchantProfile(random, `M${String(m).padStart(6, '0')}`);
    for (const day of merchantDays(random, profile, options.days, options.firstDay)) days.push(day);
  }
  return days;
}

/** `count` days of one merchant from `firstDay` on; a closed day has no row, as in the import. */
export function merchantDays(random: Random, profile: MerchantProfile, count: number, firstDay = '2026-06-01'): MerchantDay[] {
  const start = Date.parse(`${firstDay}T00:00:00Z`);
  const days: MerchantDay[] = [];
  for (let i = 0; i < count; i++) {
    const date = new Date(start + i * 86_400_000);
    const weekday = date.getUTCDay();
    if ((weekday === 0 && profile.closedOnSundays) || random.chance(0.01)) continue;
    const rhythm = weekday === 0 || weekday === 6 ? profile.weekendFactor : weekday === 5 ? 1.1 : 1;
    const level = profile.dailyCount * rhythm * (1 + (profile.trend * i) / count) * random.lognormal(1, profile.swing);
    days.push(oneDay(random, profile, dayText(date), poisson(random, level)));
  }
  return days;
}

function oneDay(random: Random, p: MerchantProfile, day: string, count: number): MerchantDay {
  // the sum of `count` log-normal tickets (σ 0.6): its spread shrinks with √count
  const amount = count === 0 ? 0 : count * p.ticket * random.lognormal(1, 0.6 / Math.sqrt(count)) * random.lognormal(1, 0.05);
  const refundCount = poisson(random, count * p.refundRate);
  let refunds = 0;
  for (let r = 0; r < refundCount; r++) refunds += p.ticket * random.lognormal(1, 0.5);
  const share = (rate: number) => (count === 0 ? 0 : round(binomial(random, count, rate) / count, 4));
  const largest = count === 0 ? 0 : Math.min(amount, p.ticket * Math.exp(0.6 * Math.sqrt(2 * Math.log(count + 1))) * random.lognormal(1, 0.15));
  return {
    merchantId: p.merchantId,
    day,
    count,
    amount: round(amount, 2),
    refunds: round(refunds, 2),
    chargebacks: poisson(random, count * p.chargebackRate),
    declined: poisson(random, (count * p.declineRate) / (1 - p.declineRate)),
    nightShare: share(p.nightRate),
    cnpShare: share(p.cnpRate),
    foreignShare: share(p.foreignRate),
    maxAmount: round(largest, 2),
    nearLimitCount: poisson(random, count * p.nearLimitRate),
    outsideRegionCount: 0,
  };
}

/** The anomalies a test or the benchmark plants, each meant to trip one shipped rule. */
export const ANOMALIES = {
  /** 3% of the day's transactions charged back (CHARGEBACK_RATIO). */
  chargebacks: (d: MerchantDay) => ({ ...d, chargebacks: Math.max(5, Math.ceil(d.count * 0.03)) }),
  /** Four times the usual business, shares unchanged (VOLUME_SPIKE). */
  volume: (d: MerchantDay) => ({ ...d, count: d.count * 4, amount: round(d.amount * 4, 2), refunds: round(d.refunds * 4, 2), chargebacks: d.chargebacks * 4, declined: d.declined * 4, nearLimitCount: d.nearLimitCount * 4 }),
  /** Half of the day's sales moved into the night (NIGHT_SHARE_JUMP). */
  night: (d: MerchantDay) => ({ ...d, nightShare: Math.min(1, round(d.nightShare + 0.5, 4)) }),
  /** A quarter of the sales just under a limit (NEAR_LIMIT_SPLITTING). */
  nearLimit: (d: MerchantDay) => ({ ...d, nearLimitCount: Math.max(8, Math.round(d.count * 0.25)) }),
  /** A terminal taken out of its region (OUTSIDE_REGION). */
  outsideRegion: (d: MerchantDay) => ({ ...d, outsideRegionCount: Math.max(1, Math.round(d.count * 0.2)) }),
  /** Refunds of 60% of the takings (REFUND_SPIKE). */
  refunds: (d: MerchantDay) => ({ ...d, refunds: round(d.amount * 0.6, 2) }),
  /** A shop whose sales turn card-not-present (CNP_SHARE_JUMP). */
  cardNotPresent: (d: MerchantDay) => ({ ...d, cnpShare: Math.min(1, round(d.cnpShare + 0.6, 4)) }),
  /** Foreign cards on 40 more points of the sales (FOREIGN_SHARE_JUMP). */
  foreign: (d: MerchantDay) => ({ ...d, foreignShare: Math.min(1, round(d.foreignShare + 0.4, 4)) }),
} satisfies Record<string, (day: MerchantDay) => MerchantDay>;

export type Anomaly = keyof typeof ANOMALIES;

/** Which shipped rule each anomaly is meant to trip. */
export const ANOMALY_RULE: Record<Anomaly, string> = {
  chargebacks: 'CHARGEBACK_RATIO',
  volume: 'VOLUME_SPIKE',
  night: 'NIGHT_SHARE_JUMP',
  nearLimit: 'NEAR_LIMIT_SPLITTING',
  outsideRegion: 'OUTSIDE_REGION',
  refunds: 'REFUND_SPIKE',
  cardNotPresent: 'CNP_SHARE_JUMP',
  foreign: 'FOREIGN_SHARE_JUMP',
};

function poisson(random: Random, mean: number): number {
  // Knuth's method is exact but slow and underflows for large means: a normal draw there
  return mean < 30 ? random.poisson(mean) : Math.max(0, Math.round(mean + Math.sqrt(mean) * random.normal()));
}

function binomial(random: Random, n: number, p: number): number {
  if (n <= 20) {
    let k = 0;
    for (let i = 0; i < n; i++) if (random.chance(p)) k++;
    return k;
  }
  const mean = n * p;
  if (mean < 10) return Math.min(n, random.poisson(mean));
  return Math.min(n, Math.max(0, Math.round(mean + Math.sqrt(mean * (1 - p)) * random.normal())));
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

function dayText(date: Date): string {
  return date.toISOString().slice(0, 10);
}
