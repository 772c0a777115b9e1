import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, arrivals, at, dayLoad, HOURLY_PROFILE } from './bank-days.ts';
import { Random } from './random.ts';

describe('demo history days', () => {
  it('counts days across a month end and back', () => {
    assert.equal(addDays('2026-02-28', 1), '2026-03-01');
    assert.equal(addDays('2026-12-02', -60), '2026-10-03');
  });

  it('places a time of day in China time (UTC+8)', () => {
    assert.equal(new Date(at('2026-11-30', 9 * 60)).toISOString(), '2026-11-30T01:00:00.000Z');
    assert.equal(new Date(at('2026-11-30', 0)).toISOString(), '2026-11-29T16:00:00.000Z');
  });

  it('draws arrivals within opening hours, most in the two peaks', () => {
    const r = new Random(11);
    const byHour = new Array(24).fill(0);
    let total = 0;
    for (let d = 0; d < 400; d++) {
      for (const t of arrivals(r, '2026-11-30', 25)) {
        const hour = new Date(t + 8 * 3600_000).getUTCHours();
        byHour[hour]++;
        total++;
      }
    }
    assert.ok(Math.abs(total / 400 - 25) < 1, `mean ${total / 400} a day`);
    assert.equal(byHour.slice(0, 9).concat(byHour.slice(17)).reduce((a: number, b: number) => a + b, 0), 0, 'none outside 09:00–17:00');
    assert.equal(HOURLY_PROFILE.length, 8);
    assert.ok(byHour[10] > byHour[12] * 2 && byHour[14] > byHour[12] * 2, `peaks at 10 and 14: ${byHour.slice(9, 17)}`);
  });

  it('makes Mondays, Fridays and the day after a holiday busier', () => {
    assert.equal(dayLoad('2026-11-30', false), 1.15);
    assert.equal(dayLoad('2026-10-09', true), 1.3);
    assert.equal(dayLoad('2026-12-01', false), 1, 'a Tuesday');
    assert.equal(dayLoad('2026-12-04', false), 1.08, 'a Friday');
  });
});
