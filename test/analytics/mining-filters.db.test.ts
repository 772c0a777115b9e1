import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { bpmn, flows } from '../../src/engine/model/bpmn-fixture.ts';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { HAND_LOG as LOG, HAND_LOG_MAPPING as MAPPING, importCsv } from './support.ts';

await describeEachDatabase('Process mining: filters and bottlenecks', (kind) => {
  let app: TestApp;
  let ops: Client;
  let id: string;
  before(async () => {
    app = await startTestApp(kind);
    ops = await loginAs(app.http, 'ops');
    id = await importCsv(app, ops, MAPPING, LOG);
  });
  after(async () => app?.stop());

  const cases = async (query: string) => {
    const r = await ops.get(`/api/v1/event-logs/${id}/summary?${query}`);
    assert.equal(r.statusCode, 200, r.body);
    return r.json().cases;
  };

  it('keeps whole cases by time window, attribute, duration and variant', async () => {
    assert.equal(await cases(''), 3);
    assert.equal(await cases('attribute=channel%3Donline'), 2);
    assert.equal(await cases('attribute=channel%3Donline&attribute=resource%3Dnobody'), 0, 'every attribute filter must hold');
    assert.equal(await cases('from=2026-01-06T00:00:00Z'), 1);
    assert.equal(await cases('from=2026-01-05T00:00:00Z&to=2026-01-06T00:00:00Z'), 2);
    assert.equal(await cases('minDuration=7200'), 2, 'c1 (2 h) and c2 (3.5 h)');
    assert.equal(await cases('maxDuration=7200'), 2, 'c1 (2 h) and c3 (1 h)');
    const variants = (await ops.get(`/api/v1/event-logs/${id}/variants`)).json().items;
    assert.deepEqual(variants.map((v: { activities: string[]; cases: number }) => [v.activities.join(' '), v.cases]), [['A+start A+complete B+start B+complete', 2], ['A+complete B+complete', 1]]);
    assert.match(variants[1].id, /^[0-9a-f]{12}$/);
    assert.equal(await cases(`variant=${variants[1].id}`), 1);
    // a filtered case keeps all its events: the graph still starts and ends where the case did
    const g = (await ops.get(`/api/v1/event-logs/${id}/dfg?attribute=channel%3Dcounter`)).json();
    assert.deepEqual(g.nodes.map((n: { activity: string; starts: number; ends: number }) => [n.activity, n.starts, n.ends]).sort(), [['A+complete', 0, 0], ['A+start', 1, 0], ['B+complete', 0, 1], ['B+start', 0, 0]]);
    assert.deepEqual((await ops.get(`/api/v1/event-logs/${id}/rework?from=2026-01-06T00:00:00Z`)).json().cases, 1);
  });

  it('splits each activity’s time into waiting and handling, per activity and per resource', async () => {
    const byActivity = (await ops.get(`/api/v1/event-logs/${id}/bottlenecks`)).json();
    assert.equal(byActivity.by, 'activity');
    // B waits 30 min (c1: A ended 09:30, B starts 10:00), 2 h (c2) and 1 h (c3, no start: all the time since A)
    // — mean 70 min, median 1 h, p90 1 h + 0.8 × 1 h; handled 1 h (c1) and 30 min (c2).
    // A is first in every case, so it has no waiting time; handled 30 min and 1 h.
    assert.deepEqual(byActivity.items, [
      { key: 'B', events: 3, waiting: { meanSeconds: 4200, medianSeconds: 3600, p90Seconds: 6480 }, handling: { meanSeconds: 2700, medianSeconds: 2700, p90Seconds: 3420 } },
      { key: 'A', events: 3, waiting: { meanSeconds: null, medianSeconds: null, p90Seconds: null }, handling: { meanSeconds: 2700, medianSeconds: 2700, p90Seconds: 3420 } },
    ]);
    const byResource = (await ops.get(`/api/v1/event-logs/${id}/bottlenecks?by=resource`)).json().items;
    assert.deepEqual(byResource.map((r: { key: string; events: number; waiting: { meanSeconds: number | null }; handling: { meanSeconds: number } | null }) => [r.key, r.events, r.waiting.meanSeconds, r.handling?.meanSeconds ?? null]), [
      ['r2', 2, 4500, 2700],
      ['r3', 1, 3600, null],
      ['r1', 3, null, 2700],
    ]);
    const online = (await ops.get(`/api/v1/event-logs/${id}/bottlenecks?attribute=channel%3Donline`)).json().items;
    assert.deepEqual(online[0].waiting, { meanSeconds: 5400, medianSeconds: 5400, p90Seconds: 6840 }, 'B waited 2 h and 1 h in the online cases');
  });

  it('filters the engine’s own log by process, version and branch', async () => {
    const unit = async (code: string) => (await app.deps.db.selectFrom('org_unit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const [haidian, pudong] = [await unit('BJ-HD'), await unit('SH-PD')];
    const v1 = bpmn('mined', `<bpmn:startEvent id="s"/><bpmn:task id="a" name="Check"/><bpmn:endEvent id="e"/>${flows('s->a', 'a->e')}`);
    const v2 = bpmn('mined', `<bpmn:startEvent id="s"/><bpmn:task id="a" name="Check"/><bpmn:task id="b" name="Confirm"/><bpmn:endEvent id="e"/>${flows('s->a', 'a->b', 'b->e')}`);
    assert.equal((await ops.post('/api/v1/deployments', { name: 'mined v1', resources: [{ name: 'mined.bpmn', content: v1 }] })).statusCode, 201);
    for (const unitId of [haidian, haidian]) assert.equal((await ops.post('/api/v1/process-instances', { processKey: 'mined', unitId })).statusCode, 201);
    assert.equal((await ops.post('/api/v1/deployments', { name: 'mined v2', resources: [{ name: 'mined.bpmn', content: v2 }] })).statusCode, 201);
    assert.equal((await ops.post('/api/v1/process-instances', { processKey: 'mined', unitId: pudong })).statusCode, 201);
    const engine = async (query: string) => (await ops.get(`/api/v1/event-logs/engine/summary?${query}`)).json().cases;
    assert.equal(await engine('service=mined'), 3);
    assert.equal(await engine('service=mined&version=1'), 2);
    assert.equal(await engine('service=mined&version=2'), 1);
    assert.equal(await engine(`service=mined&branch=${pudong}`), 1);
    const v2Graph = (await ops.get('/api/v1/event-logs/engine/dfg?service=mined&version=2')).json();
    assert.ok(v2Graph.edges.some((e: { from: string; to: string }) => e.from === 'Check+complete' && e.to.startsWith('Confirm')), JSON.stringify(v2Graph.edges));
  });

  it('refuses contradictory or malformed filters, naming the parameter', async () => {
    const field = async (query: string) => problem(await ops.get(`/api/v1/event-logs/${id}/dfg?${query}`)).errors?.map((e) => e.field);
    assert.deepEqual(await field('from=2026-01-06T00:00:00Z&to=2026-01-05T00:00:00Z'), ['querystring:/to']);
    assert.deepEqual(await field('minDuration=10&maxDuration=5'), ['querystring:/maxDuration']);
    assert.deepEqual(await field('attribute=channel'), ['querystring:/attribute']);
    assert.deepEqual(await field('version=2'), ['querystring:/version']);
    assert.equal(problem(await ops.get(`/api/v1/event-logs/${id}/dfg?variant=nope`)).status, 400);
    assert.equal(problem(await ops.get(`/api/v1/event-logs/${id}/dfg?from=yesterday`)).status, 400);
    assert.equal(problem(await ops.get(`/api/v1/event-logs/${id}/bottlenecks?by=weekday`)).status, 400);
    assert.equal(problem(await ops.get(`/api/v1/event-logs/${id}/dfg?colour=red`)).status, 400);
  });
});
