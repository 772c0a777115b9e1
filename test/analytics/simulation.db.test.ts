import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { bpmn, flows } from '../../src/engine/model/bpmn-fixture.ts';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';

/** A teller reviews each application; it is approved or rejected. */
const REVIEW_BPMN = bpmn('simReview', `
    <bpmn:startEvent id="s"/>
    <bpmn:userTask id="review" name="Review" camunda:candidateGroups="teller"/>
    <bpmn:exclusiveGateway id="decision"/>
    <bpmn:endEvent id="ok"/>
    <bpmn:endEvent id="rejected"/>
${flows('s->review', 'review->decision', 'decision->ok:${approved}', 'decision->rejected:${!approved}')}`);

const MINUTE = 60_000;

await describeEachDatabase('What-if simulation', (kind) => {
  let app: TestApp;
  let ops: Client;
  let now = new Date('2026-03-02T01:00:00Z');
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => now);
    ops = await loginAs(app.http, 'ops');
    const deployed = await ops.post('/api/v1/deployments', { name: 'sim', resources: [{ name: 'review.bpmn', content: REVIEW_BPMN }] });
    assert.equal(deployed.statusCode, 201, deployed.body);
    // six applications, one every 10 minutes, each reviewed in 7, 8 or 9 minutes by teller1;
    // the 3rd and 6th rejected
    const teller = await loginAs(app.http, 'teller1');
    const start = now.getTime();
    for (let i = 0; i < 6; i++) {
      now = new Date(start + i * 10 * MINUTE);
      const started = await teller.post('/api/v1/process-instances', { processKey: 'simReview' });
      assert.equal(started.statusCode, 201, started.body);
      const task = (await teller.get(`/api/v1/tasks?instanceId=${started.json().id}`)).json().items[0];
      now = new Date(now.getTime() + (7 + (i % 3)) * MINUTE);
      const done = await teller.post(`/api/v1/tasks/${task.id}/complete`, { variables: { approved: i % 3 !== 2 } });
      assert.equal(done.statusCode, 200, done.body);
    }
  });
  after(async () => app?.stop());

  it('learns the parameters from the engine log, each with where it came from', async () => {
    const res = await ops.get('/api/v1/simulation/parameters?processKey=simReview&logId=engine');
    assert.equal(res.statusCode, 200, res.body);
    const { parameters, provenance, log, model } = res.json();
    // 6 cases over 50 minutes: 5 intervals in 5/6 h
    assert.equal(parameters.arrivalsPerHour, 6);
    assert.deepEqual(provenance.arrivalsPerHour.source, 'log');
    // review: 7, 8, 9, 7, 8, 9 min — mean 480 s, sd √(4 × 60² / 5) = 53.7 s
    assert.deepEqual([provenance.durations.review.source, provenance.durations.review.method, provenance.durations.review.observations, provenance.durations.review.meanSeconds], ['log', 'lifecycle', 6, 480]);
    assert.equal(Math.round(provenance.durations.review.sdSeconds * 10) / 10, 53.7);
    // 4 approved, 2 rejected
    assert.deepEqual([parameters.branchProbabilities.f_decision_ok, parameters.branchProbabilities.f_decision_rejected], [0.6667, 0.3333]);
    // one teller did every review
    assert.deepEqual(parameters.pools, { teller: { size: 1, calendar: '24x7' } });
    assert.deepEqual(provenance.pools.teller.resources, ['teller1']);
    assert.equal(log.cases, 6);
    assert.deepEqual(log.unmatchedActivities, [], 'the process’s own start and end events are its own');
    assert.deepEqual(model.activities.map((a: { id: string; pool: string | null }) => [a.id, a.pool]), [['review', 'teller']]);
    assert.deepEqual(model.splits.map((s: { id: string; flows: { id: string }[] }) => [s.id, s.flows.map((f) => f.id)]), [['decision', ['f_decision_ok', 'f_decision_rejected']]]);

    const defaults = (await ops.get('/api/v1/simulation/parameters?processKey=simReview')).json();
    assert.equal(defaults.log, null);
    assert.deepEqual([defaults.parameters.arrivalsPerHour, defaults.provenance.arrivalsPerHour.source], [1, 'default']);
  });

  it('runs a baseline and one more reviewer side by side: waiting drops', async () => {
    const res = await ops.post('/api/v1/simulations', {
      processKey: 'simReview',
      logId: 'engine',
      scenarios: [{ name: 'today', cases: 5000, seed: 3 }, { name: 'one more reviewer', cases: 5000, seed: 3, parameters: { pools: { teller: { size: 2 } } } }],
    });
    assert.equal(res.statusCode, 200, res.body);
    const [today, more] = res.json().scenarios;
    assert.deepEqual([today.name, today.casesSimulated, today.warmUpCases, today.unfinishedCases, today.stoppedBy], ['today', 5000, 500, 0, 'completed']);
    assert.equal(today.cycleTime.histogram.length, 20);
    assert.equal(today.cycleTime.histogram.reduce((s: number, b: { cases: number }) => s + b.cases, 0), 5000);
    for (const k of ['meanSeconds', 'p50Seconds', 'p90Seconds', 'p95Seconds', 'maxSeconds']) assert.equal(typeof today.cycleTime[k], 'number', k);
    // 6 cases an hour, 8 minutes each: one teller is busy 80% of the time, two 40%
    assert.ok(Math.abs(today.pools[0].utilisation - 0.8) < 0.05, `utilisation ${today.pools[0].utilisation}`);
    assert.ok(Math.abs(more.pools[0].utilisation - 0.4) < 0.03, `utilisation ${more.pools[0].utilisation}`);
    // about 6 × 24 = 144 cases a day go through
    assert.ok(Math.abs(today.throughputPerDay - 144) < 10, `throughput ${today.throughputPerDay}`);
    const waiting = (s: { activities: { id: string; waiting: { meanSeconds: number } }[] }) => s.activities.find((a) => a.id === 'review')!.waiting.meanSeconds;
    // at 80% busy a queue of several minutes forms; a second teller takes most of it away
    assert.ok(waiting(today) > 600, `waiting today ${waiting(today)}`);
    assert.ok(waiting(more) < waiting(today) / 4, `waiting with two ${waiting(more)} vs ${waiting(today)}`);
    assert.equal(today.differenceFromBaseline, null);
    assert.equal(more.differenceFromBaseline.pools[0].size, 1);
    assert.ok(more.differenceFromBaseline.activities[0].waitingMeanSeconds < 0);
    assert.ok(more.differenceFromBaseline.cycleTime.meanSeconds < 0);
    assert.deepEqual([more.provenance.pools.teller.source, today.provenance.pools.teller.source], ['hand', 'log']);
  });

  it('returns the simulated log on request, and the same seed gives the same answer', async () => {
    const body = { processKey: 'simReview', logId: 'engine', startAt: '2026-03-02T09:00:00+08:00', scenarios: [{ name: 'small', cases: 20, warmUpCases: 0, seed: 9, includeLog: true }] };
    const [a, b] = await Promise.all([ops.post('/api/v1/simulations', body), ops.post('/api/v1/simulations', body)]);
    assert.equal(a.statusCode, 200, a.body);
    assert.deepEqual(a.json(), b.json());
    const log = a.json().scenarios[0].log;
    // every case: start event, review, end event — each a start and a complete
    assert.equal(log.length, 20 * 6);
    assert.equal(log[0].timestamp, '2026-03-02T01:00:00.000Z');
    assert.ok(log.filter((e: { activityId: string; lifecycle: string }) => e.activityId === 'review' && e.lifecycle === 'complete').every((e: { resource: string }) => e.resource === 'teller-1'));
  });

  it('refuses bad input, naming the field', async () => {
    const post = (scenario: object) => ops.post('/api/v1/simulations', { processKey: 'simReview', logId: 'engine', scenarios: [scenario] });
    const negative = problem(await post({ name: 'x', parameters: { pools: { teller: { size: -1 } } } }));
    assert.equal(negative.status, 400);
    assert.deepEqual(negative.errors!.map((e) => e.field), ['/scenarios/0/parameters/pools/teller/size']);
    const many = problem(await post({ name: 'x', cases: 1_000_000 }));
    assert.deepEqual(many.errors!.map((e) => e.field), ['/scenarios/0/cases']);
    const wrong = problem(await post({ name: 'x', parameters: { durations: { nosuch: { kind: 'fixed', value: 60 }, review: { kind: 'gamma', mean: 3 } }, branchProbabilities: { f_decision_ok: 0.5 }, pools: { clerks: { size: 2 } }, removedActivities: ['decision'] } }));
    assert.equal(wrong.status, 400);
    assert.deepEqual(wrong.errors!.map((e) => e.field).sort(), [
      '/scenarios/0/parameters/branchProbabilities/f_decision_ok', // 0.5 + 0.3333 ≠ 1
      '/scenarios/0/parameters/durations/nosuch',
      '/scenarios/0/parameters/durations/review/kind',
      '/scenarios/0/parameters/pools/clerks',
      '/scenarios/0/parameters/removedActivities/0', // a gateway is no activity
    ]);
    const big = problem(await post({ name: 'x', cases: 50_000, includeLog: true }));
    assert.deepEqual(big.errors!.map((e) => e.field), ['/scenarios/0/includeLog']);
    const neither = problem(await ops.get('/api/v1/simulation/parameters'));
    assert.deepEqual(neither.errors!.map((e) => e.field), ['querystring:/definitionId']);
    assert.equal(problem(await ops.post('/api/v1/simulations', { processKey: 'noSuchProcess', scenarios: [{ name: 'x' }] })).status, 404);
    assert.equal(problem(await ops.get('/api/v1/simulation/parameters?definitionId=nope')).status, 404);
    const teller = await loginAs(app.http, 'teller1');
    assert.equal(problem(await teller.post('/api/v1/simulations', { processKey: 'simReview', scenarios: [{ name: 'x' }] })).status, 403);
  });
});
