import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays } from './calendar-data.ts';

describe('calendar dates', () => {
  it('adds days across months, years and a leap day, and subtracts them', () => {
    assert.equal(addDays('2026-11-30', 1), '2026-12-01');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
    assert.equal(addDays('2026-11-29', -89), '2026-09-01');
    assert.equal(addDays('2026-11-29', 0), '2026-11-29');
  });

  it('refuses what is not a date', () => {
    assert.throws(() => addDays('2026-02-30', 1), RangeError);
    assert.throws(() => addDays('yesterday', 1), RangeError);
  });
});
