import assert from 'node:assert/strict';
import { test } from 'node:test';
import { learnParameters } from './learn.ts';
import { figures } from './results.ts';
import { outline, type SimulationParameters } from './simulation-model.ts';
import { simulate } from './simulator.ts';
import { LOAN_BPMN, modelOf } from './test-fixtures.ts';

/*
 * The validation: simulate a model with known parameters, learn the parameters back from
 * the simulated log, simulate again with what was learned: the cycle times agree within 10%.
 */

const KNOWN: SimulationParameters = {
  arrivalsPerHour: 6,
  durations: {
    register: { kind: 'fixed', value: 120 },
    review: { kind: 'lognormal', mean: 1500, sd: 600 },
    offer: { kind: 'exponential', mean: 900 },
    sign: { kind: 'uniform', min: 300, max: 900 },
    credit: { kind: 'normal', mean: 600, sd: 120 },
    payout: { kind: 'fixed', value: 60 },
    cooling: { kind: 'fixed', value: 1800 },
    notify: { kind: 'fixed', value: 30 },
  },
  branchProbabilities: { f_decision_offer: 0.75, f_decision_cooling: 0.25 },
  // reviewers: 6/h × 25 min / 4 = 0.625 busy; clerks: 4.5/h × (15 + 10) min / 3 = 0.625 busy
  pools: { Reviewers: { size: 4, calendar: '24x7' }, clerk: { size: 3, calendar: '24x7' } },
  removedActivities: [],
};

test('a log simulated from known parameters gives them back, and simulating them again the same cycle times', async () => {
  const o = outline(await modelOf(LOAN_BPMN));
  const common = { outline: o, cases: 5000, warmUpCases: 500, startAt: Date.UTC(2026, 2, 2), maxSimulatedMs: 10 * 365 * 86_400_000, wallClockMs: 60_000 };
  const first = simulate({ ...common, parameters: KNOWN, seed: 11, keepLog: true });
  const learned = learnParameters(o, first.log!);
  const p = learned.parameters;

  const within = (actual: number, expected: number, relative: number, what: string) =>
    assert.ok(Math.abs(actual - expected) <= relative * expected, `${what}: ${actual}, expected ${expected} ± ${relative * 100}%`);
  within(p.arrivalsPerHour, 6, 0.05, 'arrivals per hour');
  assert.deepEqual(p.pools, KNOWN.pools);
  assert.deepEqual(p.durations.register, { kind: 'fixed', value: 120 });
  assert.deepEqual(p.durations.cooling, { kind: 'fixed', value: 1800 });
  within(learned.provenance.durations.review!.meanSeconds as number, 1500, 0.03, 'mean review');
  within(learned.provenance.durations.offer!.meanSeconds as number, 900, 0.05, 'mean offer');
  assert.equal(learned.provenance.durations.review!.method, 'lifecycle');
  assert.deepEqual(['review', 'offer', 'sign', 'credit'].map((id) => p.durations[id]!.kind), ['lognormal', 'exponential', 'uniform', 'normal'], 'each family recognised');
  assert.ok(Math.abs(p.branchProbabilities.f_decision_offer! - 0.75) < 0.02, `approval share ${p.branchProbabilities.f_decision_offer}`);

  const second = simulate({ ...common, parameters: p, seed: 12 });
  const [a, b] = [figures(first).cycleTime, figures(second).cycleTime];
  within(b.meanSeconds!, a.meanSeconds!, 0.1, 'mean cycle time');
  within(b.p90Seconds!, a.p90Seconds!, 0.1, 'p90 cycle time');
});
