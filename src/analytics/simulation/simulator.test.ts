import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bpmn, flows } from '../../engine/model/bpmn-fixture.ts';
import { createBusinessCalendar } from '../../platform/calendar/business-calendar.ts';
import cnMainland from '../../platform/calendar/cn-mainland.json' with { type: 'json' };
import type { CalendarYear } from '../../platform/calendar/calendar-data.ts';
import { figures } from './results.ts';
import { defaultParameters, outline } from './simulation-model.ts';
import { simulate, simulateCooperatively } from './simulator.ts';
import { minutes, modelOf, run, SINGLE_QUEUE_BPMN } from './test-fixtures.ts';
import { workingTime } from './work-calendar.ts';

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const near = (actual: number, expected: number, relative: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= relative * expected, `${what}: ${actual} is not within ${relative * 100}% of ${expected}`);

describe('a single-server queue against queueing theory', () => {
  test('M/M/1 at ρ = 0.8: mean time in system 1/(μ − λ), utilisation ρ', async () => {
    // λ = 4 an hour, service exponential with mean 12 min (μ = 5 an hour): W = 1/(5 − 4) h = 3600 s,
    // Lq = ρ²/(1 − ρ) = 3.2. Four runs of 100,000 cases each, averaged: at ρ = 0.8 a run's mean
    // still wanders by about 3%, four of them by about 1.5%.
    const model = await modelOf(SINGLE_QUEUE_BPMN);
    const runs = [1, 2, 3, 4].map((seed) => run(model, { arrivalsPerHour: 4, durations: { review: { kind: 'exponential', mean: 720 } } }, { cases: 100_000, warmUpCases: 2000, seed }));
    near(mean(runs.map((r) => mean(r.cycleTimes))), 3600, 0.05, 'mean time in system');
    near(mean(runs.map((r) => figures(r).pools[0]!.utilisation!)), 0.8, 0.02, 'utilisation');
    near(mean(runs.map((r) => figures(r).pools[0]!.meanQueueLength!)), 3.2, 0.1, 'mean queue length');
  });

  test('one more reviewer: M/M/2 waiting as Erlang C gives it, far below M/M/1', async () => {
    // c = 2, a = λ/μ = 0.8: P(wait) = (a²/2)/(1 − a/2) / (1 + a + (a²/2)/(1 − a/2)) = 0.5333/2.3333 = 0.2286,
    // Wq = P(wait)/(cμ − λ) = 0.2286/6 h = 137.1 s; with one reviewer Wq = ρ/(μ − λ) = 0.8 h = 2880 s.
    const model = await modelOf(SINGLE_QUEUE_BPMN);
    const params = { arrivalsPerHour: 4, durations: { review: { kind: 'exponential' as const, mean: 720 } } };
    const one = figures(run(model, { ...params, pools: { reviewer: { size: 1, calendar: '24x7' } } }, { cases: 100_000, warmUpCases: 2000 }));
    const two = figures(run(model, { ...params, pools: { reviewer: { size: 2, calendar: '24x7' } } }, { cases: 100_000, warmUpCases: 2000 }));
    near(two.activities[0]!.waiting.meanSeconds!, 137.1, 0.1, 'M/M/2 waiting');
    near(one.activities[0]!.waiting.meanSeconds!, 2880, 0.1, 'M/M/1 waiting');
    near(two.pools[0]!.utilisation!, 0.4, 0.03, 'M/M/2 utilisation');
  });
});

describe('flow semantics', () => {
  test('a parallel split and join: the case takes as long as its longer branch', async () => {
    const model = await modelOf(bpmn('par', `
      <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
      <bpmn:serviceTask id="a" camunda:type="external" camunda:topic="a"/><bpmn:serviceTask id="b" camunda:type="external" camunda:topic="b"/>
      <bpmn:parallelGateway id="join"/><bpmn:endEvent id="e"/>
      ${flows('s->fork', 'fork->a', 'fork->b', 'a->join', 'b->join', 'join->e')}`));
    const outcome = run(model, { durations: { a: minutes(10), b: minutes(30) } }, { cases: 200 });
    const f = figures(outcome);
    assert.equal(f.casesSimulated, 200);
    assert.equal(f.unfinishedCases, 0);
    assert.deepEqual([f.cycleTime.meanSeconds, f.cycleTime.p50Seconds, f.cycleTime.maxSeconds], [1800, 1800, 1800]);
    assert.deepEqual(f.activities.map((a) => [a.id, a.count]), [['a', 200], ['b', 200]]);
  });

  test('an exclusive split takes each branch with its probability', async () => {
    const model = await modelOf(bpmn('xor', `
      <bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="g"/>
      <bpmn:serviceTask id="a" camunda:type="external" camunda:topic="a"/><bpmn:serviceTask id="b" camunda:type="external" camunda:topic="b"/>
      <bpmn:exclusiveGateway id="m"/><bpmn:endEvent id="e"/>
      ${flows('s->g', 'g->a:${x}', 'g->b:${!x}', 'a->m', 'b->m', 'm->e')}`));
    const f = figures(run(model, { durations: { a: minutes(10), b: minutes(60) }, branchProbabilities: { f_g_a: 0.3, f_g_b: 0.7 } }, { cases: 20_000 }));
    const share = f.activities.find((a) => a.id === 'a')!.count / 20_000;
    // a share of 0.3 among 20,000 cases wanders by √(0.21/20000) = 0.003
    assert.ok(Math.abs(share - 0.3) < 0.015, `share through a: ${share}`);
    assert.equal(f.activities.find((a) => a.id === 'a')!.count + f.activities.find((a) => a.id === 'b')!.count, 20_000);
    near(f.cycleTime.meanSeconds!, 0.3 * 600 + 0.7 * 3600, 0.02, 'mean cycle time');
    assert.equal(f.cycleTime.p50Seconds, 3600);
  });

  test('an inclusive split and join: the join waits only for the branches taken', async () => {
    const model = await modelOf(bpmn('or', `
      <bpmn:startEvent id="s"/><bpmn:inclusiveGateway id="g"/>
      <bpmn:serviceTask id="a" camunda:type="external" camunda:topic="a"/><bpmn:serviceTask id="b" camunda:type="external" camunda:topic="b"/>
      <bpmn:inclusiveGateway id="j"/><bpmn:endEvent id="e"/>
      ${flows('s->g', 'g->a:${x}', 'g->b:${y}', 'a->j', 'b->j', 'j->e')}`));
    const f = figures(run(model, { durations: { a: minutes(10), b: minutes(30) }, branchProbabilities: { f_g_a: 1, f_g_b: 0.5 } }, { cases: 10_000 }));
    assert.equal(f.unfinishedCases, 0);
    assert.equal(f.activities.find((a) => a.id === 'a')!.count, 10_000, 'a branch of probability 1 is always taken');
    const withB = f.activities.find((a) => a.id === 'b')!.count / 10_000;
    assert.ok(Math.abs(withB - 0.5) < 0.03, `share with b: ${withB}`);
    // cases with b take 30 min, those without 10 min: the median falls between them, the max is 30 min
    assert.equal(f.cycleTime.maxSeconds, 1800);
    assert.equal(f.cycleTime.histogram[0]!.fromSeconds, 600);
    near(f.cycleTime.meanSeconds!, 600 + withB * 1200, 0.001, 'mean cycle time');
  });

  test('a removed step passes its token straight on', async () => {
    const model = await modelOf(bpmn('seq', `
      <bpmn:startEvent id="s"/><bpmn:userTask id="a" camunda:candidateGroups="clerk"/><bpmn:serviceTask id="b" camunda:type="external" camunda:topic="b"/><bpmn:endEvent id="e"/>
      ${flows('s->a', 'a->b', 'b->e')}`));
    const params = { arrivalsPerHour: 0.5, durations: { a: minutes(10), b: minutes(20) } };
    const before = figures(run(model, params, { cases: 100 }));
    const removed = run(model, { ...params, removedActivities: ['a'] }, { cases: 100, keepLog: true });
    const after = figures(removed);
    assert.equal(before.cycleTime.p50Seconds, 1800);
    assert.deepEqual([after.cycleTime.meanSeconds, after.cycleTime.maxSeconds], [1200, 1200]);
    assert.equal(after.activities.find((a) => a.id === 'a')!.count, 0);
    assert.ok(!removed.log!.some((e) => e.activityId === 'a'), 'the removed step is not in the simulated log');
  });

  test('a sub-process is simulated inside', async () => {
    const model = await modelOf(bpmn('sub', `
      <bpmn:startEvent id="s"/>
      <bpmn:subProcess id="sp"><bpmn:startEvent id="ss"/><bpmn:userTask id="inner" camunda:candidateGroups="clerk"/><bpmn:endEvent id="se"/>${flows('ss->inner', 'inner->se')}</bpmn:subProcess>
      <bpmn:serviceTask id="after" camunda:type="external" camunda:topic="x"/><bpmn:endEvent id="e"/>
      ${flows('s->sp', 'sp->after', 'after->e')}`));
    const f = figures(run(model, { arrivalsPerHour: 0.1, durations: { inner: minutes(10), after: minutes(5) } }, { cases: 50 }));
    assert.deepEqual([f.casesSimulated, f.cycleTime.meanSeconds, f.cycleTime.maxSeconds], [50, 900, 900]);
    assert.deepEqual(f.pools.map((p) => p.name), ['clerk']);
  });
});

describe('resources, calendars, determinism', () => {
  const years = cnMainland.years as unknown as Record<string, CalendarYear>;

  test('a working-hours pool: 30 minutes begun at 16:50 on a Friday end at 09:20 on the make-up Sunday', async () => {
    // 2025-01-24 is a Friday; 2025-01-26 a make-up working Sunday before Spring Festival (cn-mainland.json)
    const model = await modelOf(SINGLE_QUEUE_BPMN);
    const startAt = Date.parse('2025-01-24T16:50:00+08:00');
    const outcome = run(model, { durations: { review: minutes(30) }, pools: { reviewer: { size: 1, calendar: 'working' } } }, { cases: 1, startAt, keepLog: true, workingCalendar: workingTime(createBusinessCalendar(years)) });
    const done = outcome.log!.find((e) => e.activityId === 'review' && e.lifecycle === 'complete')!;
    assert.equal(new Date(done.at).toISOString(), new Date('2025-01-26T09:20:00+08:00').toISOString());
    assert.equal(outcome.cycleTimes[0], (Date.parse('2025-01-26T09:20:00+08:00') - startAt) / 1000);
  });

  test('a case arriving at night waits for the next opening', async () => {
    const model = await modelOf(SINGLE_QUEUE_BPMN);
    const startAt = Date.parse('2025-03-04T20:00:00+08:00'); // a Tuesday evening
    const outcome = run(model, { durations: { review: minutes(30) }, pools: { reviewer: { size: 1, calendar: 'working' } } }, { cases: 1, startAt, workingCalendar: workingTime(createBusinessCalendar(years)) });
    assert.equal(figures(outcome).activities[0]!.waiting.meanSeconds, 13 * 3600); // 20:00 → 09:00
  });

  test('the same seed gives the same answer; another seed another', async () => {
    const model = await modelOf(SINGLE_QUEUE_BPMN);
    const params = { arrivalsPerHour: 4, durations: { review: { kind: 'lognormal' as const, mean: 600, sd: 300 } } };
    const a = figures(run(model, params, { seed: 7 }));
    const b = figures(run(model, params, { seed: 7 }));
    const c = figures(run(model, params, { seed: 8 }));
    assert.deepEqual(a, b);
    assert.notEqual(a.cycleTime.meanSeconds, c.cycleTime.meanSeconds);
  });

  test('a bound on simulated time stops the run and says so', async () => {
    const model = await modelOf(SINGLE_QUEUE_BPMN);
    const outcome = run(model, { arrivalsPerHour: 1, durations: { review: minutes(10) } }, { cases: 1000, maxSimulatedMs: 10 * 3_600_000 });
    assert.equal(outcome.stoppedBy, 'maxSimulatedTime');
    // about ten cases arrive in ten hours, at one an hour
    assert.ok(outcome.cycleTimes.length > 0 && outcome.cycleTimes.length < 30, `${outcome.cycleTimes.length} cases`);
  });

  test('the wall-clock guard stops a run that takes too long', async () => {
    const model = await modelOf(SINGLE_QUEUE_BPMN);
    let t = 0;
    const outcome = run(model, { arrivalsPerHour: 1, durations: { review: minutes(10) } }, { cases: 100_000, wallClockMs: 1000, wallClock: () => (t += 600) });
    assert.equal(outcome.stoppedBy, 'wallClock');
    assert.ok(outcome.cycleTimes.length < 100_000);
  });
});

describe('running inside a server', () => {
  test('a cooperative run lets other work in while it simulates, and gives the same answer', async () => {
    const model = await modelOf(SINGLE_QUEUE_BPMN);
    const o = outline(model);
    const parameters = { ...defaultParameters(o).parameters, arrivalsPerHour: 4, durations: { review: { kind: 'exponential' as const, mean: 720 } } };
    const spec = { outline: o, parameters, cases: 200_000, warmUpCases: 0, seed: 7, startAt: Date.UTC(2026, 2, 2), maxSimulatedMs: 100 * 365 * 86_400_000, wallClockMs: 60_000 };
    let turns = 0;
    const ticker = setInterval(() => turns++, 1);
    const cooperative = await simulateCooperatively(spec);
    clearInterval(ticker);
    assert.ok(turns > 0, 'timers ran while the simulation did');
    assert.deepEqual(figures(cooperative), figures(simulate(spec)));
  });
});
