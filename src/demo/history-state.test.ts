import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayNumber, resumeDay, statusOf, type HistoryRow } from './history-state.ts';

const row = (over: Partial<HistoryRow>): HistoryRow => ({
  id: 1,
  days: 60,
  first_day: '2026-09-30',
  last_day: '2026-11-28',
  day_started: null,
  day_done: null,
  seed: 1,
  started_at: new Date('2026-11-29T01:00:00Z'),
  finished_at: null,
  lease_owner: null,
  lease_until: null,
  error: null,
  ...over,
});

describe('demo history state', () => {
  it('counts days from the first, both ends included', () => {
    assert.equal(dayNumber('2026-09-30', '2026-09-30'), 1);
    assert.equal(dayNumber('2026-09-30', '2026-10-31'), 32);
  });

  it('resumes after the last day done, and skips a day that was begun but cut short', () => {
    assert.equal(resumeDay(row({})), '2026-09-30');
    assert.equal(resumeDay(row({ day_started: '2026-10-03', day_done: '2026-10-03' })), '2026-10-04');
    assert.equal(resumeDay(row({ day_started: '2026-10-04', day_done: '2026-10-03' })), '2026-10-05', 'the interrupted 4 October stays as it was left');
  });

  it('tells the banner the state and how far it is', () => {
    const now = new Date('2026-11-29T01:05:00Z');
    const leased = { lease_owner: 'a', lease_until: new Date('2026-11-29T01:05:30Z') };
    assert.deepEqual(statusOf(undefined, now), { state: 'off', days: 0, daysDone: 0, through: null, startedAt: null, finishedAt: null });
    assert.deepEqual(statusOf(row({ ...leased, day_done: '2026-10-22', day_started: '2026-10-23' }), now), { state: 'generating', days: 60, daysDone: 23, through: '2026-10-22', startedAt: '2026-11-29T01:00:00.000Z', finishedAt: null });
    assert.equal(statusOf(row({ day_done: '2026-10-22' }), now).state, 'stopped', 'nobody holds it: resumed at the next start');
    assert.equal(statusOf(row({ lease_owner: 'a', lease_until: new Date('2026-11-29T01:04:00Z') }), now).state, 'stopped', 'a lease run out: its generator is gone');
    assert.equal(statusOf(row({ day_done: '2026-11-28', finished_at: new Date('2026-11-29T01:09:00Z') }), now).state, 'done');
    assert.equal(statusOf(row({ error: 'database gone' }), now).state, 'failed');
  });
});
