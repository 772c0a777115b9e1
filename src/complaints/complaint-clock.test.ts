import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createBusinessCalendar } from '../platform/calendar/business-calendar.ts';
import { parseCalendarFile } from '../platform/calendar/calendar-data.ts';
import shipped from '../platform/calendar/cn-mainland.json' with { type: 'json' };
import { atRiskAt, clockOf, DEFAULT_CLOCK_RULES, dueAt, nextExtension, type ClockRules } from './complaint-clock.ts';

// Expected instants are worked out by hand from the regulation's counting (the day of receipt
// does not count; a period ends at midnight after its last day) and the 2026 holiday notice.

const parsed = parseCalendarFile(shipped);
if (!parsed.ok) throw new Error('the shipped calendar does not parse');
const calendar = createBusinessCalendar(parsed.value.years);
const at = (local: string): Date => new Date(`${local}+08:00`);
const endOf = (day: string): Date => new Date(at(`${day}T23:59:59.999`));
const rules = DEFAULT_CLOCK_RULES;

/** Grants extensions one after another as the service does: the limit grows by each step's days. */
function extend(r: ClockRules): { limits: number[]; refused: boolean } {
  const limits = [r.baseDays];
  for (let granted = 0; granted < 5; granted++) {
    const next = nextExtension(r, granted, limits.at(-1)!);
    if (!next) return { limits, refused: granted === 2 || limits.at(-1) === r.maxDays };
    assert.equal(next.step, granted + 1);
    limits.push(limits.at(-1)! + next.days);
  }
  return { limits, refused: false };
}

describe('the complaint decision clock', () => {
  test('15 calendar days from receipt end at midnight after the 15th day; the day of receipt does not count', () => {
    assert.deepEqual(dueAt(calendar, at('2026-11-28T10:00'), 15, 'calendar'), endOf('2026-12-13'));
    // received a minute before midnight: still that day
    assert.deepEqual(dueAt(calendar, at('2026-11-28T23:59'), 15, 'calendar'), endOf('2026-12-13'));
  });

  test('extended once to 30 days, then by 30 more to 60; a third extension is refused', () => {
    const { limits, refused } = extend(rules);
    assert.deepEqual(limits, [15, 30, 60]);
    assert.equal(refused, true);
    assert.deepEqual(dueAt(calendar, at('2026-11-28T10:00'), limits[1]!, 'calendar'), endOf('2026-12-28'));
    assert.deepEqual(dueAt(calendar, at('2026-11-28T10:00'), limits[2]!, 'calendar'), endOf('2027-01-27'));
    assert.equal(nextExtension(rules, 2, 45), null);
    assert.equal(nextExtension(rules, 1, 60), null, 'nothing past the maximum');
  });

  test('limits are configuration: a shorter maximum caps the second extension, and none beyond it', () => {
    assert.deepEqual(extend({ ...rules, maxDays: 45 }).limits, [15, 30, 45]);
    assert.deepEqual(extend({ ...rules, baseDays: 10, firstExtensionToDays: 20, secondExtensionByDays: 10, maxDays: 30 }).limits, [10, 20, 30]);
    // a first extension already at the maximum leaves no second one
    assert.deepEqual(extend({ ...rules, firstExtensionToDays: 60 }).limits, [15, 60]);
  });

  test('in working days, holidays do not count and a make-up Saturday does', () => {
    // Tue 29, Wed 30 Sep; 1–7 Oct National Day; Thu 8, Fri 9, Sat 10 (调休), then 12–16, 19–23 Oct
    assert.deepEqual(dueAt(calendar, at('2026-09-28T10:00'), 15, 'working'), endOf('2026-10-23'));
  });

  test('at risk once 80% of the period is used', () => {
    const received = at('2026-11-28T10:00');
    const due = endOf('2026-12-13');
    // 15 days 14 hours in all; 80% is 12 days 11 h 12 min
    const risk = atRiskAt(calendar, rules.atRiskShare, 'calendar', received, due);
    assert.ok(Math.abs(risk.getTime() - at('2026-12-10T21:12').getTime()) <= 1000, risk.toISOString());
  });

  test('the state: on track, at risk, breached; met or late once decided; stopped when declined', () => {
    const dueAt = endOf('2026-12-13');
    const c = { receivedAt: at('2026-11-28T10:00'), dueAt, atRiskAt: atRiskAt(calendar, 0.8, 'calendar' as const, at('2026-11-28T10:00'), dueAt), limitDays: 15, extendedDays: 0, dayCount: 'calendar' as const, decidedAt: null, declined: false };
    assert.equal(clockOf(calendar, c, at('2026-12-01T10:00')).state, 'on_track');
    const risky = clockOf(calendar, c, at('2026-12-12T12:00'));
    assert.equal(risky.state, 'at_risk');
    assert.equal(risky.daysLeft, 1.5);
    const late = clockOf(calendar, c, at('2026-12-14T10:00'));
    assert.equal(late.state, 'breached');
    assert.equal(late.daysLeft, -0.4);
    assert.equal(clockOf(calendar, { ...c, decidedAt: at('2026-12-13T09:00') }, at('2026-12-20T00:00')).state, 'met');
    const decidedLate = clockOf(calendar, { ...c, decidedAt: at('2026-12-15T09:00') }, at('2026-12-20T00:00'));
    assert.equal(decidedLate.state, 'late');
    assert.equal(decidedLate.daysLeft, null);
    assert.equal(clockOf(calendar, { ...c, declined: true }, at('2026-12-20T00:00')).state, 'stopped');
  });
});
