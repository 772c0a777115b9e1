import { createHash, createHmac } from 'node:crypto';
import type { Localized } from '../../platform/errors.ts';

/*
 * Campaigns' vocabulary and pure rules: who is held out as control, when a message may go out,
 * the uplift's confidence interval, the lottery's draw. No I/O, no clock: callers pass both in.
 */

export const CAMPAIGN: Localized = { en: 'campaign', zh: '营销活动' };

export const CAMPAIGN_KINDS = ['promotion', 'lottery', 'seminar'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export const MARKETING_CHANNELS = ['sms', 'email', 'portal', 'counter'] as const;
export type MarketingChannel = (typeof MARKETING_CHANNELS)[number];

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'finished', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** A customer's decision: reached on at least one channel, or why not. Control customers carry what would have happened. */
export type Outcome = 'contacted' | 'no_consent' | 'no_address' | 'capped';
/** One channel's decision for one customer. */
export type ContactDecision = 'sent' | 'deferred' | 'no_consent' | 'no_address' | 'capped';
/** How a customer responded: registered for a seminar, opened their link, entered a lottery, or told a teller they are interested. */
export type Response = 'registered' | 'clicked' | 'entered' | 'mentioned';
/** Who may win a lottery: every contacted customer, or only those who entered through their link. */
export type LotteryRule = 'contacted' | 'entered';

export type Messages = Partial<Record<MarketingChannel, Localized>>;
export type Prize = { nameZh: string; nameEn: string; count: number };

export const CODE_PATTERN = '^[A-Z0-9][A-Z0-9-]{1,39}$';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The control group: the audience ordered by SHA-256 of campaign id and customer id, and the first
 * round(n × percent / 100) held out. Random for all practical purposes, the same on every re-run,
 * and exactly the share asked for.
 */
export function controlGroup(campaignId: string, customerIds: readonly string[], percent: number): Set<string> {
  const size = Math.round((customerIds.length * percent) / 100);
  const ranked = [...customerIds].sort((a, b) => {
    const ha = sha256(`${campaignId}:${a}`);
    const hb = sha256(`${campaignId}:${b}`);
    return ha < hb ? -1 : ha > hb ? 1 : a < b ? -1 : 1;
  });
  return new Set(ranked.slice(0, size));
}

/** Quiet hours, China time: no SMS or e-mail from 21:00 to 08:00. */
export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 8;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** When a message written at `at` may go out: null when now, else the next 08:00 China time. */
export function quietHoursEnd(at: Date): Date | null {
  const local = new Date(at.getTime() + CHINA_OFFSET_MS);
  const hour = local.getUTCHours();
  if (hour >= QUIET_UNTIL_HOUR && hour < QUIET_FROM_HOUR) return null;
  const day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) + (hour >= QUIET_FROM_HOUR ? 86_400_000 : 0);
  return new Date(day + QUIET_UNTIL_HOUR * 3_600_000 - CHINA_OFFSET_MS);
}

const Z95 = 1.959963984540054;

/** Wilson score interval of x successes in n (95%). */
export function wilson(x: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const p = x / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export type Uplift = { difference: number; low: number; high: number } | null;

/**
 * The difference of two proportions x1/n1 − x2/n2 with Newcombe's hybrid score interval (his
 * method 10, from Wilson intervals of each): good at small counts and at rates near 0, where
 * Wald's interval is too narrow or leaves [−1, 1]. Null when either group is empty.
 */
export function uplift(x1: number, n1: number, x2: number, n2: number): Uplift {
  if (n1 === 0 || n2 === 0) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const [l1, u1] = wilson(x1, n1);
  const [l2, u2] = wilson(x2, n2);
  const d = p1 - p2;
  return { difference: d, low: d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), high: d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2) };
}

/** The lottery's published commitment: SHA-256 of the seed (hex text), in hex. */
export function seedCommitment(seed: string): string {
  return sha256(seed);
}

/** SHA-256 of the entrants' ids, sorted, one per line: what the draw was made over. */
export function entrantsDigest(entrants: readonly string[]): string {
  return sha256([...entrants].sort().join('\n'));
}

/**
 * The draw: each entrant scored HMAC-SHA256(seed, customer id), lowest score first (ties by id),
 * prizes given in the order listed, each to as many entrants as it has. Anyone holding the seed
 * and the entrant list recomputes the same winners.
 */
export function drawWinners(seed: string, entrants: readonly string[], prizes: readonly Pick<Prize, 'count'>[]): { customerId: string; prize: number }[] {
  const scored = [...new Set(entrants)].map((id) => ({ id, score: createHmac('sha256', seed).update(id).digest('hex') }));
  scored.sort((a, b) => (a.score < b.score ? -1 : a.score > b.score ? 1 : a.id < b.id ? -1 : 1));
  const winners: { customerId: string; prize: number }[] = [];
  let next = 0;
  prizes.forEach((p, prize) => {
    for (let i = 0; i < p.count && next < scored.length; i++) winners.push({ customerId: scored[next++]!.id, prize });
  });
  return winners;
}

/** An invitation link's token as stored (the token itself is only in the message). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A registration code from random bytes: 8 characters without look-alikes (no 0/O, 1/I). */
export function registrationCode(bytes: Uint8Array): string {
  return Array.from(bytes.slice(0, 8), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}
