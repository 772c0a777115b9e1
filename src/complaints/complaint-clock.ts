import type { BusinessCalendar } from '../platform/calendar/business-calendar.ts';
import { firstInstant } from '../platform/calendar/first-instant.ts';
import type { DayCount } from './complaint.table.ts';

/**
 * The regulatory clock of a complaint (《银行业保险业消费投诉处理管理办法》 art. 22): a decision
 * within `baseDays` of receipt; a complex case may be extended to `firstExtensionToDays`, an
 * especially complex one by `secondExtensionByDays` more, never beyond `maxDays`. Days are counted
 * as the law counts a period: the day of receipt does not count, and the period ends at midnight
 * at the end of its last day. Calendar days by default; working days where configured.
 */
export type ClockRules = {
  baseDays: number;
  firstExtensionToDays: number;
  secondExtensionByDays: number;
  maxDays: number;
  dayCount: DayCount;
  /** The share of the period after which a complaint is at risk and escalated. */
  atRiskShare: number;
};

export const DEFAULT_CLOCK_RULES: ClockRules = { baseDays: 15, firstExtensionToDays: 30, secondExtensionByDays: 30, maxDays: 60, dayCount: 'calendar', atRiskShare: 0.8 };

export type ClockState = 'on_track' | 'at_risk' | 'breached' | 'met' | 'late' | 'stopped';

const DAY = 86_400_000;

/** Local midnight (in the calendar's time zone) that starts the day holding `at`. */
function dayStart(calendar: BusinessCalendar, at: Date): number {
  const offset = calendar.utcOffsetMinutes * 60_000;
  return Math.floor((at.getTime() + offset) / DAY) * DAY - offset;
}

/** The last instant of a period of `days` from receipt: the end of its last day. */
export function dueAt(calendar: BusinessCalendar, receivedAt: Date, days: number, dayCount: DayCount): Date {
  const start = dayStart(calendar, receivedAt);
  if (dayCount === 'calendar') return new Date(start + (days + 1) * DAY - 1);
  let date = calendar.localDate(receivedAt);
  for (let i = 0; i < days; i++) date = calendar.nextWorkingDay(date);
  const offset = calendar.utcOffsetMinutes * 60_000;
  return new Date(Date.parse(`${date}T00:00:00Z`) - offset + DAY - 1);
}

/** Days that count between two instants, as fractions: calendar time, or whole working days only. */
function counted(calendar: BusinessCalendar, dayCount: DayCount, from: Date, to: Date): number {
  if (to <= from) return 0;
  if (dayCount === 'calendar') return (to.getTime() - from.getTime()) / DAY;
  let total = 0;
  for (let day = dayStart(calendar, from); day < to.getTime(); day += DAY) {
    if (!calendar.isWorkingDay(calendar.localDate(new Date(day + 3_600_000)))) continue;
    total += (Math.min(day + DAY, to.getTime()) - Math.max(day, from.getTime())) / DAY;
  }
  return total;
}

/** The instant at which `share` of the counted time from receipt to the due date is used. */
export function atRiskAt(calendar: BusinessCalendar, share: number, dayCount: DayCount, receivedAt: Date, due: Date): Date {
  const target = share * counted(calendar, dayCount, receivedAt, due);
  return firstInstant(receivedAt, due, (at) => counted(calendar, dayCount, receivedAt, at) >= target);
}

/**
 * The extension that may be asked for next, given how many were granted and the complaint's
 * limit now: the first brings the limit to `firstExtensionToDays`, the second adds
 * `secondExtensionByDays`; none beyond the second or past `maxDays`. Null when no further
 * extension is allowed.
 */
export function nextExtension(rules: ClockRules, granted: number, currentLimitDays: number): { step: 1 | 2; days: number } | null {
  if (granted === 0) {
    const days = Math.min(rules.firstExtensionToDays, rules.maxDays) - currentLimitDays;
    return days > 0 ? { step: 1, days } : null;
  }
  if (granted === 1) {
    const days = Math.min(rules.secondExtensionByDays, rules.maxDays - currentLimitDays);
    return days > 0 ? { step: 2, days } : null;
  }
  return null;
}

export type ClockView = {
  state: ClockState;
  receivedAt: string;
  dueAt: string;
  limitDays: number;
  extendedDays: number;
  dayCount: DayCount;
  /** Counted days left until the due date (negative: overdue), one decimal; null once stopped. */
  daysLeft: number | null;
  usedPercent: number;
  decidedAt: string | null;
};

/** A complaint's clock as stored: fixed at receipt (day count, limit), moved only by approved extensions. */
export type StoredClock = { receivedAt: Date; dueAt: Date; atRiskAt: Date; limitDays: number; extendedDays: number; dayCount: DayCount; decidedAt: Date | null; declined: boolean };

/**
 * Where a complaint stands against its clock at `at`. The clock stops when the decision is
 * communicated (met, or late if after the due date), or when the complaint is declined. A
 * change of the rules does not move a running clock: it counts as it was set.
 */
export function clockOf(calendar: BusinessCalendar, c: StoredClock, at: Date): ClockView {
  const end = c.decidedAt ?? at;
  const total = Math.max(counted(calendar, c.dayCount, c.receivedAt, c.dueAt), 1e-9);
  const used = counted(calendar, c.dayCount, c.receivedAt, end);
  const state: ClockState = c.declined ? 'stopped' : c.decidedAt ? (c.decidedAt <= c.dueAt ? 'met' : 'late') : at > c.dueAt ? 'breached' : at >= c.atRiskAt ? 'at_risk' : 'on_track';
  const left = c.decidedAt || c.declined ? null : at > c.dueAt ? -counted(calendar, c.dayCount, c.dueAt, at) : counted(calendar, c.dayCount, at, c.dueAt);
  return {
    state,
    receivedAt: c.receivedAt.toISOString(),
    dueAt: c.dueAt.toISOString(),
    limitDays: c.limitDays,
    extendedDays: c.extendedDays,
    dayCount: c.dayCount,
    daysLeft: left === null ? null : Math.round(left * 10) / 10,
    usedPercent: Math.round((100 * used) / total),
    decidedAt: c.decidedAt?.toISOString() ?? null,
  };
}
