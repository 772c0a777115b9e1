import { Tag, Typography } from 'antd';
import { useT, type Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { formatAmount } from '../merchant-display';
import type { MerchantControls, RiskAction, RiskCaseKind, RiskCaseStatus } from './risk-case.api';

/*
 * How the risk-case screens show a case: its kind and status, each decided action in words a
 * risk officer uses (延迟结算 T+3), and the controls in force on the merchant.
 */

const statusColor: Record<RiskCaseStatus, string> = { investigating: 'processing', awaiting_approval: 'gold', actions_applied: 'purple', closed: 'default' };
const tagStyle = { marginInlineEnd: 0 };

export function CaseStatusTag({ status, testId }: { status: RiskCaseStatus; testId?: string }) {
  const { t } = useT();
  return <Tag color={statusColor[status]} style={tagStyle} data-testid={testId} data-status={status}>{t(`mch.case.status.${status}`)}</Tag>;
}

export function CaseKindTag({ kind }: { kind: RiskCaseKind }) {
  const { t } = useT();
  return <Tag color={kind === 'rectification' ? 'green' : 'volcano'} style={tagStyle}>{t(`mch.case.kind.${kind}`)}</Tag>;
}

const CARD_TYPES = ['credit', 'debit', 'prepaid', 'foreign'] as const;
const cardTypes = (t: Translate, types: unknown) =>
  (Array.isArray(types) ? types : []).map((c) => ((CARD_TYPES as readonly unknown[]).includes(c) ? t(`mch.case.card.${c as (typeof CARD_TYPES)[number]}`) : String(c))).join('、');
const CONTROLS = ['settlementDelay', 'dailyLimit', 'singleLimit', 'restrictedCardTypes', 'suspension'] as const;
const controlNames = (t: Translate, controls: unknown) =>
  (Array.isArray(controls) ? controls : []).map((c) => ((CONTROLS as readonly unknown[]).includes(c) ? t(`mch.case.control.${c as (typeof CONTROLS)[number]}`) : String(c))).join('、');
const yuan = (amount: unknown) => (typeof amount === 'string' ? formatAmount(amount) : '—');

/** One action in words: `延迟结算至 T+3`, `单笔限额 5,000.00 元`. */
export function actionText(t: Translate, action: RiskAction): string {
  const a = action as Record<string, unknown>;
  switch (action.type) {
    case 'settlement_delay':
      return t('mch.case.action.settlement_delay', { days: String(a.days) });
    case 'limits':
      return [a.singleLimit ? t('mch.case.action.singleLimit', { amount: yuan(a.singleLimit) }) : null, a.dailyLimit ? t('mch.case.action.dailyLimit', { amount: yuan(a.dailyLimit) }) : null].filter(Boolean).join('；');
    case 'restrict_card_types':
      return t('mch.case.action.restrict_card_types', { types: cardTypes(t, a.cardTypes) });
    case 'suspend':
    case 'recover_terminals':
      return t(`mch.case.action.${action.type}`);
    case 'terminate':
      return t('mch.case.action.terminate', { reason: String(a.blacklistReason ?? '') });
    case 'lift_controls':
      return t('mch.case.action.lift_controls', { controls: controlNames(t, a.controls ?? a.lifted) });
    default:
      return action.type;
  }
}

/** The decided actions as a list, or a dash while none are decided. */
export function ActionList({ actions, testId }: { actions: RiskAction[]; testId?: string }) {
  const { t } = useT();
  if (actions.length === 0) return <Typography.Text type="secondary" data-testid={testId}>{t('mch.case.noActions')}</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid={testId}>
      {actions.map((action, i) => <li key={i} data-action={action.type}>{actionText(t, action)}</li>)}
    </ul>
  );
}

/**
 * The merchant's settlement cycle (every merchant has one: T+1, or longer as its rating or a case
 * sets it) and the restrictions in force, each as a tag; "no restrictions" when there are none.
 */
export function ControlTags({ controls, testId }: { controls: MerchantControls; testId?: string }) {
  const { t } = useT();
  const tags: { key: string; text: string }[] = [];
  if (controls.singleLimit) tags.push({ key: 'single', text: t('mch.case.action.singleLimit', { amount: yuan(controls.singleLimit) }) });
  if (controls.dailyLimit) tags.push({ key: 'daily', text: t('mch.case.action.dailyLimit', { amount: yuan(controls.dailyLimit) }) });
  if (controls.restrictedCardTypes?.length) tags.push({ key: 'cards', text: t('mch.case.action.restrict_card_types', { types: cardTypes(t, controls.restrictedCardTypes) }) });
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4, alignItems: 'center' }} data-testid={testId}>
      {controls.settlementDelayDays ? <Tag style={tagStyle}>{t('mch.case.settlementCycle', { days: String(controls.settlementDelayDays) })}</Tag> : null}
      {tags.map((tag) => <Tag key={tag.key} color="orange" style={tagStyle}>{tag.text}</Tag>)}
      {tags.length === 0 ? <Typography.Text type="secondary">{t('mch.case.noControls')}</Typography.Text> : null}
    </span>
  );
}

/** The i18n key of a kind, for selects. */
export const kindKey = (kind: RiskCaseKind): MessageKey => `mch.case.kind.${kind}`;
