import type { FieldError } from '../platform/errors.ts';
import type { MerchantControls, MerchantStatus, RiskRating } from './merchant.table.ts';
import { liftedControls, liftMeasures, liftOf, liftProblems, liftRequested, reinstatedStatus, type Lift, type ProposalSubject } from './risk-case-lift.ts';
import type { RiskAction, RiskCaseKind } from './risk-case.table.ts';

/*
 * The rules of a risk case (风险事件处置) that need no database: what a proposal of actions must
 * hold, the actions it amounts to, and what they do to a merchant's status and controls. Lifting
 * controls (a rectification review) has its own rules in risk-case-lift.ts.
 */

export const RISK_CASE_KINDS = ['cash_out', 'laundering', 'fraud', 'moved_terminal', 'data_leak', 'other', 'rectification'] as const satisfies readonly RiskCaseKind[];
export const CARD_TYPES = ['credit', 'debit', 'prepaid', 'foreign'] as const;
const RATINGS: readonly RiskRating[] = ['low', 'medium', 'high'];

/** The longest settlement delay a case may impose, in days (T+30). */
export const MAX_SETTLEMENT_DELAY_DAYS = 30;

/**
 * The kind of event an alert's rule points to, suggested when a case is opened from an alert
 * without one: the patterns each shipped rule watches for (src/merchants/rules/default-rules.ts).
 */
export const KIND_OF_RULE: Readonly<Record<string, RiskCaseKind>> = {
  CHARGEBACK_RATIO: 'fraud',
  VOLUME_SPIKE: 'cash_out',
  NIGHT_SHARE_JUMP: 'cash_out',
  NEAR_LIMIT_SPLITTING: 'cash_out',
  OUTSIDE_REGION: 'moved_terminal',
  REFUND_SPIKE: 'fraud',
  CNP_SHARE_JUMP: 'data_leak',
  FOREIGN_SHARE_JUMP: 'fraud',
};

/** What a proposal amounts to: the actions, the recomputed rating, the proposer's note. */
export type Proposal = { actions: RiskAction[]; riskRating: RiskRating; note: string | null };

/** An amount in yuan as exact text: digits, at most two decimals, more than zero. */
const AMOUNT = /^(0|[1-9][0-9]{0,11})(\.[0-9]{1,2})?$/;

/** Fen (cents) of an exact amount, for comparing without floats. */
export function fenOf(amount: string): bigint {
  const [whole, fraction = ''] = amount.split('.') as [string, string?];
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
}

const blank = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
const problem = (field: string, en: string, zh: string): FieldError => ({ field, message: { en, zh } });

/**
 * What is wrong with the answers of `proposeActions`, each fault under `prefix` + the variable's
 * name. `subject` is the merchant (its status and controls) and the case's kind: a delay is longer
 * and a limit lower than the one in force, or it would not be a restriction; a lift is checked by
 * `liftProblems`.
 */
export function proposalProblems(v: Record<string, unknown>, subject: ProposalSubject, prefix = '/variables'): FieldError[] {
  const errors: FieldError[] = [];
  const at = (name: string) => `${prefix}/${name}`;
  const current = subject.controls;
  if (!blank(v.settlementDelayDays)) {
    const days = v.settlementDelayDays;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_SETTLEMENT_DELAY_DAYS) {
      errors.push(problem(at('settlementDelayDays'), `Settlement delay is a whole number of days from 1 to ${MAX_SETTLEMENT_DELAY_DAYS} (T+n).`, `延迟结算天数应为 1 至 ${MAX_SETTLEMENT_DELAY_DAYS} 的整数（T+n）。`));
    } else if (current.settlementDelayDays !== undefined && days <= current.settlementDelayDays) {
      errors.push(problem(at('settlementDelayDays'), `The merchant is already settled T+${current.settlementDelayDays}; a delay must be longer, or leave it empty.`, `该商户当前结算周期已为 T+${current.settlementDelayDays}，延迟结算须长于此，否则请留空。`));
    }
  }
  for (const name of ['dailyLimit', 'singleLimit'] as const) {
    const value = v[name];
    if (blank(value)) continue;
    const label = name === 'dailyLimit' ? { en: 'daily limit', zh: '单日限额' } : { en: 'single-transaction limit', zh: '单笔限额' };
    if (typeof value !== 'string' || !AMOUNT.test(value) || fenOf(value) === 0n) {
      errors.push(problem(at(name), `The ${label.en} is an amount in yuan as text, more than 0, at most 2 decimals (e.g. "5000.00").`, `${label.zh}应为大于 0、最多两位小数的金额文本（如 "5000.00"）。`));
      continue;
    }
    const inForce = current[name];
    if (inForce !== undefined && fenOf(value) >= fenOf(inForce)) errors.push(problem(at(name), `The ${label.en} in force is ${inForce} yuan; a new one must be lower, or leave it empty.`, `当前${label.zh}为 ${inForce} 元，新限额须低于此，否则请留空。`));
  }
  const daily = typeof v.dailyLimit === 'string' && AMOUNT.test(v.dailyLimit) ? v.dailyLimit : current.dailyLimit;
  if (typeof v.singleLimit === 'string' && AMOUNT.test(v.singleLimit) && daily !== undefined && fenOf(v.singleLimit) > fenOf(daily)) {
    errors.push(problem(at('singleLimit'), `The single-transaction limit cannot exceed the daily limit (${daily} yuan).`, `单笔限额不能高于单日限额（${daily} 元）。`));
  }
  if (!blank(v.restrictedCardTypes)) {
    const types = v.restrictedCardTypes;
    if (!Array.isArray(types) || types.length === 0 || types.some((t) => !(CARD_TYPES as readonly unknown[]).includes(t))) {
      errors.push(problem(at('restrictedCardTypes'), `Restricted card types are a list of ${CARD_TYPES.join(', ')}.`, `限制受理的卡种应为以下取值的列表：${CARD_TYPES.join('、')}。`));
    }
  }
  for (const name of ['suspend', 'recoverTerminals', 'terminate'] as const) {
    if (!blank(v[name]) && typeof v[name] !== 'boolean') errors.push(problem(at(name), `${name} is true or false.`, `${name} 应为 true 或 false。`));
  }
  if (v.terminate === true && (typeof v.blacklistReason !== 'string' || v.blacklistReason.trim().length < 2)) {
    errors.push(problem(at('blacklistReason'), 'A terminated merchant is put on the risk list: say why (the reason the list will show).', '终止合作的商户将列入风险信息名单，请填写列入原因。'));
  }
  const rating = RATINGS.includes(v.riskRating as RiskRating) ? (v.riskRating as RiskRating) : null;
  if (!rating) errors.push(problem(at('riskRating'), 'Give the merchant’s risk rating after this event: low, medium or high.', '请给出本次事件后商户的风险等级：low、medium 或 high。'));
  if (!blank(v.actionNote) && typeof v.actionNote !== 'string') errors.push(problem(at('actionNote'), 'The note is text.', '说明应为文本。'));
  const lift = liftRequested(v.liftControls);
  if (lift) errors.push(...liftProblems(lift, subject, rating, restrictionsIn(v), at('liftControls')));
  return errors;
}

/** The new restrictions a proposal's answers name (the variables given), for refusing them beside a lift. */
function restrictionsIn(v: Record<string, unknown>): string[] {
  const given = ['settlementDelayDays', 'dailyLimit', 'singleLimit', 'restrictedCardTypes'].filter((name) => !blank(v[name]));
  return [...given, ...['suspend', 'recoverTerminals', 'terminate'].filter((name) => v[name] === true)];
}

/**
 * The proposal the answers of `proposeActions` make (answers already checked by the gate), on the
 * merchant as it is now: a lift names the controls in force it removes (`all` is every one).
 */
export function proposalOf(v: Record<string, unknown>, merchant: Pick<ProposalSubject, 'status' | 'controls'>): Proposal {
  const actions: RiskAction[] = [];
  if (typeof v.settlementDelayDays === 'number') actions.push({ type: 'settlement_delay', days: v.settlementDelayDays });
  const dailyLimit = typeof v.dailyLimit === 'string' && v.dailyLimit ? v.dailyLimit : null;
  const singleLimit = typeof v.singleLimit === 'string' && v.singleLimit ? v.singleLimit : null;
  if (dailyLimit || singleLimit) actions.push({ type: 'limits', dailyLimit, singleLimit });
  if (Array.isArray(v.restrictedCardTypes) && v.restrictedCardTypes.length) actions.push({ type: 'restrict_card_types', cardTypes: [...new Set(v.restrictedCardTypes.map(String))].sort() });
  if (v.suspend === true) actions.push({ type: 'suspend' });
  if (v.recoverTerminals === true) actions.push({ type: 'recover_terminals' });
  if (v.terminate === true) actions.push({ type: 'terminate', blacklistReason: String(v.blacklistReason ?? '').trim() });
  const riskRating = String(v.riskRating ?? '') as RiskRating;
  if (!RATINGS.includes(riskRating)) throw new Error(`merchantRiskCase: no risk rating in the proposal (${riskRating})`);
  const lift = liftOf(v.liftControls, merchant, riskRating);
  if (lift) actions.push(lift);
  return { actions, riskRating, note: typeof v.actionNote === 'string' && v.actionNote.trim() ? v.actionNote.trim() : null };
}

const liftIn = (actions: RiskAction[]) => actions.find((a): a is Lift => a.type === 'lift_controls');

const SEVERITY: Partial<Record<MerchantStatus, number>> = { active: 0, restricted: 1, suspended: 2, terminated: 3 };

/**
 * The merchant's status after the actions: terminated, suspended, or restricted by any other
 * action. A case that tightens never lifts a heavier status the merchant already has; a lift
 * (`controls`: the controls after it) reinstates as `reinstatedStatus` says.
 */
export function statusAfter(current: MerchantStatus, actions: RiskAction[], controls: MerchantControls): MerchantStatus {
  const lift = liftIn(actions);
  if (lift) return reinstatedStatus(current, lift, controls);
  const has = (type: RiskAction['type']) => actions.some((a) => a.type === type);
  const target: MerchantStatus = has('terminate') ? 'terminated' : has('suspend') ? 'suspended' : actions.length ? 'restricted' : current;
  const now = SEVERITY[current];
  const then = SEVERITY[target];
  return now === undefined || then === undefined || then <= now ? current : target;
}

/** The merchant's controls after the actions: delay and limits replaced, card types added, or the lifted ones removed. */
export function controlsAfter(current: MerchantControls, actions: RiskAction[]): MerchantControls {
  const lift = liftIn(actions);
  if (lift) return liftedControls(current, lift);
  const next: MerchantControls = { ...current };
  for (const a of actions) {
    if (a.type === 'settlement_delay') next.settlementDelayDays = a.days;
    if (a.type === 'limits') {
      if (a.dailyLimit) next.dailyLimit = a.dailyLimit;
      if (a.singleLimit) next.singleLimit = a.singleLimit;
    }
    if (a.type === 'restrict_card_types') next.restrictedCardTypes = [...new Set([...(current.restrictedCardTypes ?? []), ...a.cardTypes])].sort();
  }
  return next;
}

export type MerchantNotice = 'merchant_activated' | 'merchant_restricted' | 'merchant_suspended' | 'merchant_terminated';

/**
 * The SMS the merchant gets for the actions, or null when nothing changed for it. A lift that
 * leaves the merchant active (`status`, after the actions) tells it it accepts cards again.
 */
export function noticeFor(actions: RiskAction[], status: MerchantStatus): MerchantNotice | null {
  if (liftIn(actions)) return status === 'active' ? 'merchant_activated' : 'merchant_restricted';
  if (actions.some((a) => a.type === 'terminate')) return 'merchant_terminated';
  if (actions.some((a) => a.type === 'suspend')) return 'merchant_suspended';
  return actions.length ? 'merchant_restricted' : null;
}

const CARD_NAMES: Record<string, { en: string; zh: string }> = {
  credit: { en: 'credit cards', zh: '贷记卡' },
  debit: { en: 'debit cards', zh: '借记卡' },
  prepaid: { en: 'prepaid cards', zh: '预付卡' },
  foreign: { en: 'foreign cards', zh: '境外卡' },
};

/** The measures as the merchant reads them in the SMS, each a sentence (suspension and termination are the template's own words). */
export function measuresText(actions: RiskAction[], lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  const parts = actions.flatMap((a): string[] => {
    switch (a.type) {
      case 'settlement_delay':
        return [zh ? `结算周期调整为 T+${a.days}。` : `Settlement moves to T+${a.days}.`];
      case 'limits': {
        const limits = [a.singleLimit && (zh ? `单笔限额 ${a.singleLimit} 元` : `${a.singleLimit} yuan a transaction`), a.dailyLimit && (zh ? `单日限额 ${a.dailyLimit} 元` : `${a.dailyLimit} yuan a day`)].filter(Boolean);
        return [zh ? `${limits.join('、')}。` : `Limits: ${limits.join(', ')}.`];
      }
      case 'restrict_card_types': {
        const names = a.cardTypes.map((t) => CARD_NAMES[t]?.[lang] ?? t);
        const list = names.join(', ');
        return [zh ? `暂停受理${names.join('、')}。` : `${list.charAt(0).toUpperCase()}${list.slice(1)} are no longer accepted.`];
      }
      case 'recover_terminals':
        return [zh ? '受理终端将由我行回收。' : 'The bank will collect the card terminals.'];
      case 'lift_controls':
        return liftMeasures(a, lang);
      default:
        return [];
    }
  });
  return parts.join(zh ? '' : ' ');
}
