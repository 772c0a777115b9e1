import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createBusinessCalendar } from '../../platform/calendar/business-calendar.ts';
import type { CalendarYear } from '../../platform/calendar/calendar-data.ts';
import cnMainland from '../../platform/calendar/cn-mainland.json' with { type: 'json' };
import { ALWAYS_OPEN, workingTime } from './work-calendar.ts';

// Dates checked by hand against cn-mainland.json and a printed calendar; local time UTC+8.
const at = (local: string) => Date.parse(`${local}+08:00`);
const iso = (t: number) => new Date(t).toISOString();
const calendar = workingTime(createBusinessCalendar(cnMainland.years as unknown as Record<string, CalendarYear>));
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('working time of a pool (09:00–17:00 on working days)', () => {
  const cases: [string, number, string, string][] = [
    ['2025-03-04T16:50', 30 * MIN, '2025-03-05T09:20', 'begun at 16:50, 30 min: 09:20 the next working day'],
    ['2025-03-07T16:50', 30 * MIN, '2025-03-10T09:20', 'on a Friday: Monday 09:20'],
    ['2025-01-24T16:50', 30 * MIN, '2025-01-26T09:20', 'before a make-up Sunday: that Sunday'],
    ['2025-09-30T16:00', 3 * HOUR, '2025-10-09T11:00', 'across National Day'],
    ['2025-03-04T10:00', 2 * HOUR, '2025-03-04T12:00', 'within the day'],
    ['2025-03-04T20:00', 30 * MIN, '2025-03-05T09:30', 'begun after closing: from the next opening'],
    ['2025-03-04T07:00', 0, '2025-03-04T09:00', 'no work at all still waits for the opening'],
    ['2025-03-04T16:00', HOUR, '2025-03-04T17:00', 'ends exactly at closing'],
  ];
  for (const [from, ms, expected, why] of cases) {
    test(why, () => assert.equal(iso(calendar.finish(at(from), ms)), iso(at(expected))));
  }

  test('the next opening', () => {
    assert.equal(iso(calendar.nextOpen(at('2025-03-08T10:00'))), iso(at('2025-03-10T09:00'))); // a Saturday
    assert.equal(iso(calendar.nextOpen(at('2025-03-10T10:00'))), iso(at('2025-03-10T10:00')));
  });

  test('working time between two instants', () => {
    assert.equal(calendar.workingMs(at('2025-03-03T00:00'), at('2025-03-10T00:00')), 40 * HOUR); // Monday to Monday
    assert.equal(calendar.workingMs(at('2025-03-04T16:00'), at('2025-03-05T10:00')), 2 * HOUR);
    assert.equal(calendar.workingMs(at('2025-10-01T00:00'), at('2025-10-08T23:00')), 0); // National Day
  });

  test('around the clock, time is time', () => {
    assert.equal(ALWAYS_OPEN.finish(at('2025-03-04T16:50'), 30 * MIN), at('2025-03-04T17:20'));
    assert.equal(ALWAYS_OPEN.workingMs(at('2025-03-03T00:00'), at('2025-03-10T00:00')), 7 * 24 * HOUR);
  });
});
