import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createBusinessCalendar } from './business-calendar.ts';
import { parseCalendarFile, parseCalendarYear } from './calendar-data.ts';
import type { CalendarDataErrorCode, CalendarFile } from './calendar-data.ts';
import shipped from './cn-mainland.json' with { type: 'json' };

// Expected values below are worked out from cn-mainland.json by hand (weekdays checked against
// a printed calendar), not produced by the implementation.

function loadShipped(): CalendarFile {
  const parsed = parseCalendarFile(shipped);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

const file = loadShipped();
const calendar = createBusinessCalendar(file.years);

/** A local (UTC+8) time `YYYY-MM-DDTHH:MM[:SS.mmm]` as an instant. */
const at = (local: string): Date => new Date(`${local}+08:00`);

describe('the shipped cn-mainland data', () => {
  test('parses without errors and keeps every fact', () => {
    assert.deepEqual(parseCalendarFile(shipped), { ok: true, value: shipped });
  });

  test('loads 2025 and 2026 only', () => {
    assert.deepEqual(
      [2024, 2025, 2026, 2027].map((y) => calendar.hasYear(y)),
      [false, true, true, false],
    );
  });
});

describe('isWorkingDay', () => {
  const cases: readonly (readonly [string, boolean, string])[] = [
    ['2025-01-01', false, 'New Year holiday, a Wednesday'],
    ['2025-01-02', true, 'ordinary Thursday'],
    ['2025-01-25', false, 'ordinary Saturday'],
    ['2025-01-26', true, 'make-up Sunday before Spring Festival'],
    ['2025-01-28', false, 'first day of Spring Festival, a Tuesday'],
    ['2025-01-31', false, 'Spring Festival, a Friday'],
    ['2025-02-04', false, 'last day of Spring Festival, a Tuesday'],
    ['2025-02-05', true, 'first working day after Spring Festival'],
    ['2025-02-08', true, 'make-up Saturday after Spring Festival'],
    ['2025-02-09', false, 'ordinary Sunday'],
    ['2025-04-04', false, 'Qingming, a Friday'],
    ['2025-04-27', true, 'make-up Sunday before Labour Day'],
    ['2025-05-05', false, 'Labour Day holiday, a Monday'],
    ['2025-06-02', false, 'Dragon Boat holiday, a Monday'],
    ['2025-09-28', true, 'make-up Sunday before National Day'],
    ['2025-10-01', false, 'National Day'],
    ['2025-10-08', false, 'last day of National Day/Mid-Autumn, a Wednesday'],
    ['2025-10-09', true, 'first working day after National Day'],
    ['2025-10-11', true, 'make-up Saturday after National Day'],
    ['2025-10-12', false, 'ordinary Sunday'],
    ['2026-01-02', false, 'New Year holiday 2026, a Friday'],
    ['2026-01-04', true, 'make-up Sunday after New Year 2026'],
    ['2026-02-14', true, 'make-up Saturday before Spring Festival 2026'],
    ['2026-02-16', false, 'Spring Festival 2026, a Monday'],
    ['2026-02-23', false, 'last day of Spring Festival 2026, a Monday'],
    ['2026-02-24', true, 'first working day after Spring Festival 2026'],
    ['2026-02-28', true, 'make-up Saturday after Spring Festival 2026'],
    ['2026-05-09', true, 'make-up Saturday after Labour Day 2026'],
    ['2026-09-20', true, 'make-up Sunday before Mid-Autumn 2026'],
    ['2026-09-25', false, 'Mid-Autumn 2026, a Friday'],
    ['2026-10-07', false, 'last day of National Day 2026, a Wednesday'],
    ['2026-10-10', true, 'make-up Saturday after National Day 2026'],
    ['2024-12-31', true, 'a Tuesday in a year with no data: weekend rule'],
    ['2027-01-01', true, 'a Friday in a year with no data: weekend rule, no holidays known'],
    ['2027-01-02', false, 'a Saturday in a year with no data'],
  ];
  for (const [date, expected, why] of cases) {
    test(`${date} → ${expected} (${why})`, () => assert.equal(calendar.isWorkingDay(date), expected));
  }
});

describe('nextWorkingDay', () => {
  const cases = [
    ['2025-01-24', '2025-01-26'], // Friday → make-up Sunday
    ['2025-01-27', '2025-02-05'], // across Spring Festival
    ['2025-02-07', '2025-02-08'], // Friday → make-up Saturday
    ['2025-09-30', '2025-10-09'], // across National Day
    ['2025-12-31', '2026-01-04'], // across the year and New Year 2026, onto a make-up Sunday
    ['2026-02-14', '2026-02-24'], // make-up Saturday → after Spring Festival 2026
    ['2026-09-24', '2026-09-28'], // across Mid-Autumn 2026
    ['2026-09-30', '2026-10-08'], // across National Day 2026
    ['2025-03-07', '2025-03-10'], // ordinary Friday → Monday
  ] as const;
  for (const [date, expected] of cases) {
    test(`${date} → ${expected}`, () => assert.equal(calendar.nextWorkingDay(date), expected));
  }
});

describe('addWorkingDays', () => {
  // [from, n, expected], all local UTC+8
  const cases: readonly (readonly [string, number, string, string])[] = [
    ['2025-03-04T10:00', 1, '2025-03-05T10:00', 'Tuesday → Wednesday, same time'],
    ['2025-03-07T10:00', 1, '2025-03-10T10:00', 'Friday → Monday over a weekend'],
    ['2025-01-24T15:30', 2, '2025-01-27T15:30', 'make-up Sunday 01-26 counts'],
    ['2025-01-26T10:00', 1, '2025-01-27T10:00', 'received on a make-up Sunday: a working day'],
    ['2025-01-27T10:00', 1, '2025-02-05T10:00', 'across Spring Festival'],
    ['2025-01-27T10:00', 5, '2025-02-10T10:00', '02-05, 06, 07, make-up 08, Monday 10'],
    ['2025-09-26T09:00', 3, '2025-09-30T09:00', 'make-up 09-28, 29, 30'],
    ['2025-09-30T14:00', 1, '2025-10-09T14:00', 'across National Day/Mid-Autumn'],
    ['2025-09-30T14:00', 3, '2025-10-11T14:00', '10-09, 10-10, make-up Saturday 10-11'],
    ['2025-12-31T16:00', 1, '2026-01-04T16:00', 'year boundary onto make-up Sunday'],
    ['2025-12-31T16:00', 2, '2026-01-05T16:00', 'year boundary'],
    ['2025-10-09T01:00', 1, '2025-10-10T01:00', 'local date decides (UTC date is a holiday)'],
    ['2026-02-13T11:00', 1, '2026-02-14T11:00', 'Friday → make-up Saturday'],
    ['2026-02-13T11:00', 2, '2026-02-24T11:00', 'across Spring Festival 2026'],
    ['2026-09-30T10:00', 3, '2026-10-10T10:00', '10-08, 10-09, make-up 10-10'],
    ['2027-01-01T10:00', 1, '2027-01-04T10:00', 'year without data: weekend rule'],
    // Received on a non-working day: the end of the n-th working day after that day.
    ['2025-03-08T10:00', 1, '2025-03-10T23:59:59.999', 'Saturday in a normal week → Monday'],
    ['2025-03-09T22:00', 2, '2025-03-11T23:59:59.999', 'Sunday → Tuesday'],
    ['2025-01-25T10:00', 1, '2025-01-26T23:59:59.999', 'Saturday → make-up Sunday'],
    ['2025-10-03T11:00', 1, '2025-10-09T23:59:59.999', 'during National Day'],
    ['2025-10-03T11:00', 15, '2025-10-28T23:59:59.999', '15 working days from a holiday'],
    ['2026-01-01T09:00', 1, '2026-01-04T23:59:59.999', 'New Year 2026 → make-up Sunday'],
  ];
  for (const [from, n, expected, why] of cases) {
    test(`${from} + ${n} → ${expected} (${why})`, () => {
      assert.equal(calendar.addWorkingDays(at(from), n).toISOString(), at(expected).toISOString());
    });
  }

  test('n = 0 returns the same instant, on a working day or not', () => {
    for (const from of ['2025-03-04T10:00', '2025-03-08T10:00', '2025-10-03T11:00']) {
      const result = calendar.addWorkingDays(at(from), 0);
      assert.equal(result.getTime(), at(from).getTime());
      assert.notEqual(result, at(from)); // a new Date, not an alias of the argument
    }
  });

  test('in another time zone the local date moves with the offset', () => {
    const utc = createBusinessCalendar(file.years, { utcOffsetMinutes: 0 });
    // 2025-10-09T01:00+08:00 is 2025-10-08T17:00Z: a holiday in UTC, so the day-end rule applies.
    const from = new Date('2025-10-08T17:00:00Z');
    assert.equal(utc.addWorkingDays(from, 1).toISOString(), '2025-10-09T23:59:59.999Z');
    assert.equal(calendar.addWorkingDays(from, 1).toISOString(), at('2025-10-10T01:00').toISOString());
  });
});

describe('addWorkingHours (09:00–17:00)', () => {
  const cases: readonly (readonly [string, number, string, string])[] = [
    ['2025-03-04T10:00', 3, '2025-03-04T13:00', 'within a day'],
    ['2025-03-04T15:00', 2, '2025-03-04T17:00', 'exactly to closing time'],
    ['2025-03-04T15:00', 4, '2025-03-05T11:00', 'across a night'],
    ['2025-03-04T07:00', 1, '2025-03-04T10:00', 'before opening'],
    ['2025-03-04T19:00', 1, '2025-03-05T10:00', 'after closing'],
    ['2025-03-04T16:30', 1.25, '2025-03-05T09:45', 'fractional hours'],
    ['2025-03-04T16:59', 1 / 60, '2025-03-04T17:00', 'one minute'],
    ['2025-03-07T16:00', 2, '2025-03-10T10:00', 'across a weekend'],
    ['2025-03-08T10:00', 1, '2025-03-10T10:00', 'starting on a Saturday'],
    ['2025-03-03T09:00', 40, '2025-03-07T17:00', 'a whole week'],
    ['2025-09-30T16:00', 3, '2025-10-09T11:00', 'across National Day'],
    ['2025-01-27T14:00', 8, '2025-02-05T14:00', 'across Spring Festival'],
    ['2025-02-07T16:00', 2, '2025-02-08T10:00', 'into a make-up Saturday'],
    ['2025-10-10T16:00', 1.5, '2025-10-11T09:30', 'into a make-up Saturday'],
    ['2025-01-26T09:00', 8, '2025-01-26T17:00', 'on a make-up Sunday'],
    ['2025-12-31T16:00', 2, '2026-01-04T10:00', 'year boundary onto a make-up Sunday'],
    ['2026-02-13T16:00', 9.5, '2026-02-24T09:30', '1 h Friday, 8 h make-up Saturday, 0.5 h'],
  ];
  for (const [from, hours, expected, why] of cases) {
    test(`${from} + ${hours} h → ${expected} (${why})`, () => {
      const result = calendar.addWorkingHours(at(from), hours);
      assert.equal(result.toISOString(), at(expected).toISOString());
    });
  }

  test('0 hours returns the same instant, even outside working hours', () => {
    assert.equal(calendar.addWorkingHours(at('2025-03-08T20:00'), 0).getTime(), at('2025-03-08T20:00').getTime());
  });

  test('custom working hours 08:30–17:30', () => {
    const long = createBusinessCalendar(file.years, { workingHours: { start: '08:30', end: '17:30' } });
    const result = long.addWorkingHours(at('2025-03-04T17:00'), 1);
    assert.equal(result.toISOString(), at('2025-03-05T09:00').toISOString());
  });
});

describe('workingDaysBetween', () => {
  const cases = [
    ['2025-01-27T10:00', '2025-02-05T10:00', 1],
    ['2025-03-04T08:00', '2025-03-04T20:00', 0],
    ['2025-02-05T10:00', '2025-01-27T10:00', -1],
    ['2025-09-30T10:00', '2025-10-31T10:00', 18], // 10-09, 10, 11 and three full weeks
    ['2025-12-31T10:00', '2026-01-05T10:00', 2], // 01-04 make-up Sunday, 01-05
    ['2024-12-31T12:00', '2025-12-31T12:00', 248], // 261 weekdays − 18 weekday holidays + 5 make-ups
    ['2025-12-31T12:00', '2026-12-31T12:00', 248], // 261 weekdays − 19 + 6
  ] as const;
  for (const [a, b, expected] of cases) {
    test(`${a} → ${b}: ${expected}`, () => {
      assert.equal(calendar.workingDaysBetween(at(a), at(b)), expected);
    });
  }

  test('undoes addWorkingDays, from working and non-working days', () => {
    for (const from of ['2025-01-20T10:00', '2025-01-25T10:00', '2025-09-27T08:00', '2026-02-10T16:00']) {
      for (let n = 0; n <= 30; n += 1) {
        const deadline = calendar.addWorkingDays(at(from), n);
        assert.equal(calendar.workingDaysBetween(at(from), deadline), n, `${from} + ${n}`);
      }
    }
  });
});

describe('addCalendarDays and localDate', () => {
  test('adds calendar days at the same local time, holidays included', () => {
    const result = calendar.addCalendarDays(at('2025-09-30T14:00'), 15);
    assert.equal(result.toISOString(), at('2025-10-15T14:00').toISOString());
    assert.equal(calendar.addCalendarDays(at('2025-09-30T14:00'), 0).getTime(), at('2025-09-30T14:00').getTime());
  });

  test('localDate uses the calendar offset', () => {
    assert.equal(calendar.localDate(new Date('2025-10-08T17:00:00Z')), '2025-10-09');
    const utc = createBusinessCalendar(file.years, { utcOffsetMinutes: 0 });
    assert.equal(utc.localDate(new Date('2025-10-08T17:00:00Z')), '2025-10-08');
  });
});

describe('invalid input throws a RangeError that says what was wrong', () => {
  const from = at('2025-03-04T10:00');
  const cases: readonly (readonly [string, () => unknown, RegExp])[] = [
    ['negative n', () => calendar.addWorkingDays(from, -1), /n must be an integer from 0/],
    ['NaN n', () => calendar.addWorkingDays(from, Number.NaN), /n must be an integer from 0.*NaN/],
    ['fractional n', () => calendar.addWorkingDays(from, 1.5), /n must be an integer/],
    ['infinite n', () => calendar.addWorkingDays(from, Infinity), /n must be an integer/],
    ['invalid Date', () => calendar.addWorkingDays(new Date(Number.NaN), 1), /from must be a valid Date/],
    ['negative hours', () => calendar.addWorkingHours(from, -1), /hours must be a number from 0/],
    ['NaN hours', () => calendar.addWorkingHours(from, Number.NaN), /hours must be a number/],
    ['infinite hours', () => calendar.addWorkingHours(from, Infinity), /hours must be a number/],
    ['negative days', () => calendar.addCalendarDays(from, -1), /days must be an integer/],
    ['29 Feb 2025', () => calendar.isWorkingDay('2025-02-29'), /real date YYYY-MM-DD.*2025-02-29/],
    ['slashes', () => calendar.nextWorkingDay('2025/03/04'), /real date YYYY-MM-DD/],
    ['bad between', () => calendar.workingDaysBetween(from, new Date('x')), /b must be a valid Date/],
    ['offset', () => createBusinessCalendar({}, { utcOffsetMinutes: 900 }), /utcOffsetMinutes/],
    [
      'hours reversed',
      () => createBusinessCalendar({}, { workingHours: { start: '17:00', end: '09:00' } }),
      /workingHours must be HH:MM times with start before end/,
    ],
    [
      'hours badly written',
      () => createBusinessCalendar({}, { workingHours: { start: '9:00', end: '17:00' } }),
      /workingHours/,
    ],
    [
      'bad year data',
      () => createBusinessCalendar({ 2025: { holidays: [], makeUpWorkdays: ['2025-03-05'] } }),
      /calendar year 2025 is invalid at makeUpWorkdays\[0\]/,
    ],
  ];
  for (const [name, run, message] of cases) {
    test(name, () => {
      assert.throws(run, (e: unknown) => e instanceof RangeError && message.test(e.message));
    });
  }
});

describe('parseCalendarYear (API uploads)', () => {
  type Mutable = {
    holidays: { name?: unknown; nameEn?: unknown; dates: unknown[] }[];
    makeUpWorkdays?: unknown;
  };
  /** The shipped 2025 data with one change applied. */
  const year2025 = (change: (y: Mutable) => void): unknown => {
    const copy = structuredClone(shipped.years['2025']) as Mutable;
    change(copy);
    return copy;
  };
  const makeUps = (y: Mutable): unknown[] => y.makeUpWorkdays as unknown[];

  test('accepts the shipped years and an empty year', () => {
    for (const year of ['2025', '2026'] as const) {
      const value = shipped.years[year];
      assert.deepEqual(parseCalendarYear(value, Number(year)), { ok: true, value });
    }
    assert.equal(parseCalendarYear({ holidays: [], makeUpWorkdays: [] }, 2030).ok, true);
  });

  test('keeps only the known fields', () => {
    const holiday = { name: '元旦', nameEn: "New Year's Day", dates: ['2030-01-01'] };
    const input = { holidays: [{ ...holiday, x: 1 }], makeUpWorkdays: [], note: 'n' };
    assert.deepEqual(parseCalendarYear(input, 2030), {
      ok: true,
      value: { holidays: [holiday], makeUpWorkdays: [] },
    });
  });

  type ErrorCase = {
    readonly name: string;
    readonly input: unknown;
    readonly errors: readonly (readonly [path: string, code: CalendarDataErrorCode])[];
  };
  const cases: readonly ErrorCase[] = [
    {
      name: 'no such day',
      input: year2025((y) => { y.holidays[2]!.dates[1] = '2025-04-31'; }),
      errors: [['holidays[2].dates[1]', 'invalid_date']],
    },
    {
      name: 'slashes',
      input: year2025((y) => { y.holidays[0]!.dates[0] = '2025/01/01'; }),
      errors: [['holidays[0].dates[0]', 'invalid_date']],
    },
    {
      name: 'a number',
      input: year2025((y) => { makeUps(y)[1] = 20250208; }),
      errors: [['makeUpWorkdays[1]', 'invalid_date']],
    },
    {
      name: 'other year',
      input: year2025((y) => { y.holidays[0]!.dates[0] = '2024-01-01'; }),
      errors: [['holidays[0].dates[0]', 'outside_year']],
    },
    {
      name: 'holiday and make-up',
      input: year2025((y) => { makeUps(y).push('2025-10-04'); }),
      errors: [['makeUpWorkdays[5]', 'holiday_and_make_up']],
    },
    {
      name: 'make-up on a Wednesday',
      input: year2025((y) => { makeUps(y).push('2025-03-05'); }),
      errors: [['makeUpWorkdays[5]', 'make_up_not_weekend']],
    },
    {
      name: 'listed twice',
      input: year2025((y) => { y.holidays[1]!.dates.push('2025-01-28'); }),
      errors: [['holidays[1].dates[8]', 'duplicate_date']],
    },
    {
      name: 'in two holidays',
      input: year2025((y) => { y.holidays[5]!.dates[0] = '2025-05-01'; }),
      errors: [['holidays[5].dates[0]', 'duplicate_date']],
    },
    {
      name: 'no name',
      input: year2025((y) => { delete y.holidays[3]!.name; }),
      errors: [['holidays[3].name', 'required']],
    },
    {
      name: 'no make-up list',
      input: year2025((y) => { delete y.makeUpWorkdays; }),
      errors: [['makeUpWorkdays', 'required']],
    },
    {
      name: 'holidays not a list',
      input: { holidays: {}, makeUpWorkdays: [] },
      errors: [['holidays', 'type']],
    },
    {
      name: 'holiday not an object',
      input: { holidays: ['春节'], makeUpWorkdays: [] },
      errors: [['holidays[0]', 'type']],
    },
    {
      name: 'not an object',
      input: null,
      errors: [['', 'type']],
    },
    {
      name: 'every problem at once',
      input: year2025((y) => {
        y.holidays[0]!.nameEn = 42;
        y.holidays[4]!.dates[2] = '2025-13-01';
        makeUps(y)[0] = '2025-01-28';
      }),
      errors: [
        ['holidays[0].nameEn', 'type'],
        ['holidays[4].dates[2]', 'invalid_date'],
        ['makeUpWorkdays[0]', 'holiday_and_make_up'],
      ],
    },
  ];
  for (const { name, input, errors } of cases) {
    test(name, () => {
      const result = parseCalendarYear(input, 2025);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.deepEqual(result.errors.map((e) => [e.path, e.code]), errors);
      for (const error of result.errors) {
        const [en, zh, ...rest] = error.message.split(' / ');
        assert.deepEqual(rest, [], 'exactly one " / " between the languages');
        assert.match(en ?? '', /^[\x20-\x7e]+$/, 'English first');
        assert.match(zh ?? '', /[\u4e00-\u9fff]/, 'then Chinese');
      }
    });
  }

  test('rejects a year that cannot be right', () => {
    for (const year of [25, 2025.5, Number.NaN, 10_000]) {
      const result = parseCalendarYear({ holidays: [], makeUpWorkdays: [] }, year);
      assert.deepEqual(result.ok ? [] : result.errors.map((e) => e.code), ['invalid_year']);
    }
  });
});

describe('parseCalendarFile', () => {
  test('paths name the year', () => {
    const copy = structuredClone(shipped) as { years: Record<string, unknown> };
    const y2026 = copy.years['2026'] as { holidays: { dates: string[] }[] };
    y2026.holidays[0]!.dates[0] = '2025-12-31';
    copy.years['abcd'] = { holidays: [], makeUpWorkdays: [] };
    const result = parseCalendarFile(copy);
    assert.deepEqual(result.ok ? [] : result.errors.map((e) => [e.path, e.code]), [
      ['years.2026.holidays[0].dates[0]', 'outside_year'],
      ['years.abcd', 'invalid_year'],
    ]);
  });

  test('a file without years is rejected', () => {
    const result = parseCalendarFile({ region: 'CN (mainland)' });
    assert.deepEqual(result.ok ? [] : result.errors.map((e) => [e.path, e.code]), [['years', 'required']]);
  });
});
