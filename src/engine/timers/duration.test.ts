import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addDuration, parseDuration } from './duration.ts';
import type { IsoDuration } from './duration.ts';
import { parseIsoDateTime } from './iso-date.ts';

const zero: IsoDuration = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

describe('parseDuration', () => {
  const valid: readonly (readonly [string, Partial<IsoDuration>])[] = [
    ['P1Y2M10DT2H30M', { years: 1, months: 2, days: 10, hours: 2, minutes: 30 }],
    ['PT15M', { minutes: 15 }],
    ['P2W', { weeks: 2 }],
    ['PT0.5S', { seconds: 0.5 }],
    ['PT1,25S', { seconds: 1.25 }],
    ['P1M', { months: 1 }],
    ['PT1M', { minutes: 1 }],
    ['P3D', { days: 3 }],
    ['PT36H', { hours: 36 }],
    ['PT0S', {}],
    [' pt10m ', { minutes: 10 }],
  ];
  for (const [text, fields] of valid) {
    test(`reads ${text}`, () => {
      assert.deepEqual(parseDuration(text), { ok: true, duration: { ...zero, ...fields } });
    });
  }

  const invalid: readonly (readonly [string, RegExp])[] = [
    ['', /starts with 'P'/],
    ['15M', /starts with 'P'/],
    ['P', /no components/],
    ['PT', /no components/],
    ['P1DT', /'T' must be followed/],
    ['P1H', /unknown unit 'H'.*after 'T'/],
    ['PT1D', /unknown unit 'D' after T/],
    ['P1.5D', /only seconds may have a fraction/],
    ['PT1M1H', /'H' is out of order/],
    ['P1D1D', /'D' is out of order or repeated/],
    ['P1', /the number 1 has no unit/],
    ['-P1D', /negative durations/],
    ['P1X', /unknown unit 'X'/],
    ['P99999999Y', /too long/],
  ];
  for (const [text, message] of invalid) {
    test(`refuses '${text}'`, () => {
      const result = parseDuration(text);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.error, message);
    });
  }
});

describe('addDuration at +08:00', () => {
  const at = (local: string) => new Date(`${local}+08:00`);
  const cases: readonly (readonly [string, string, string, string])[] = [
    // from (local), duration, expected (local), why
    ['2026-01-31T10:00:00', 'P1M', '2026-02-28T10:00:00', 'Jan 31 + 1 month clamps to the end of February'],
    ['2028-01-31T10:00:00', 'P1M', '2028-02-29T10:00:00', 'leap year: Feb 29'],
    ['2026-03-31T10:00:00', 'P1M', '2026-04-30T10:00:00', 'to a 30-day month'],
    ['2028-02-29T09:00:00', 'P1Y', '2029-02-28T09:00:00', 'Feb 29 + 1 year'],
    ['2028-02-29T09:00:00', 'P4Y', '2032-02-29T09:00:00', 'Feb 29 + 4 years'],
    ['2026-01-31T02:00:00', 'P1M', '2026-02-28T02:00:00', 'local date counts, not the UTC date (Jan 30 in UTC)'],
    ['2026-12-15T00:00:00', 'P1Y2M10DT2H30M', '2028-02-25T02:30:00', 'all fields'],
    ['2026-11-30T12:00:00', 'P3M', '2027-02-28T12:00:00', 'across a year end'],
    ['2026-01-01T00:00:00', 'P2W', '2026-01-15T00:00:00', 'weeks'],
    ['2026-01-01T23:59:59', 'PT0.5S', '2026-01-01T23:59:59.500', 'half a second'],
    ['2026-02-28T20:00:00', 'PT6H', '2026-03-01T02:00:00', 'hours across a month end'],
  ];
  for (const [from, text, expected, why] of cases) {
    test(`${from} + ${text} = ${expected} (${why})`, () => {
      const parsed = parseDuration(text);
      assert.ok(parsed.ok);
      assert.equal(addDuration(at(from), parsed.duration).toISOString(), at(expected).toISOString());
    });
  }

  test('the offset decides which day of the month it is', () => {
    const duration = { ...zero, months: 1 };
    const instant = new Date('2026-01-30T18:00:00Z'); // Jan 31 02:00 in China, Jan 30 in UTC
    assert.equal(addDuration(instant, duration, 0).toISOString(), '2026-02-28T18:00:00.000Z'); // Feb 28 18:00 UTC
    assert.equal(addDuration(instant, duration, 480).toISOString(), '2026-02-27T18:00:00.000Z'); // Feb 28 02:00 China
  });
});

describe('parseIsoDateTime', () => {
  const cases: readonly (readonly [string, number, string])[] = [
    ['2026-03-01T09:30:00+08:00', 480, '2026-03-01T01:30:00.000Z'],
    ['2026-03-01T09:30:00Z', 480, '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T09:30:00-05:30', 480, '2026-03-01T15:00:00.000Z'],
    ['2026-03-01T09:30:00+0800', 480, '2026-03-01T01:30:00.000Z'],
    ['2026-03-01T09:30:00', 480, '2026-03-01T01:30:00.000Z'],
    ['2026-03-01T09:30:00', 0, '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T09:30', 480, '2026-03-01T01:30:00.000Z'],
    ['2026-03-01T09:30:00.25Z', 480, '2026-03-01T09:30:00.250Z'],
    ['2026-03-01', 480, '2026-02-28T16:00:00.000Z'],
    ['2028-02-29T00:00:00Z', 480, '2028-02-29T00:00:00.000Z'],
  ];
  for (const [text, offset, expected] of cases) {
    test(`${text} at offset ${offset}`, () => {
      const result = parseIsoDateTime(text, offset);
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.instant.toISOString(), expected);
    });
  }

  const invalid: readonly (readonly [string, RegExp])[] = [
    ['2026-02-29T00:00:00Z', /day 29 does not exist in 2026-02/],
    ['2026-13-01', /month 13 does not exist/],
    ['2026-01-01T24:00:00Z', /hour 24/],
    ['2026-01-01T10:60:00Z', /minute 60/],
    ['2026-01-01T10:00:00[Asia/Shanghai]', /named time zones/],
    ['tomorrow', /not in ISO 8601 form/],
    ['2026-1-1', /not in ISO 8601 form/],
  ];
  for (const [text, message] of invalid) {
    test(`refuses '${text}'`, () => {
      const result = parseIsoDateTime(text, 480);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.error, message);
    });
  }
});
