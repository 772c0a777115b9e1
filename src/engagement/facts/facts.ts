import type { FeelScope, FeelType } from '../../platform/feel/feel-compile.ts';
import type { Localized } from '../../platform/errors.ts';
import type { ActivityChannel } from './facts.table.ts';

/*
 * The customer facts segments are written over (客户画像): their names, types and meanings, and
 * the FEEL context one customer's facts become. How each is computed is in facts.queries.ts;
 * docs/CUSTOMERS.md ("Customer facts") says the same for the bank.
 */

export const ACTIVITY_CHANNELS = ['counter', 'atm', 'mobile', 'online', 'phone', 'pos', 'payroll'] as const satisfies readonly ActivityChannel[];

/** Days a recent window of activity covers, and the window before it; the "salary account opened" event's window too. */
export const WINDOW_DAYS = 90;

/** Assets under management counted from holdings of these product kinds (a loan is owed, a card holds nothing). */
export const ASSET_KINDS = ['deposit', 'wealth', 'insurance'] as const;

/** One fact: its name in expressions, its type, and what it means. */
export type FactName = { name: string; type: FeelType; meaning: Localized };

/** Every fact a segment rule may name, in the order the builder lists them. */
export const FACTS: readonly FactName[] = [
  { name: 'aum', type: 'number', meaning: { en: 'Assets under management, yuan: the latest core-banking balance snapshot plus asset holdings opened since', zh: '管理资产（元）：核心系统最近一次余额快照，加上此后新开的资产类持仓' } },
  { name: 'aumBefore', type: 'number', meaning: { en: 'AUM 90 days earlier (the latest snapshot at least 90 days old); null when there is none', zh: '90 天前的管理资产（距今至少 90 天的最近一次快照）；没有则为 null' } },
  { name: 'age', type: 'number', meaning: { en: 'Age in whole years; null for companies and unknown birth dates', zh: '年龄（周岁）；企业客户或无出生日期时为 null' } },
  { name: 'tenureDays', type: 'number', meaning: { en: 'Days since the customer was registered', zh: '客户登记至今的天数' } },
  { name: 'kind', type: 'string', meaning: { en: '"individual" or "corporate"', zh: '"individual"（个人）或 "corporate"（企业）' } },
  { name: 'holdings.deposit', type: 'number', meaning: { en: 'Open deposit products held', zh: '持有的存款产品数' } },
  { name: 'holdings.wealth', type: 'number', meaning: { en: 'Open wealth products held', zh: '持有的理财产品数' } },
  { name: 'holdings.card', type: 'number', meaning: { en: 'Cards held', zh: '持有的银行卡数' } },
  { name: 'holdings.loan', type: 'number', meaning: { en: 'Open loans', zh: '未结清的贷款数' } },
  { name: 'holdings.insurance', type: 'number', meaning: { en: 'Insurance policies held', zh: '持有的保险产品数' } },
  { name: 'holdings.total', type: 'number', meaning: { en: 'All open holdings', zh: '全部持仓数' } },
  { name: 'recency', type: 'number', meaning: { en: 'Days since the last day with activity; null when none is known', zh: '距最近一次有交易的天数；从无交易记录时为 null' } },
  { name: 'frequency', type: 'number', meaning: { en: 'Days with activity in the last 90 days', zh: '近 90 天有交易的天数' } },
  { name: 'monetary', type: 'number', meaning: { en: 'Amount of activity in the last 90 days, yuan', zh: '近 90 天交易金额（元）' } },
  { name: 'frequencyBefore', type: 'number', meaning: { en: 'Days with activity in the 90 days before those', zh: '再往前 90 天有交易的天数' } },
  { name: 'monetaryBefore', type: 'number', meaning: { en: 'Amount of activity in the 90 days before those, yuan', zh: '再往前 90 天的交易金额（元）' } },
  { name: 'rfm.r', type: 'number', meaning: { en: 'Recency score 1–5 (5: the most recent fifth of customers)', zh: '近度评分 1–5（5：最近有交易的前 20% 客户）' } },
  { name: 'rfm.f', type: 'number', meaning: { en: 'Frequency score 1–5 by quintile over all customers', zh: '频度评分 1–5（按全体客户五分位）' } },
  { name: 'rfm.m', type: 'number', meaning: { en: 'Monetary score 1–5 by quintile over all customers', zh: '金额评分 1–5（按全体客户五分位）' } },
  { name: 'rfm.total', type: 'number', meaning: { en: 'r + f + m, 3–15', zh: 'r + f + m，3–15' } },
  { name: 'preferredChannel', type: 'string', meaning: { en: `The channel used on the most days in the last 90 days, payroll aside (${ACTIVITY_CHANNELS.filter((c) => c !== 'payroll').join(', ')}); null when none`, zh: `近 90 天使用天数最多的渠道（代发工资除外）；无交易时为 null` } },
  { name: 'salaryAccountOpened', type: 'boolean', meaning: { en: 'A salary (payroll) account product opened in the last 90 days', zh: '近 90 天开立了代发工资账户类产品' } },
  { name: 'payroll', type: 'boolean', meaning: { en: 'Salary credited by an employer (payroll channel) in the last 90 days', zh: '近 90 天有代发工资入账' } },
];

/** The names a segment rule may use, as the FEEL compiler reads them. */
export const FACT_SCOPE: FeelScope = scopeOf(FACTS);

function scopeOf(facts: readonly FactName[]): FeelScope {
  const scope: Record<string, FeelType | Record<string, FeelType>> = {};
  for (const { name, type } of facts) {
    const [head, member] = name.split('.') as [string, string | undefined];
    if (member === undefined) scope[head] = type;
    else ((scope[head] ??= {}) as Record<string, FeelType>)[member] = type;
  }
  return scope;
}

/** One customer's facts as the segments see them (numbers where the database holds exact decimals: rules compare, they do not sum money). */
export type CustomerFacts = {
  aum: number;
  aumBefore: number | null;
  age: number | null;
  tenureDays: number;
  kind: 'individual' | 'corporate';
  holdings: { deposit: number; wealth: number; card: number; loan: number; insurance: number; total: number };
  recency: number | null;
  frequency: number;
  monetary: number;
  frequencyBefore: number;
  monetaryBefore: number;
  rfm: { r: number; f: number; m: number; total: number };
  preferredChannel: ActivityChannel | null;
  salaryAccountOpened: boolean;
  payroll: boolean;
};

/** A facts object to reuse across customers: evaluation then allocates nothing per customer. */
export function emptyFacts(): CustomerFacts {
  return {
    aum: 0, aumBefore: null, age: null, tenureDays: 0, kind: 'individual',
    holdings: { deposit: 0, wealth: 0, card: 0, loan: 0, insurance: 0, total: 0 },
    recency: null, frequency: 0, monetary: 0, frequencyBefore: 0, monetaryBefore: 0,
    rfm: { r: 1, f: 1, m: 1, total: 3 }, preferredChannel: null, salaryAccountOpened: false, payroll: false,
  };
}

/**
 * The RFM score of a value against the quintile bounds of all customers (20th … 80th
 * percentile): 1 + the number of bounds it exceeds. Equal values share a score, so when most
 * customers have no activity they all score 1. The SQL in facts.queries.ts computes the same.
 */
export function quintileScore(value: number, bounds: readonly number[]): number {
  let score = 1;
  for (const bound of bounds) if (value > bound) score++;
  return score;
}
