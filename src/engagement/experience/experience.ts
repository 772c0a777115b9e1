import type { Localized } from '../../platform/errors.ts';
import type { CustomerFacts } from '../facts/facts.ts';

/*
 * Customer experience (客户体验) and churn signals (流失预警) as pure rules: what NPS and CSAT are
 * over a set of answers, and a customer's churn score with its reasons from their facts. No
 * database, no clock; the SQL in experience.queries.ts counts, these functions judge.
 */

/** NPS promoters answer 9–10, detractors 0–6 (passives 7–8). */
export const PROMOTER_FROM = 9;
export const DETRACTOR_TO = 6;
/** CSAT is the share of answers of 4 or 5 on a scale of 1–5. */
export const SATISFIED_FROM = 4;

/** The dimensions experience is broken down by. */
export const DIMENSIONS = ['segment', 'channel', 'branch', 'journey'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const BUCKETS = ['week', 'month'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** Counts of a set of survey answers. */
export type AnswerCounts = { responses: number; npsAnswers: number; promoters: number; detractors: number; csatAnswers: number; satisfied: number };

export type Scores = AnswerCounts & {
  passives: number;
  /** Promoters minus detractors, in whole points of the NPS answers (−100…100); null without NPS answers. */
  nps: number | null;
  /** Satisfied answers in per cent of the CSAT answers, one decimal; null without CSAT answers. */
  csat: number | null;
};

export function scoresOf(c: AnswerCounts): Scores {
  return {
    ...c,
    passives: c.npsAnswers - c.promoters - c.detractors,
    nps: c.npsAnswers ? Math.round((100 * (c.promoters - c.detractors)) / c.npsAnswers) : null,
    csat: c.csatAnswers ? Math.round((1000 * c.satisfied) / c.csatAnswers) / 10 : null,
  };
}

export function addCounts(a: AnswerCounts, b: AnswerCounts): AnswerCounts {
  return { responses: a.responses + b.responses, npsAnswers: a.npsAnswers + b.npsAnswers, promoters: a.promoters + b.promoters, detractors: a.detractors + b.detractors, csatAnswers: a.csatAnswers + b.csatAnswers, satisfied: a.satisfied + b.satisfied };
}

export const NO_ANSWERS: AnswerCounts = { responses: 0, npsAnswers: 0, promoters: 0, detractors: 0, csatAnswers: 0, satisfied: 0 };

/** Channels as people read them; a channel not listed shows its code. */
export const CHANNEL_NAMES: Record<string, Localized> = {
  counter: { en: 'Counter', zh: '柜面' },
  phone: { en: 'Phone', zh: '电话' },
  online: { en: 'Online banking', zh: '网上银行' },
  mobile: { en: 'Mobile app', zh: '手机银行' },
  portal: { en: 'Customer portal', zh: '客户门户' },
  letter: { en: 'Letter', zh: '信函' },
  regulator: { en: 'Via the regulator', zh: '监管转办' },
};

/** Journeys that are not a catalogue service: a complaint's handling, a counter visit rated at the counter. */
export const OTHER_JOURNEYS: Record<string, Localized> = {
  complaint: { en: 'Complaint handling', zh: '投诉处理' },
  counter: { en: 'Counter visit', zh: '柜面服务' },
};

// ——— churn ———

/** A reason a customer may be leaving, with the figures behind it. */
export type ChurnReason = { code: ChurnReasonCode; points: number; en: string; zh: string };
export type ChurnReasonCode = 'activity_down' | 'amount_down' | 'aum_outflow' | 'inactive';
export type Churn = { score: number; level: 'high' | 'medium' | 'low'; reasons: ChurnReason[] };

/**
 * What each signal weighs (points out of 100), the fall at which it counts in full, and the
 * least earlier figure from which a fall means anything: a customer active on two days, or with
 * 3,000 yuan, has no trend to lose. A reason is given from a fall of 20%.
 */
export const CHURN_WEIGHTS = {
  activity: { points: 35, fullAt: 0.8, from: 6 },
  amount: { points: 15, fullAt: 0.8, from: 1000 },
  aum: { points: 35, fullAt: 0.6, from: 10_000 },
  /** Days without activity: nothing under 30, full at 90, for a customer who was active before. */
  inactive: { points: 15, after: 30, fullAfter: 90 },
} as const;
const REASON_FROM = 0.2;
export const HIGH_FROM = 60;
export const MEDIUM_FROM = 30;

const pct = (x: number) => `${Math.round(x * 100)}%`;
const yuan = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });

/**
 * The churn score (0–100) of a customer from their facts, with every reason that adds to it,
 * largest first: active days, amount moved and AUM in the last 90 days against the 90 before,
 * and days since the last activity. Each signal adds its weight × (fall ÷ the fall at which it
 * counts in full), at most its weight.
 */
export function churnScore(f: Pick<CustomerFacts, 'frequency' | 'frequencyBefore' | 'monetary' | 'monetaryBefore' | 'aum' | 'aumBefore' | 'recency'>): Churn {
  const reasons: ChurnReason[] = [];
  let total = 0;
  const fall = (now: number, before: number) => (before > 0 ? Math.max(0, (before - now) / before) : 0);
  const add = (code: ChurnReasonCode, points: number, decline: number, en: string, zh: string) => {
    total += points;
    if (decline >= REASON_FROM && points > 0) reasons.push({ code, points: Math.round(points), en, zh });
  };
  const w = CHURN_WEIGHTS;
  if (f.frequencyBefore >= w.activity.from) {
    const d = fall(f.frequency, f.frequencyBefore);
    add('activity_down', w.activity.points * Math.min(1, d / w.activity.fullAt), d,
      `Active days down ${pct(d)} (${f.frequencyBefore} → ${f.frequency}) against the 90 days before`,
      `近 90 天有交易天数下降 ${pct(d)}（${f.frequencyBefore} → ${f.frequency}）`);
  }
  if (f.monetaryBefore >= w.amount.from) {
    const d = fall(f.monetary, f.monetaryBefore);
    add('amount_down', w.amount.points * Math.min(1, d / w.amount.fullAt), d,
      `Amount moved down ${pct(d)} (¥${yuan(f.monetaryBefore)} → ¥${yuan(f.monetary)})`,
      `近 90 天交易金额下降 ${pct(d)}（¥${yuan(f.monetaryBefore)} → ¥${yuan(f.monetary)}）`);
  }
  if (f.aumBefore !== null && f.aumBefore >= w.aum.from) {
    const d = fall(f.aum, f.aumBefore);
    add('aum_outflow', w.aum.points * Math.min(1, d / w.aum.fullAt), d,
      `AUM down ${pct(d)} (¥${yuan(f.aumBefore)} → ¥${yuan(f.aum)}) against 90 days ago`,
      `管理资产较 90 天前流出 ${pct(d)}（¥${yuan(f.aumBefore)} → ¥${yuan(f.aum)}）`);
  }
  if (f.recency !== null && f.recency > w.inactive.after && (f.frequencyBefore > 0 || f.frequency > 0)) {
    const share = Math.min(1, (f.recency - w.inactive.after) / (w.inactive.fullAfter - w.inactive.after));
    add('inactive', w.inactive.points * share, 1,
      `No activity for ${f.recency} days`,
      `已连续 ${f.recency} 天无交易`);
  }
  const score = Math.min(100, Math.round(total));
  reasons.sort((a, b) => b.points - a.points || a.code.localeCompare(b.code));
  return { score, level: score >= HIGH_FROM ? 'high' : score >= MEDIUM_FROM ? 'medium' : 'low', reasons };
}
