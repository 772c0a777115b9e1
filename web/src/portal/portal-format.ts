import type { Lang, Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-CN';
import type { Fee, Service, TimeLimitUnit } from './portal.api';

/**
 * Every branch is in mainland China and the bank's calendar runs on China time, so times are shown
 * as the branch's clock reads them, whatever time zone the visitor's phone is set to.
 */
const BANK_TIME_ZONE = 'Asia/Shanghai';

const locale = (lang: Lang) => (lang === 'zh-CN' ? 'zh-CN' : 'en-GB');

function formatter(lang: Lang, options: Intl.DateTimeFormatOptions) {
  return new Intl.DateTimeFormat(locale(lang), { timeZone: BANK_TIME_ZONE, ...options });
}

/** `2026-11-30` in bank time: groups slots by day. */
export function bankDay(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: BANK_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** 09:30 */
export function formatTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: BANK_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** 11月30日周一 · Mon 30 Nov */
export function formatDayShort(iso: string, lang: Lang): string {
  return formatter(lang, { month: 'short', day: 'numeric', weekday: 'short' }).format(new Date(iso));
}

/** 2026年11月30日星期一 · Monday 30 November 2026 */
export function formatDate(iso: string, lang: Lang): string {
  return formatter(lang, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }).format(new Date(iso));
}

/** 2026年11月28日 · 28 November 2026 */
export function formatShortDate(iso: string, lang: Lang): string {
  return formatter(lang, { year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(iso));
}

/** 11月28日 14:20 — for histories and messages, where the weekday is noise. */
export function formatMoment(iso: string, lang: Lang): string {
  return `${formatter(lang, { month: 'short', day: 'numeric' }).format(new Date(iso))} ${formatTime(iso)}`;
}

const isZero = (amount: string) => /^0*(\.0*)?$/.test(amount.trim());
export const isFree = (fee: Fee) => isZero(fee.amount);

/** `1234.50` → `¥1,234.50`, exactly as the catalogue states it; `0.00` → 免费. */
export function formatFee(fee: Fee, t: Translate): string {
  if (isZero(fee.amount)) return t('portal.fee.free');
  const [whole = '0', fraction] = fee.amount.trim().split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `¥${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** A one-line summary of what a service costs. */
export function feeSummary(service: Service, t: Translate): string {
  if (service.fees.every((fee) => isZero(fee.amount))) return t('portal.fee.free');
  return t('portal.fee.some');
}

/** [one, many]: English needs "1 working day" but "5 working days". */
const TIME_LIMIT: Record<TimeLimitUnit, [MessageKey, MessageKey]> = {
  workingDays: ['portal.timeLimit.workingDay', 'portal.timeLimit.workingDays'],
  workingHours: ['portal.timeLimit.workingHour', 'portal.timeLimit.workingHours'],
  calendarDays: ['portal.timeLimit.calendarDay', 'portal.timeLimit.calendarDays'],
  minutes: ['portal.timeLimit.minute', 'portal.timeLimit.minutes'],
};

/** "5 个工作日内办结" */
export function formatTimeLimit(limit: Service['timeLimit'], t: Translate): string {
  const [one, many] = TIME_LIMIT[limit.unit] ?? TIME_LIMIT.workingDays;
  return t(limit.amount === 1 ? one : many, { n: limit.amount });
}

/** Mainland mobile numbers: 11 digits starting with 1 (spaces and dashes allowed while typing). */
export const MOBILE = /^1\d{10}$/;
export const normalisePhone = (value: string) => value.replace(/[\s-]/g, '');

/** Case references: BL20261128-000123. */
export const CASE_REF = /^BL\d{8}-\d{6}$/;
