import type { Random } from './random.ts';

/** A task as the history works it. */
export type WorkTask = { id: string; elementId: string; processKey: string; businessKey: string | null; excludedUsers: string[] };

/** How a worker completes a step: its variables, or a return for correction with the reason. */
export type Answer = { type: 'complete'; variables: Record<string, unknown> } | { type: 'return'; reason: string };

/** Median minutes a step takes its worker, and the spread (log-normal sigma). */
const HANDLING: Record<string, [number, number]> = {
  checkMaterials: [4, 0.4],
  makerInput: [5, 0.4],
  checkerApproval: [5, 0.5],
  prepareTransfer: [6, 0.4],
  callBack: [6, 0.5],
  authorise: [5, 0.4],
  issueCard: [10, 0.5],
  creditReview: [35, 0.5],
  branchApproval: [15, 0.5],
  regionApproval: [20, 0.5],
  committeeVote: [12, 0.6],
  signContract: [18, 0.4],
  centralReview: [25, 0.5],
  siteVisit: [80, 0.4],
  followUp: [15, 0.5],
  accept: [10, 0.5],
  assign: [3, 0.4],
  investigate: [40, 0.5],
  approveDecision: [10, 0.5],
  recordResponse: [6, 0.4],
  review: [30, 0.5],
  rootCause: [30, 0.5],
};

/** Minutes the worker spends on a step. */
export function handlingMinutes(rng: Random, elementId: string): number {
  const [median, sigma] = HANDLING[elementId] ?? [8, 0.5];
  return Math.min(median * 6, Math.max(1, rng.lognormal(median, sigma)));
}

const RETURN_REASONS = ['用途填写不完整，请补充', '客户签名与预留样本不符，请核实', '录入的证件有效期有误', '资料扫描件不清晰，请重新上传'];
const REJECT_COMMENTS = ['客户资质不符合要求', '资料真实性存疑，不予办理', '经核查存在异常交易风险'];

/** An approval's answer: mostly approved, sometimes returned for correction, now and then rejected. */
function approval(rng: Random, approve: number, give: number): Answer {
  const r = rng.next();
  if (r < approve) return { type: 'complete', variables: { decision: 'approve', comment: '同意' } };
  if (r < approve + give) return { type: 'return', reason: rng.pick(RETURN_REASONS) };
  return { type: 'complete', variables: { decision: 'reject', comment: rng.pick(REJECT_COMMENTS) } };
}

/** The typical answer of a step of a shipped service process (complaint steps go through the complaint API). */
export function answerFor(rng: Random, task: WorkTask): Answer {
  const step = `${task.processKey}:${task.elementId}`;
  switch (step) {
    case 'personalAccountOpening:makerInput':
      return { type: 'complete', variables: accountDetails(rng) };
    case 'personalAccountOpening:checkerApproval':
      return approval(rng, 0.86, 0.09);
    case 'personalLoanApplication:branchApproval':
    case 'personalLoanApplication:regionApproval':
      return approval(rng, 0.8, 0.08);
    case 'personalLoanApplication:committeeVote':
      return { type: 'complete', variables: { vote: rng.chance(0.75) ? 'approve' : 'reject' } };
    case 'largeValueTransfer:callBack':
      return { type: 'complete', variables: rng.chance(0.96) ? { confirmed: true } : { confirmed: false, callBackNote: '客户称未办理此笔转账' } };
    case 'largeValueTransfer:authorise':
      return approval(rng, 0.92, 0.03);
    case 'corporateAccountOpening:centralReview':
      return approval(rng, 0.85, 0.1);
    case 'corporateAccountOpening:siteVisit':
      return { type: 'complete', variables: { siteConfirmed: rng.chance(0.95) } };
    case 'corporateAccountOpening:checkerApproval':
      return approval(rng, 0.9, 0.05);
    case 'surveyFollowUp:followUp':
      return {
        type: 'complete',
        variables: rng.weighted([
          [{ outcome: '已致电客户致歉，说明改进措施', resolution: 'apologised' }, 5],
          [{ outcome: '已协助客户重新办理并解决问题', resolution: 'fixed' }, 3],
          [{ outcome: '客户仍不满意，已转投诉处理', resolution: 'escalated' }, 1],
        ] as const),
      };
    default:
      return { type: 'complete', variables: {} };
  }
}

/** What the teller enters for a new personal account (the maker step's form). */
export function accountDetails(rng: Random): Record<string, unknown> {
  return { accountType: rng.chance(0.8) ? 'debit_card' : 'passbook', purpose: rng.pick(['工资代发', '日常消费', '储蓄理财', '代缴费用']), smsAlerts: rng.chance(0.7) };
}

/** The application a loan officer records when checking the materials: income, debts, history, term. */
export function loanApplication(rng: Random): Record<string, unknown> {
  const monthlyIncome = Math.round(rng.lognormal(18_000, 0.5) / 100) * 100;
  const monthlyDebt = Math.round((monthlyIncome * rng.between(0, 0.5)) / 100) * 100;
  return { monthlyIncome, monthlyDebt, creditHistory: rng.weighted([['good', 60], ['fair', 25], ['none', 10], ['poor', 5]] as const), termMonths: rng.pick([12, 24, 36, 60, 120]) };
}
