import type { FieldError } from '../platform/errors.ts';
import type { MerchantControls, MerchantStatus, RiskRating } from './merchant.table.ts';
import { SETTLEMENT_DAYS } from './onboarding.ts';
import type { LiftableControl, RiskAction, RiskCaseKind } from './risk-case.table.ts';

/*
 * Lifting a merchant's controls (解除管控), the answer `liftControls` of a rectification review
 * (整改复查): which controls are in force, what a lift may name, and what it leaves. No database.
 */

export const LIFTABLE = ['settlementDelay', 'dailyLimit', 'singleLimit', 'restrictedCardTypes', 'suspension'] as const satisfies readonly LiftableControl[];

export type Lift = Extract<RiskAction, { type: 'lift_controls' }>;

/** The merchant and case a proposal is checked against. */
export type ProposalSubject = { status: MerchantStatus; controls: MerchantControls; kind: RiskCaseKind };

const LABELS: Record<LiftableControl, { en: string; zh: string }> = {
  settlementDelay: { en: 'the settlement delay', zh: '延迟结算' },
  dailyLimit: { en: 'the daily limit', zh: '单日限额' },
  singleLimit: { en: 'the single-transaction limit', zh: '单笔限额' },
  restrictedCardTypes: { en: 'the restricted card types', zh: '限制受理卡种' },
  suspension: { en: 'the suspension', zh: '暂停受理' },
};

const STATUS_NAMES: Record<MerchantStatus, { en: string; zh: string }> = {
  applying: { en: 'applying', zh: '申请中' },
  active: { en: 'active', zh: '正常' },
  restricted: { en: 'restricted', zh: '受限' },
  suspended: { en: 'suspended', zh: '暂停' },
  terminated: { en: 'terminated', zh: '已终止' },
  refused: { en: 'refused', zh: '已拒绝' },
};

/** The merchant's status in both languages, for messages. */
export const statusName = (status: MerchantStatus) => STATUS_NAMES[status];

/** The standard settlement cycle (T+n) of a rating: where a lifted delay goes back to. */
export const standardDays = (rating: RiskRating) => SETTLEMENT_DAYS[rating];

/**
 * The answer as asked: absent (null, empty text, an empty list) → null; the text `all` → ['all'];
 * a list kept as given (checked by `liftProblems`).
 */
export function liftRequested(value: unknown): unknown[] | null {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return null;
  if (value === 'all') return ['all'];
  return Array.isArray(value) ? value : [value];
}

/**
 * What a lift can remove from this merchant now: a delay longer than the standard cycle
 * (`normalDays`), a limit, restricted card types, a suspension.
 */
export function liftableInForce(status: MerchantStatus, controls: MerchantControls, normalDays: number): LiftableControl[] {
  const inForce: Record<LiftableControl, boolean> = {
    settlementDelay: (controls.settlementDelayDays ?? normalDays) > normalDays,
    dailyLimit: controls.dailyLimit !== undefined,
    singleLimit: controls.singleLimit !== undefined,
    restrictedCardTypes: (controls.restrictedCardTypes ?? []).length > 0,
    suspension: status === 'suspended',
  };
  return LIFTABLE.filter((c) => inForce[c]);
}

/**
 * What is wrong with `liftControls` (at most one fault, under `field`): not a list of the
 * liftable controls or `all`; not a rectification review; mixed with new restrictions (named in
 * `restricting`); a terminated merchant; a control not in force; nothing to lift at all.
 * `rating` is the rating after the case (null when not given: the delay is then not checked).
 */
export function liftProblems(requested: unknown[], subject: ProposalSubject, rating: RiskRating | null, restricting: string[], field: string): FieldError[] {
  const fault = (en: string, zh: string): FieldError[] => [{ field, message: { en, zh } }];
  const names = [...LIFTABLE, 'all'] as const;
  if (requested.some((c) => !(names as readonly unknown[]).includes(c))) {
    return fault(`Controls to lift are a list of ${names.join(', ')}.`, `解除管控应为以下取值的列表：${names.join('、')}。`);
  }
  if (subject.kind !== 'rectification') {
    return fault('Controls are lifted in a rectification review: open a case of kind rectification on the merchant.', '解除管控须经整改复查（rectification）：请对该商户登记整改复查。');
  }
  if (restricting.length) {
    return fault(`Lifting controls cannot be proposed together with new restrictions (${restricting.join(', ')}): propose one or the other.`, `解除管控不能与新的限制措施（${restricting.join('、')}）同时提出，请只提出其中一种。`);
  }
  if (subject.status === 'terminated') return fault('A terminated merchant is never reinstated.', '已终止合作的商户不能恢复。');
  const inForce = liftableInForce(subject.status, subject.controls, rating ? standardDays(rating) : 0);
  const absent = (requested.filter((c) => c !== 'all') as LiftableControl[]).filter((c) => !inForce.includes(c));
  if (absent.length) {
    const delay = absent.includes('settlementDelay') && rating ? { en: ` (settlement T+${subject.controls.settlementDelayDays ?? standardDays(rating)} is the standard cycle for a ${rating}-risk merchant)`, zh: `（T+${subject.controls.settlementDelayDays ?? standardDays(rating)} 即为${rating === 'high' ? '高' : rating === 'medium' ? '中' : '低'}风险商户的标准结算周期）` } : { en: '', zh: '' };
    return fault(
      `Not in force on this merchant, nothing to lift: ${absent.map((c) => LABELS[c].en).join(', ')}${delay.en}.`,
      `该商户当前没有以下管控，无需解除：${absent.map((c) => LABELS[c].zh).join('、')}${delay.zh}。`,
    );
  }
  if (inForce.length === 0 && subject.status !== 'restricted') {
    return fault(`The merchant is ${statusName(subject.status).en} with no control in force: there is nothing to lift.`, `该商户状态为“${statusName(subject.status).zh}”，没有需要解除的管控。`);
  }
  return [];
}

/**
 * The lift the answer amounts to on the merchant as it is now: `all` is what is in force, a
 * named control no longer in force is dropped. Null when nothing is asked — or the merchant was
 * terminated meanwhile: a terminated merchant is never reinstated.
 */
export function liftOf(value: unknown, merchant: Pick<ProposalSubject, 'status' | 'controls'>, rating: RiskRating): Lift | null {
  const requested = liftRequested(value);
  if (!requested || merchant.status === 'terminated') return null;
  const settlementDelayDays = standardDays(rating);
  const inForce = liftableInForce(merchant.status, merchant.controls, settlementDelayDays);
  const controls = requested.includes('all') ? inForce : inForce.filter((c) => requested.includes(c));
  return { type: 'lift_controls', controls, settlementDelayDays };
}

/** The controls without the ones lifted: a delay back to the standard cycle, limits and card types gone. */
export function liftedControls(current: MerchantControls, lift: Lift): MerchantControls {
  const { dailyLimit, singleLimit, restrictedCardTypes, ...rest } = current;
  const lifted = new Set(lift.controls);
  return {
    ...rest,
    ...(lifted.has('settlementDelay') ? { settlementDelayDays: lift.settlementDelayDays } : {}),
    ...(dailyLimit !== undefined && !lifted.has('dailyLimit') ? { dailyLimit } : {}),
    ...(singleLimit !== undefined && !lifted.has('singleLimit') ? { singleLimit } : {}),
    ...(restrictedCardTypes !== undefined && !lifted.has('restrictedCardTypes') ? { restrictedCardTypes } : {}),
  };
}

/**
 * The status after a lift: a suspension lifted leaves the merchant restricted while controls
 * remain (`controls`: those after the lift), else active; a restricted merchant with none left is
 * active. A terminated merchant is never reinstated; a suspension not lifted stays.
 */
export function reinstatedStatus(current: MerchantStatus, lift: Lift, controls: MerchantControls): MerchantStatus {
  if (current === 'suspended' && !lift.controls.includes('suspension')) return current;
  if (current !== 'suspended' && current !== 'restricted') return current;
  return liftableInForce('active', controls, lift.settlementDelayDays).length ? 'restricted' : 'active';
}

/** The lifts as the merchant reads them in the SMS, each a sentence. */
export function liftMeasures(lift: Lift, lang: 'zh' | 'en'): string[] {
  const zh = lang === 'zh';
  const sentences: Record<LiftableControl, string> = {
    settlementDelay: zh ? `结算周期恢复为 T+${lift.settlementDelayDays}。` : `Settlement returns to T+${lift.settlementDelayDays}.`,
    dailyLimit: zh ? '单日限额取消。' : 'The daily limit is lifted.',
    singleLimit: zh ? '单笔限额取消。' : 'The single-transaction limit is lifted.',
    restrictedCardTypes: zh ? '恢复受理全部卡种。' : 'All card types are accepted again.',
    suspension: zh ? '收单服务恢复。' : 'Card acceptance resumes.',
  };
  return lift.controls.map((c) => sentences[c]);
}
