import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { anonymous, loginAs } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { callNext, counter, MINUTE, OPEN_AT, take } from '../queue/support.ts';
import { customerId, WANG } from '../services/support.ts';

await describeEachDatabase("Customer journeys: the queue's events with the cases they led to", (kind) => {
  let app: TestApp;
  let now = OPEN_AT;
  before(async () => {
    now = OPEN_AT;
    app = await startTestApp(kind, {}, undefined, () => new Date(now));
  });
  after(async () => app?.stop());

  it('puts a visit before the case it opened, and a visit that opened none in a case of its own', async () => {
    const teller = await loginAs(app.http, 'teller1');
    const c1 = await counter(teller, 'BJ-HD', 1);
    assert.equal((await teller.post(`/api/v1/queue/counters/${c1}/sign-in`)).statusCode, 200);
    const kiosk = anonymous(app.http);
    await take(kiosk, 'BJ-HD', { category: 'A' });
    await take(kiosk, 'BJ-HD', { category: 'A' });
    // the first visitor waits 10 minutes, is served, and opens an account there
    now += 10 * MINUTE;
    const first = (await callNext(teller, c1))!;
    now += MINUTE;
    assert.equal((await teller.post(`/api/v1/queue/counters/${c1}/tickets/${first.id}/start`)).statusCode, 200);
    now += 5 * MINUTE;
    const opened = await teller.post(`/api/v1/queue/counters/${c1}/tickets/${first.id}/case`, { serviceCode: 'open-personal-account', customerId: await customerId(teller, WANG.idNumber), materialsReceived: [0, 1] });
    assert.equal(opened.statusCode, 201, opened.body);
    now += MINUTE;
    assert.equal((await teller.post(`/api/v1/queue/counters/${c1}/tickets/${first.id}/finish`)).statusCode, 200);
    // the second only asks a question
    const second = (await callNext(teller, c1))!;
    for (const step of ['start', 'finish']) assert.equal((await teller.post(`/api/v1/queue/counters/${c1}/tickets/${second.id}/${step}`)).statusCode, 200);

    const ops = await loginAs(app.http, 'ops');
    const journeys = (await ops.get('/api/v1/event-logs/journeys/variants')).json().items as { activities: string[]; cases: number }[];
    const withCase = journeys.find((v) => v.activities.includes('ticket issued') && v.activities.length > 4)!;
    assert.deepEqual(withCase.activities.slice(0, 3), ['ticket issued', 'ticket called', 'service started'], JSON.stringify(journeys));
    assert.ok(withCase.activities.slice(3).some((a) => a.startsWith('checkMaterials') || a.startsWith('核验材料') || a.includes('+')), 'the process follows the visit');
    assert.ok(journeys.some((v) => v.activities.join() === 'ticket issued,ticket called,service started,service ended' && v.cases === 1), 'the visit without a case');
    // the wait at the counter is a bottleneck like any other
    const waits = (await ops.get('/api/v1/event-logs/journeys/bottlenecks')).json().items as { key: string; waiting: { meanSeconds: number } }[];
    assert.equal(waits.find((w) => w.key === 'ticket called')!.waiting.meanSeconds, (600 + 1020) / 2, 'the first waited 10 min, the second 17');
    // the engine's own log is unchanged: no queue events
    const engine = (await ops.get('/api/v1/event-logs/engine/dfg')).json();
    assert.ok(!engine.nodes.some((n: { activity: string }) => n.activity.startsWith('ticket')));
    const listed = (await ops.get('/api/v1/event-logs')).json().items;
    assert.equal(listed.find((l: { id: string }) => l.id === 'journeys').cases, listed.find((l: { id: string }) => l.id === 'engine').cases + 1);
    const xes = await ops.get('/api/v1/event-logs/journeys/export?format=xes');
    assert.equal(xes.statusCode, 200);
    assert.match(xes.body, /ticket called/);
  });
});
