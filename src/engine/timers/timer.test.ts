import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { firstDue, nextDue, parseTimer } from './index.ts';
import type { TimerKind, TimerSpec } from './index.ts';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

function spec(kind: TimerKind, text: string, utcOffsetMinutes?: number): TimerSpec {
  const parsed = parseTimer(kind, text, utcOffsetMinutes === undefined ? {} : { utcOffsetMinutes });
  assert.ok(parsed.ok, JSON.stringify(parsed));
  // Specs are stored as JSON; every test runs on a copy that went through it.
  return JSON.parse(JSON.stringify(parsed.spec)) as TimerSpec;
}

/** firstDue, then nextDue until it returns null or `limit` instants were produced. */
function schedule(timer: TimerSpec, armedAt: string, limit = 10): (string | null)[] {
  const out: (string | null)[] = [];
  let due = firstDue(timer, new Date(armedAt));
  out.push(iso(due));
  for (let fired = 1; due && out.length < limit; fired++) {
    due = nextDue(timer, due, fired);
    out.push(iso(due));
  }
  return out;
}

describe('one-shot timers', () => {
  test('timeDuration: armed-at plus the duration, once', () => {
    const timer = spec('timeDuration', 'PT15M');
    assert.deepEqual(schedule(timer, '2026-01-01T02:00:00Z'), ['2026-01-01T02:15:00.000Z', null]);
  });

  test('timeDuration P1M from Jan 31 (local) ends on Feb 28', () => {
    const timer = spec('timeDuration', 'P1M');
    assert.equal(iso(firstDue(timer, new Date('2026-01-31T10:00:00+08:00'))), '2026-02-28T02:00:00.000Z');
  });

  const dates: readonly (readonly [string, number | undefined, string])[] = [
    ['2026-03-01T09:00:00', undefined, '2026-03-01T01:00:00.000Z'], // no offset: +08:00 by default
    ['2026-03-01T09:00:00', 0, '2026-03-01T09:00:00.000Z'],
    ['2026-03-01T09:00:00+09:00', undefined, '2026-03-01T00:00:00.000Z'],
    ['2026-03-01T09:00:00Z', undefined, '2026-03-01T09:00:00.000Z'],
    ['2026-03-01', undefined, '2026-02-28T16:00:00.000Z'],
  ];
  for (const [text, offset, expected] of dates) {
    test(`timeDate ${text}${offset === undefined ? '' : ` at offset ${offset}`}`, () => {
      assert.deepEqual(schedule(spec('timeDate', text, offset), '2026-01-01T00:00:00Z'), [expected, null]);
    });
  }

  test('a timeDate in the past is due at once (its own instant)', () => {
    const timer = spec('timeDate', '2025-01-01T00:00:00Z');
    assert.equal(iso(firstDue(timer, new Date('2026-01-01T00:00:00Z'))), '2025-01-01T00:00:00.000Z');
  });
});

describe('repeating intervals', () => {
  const cases: readonly (readonly [string, string, string, readonly (string | null)[]])[] = [
    ['count from the arming time', 'R3/PT10M', '2026-01-01T02:00:00Z',
      ['2026-01-01T02:10:00.000Z', '2026-01-01T02:20:00.000Z', '2026-01-01T02:30:00.000Z', null]],
    ['R1 fires once', 'R1/PT1H', '2026-01-01T02:00:00Z', ['2026-01-01T03:00:00.000Z', null]],
    ['R0 never fires', 'R0/PT1H', '2026-01-01T02:00:00Z', [null]],
    ['unbounded', 'R/PT1H', '2026-01-01T22:30:00Z',
      ['2026-01-01T23:30:00.000Z', '2026-01-02T00:30:00.000Z', '2026-01-02T01:30:00.000Z', '2026-01-02T02:30:00.000Z']],
    ['start given, armed before it: first at the start', 'R5/2026-01-01T09:00:00+08:00/P1D', '2025-12-01T00:00:00Z',
      ['2026-01-01T01:00:00.000Z', '2026-01-02T01:00:00.000Z', '2026-01-03T01:00:00.000Z', '2026-01-04T01:00:00.000Z', '2026-01-05T01:00:00.000Z', null]],
    ['start given, armed later: past occurrences are skipped, the count still ends it', 'R5/2026-01-01T09:00:00+08:00/P1D', '2026-01-03T04:00:00Z',
      ['2026-01-04T01:00:00.000Z', '2026-01-05T01:00:00.000Z', null]],
    ['start given, armed exactly at it', 'R2/2026-01-01T09:00:00+08:00/PT1H', '2026-01-01T01:00:00Z',
      ['2026-01-01T01:00:00.000Z', '2026-01-01T02:00:00.000Z', null]],
    ['start given, all occurrences past', 'R2/2026-01-01T09:00:00+08:00/PT1H', '2026-02-01T00:00:00Z', [null]],
    ['monthly from Jan 31 stays on month ends', 'R/2026-01-31T10:00:00+08:00/P1M', '2026-01-01T00:00:00Z',
      ['2026-01-31T02:00:00.000Z', '2026-02-28T02:00:00.000Z', '2026-03-31T02:00:00.000Z', '2026-04-30T02:00:00.000Z']],
    ['unbounded from a start long ago jumps ahead', 'R/2020-01-01T00:00:00Z/PT1M', '2026-01-01T00:00:30Z',
      ['2026-01-01T00:01:00.000Z', '2026-01-01T00:02:00.000Z']],
    ['monthly from a start years ago', 'R/2020-01-31T00:00:00Z/P1M', '2026-02-01T00:00:00Z',
      ['2026-02-28T00:00:00.000Z', '2026-03-31T00:00:00.000Z']],
    ['end given: repeat until the end, inclusive', 'R/P1D/2026-01-03T00:00:00Z', '2026-01-01T00:00:00Z',
      ['2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z', null]],
    ['end given and already too close', 'R/P1D/2026-01-03T00:00:00Z', '2026-01-02T12:00:00Z', [null]],
    ['end and count: whichever comes first', 'R2/P1D/2026-12-31T00:00:00Z', '2026-01-01T00:00:00Z',
      ['2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z', null]],
  ];
  for (const [name, text, armedAt, expected] of cases) {
    test(`${name}: ${text}`, () => {
      assert.deepEqual(schedule(spec('timeCycle', text), armedAt, expected.length), expected);
    });
  }
});

describe('cron cycles', () => {
  test('weekdays at 9 (+08:00), over a weekend', () => {
    const timer = spec('timeCycle', '0 0 9 ? * MON-FRI');
    assert.deepEqual(schedule(timer, '2026-01-02T02:00:00Z', 3), [
      '2026-01-05T01:00:00.000Z',
      '2026-01-06T01:00:00.000Z',
      '2026-01-07T01:00:00.000Z',
    ]);
  });

  test('a given offset moves the clock', () => {
    const timer = spec('timeCycle', '0 0 9 ? * MON-FRI', 0);
    assert.equal(iso(firstDue(timer, new Date('2026-01-02T02:00:00Z'))), '2026-01-02T09:00:00.000Z');
  });

  test('a cron whose year has passed can never fire', () => {
    assert.equal(firstDue(spec('timeCycle', '0 0 9 1 1 ? 2025'), new Date('2026-01-01T00:00:00Z')), null);
  });
});

describe('refusals name the problem', () => {
  const cases: readonly (readonly [TimerKind, string, RegExp, number?])[] = [
    ['timeDuration', 'P1H', /invalid duration 'P1H'.*unknown unit 'H'/],
    ['timeDuration', '', /timeDuration of a timer is empty/],
    ['timeDate', 'tomorrow', /invalid date-time 'tomorrow'/],
    ['timeDate', '2026-02-30T10:00:00', /day 30 does not exist in 2026-02/],
    ['timeCycle', 'PT10M', /needs a repeat count, e\.g\. R\/PT10M/],
    ['timeCycle', 'R3', /expected R\/duration, R\/start\/duration or R\/duration\/end/],
    ['timeCycle', 'Rx/PT1M', /'Rx' should be R or R followed by a number/],
    ['timeCycle', 'R/PT0S', /the period must be longer than zero/],
    ['timeCycle', 'R/2026-01-01/2026-02-01', /expected R\/duration, R\/start\/duration/],
    ['timeCycle', 'R/PT1X', /invalid repeating interval.*unknown unit 'X'/],
    ['timeCycle', 'R/2026-13-01/P1D', /month 13 does not exist/],
    ['timeCycle', '0 0 9 * * MON', /invalid cron.*exactly one of day-of-month and day-of-week/],
    ['timeCycle', 'every day', /invalid cron 'every day': expected 6 or 7 fields/],
    ['timeDuration', 'PT1M', /invalid UTC offset 9999/, 9999],
  ];
  for (const [kind, text, message, offset] of cases) {
    test(`${kind} '${text}'`, () => {
      const result = parseTimer(kind, text, offset === undefined ? {} : { utcOffsetMinutes: offset });
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.error, message);
    });
  }
});
