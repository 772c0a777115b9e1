import type { Product } from '../products/product.ts';
import type { OfferFacts, OfferMethod, OfferReason, ProductModel } from './offer.ts';

/*
 * The transparent score of an offer: log-odds of acceptance as a sum of terms, each a reason in
 * plain words with its weight; the score is the logistic of the sum (an estimated chance, 0–1).
 * A product with enough history is scored by its learned model (an intercept and one weight per
 * feature below); one without, by the rules below from a common base. Both give a chance on the
 * same scale, so they rank together. Pure: no I/O, no clock.
 */

/** A customer feature the model learns a weight for: binary, named in both languages. */
export type Feature = { key: string; en: string; zh: string; holds: (f: OfferFacts) => boolean };

export const FEATURES: readonly Feature[] = [
  { key: 'salary', en: 'Holds a payroll account', zh: '持有代发工资账户', holds: (f) => f.salary },
  { key: 'aum50k', en: 'Assets of 50,000 yuan or more', zh: '资产 5 万元以上', holds: (f) => f.aum >= 50_000 },
  { key: 'aum500k', en: 'Assets of 500,000 yuan or more', zh: '资产 50 万元以上', holds: (f) => f.aum >= 500_000 },
  { key: 'under35', en: 'Under 35', zh: '35 岁以下', holds: (f) => f.age !== null && f.age < 35 },
  { key: 'over55', en: '55 or over', zh: '55 岁及以上', holds: (f) => f.age !== null && f.age >= 55 },
  { key: 'active', en: 'Active on 6 days or more in the last 90', zh: '近 90 天有 6 天以上交易', holds: (f) => f.frequency >= 6 },
  { key: 'inactive', en: 'No transaction in the last 90 days', zh: '近 90 天没有交易', holds: (f) => f.recency === null || f.recency >= 90 },
  { key: 'digital', en: 'Prefers the mobile app or online banking', zh: '常用手机银行或网上银行', holds: (f) => f.preferredChannel === 'mobile' || f.preferredChannel === 'online' },
  { key: 'holdsDeposit', en: 'Holds deposits', zh: '持有存款产品', holds: (f) => f.holdings.deposit > 0 },
  { key: 'holdsWealth', en: 'Holds wealth products', zh: '持有理财产品', holds: (f) => f.holdings.wealth > 0 },
  { key: 'holdsInsurance', en: 'Holds insurance', zh: '持有保险产品', holds: (f) => f.holdings.insurance > 0 },
  { key: 'holdsLoan', en: 'Has a loan', zh: '有贷款', holds: (f) => f.holdings.loan > 0 },
  { key: 'atRisk', en: 'In the at-risk group', zh: '流失预警客户', holds: (f) => f.segments.includes('at-risk') },
];

export const FEATURE_KEYS: readonly string[] = FEATURES.map((f) => f.key);

/** The keys of the features that hold for a customer, in FEATURES order. */
export function featuresOf(facts: OfferFacts): string[] {
  return FEATURES.filter((f) => f.holds(facts)).map((f) => f.key);
}

/** A rule of the rules score: when it holds for a customer and product, its weight and reason. */
type Rule = { code: string; weight: number; en: string; zh: string; applies: (f: OfferFacts, p: Product) => boolean };

/** The rules score starts from this log-odds (about 12%): a product with no history is offered modestly. */
export const RULES_BASE = -2;

/** A purchase (not a loan: that is borrowed) whose minimum of 10,000 yuan or more is above the customer's assets. */
const minAbove = (p: Product, aum: number) => p.kind !== 'loan' && p.minAmount !== null && Number(p.minAmount) >= 10_000 && Number(p.minAmount) > aum;

export const RULES: readonly Rule[] = [
  { code: 'card_salary', weight: 0.8, en: 'Payroll customer: a card that goes with the salary', zh: '代发工资客户，适合工资卡配套产品', applies: (f, p) => p.kind === 'card' && f.salary },
  { code: 'card_none', weight: 0.6, en: 'Holds no card of the bank yet', zh: '尚未持有本行银行卡', applies: (f, p) => p.kind === 'card' && f.holdings.card === 0 },
  { code: 'payroll_working_age', weight: 0.5, en: 'Of working age, without a payroll account', zh: '工作年龄客户，尚无代发工资账户', applies: (f, p) => p.salaryAccount && !f.salary && f.age !== null && f.age >= 22 && f.age < 50 },
  { code: 'deposit_assets', weight: 0.5, en: 'Assets of 50,000 yuan or more to put on term', zh: '资产 5 万元以上，适合定期储蓄', applies: (f, p) => p.kind === 'deposit' && !p.salaryAccount && f.aum >= 50_000 },
  { code: 'deposit_at_risk', weight: 0.4, en: 'At-risk customer: a deposit to keep their savings here', zh: '流失预警客户，以存款产品留存资金', applies: (f, p) => p.kind === 'deposit' && !p.salaryAccount && f.segments.includes('at-risk') },
  { code: 'wealth_held', weight: 0.7, en: 'Already holds wealth products', zh: '已持有理财产品，熟悉此类投资', applies: (f, p) => p.kind === 'wealth' && f.holdings.wealth > 0 },
  { code: 'wealth_assets', weight: 0.5, en: 'Assets of 50,000 yuan or more', zh: '资产 5 万元以上', applies: (f, p) => p.kind === 'wealth' && f.aum >= 50_000 },
  { code: 'risk_match', weight: 0.3, en: 'Risk level matches the customer’s tolerance', zh: '产品风险等级与客户风险承受能力相符', applies: (f, p) => (p.kind === 'wealth' || p.kind === 'insurance') && f.level === p.riskLevel },
  { code: 'tier_allocation', weight: 0.4, en: 'Platinum or private-banking customer: suits an allocation product', zh: '白金及私行客户，适合配置型产品', applies: (f, p) => p.kind === 'wealth' && p.riskLevel >= 3 && (f.tier === 'platinum' || f.tier === 'private') },
  { code: 'loan_salary', weight: 0.6, en: 'Payroll customer: a steady income to repay from', zh: '代发工资客户，还款来源稳定', applies: (f, p) => p.kind === 'loan' && f.salary },
  { code: 'loan_young', weight: 0.3, en: 'Aged 22 to 40', zh: '年龄 22 至 40 岁', applies: (f, p) => p.kind === 'loan' && f.age !== null && f.age >= 22 && f.age <= 40 },
  { code: 'loan_wealthy', weight: -0.5, en: 'Assets of 500,000 yuan or more: little need to borrow', zh: '资产 50 万元以上，贷款需求较低', applies: (f, p) => p.kind === 'loan' && f.aum >= 500_000 },
  { code: 'insurance_age', weight: 0.4, en: 'Aged 30 to 55, when family cover matters most', zh: '年龄 30 至 55 岁，家庭保障需求较高', applies: (f, p) => p.kind === 'insurance' && f.age !== null && f.age >= 30 && f.age <= 55 },
  { code: 'insurance_none', weight: 0.3, en: 'Holds no insurance yet', zh: '尚无保险保障', applies: (f, p) => p.kind === 'insurance' && f.holdings.insurance === 0 },
  { code: 'digital_cash', weight: 0.3, en: 'Uses the app or online banking: daily liquidity at hand', zh: '常用手机银行或网上银行，适合随用随取的产品', applies: (f, p) => p.kind === 'wealth' && p.riskLevel === 1 && (f.preferredChannel === 'mobile' || f.preferredChannel === 'online') },
  { code: 'below_minimum', weight: -1.2, en: 'The minimum purchase is above the customer’s assets', zh: '起购金额高于客户现有资产', applies: (f, p) => minAbove(p, f.aum) },
];

export type Scored = { score: number; method: OfferMethod; reasons: OfferReason[] };

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;
const signed = (w: number) => `${w >= 0 ? '+' : '−'}${Math.abs(w).toFixed(1)}`;
/** Terms smaller than this are not worth a reason. */
const NEGLIGIBLE = 0.05;

/**
 * A product's score for a customer: its model's when `model` has coefficients, else the rules'.
 * Reasons are the terms that moved it, largest first, then the history the model rests on.
 */
export function scoreOffer(facts: OfferFacts, features: readonly string[], product: Product, model: ProductModel | undefined): Scored {
  if (model?.weights && model.intercept !== null) {
    let z = model.intercept;
    const terms: OfferReason[] = [];
    for (const f of FEATURES) {
      const w = model.weights[f.key] ?? 0;
      if (!features.includes(f.key)) continue;
      z += w;
      if (Math.abs(w) >= NEGLIGIBLE) terms.push({ code: f.key, en: `${f.en} (${signed(w)})`, zh: `${f.zh}（${signed(w)}）`, weight: round(w, 2) });
    }
    const history: OfferReason = { code: 'history', en: `Accepted ${model.accepted} of ${model.samples} times offered`, zh: `以往推荐 ${model.samples} 次，接受 ${model.accepted} 次`, weight: null };
    return { score: round(sigmoid(z), 4), method: 'model', reasons: [...byWeight(terms), history] };
  }
  let z = RULES_BASE;
  const terms: OfferReason[] = [];
  for (const r of RULES) {
    if (!r.applies(facts, product)) continue;
    z += r.weight;
    terms.push({ code: r.code, en: `${r.en} (${signed(r.weight)})`, zh: `${r.zh}（${signed(r.weight)}）`, weight: r.weight });
  }
  const context: OfferReason = { code: 'rules', en: `Too little history for a model${model ? ` (${model.samples} outcomes)` : ''}: scored by the bank’s rules`, zh: `推荐记录不足${model ? `（${model.samples} 次）` : ''}，按规则评分`, weight: null };
  return { score: round(sigmoid(z), 4), method: 'rules', reasons: [...byWeight(terms), context] };
}

function byWeight(terms: OfferReason[]): OfferReason[] {
  return terms.sort((a, b) => Math.abs(b.weight!) - Math.abs(a.weight!) || a.code.localeCompare(b.code));
}
