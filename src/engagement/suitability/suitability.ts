import type { Product } from '../products/product.ts';
import type { RiskLevel } from './questionnaire.ts';

/*
 * Suitability (适当性): the one judgement every channel's sale, offer and list goes through.
 * Pure — the customer's facts, the product and the eligibility decision's answer come in, the
 * verdict with every reason goes out.
 */

export type ReasonCode =
  | 'product_withdrawn'
  | 'customer_blacklisted'
  | 'no_assessment'
  | 'assessment_expired'
  | 'risk_above_tolerance'
  | 'senior_high_risk'
  | 'not_eligible'
  | 'eligibility_unavailable';

export type Reason = { code: ReasonCode; en: string; zh: string };
export type Verdict = { suitable: boolean; reasons: Reason[] };

export type Assessment = { id: string; level: RiskLevel; validUntil: string; assessedAt: string };

/** What suitability reads about a customer, as of the day it judges. */
export type CustomerFacts = {
  id: string;
  kind: 'individual' | 'corporate';
  /** Full years on the day judged; null when the birth date is not on file. */
  age: number | null;
  blacklisted: boolean;
  /** Holds an open payroll account (a product flagged `salaryAccount`). */
  salaryAccount: boolean;
  /** The latest assessment, valid or not; null when never assessed. */
  assessment: Assessment | null;
};

/** The eligibility decision's answer for one product and customer. */
export type EligibilityAnswer = { eligible: true } | { eligible: false; en: string; zh: string } | { unavailable: string };

/** From this age customers are not sold the riskiest products (R4–R5), whatever their assessment. */
export const SENIOR_AGE = 65;
/** The highest risk level sold to a customer of SENIOR_AGE or over. */
export const SENIOR_MAX_RISK = 3;

/**
 * Whether a product is sold only on a valid risk-tolerance assessment: every wealth and insurance
 * product (investments under 《商业银行理财业务监督管理办法》), and any product above R1 (a
 * structured deposit, say). Plain deposits, cards and loans at R1 are not investments.
 */
export function needsAssessment(product: Pick<Product, 'kind' | 'riskLevel'>): boolean {
  return product.kind === 'wealth' || product.kind === 'insurance' || product.riskLevel > 1;
}

/** Full years from a birth date (YYYY-MM-DD) to a day. */
export function ageOn(birthDate: string | null, day: string): number | null {
  if (!birthDate) return null;
  const [by, bm, bd] = birthDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** C_m may have products up to R_m. */
export function levelAllows(level: RiskLevel, riskLevel: number): boolean {
  return riskLevel <= Number(level.slice(1));
}

/**
 * The verdict on selling `product` to the customer on `day` (China date): refused, with every
 * reason that applies, when the product is withdrawn; the customer is blacklisted; the product
 * needs an assessment and there is none, or it ended before `day`; the product's risk R_n is above
 * the customer's level C_m; the customer is SENIOR_AGE or over and the product above
 * SENIOR_MAX_RISK; or the product's eligibility decision says no (or could not be evaluated: the
 * bank never sells on a decision it could not take).
 */
export function judgeSuitability(customer: CustomerFacts, product: Product, day: string, eligibility: EligibilityAnswer): Verdict {
  const reasons: Reason[] = [];
  const r = product.risk;
  if (product.status === 'withdrawn') reasons.push({ code: 'product_withdrawn', en: `${product.nameEn} has been withdrawn from sale.`, zh: `${product.nameZh}已停止销售。` });
  if (customer.blacklisted) reasons.push({ code: 'customer_blacklisted', en: 'The customer is on the bank’s blacklist; no product is sold to them.', zh: '该客户在本行黑名单中，不得向其销售产品。' });
  if (needsAssessment(product)) {
    const a = customer.assessment;
    if (!a) {
      reasons.push({ code: 'no_assessment', en: `${product.nameEn} (${r}) is sold only after a risk-tolerance assessment; the customer has none. Assess them first.`, zh: `${product.nameZh}（${r}）须在风险承受能力评估后销售，该客户尚未评估，请先进行评估。` });
    } else if (a.validUntil < day) {
      reasons.push({ code: 'assessment_expired', en: `The customer’s risk-tolerance assessment (${a.level}) ended on ${a.validUntil}; assess them again.`, zh: `该客户的风险承受能力评估（${a.level}）已于${a.validUntil}到期，请重新评估。` });
    } else if (!levelAllows(a.level, product.riskLevel)) {
      reasons.push({ code: 'risk_above_tolerance', en: `${product.nameEn} is ${r}, above what a ${a.level} customer may buy (up to R${a.level.slice(1)}).`, zh: `${product.nameZh}风险等级为${r}，高于${a.level}级客户可购买的等级（R${a.level.slice(1)}及以下）。` });
    }
  }
  if (customer.age !== null && customer.age >= SENIOR_AGE && product.riskLevel > SENIOR_MAX_RISK) {
    reasons.push({ code: 'senior_high_risk', en: `Customers aged ${SENIOR_AGE} or over are not sold products above R${SENIOR_MAX_RISK}; ${product.nameEn} is ${r}.`, zh: `年满${SENIOR_AGE}周岁的客户不得购买R${SENIOR_MAX_RISK}以上产品，${product.nameZh}为${r}。` });
  }
  if ('unavailable' in eligibility) {
    reasons.push({ code: 'eligibility_unavailable', en: `The eligibility rules of ${product.nameEn} could not be checked (${eligibility.unavailable}); it is not sold until they can.`, zh: `无法核验${product.nameZh}的准入规则（${eligibility.unavailable}），核验前不得销售。` });
  } else if (!eligibility.eligible) {
    reasons.push({ code: 'not_eligible', en: eligibility.en, zh: eligibility.zh });
  }
  return { suitable: reasons.length === 0, reasons };
}
