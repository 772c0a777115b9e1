import { addDays } from '../platform/calendar/calendar-data.ts';
import { Random } from '../demo/random.ts';
import { addMonths, REVIEW_MONTHS } from './onboarding.ts';
import type { RiskCaseKind } from './risk-case.table.ts';
import type { DemoMerchantPlan, PlannedMerchant, PlantedAnomaly } from './demo-merchant-plan.ts';
import { planRequests, type PlannedRequest } from './demo-merchant-plan-requests.ts';

/*
 * What the demo merchants' staff have been doing, planned from the seed without touching the
 * database: risk cases at each step of `merchantRiskCase`, re-reviews that came due, and service
 * requests of the last two weeks (demo-merchant-plan-requests.ts). `demo-merchant-work.ts` does
 * it all through the services and the engine.
 */

export type CaseStepName = 'investigate' | 'proposeActions' | 'approve';
export type CaseStep = { element: CaseStepName; by: string; variables: Record<string, unknown> };

export type PlannedCase = {
  /** The merchant (plan key). */
  key: string;
  /** The rule of the planted alert the case is opened from; null when risk management reports it. */
  alertRule: string | null;
  kind: RiskCaseKind;
  description: string;
  /** The tasks done, in order, and by whom: the case waits at the next one, or is closed after `approve`. */
  steps: CaseStep[];
};

export type ReviewOutcome = 'completed' | 'inspection_overdue' | 'not_started';

export type PlannedReview = {
  key: string;
  /** The review date that came (on the merchant's cycle): its `next_review_on` as onboarding left it. */
  dueOn: string;
  outcome: ReviewOutcome;
  /** The day the merchant manager inspected, and what they found (completed reviews only). */
  inspectedOn: string | null;
  inspection: Record<string, unknown> | null;
};

export type DemoWork = { cases: PlannedCase[]; requests: PlannedRequest[]; reviews: PlannedReview[] };

/** Where a planned case ends up: waiting at a step, or closed. */
export const caseStage = (c: PlannedCase): CaseStepName | 'closed' => (['investigate', 'proposeActions', 'approve'] as const)[c.steps.length] ?? 'closed';

/**
 * The demo merchants' work, from the plan (its merchants as planned, `planted` the anomalies in
 * their figures) and the seed. Pure: the same plan and seed give the same work. Cases, requests
 * and reviews are on different merchants, so that each merchant's story stays readable.
 */
export function planDemoWork(plan: DemoMerchantPlan, planted: PlantedAnomaly[], seed: number): DemoWork {
  const random = new Random(seed ^ 0x0c45e5);
  const today = addDays(plan.lastDay, 1);
  const taken = new Set<string>();
  const cases = planCases(plan, planted, random, taken);
  const reviews = planReviews(plan, today, random, taken);
  const requests = planRequests(plan, today, random, taken);
  return { cases, requests, reviews };
}

const ACTIVE = (m: PlannedMerchant) => m.status === 'active' && m.rating !== null;
const approve = (by: string, approvalNote: string): CaseStep => ({ element: 'approve', by, variables: { approval: 'approve', approvalNote } });
const investigate = (findings: string): CaseStep => ({ element: 'investigate', by: 'risk', variables: { findings } });
const propose = (variables: Record<string, unknown>): CaseStep => ({ element: 'proposeActions', by: 'risk', variables });

/**
 * Eight cases: three closed with their actions applied (a delay, lower limits, a suspension
 * operations management approved), a rectification review closed with a delay lifted, two at the
 * investigation, one at the proposal, one awaiting `risk2`'s approval. A case from an alert takes
 * a planted one of a rule planted twice, so the board keeps an open alert of every rule.
 */
function planCases(plan: DemoMerchantPlan, planted: PlantedAnomaly[], random: Random, taken: Set<string>): PlannedCase[] {
  const byKey = new Map(plan.merchants.map((m) => [m.key, m]));
  const left = new Map<string, number>();
  for (const p of planted) left.set(p.rule, (left.get(p.rule) ?? 0) + 1);
  const claim = (key: string, alertRule: string | null) => {
    taken.add(key);
    return { key, alertRule };
  };
  /** The merchant of a planted alert of `rule` that fits, or else one that fits, reported. */
  const subject = (rule: string | null, fits: (m: PlannedMerchant) => boolean) => {
    const alerted = rule && (left.get(rule) ?? 0) > 1 ? planted.find((p) => p.rule === rule && !taken.has(p.key) && fits(byKey.get(p.key)!)) : undefined;
    if (!alerted) return claim(random.pick(plan.merchants.filter((m) => !taken.has(m.key) && fits(m))).key, null);
    left.set(alerted.rule, left.get(alerted.rule)! - 1);
    return claim(alerted.key, alerted.rule);
  };
  // a delay is a restriction only beyond the merchant's cycle: T+1 for a rating below high
  const settledT1 = (m: PlannedMerchant) => ACTIVE(m) && m.rating !== 'high';
  const store = (m: PlannedMerchant) => ACTIVE(m) && m.application.kind === 'store';
  const online = (m: PlannedMerchant) => ACTIVE(m) && m.application.kind === 'online';
  // the restriction held longest: its merchant has had time to put things right
  const restricted = plan.merchants.filter((m) => m.status === 'restricted' && m.rating).sort((a, b) => a.changedOn!.localeCompare(b.changedOn!))[0];
  return [
    { ...subject('CHARGEBACK_RATIO', settledT1), kind: 'fraud', description: '拒付率超过 1%，两日内多笔交易被持卡人拒付', steps: [
      investigate('多笔交易被持卡人以未收到商品为由拒付，商户无法提供签购单和发货凭证'),
      propose({ settlementDelayDays: 3, riskRating: 'medium', actionNote: '延迟结算至 T+3，观察 30 天内的拒付情况' }),
      approve('risk2', '同意延迟结算'),
    ] },
    { ...subject('NEAR_LIMIT_SPLITTING', ACTIVE), kind: 'cash_out', description: '接近单笔限额的交易集中出现，疑似拆单', steps: [
      investigate('同一卡号数分钟内多笔接近限额的交易，金额多为整数，疑似拆单套现'),
      propose({ dailyLimit: '30000.00', singleLimit: '2000.00', riskRating: 'high', actionNote: '下调单笔和单日限额，按月复核' }),
      approve('risk2', '同意下调限额'),
    ] },
    { ...subject('OUTSIDE_REGION', store), kind: 'moved_terminal', description: '终端连续多日在登记地以外受理交易', steps: [
      investigate('终端定位显示在外省受理交易，商户承认将终端借给他人使用'),
      propose({ suspend: true, recoverTerminals: true, riskRating: 'high', actionNote: '暂停受理，三个工作日内回收终端' }),
      approve('ops', '同意暂停并回收终端'),
    ] },
    ...(restricted ? [{ ...claim(restricted.key, null), kind: 'rectification' as const, description: '商户完成整改，申请解除延迟结算', steps: [
      investigate('商户已更换收银人员并完成培训，整改后交易正常，未再出现异常'),
      propose({ liftControls: ['settlementDelay'], riskRating: 'medium', actionNote: '整改到位，结算周期恢复 T+1，限额暂保留' }),
      approve('risk2', '同意解除延迟结算'),
    ] }] : []),
    { ...subject('NIGHT_SHARE_JUMP', ACTIVE), kind: 'cash_out', description: '夜间交易占比骤升', steps: [] },
    { ...subject(null, online), kind: 'data_leak', description: '发卡行通报：多张在该商户网站支付过的卡片随后被盗刷，疑似支付页面信息泄露', steps: [] },
    { ...subject(null, store), kind: 'cash_out', description: '持卡人举报该店以虚构消费方式为信用卡套现', steps: [
      investigate('近 30 日整数金额交易集中在月末，部分卡号反复出现，与该店客单价不符'),
    ] },
    { ...subject(null, ACTIVE), kind: 'fraud', description: '多家发卡行反映该商户境外卡交易异常，疑有盗卡交易', steps: [
      investigate('境外卡交易占比一周内由 1% 升至 18%，多笔交易被发卡行认定为伪卡交易'),
      propose({ restrictedCardTypes: ['foreign'], riskRating: 'medium', actionNote: '暂停受理境外卡，待发卡行核查结果' }),
    ] },
  ];
}

/** The last review date on the merchant's cycle before `today` (activation plus whole cycles), or null. */
export function lastReviewDue(m: PlannedMerchant, today: string): string | null {
  if (!m.activatedOn || !m.rating) return null;
  let last: string | null = null;
  for (let n = 1; ; n++) {
    const due = addMonths(m.activatedOn, n * REVIEW_MONTHS[m.rating]);
    if (due >= today) return last;
    last = due;
  }
}

/**
 * Re-reviews that came due: two completed by the merchant manager (on merchants rated medium: a
 * review's rating table has no credit record for a demo merchant and rates medium at best), two
 * started three or more weeks ago whose inspection is overdue, two due in the last days with
 * none started yet (the sweep of a node starts them within a minute of its background work).
 */
function planReviews(plan: DemoMerchantPlan, today: string, random: Random, taken: Set<string>): PlannedReview[] {
  const due = plan.merchants.flatMap((m) => {
    const dueOn = ACTIVE(m) && !taken.has(m.key) ? lastReviewDue(m, today) : null;
    return dueOn ? [{ m, dueOn }] : [];
  });
  const within = (from: number, to: number, fits: (m: PlannedMerchant) => boolean = () => true) => due.filter((d) => d.dueOn >= addDays(today, -from) && d.dueOn <= addDays(today, -to) && !taken.has(d.m.key) && fits(d.m));
  const take = (candidates: typeof due, n: number) =>
    Array.from({ length: Math.min(n, candidates.length) }, () => {
      const d = candidates.splice(random.int(candidates.length), 1)[0]!;
      taken.add(d.m.key);
      return d;
    });
  const completed = take(within(45, 20, (m) => m.rating === 'medium'), 2).map(({ m, dueOn }, i): PlannedReview => {
    const store = m.application.kind === 'store';
    const checklist = store ? { premises: true, signage: true, licenceDisplayed: true, cashier: true } : { websiteReachable: true, icpFiling: true, policiesPublished: true, goodsMatchIndustry: true };
    const note = i === 0 ? '经营正常，与登记信息一致' : '收费标准公示未更新，已当场提醒商户更换';
    return { key: m.key, dueOn, outcome: 'completed', inspectedOn: addDays(dueOn, 3 + random.int(6)), inspection: { inspectionFindings: i === 0 ? 'none' : 'minor', addressConfirmed: true, inspectionChecklist: checklist, inspectionPhotos: store ? 3 + random.int(4) : 0, inspectionLocation: null, inspectionNote: note } };
  });
  const overdue = take(within(45, 24), 2).map(({ m, dueOn }): PlannedReview => ({ key: m.key, dueOn, outcome: 'inspection_overdue', inspectedOn: null, inspection: null }));
  const notStarted = take(within(10, 1), 2).map(({ m, dueOn }): PlannedReview => ({ key: m.key, dueOn, outcome: 'not_started', inspectedOn: null, inspection: null }));
  return [...completed, ...overdue, ...notStarted];
}
