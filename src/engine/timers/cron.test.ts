import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nextCronTime } from './cron.ts';
import { parseCron } from './cron.parser.ts';

// Expected instants are read off a printed 2026 calendar (Jan 1 2026 is a Thursday), not
// produced by the implementation. Times are local at +08:00 unless a case says otherwise.
const local = (text: string) => new Date(`${text}+08:00`);
const show = (d: Date | null) => (d === null ? null : new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19));

/** The next `count` fire times after `after`, each found from the one before. */
function fires(cron: string, after: string, count: number, offset = 480): (string | null)[] {
  const parsed = parseCron(cron);
  assert.ok(parsed.ok, JSON.stringify(parsed));
  const out: (string | null)[] = [];
  let at: Date | null = local(after);
  for (let i = 0; i < count && at; i++) {
    at = nextCronTime(parsed.spec, at, offset);
    out.push(show(at));
  }
  return out;
}

describe('Quartz cron: next fire times at +08:00', () => {
  const cases: readonly (readonly [string, string, string, readonly (string | null)[]])[] = [
    ['every 5 minutes', '0 0/5 * * * ?', '2026-01-01T10:02:30', ['2026-01-01T10:05:00', '2026-01-01T10:10:00', '2026-01-01T10:15:00']],
    ['strictly after a fire time', '0 0/5 * * * ?', '2026-01-01T10:05:00', ['2026-01-01T10:10:00']],
    ['*/20 seconds', '*/20 * * * * ?', '2026-01-01T10:00:50.500', ['2026-01-01T10:01:00', '2026-01-01T10:01:20']],
    ['weekdays at 9, over a weekend', '0 0 9 ? * MON-FRI', '2026-01-02T09:00:00', ['2026-01-05T09:00:00', '2026-01-06T09:00:00']],
    ['weekdays at 9, later the same day', '0 0 9 ? * MON-FRI', '2026-01-02T08:59:59', ['2026-01-02T09:00:00']],
    ['numeric day-of-week 2 is Monday', '0 15 10 ? * 2', '2026-01-01T00:00:00', ['2026-01-05T10:15:00']],
    ['a lone L in day-of-week is Saturday', '0 0 9 ? * L', '2026-01-01T00:00:00', ['2026-01-03T09:00:00']],
    ['last day of month', '0 0 18 L * ?', '2026-01-15T00:00:00', ['2026-01-31T18:00:00', '2026-02-28T18:00:00', '2026-03-31T18:00:00']],
    ['two days before the last day', '0 0 18 L-2 * ?', '2026-01-01T00:00:00', ['2026-01-29T18:00:00', '2026-02-26T18:00:00']],
    ['third Friday', '0 0 10 ? * 6#3', '2026-01-01T00:00:00', ['2026-01-16T10:00:00', '2026-02-20T10:00:00', '2026-03-20T10:00:00']],
    ['third Friday by name', '0 0 10 ? * FRI#3', '2026-01-01T00:00:00', ['2026-01-16T10:00:00']],
    ['last Friday', '0 0 10 ? * 6L', '2026-01-01T00:00:00', ['2026-01-30T10:00:00', '2026-02-27T10:00:00']],
    ['15W on weekdays and weekends', '0 0 9 15W * ?', '2026-01-15T09:00:00', ['2026-02-16T09:00:00', '2026-03-16T09:00:00', '2026-04-15T09:00:00']],
    ['15W on a Saturday moves to Friday', '0 0 9 15W * ?', '2026-07-20T00:00:00', ['2026-08-14T09:00:00']],
    ['1W on a Saturday moves forward to Monday, not into July', '0 0 9 1W * ?', '2026-07-15T00:00:00', ['2026-08-03T09:00:00']],
    ['LW: last weekday when the month ends on a Sunday', '0 0 9 LW * ?', '2026-05-01T00:00:00', ['2026-05-29T09:00:00']],
    ['month names', '0 0 9 1 JAN,JUL ?', '2026-02-01T00:00:00', ['2026-07-01T09:00:00', '2027-01-01T09:00:00']],
    ['hour range wrapping midnight', '0 0 22-2 * * ?', '2026-01-01T02:30:00', ['2026-01-01T22:00:00', '2026-01-01T23:00:00', '2026-01-02T00:00:00']],
    ['lists and ranges', '0 0,30 9-10 * * ?', '2026-01-01T09:45:00', ['2026-01-01T10:00:00', '2026-01-01T10:30:00', '2026-01-02T09:00:00']],
    ['with a year field', '0 0 12 1 1 ? 2027', '2026-06-01T00:00:00', ['2027-01-01T12:00:00', null]],
    ['year range', '0 0 12 1 1 ? 2027-2028', '2026-06-01T00:00:00', ['2027-01-01T12:00:00', '2028-01-01T12:00:00', null]],
    ['a year in the past never fires', '0 0 12 1 1 ? 2025', '2026-06-01T00:00:00', [null]],
    ['Feb 29 waits for a leap year', '0 0 0 29 2 ?', '2026-01-01T00:00:00', ['2028-02-29T00:00:00']],
    ['Feb 30 never fires', '0 0 0 30 2 ?', '2026-01-01T00:00:00', [null]],
  ];
  for (const [name, cron, after, expected] of cases) {
    test(`${name}: ${cron}`, () => {
      assert.deepEqual(fires(cron, after, expected.length), expected);
    });
  }

  test('the UTC offset is the clock cron reads', () => {
    const parsed = parseCron('0 0 9 * * ?');
    assert.ok(parsed.ok);
    const after = new Date('2026-01-01T02:00:00Z'); // 10:00 in China
    assert.equal(nextCronTime(parsed.spec, after, 0)?.toISOString(), '2026-01-01T09:00:00.000Z');
    assert.equal(nextCronTime(parsed.spec, after, 480)?.toISOString(), '2026-01-02T01:00:00.000Z');
  });
});

describe('Quartz cron: refusals name the problem', () => {
  const cases: readonly (readonly [string, RegExp])[] = [
    ['*/5 * * * *', /expected 6 or 7 fields.*got 5; Quartz cron starts with seconds/],
    ['0 0 9 * * MON-FRI', /exactly one of day-of-month and day-of-week must be '\?'/],
    ['0 0 9 ? * ?', /exactly one of day-of-month and day-of-week/],
    ['0 60 * * * ?', /minute 60 is out of range 0–59/],
    ['0 0 24 * * ?', /hour 24 is out of range 0–23/],
    ['0 0 9 ? * 0', /day-of-week 0 is out of range 1–7 \(Quartz counts 1 = SUN … 7 = SAT\)/],
    ['0 0 9 ? * FOO', /day-of-week 'FOO' is not a number or name/],
    ['0 0 9 ? * 6#6', /week number after # must be 1–5/],
    ['0 0 9 1 13 ?', /month 13 is out of range 1–12/],
    ['0 0/0 * * * ?', /step 0 is out of range/],
    ['? 0 9 1 * ?', /'\?' is only allowed in day-of-month or day-of-week, not in second/],
    ['0 0 9 1 * ? 2100', /year 2100 is out of range 1970–2099/],
    ['0 0 9 L-40 * ?', /offset must be 0–30/],
    ['0 0 9 1,L * ?', /day-of-month '1,L' is not supported/],
    ['0 0 9 ? * 1-', /day-of-week '1-' is not a value, range or step/],
  ];
  for (const [cron, message] of cases) {
    test(`refuses '${cron}'`, () => {
      const result = parseCron(cron);
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.match(result.error, message);
        assert.ok(result.error.includes(cron), 'the message quotes the expression');
      }
    });
  }
});
