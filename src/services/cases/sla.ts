import type { BusinessCalendar } from '../../platform/calendar/business-calendar.ts';
import { firstInstant } from '../../platform/calendar/first-instant.ts';

export type TimeLimit = { amount: number; unit: 'workingDays' | 'workingHours' | 'calendarDays' | 'minutes' };
export type SlaState = 'on_track' | 'at_risk' | 'breached' | 'none';

/** A case is at risk once this share of its time limit is used. */
export const AT_RISK_SHARE = 0.8;

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** When a case started at `start` is due, counting the limit in working time where it says so. */
export function dueDate(calendar: BusinessCalendar, start: Date, limit: TimeLimit): Date | null {
  if (limit.amount === 0) return null;
  switch (limit.unit) {
    case 'workingDays':
      return calendar.addWorkingDays(start, limit.amount);
    case 'workingHours':
      return calendar.addWorkingHours(start, limit.amount);
    case 'calendarDays':
      return calendar.addCalendarDays(start, limit.amount);
    case 'minutes':
      return new Date(start.getTime() + limit.amount * 60_000);
  }
}

/**
 * Time that counts between two instants, in milliseconds: working days count whole (and other
 * days not at all) for a limit in working days; working hours only for one in working hours;
 * the clock for the rest. So a 调休 Saturday counts, and a holiday Monday does not.
 */
export function countedTime(calendar: BusinessCalendar, unit: TimeLimit['unit'], from: Date, to: Date): number {
  if (to <= from) return 0;
  if (unit !== 'workingDays' && unit !== 'workingHours') return to.getTime() - from.getTime();
  const offset = calendar.utcOffsetMinutes * 60_000;
  const [openH, openM] = calendar.workingHours.start.split(':').map(Number) as [number, number];
  const [closeH, closeM] = calendar.workingHours.end.split(':').map(Number) as [number, number];
  let total = 0;
  // local midnight of the first day, as an instant
  let dayStart = Math.floor((from.getTime() + offset) / DAY) * DAY - offset;
  for (let guard = 0; dayStart < to.getTime() && guard < 4000; guard++, dayStart += DAY) {
    if (!calendar.isWorkingDay(calendar.localDate(new Date(dayStart + HOUR)))) continue;
    const windowStart = unit === 'workingDays' ? dayStart : dayStart + (openH * 60 + openM) * 60_000;
    const windowEnd = unit === 'workingDays' ? dayStart + DAY : dayStart + (closeH * 60 + closeM) * 60_000;
    total += Math.max(0, Math.min(windowEnd, to.getTime()) - Math.max(windowStart, from.getTime()));
  }
  return total;
}

/** Where a case stands against its clock: the share used, and on track / at risk / breached. */
export function slaOf(calendar: BusinessCalendar, unit: TimeLimit['unit'], start: Date, due: Date | null, at: Date): { state: SlaState; usedPercent: number | null } {
  if (!due) return { state: 'none', usedPercent: null };
  if (at >= due) return { state: 'breached', usedPercent: Math.round((100 * Math.max(1, countedTime(calendar, unit, start, at) / Math.max(1, countedTime(calendar, unit, start, due)))) ) };
  const share = countedTime(calendar, unit, start, at) / Math.max(1, countedTime(calendar, unit, start, due));
  return { state: share >= AT_RISK_SHARE ? 'at_risk' : 'on_track', usedPercent: Math.round(share * 100) };
}

/** The instant at which a case started at `start` and due at `due` has used 80% of its counted time. */
export function atRiskDate(calendar: BusinessCalendar, unit: TimeLimit['unit'], start: Date, due: Date): Date {
  const target = AT_RISK_SHARE * countedTime(calendar, unit, start, due);
  // counted time only grows with the end instant
  return firstInstant(start, due, (at) => countedTime(calendar, unit, start, at) >= target);
}
