import { isApiError } from '../api/client';
import type { BilingualName, Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-CN';
import type { QueueCounter, TicketClass, TicketStatus } from './queue.api';

/** Tag colours of ticket statuses on the staff screens. */
export const STATUS_COLOR: Record<TicketStatus, string> = {
  remote: 'purple',
  waiting: 'blue',
  called: 'orange',
  serving: 'green',
  parked: 'gold',
  done: 'default',
  no_show: 'red',
  cancelled: 'default',
};

export const statusKey = (status: TicketStatus): MessageKey => `queue.status.${status}`;
export const classKey = (cls: TicketClass): MessageKey => `queue.class.${cls}`;

/** A category's name by code, in the UI language; the code itself when the branch has no such category. */
export function categoryNamer(categories: readonly (BilingualName & { code: string })[] | undefined, pick: (n: BilingualName) => string): (code: string) => string {
  const byCode = new Map((categories ?? []).map((c) => [c.code, c]));
  return (code) => {
    const found = byCode.get(code);
    return found ? pick(found) : code;
  };
}

/** The teller signed in at a counter by name (the username for an account without one); empty when nobody is. */
export function counterStaffName(counter: Pick<QueueCounter, 'staff' | 'staffName'>): string {
  return counter.staffName ?? counter.staff ?? '';
}

/** Whole minutes from `from` to `to` (now by default), never negative. */
export function minutesBetween(from: string, to?: string | null): number {
  const end = to ? new Date(to).getTime() : Date.now();
  return Math.max(0, Math.floor((end - new Date(from).getTime()) / 60_000));
}

/**
 * What to tell about a failed call on the public screens: the server's own words (already in the
 * request's language, field problems first), or a plain fallback.
 */
export function problemText(error: unknown, t: Translate): string {
  if (!isApiError(error)) return t('queue.error.unexpected');
  if (error.status === 0) return t('queue.error.offline');
  if (error.status >= 500) return t('queue.error.unexpected');
  const fields = error.errors.map((e) => e.message).filter(Boolean);
  if (fields.length > 0) return fields.join(' ');
  return error.detail || t('queue.error.unexpected');
}

/** `09:30` on the branch's clock (China time), whatever the device's time zone. */
export function bankTime(iso: string | Date, seconds = false): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), hourCycle: 'h23' }).format(new Date(iso));
}

/** `2026年11月30日 星期一` / `Monday 30 November 2026` on the branch's clock. */
export function bankDate(date: Date, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }).format(date);
}
