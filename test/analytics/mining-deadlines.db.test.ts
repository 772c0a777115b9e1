import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { customerId, WANG } from '../services/support.ts';
import { HAND_LOG as LOG, HAND_LOG_MAPPING as MAPPING, importCsv } from './support.ts';

await describeEachDatabase('Process mining: deadlines and before/after', (kind) => {
  let app: TestApp;
  let ops: Client;
  let id: string;
  let now = new Date('2026-10-08T02:00:00Z');
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => now);
    ops = await loginAs(app.http, 'ops');
    id = await importCsv(app, ops, MAPPING, LOG);
  });
  after(async () => app?.stop());

  it('finds the cases over a target duration and the steps that took their time', async () => {
    const d = (await ops.get(`/api/v1/event-logs/${id}/deadlines?targetSeconds=9000`)).json();
    // only c2 (3.5 h) is over 2.5 h, by 1 h
    assert.deepEqual([d.cases, d.withDeadline, d.breached, d.breachRate, d.meanOverrunSeconds], [3, 3, 1, 0.3333, 3600]);
    assert.deepEqual(d.byService, [{ key: null, cases: 3, breached: 1, breachRate: 0.3333, meanOverrunSeconds: 3600 }]);
    // in c2, A took its 1 h of handling and B 2 h of waiting and 30 min of handling: 9,000 of 12,600 s;
    // in the cases on time A took 30 min (c1) and nothing (c3, its first event), B 1.5 h and 1 h
    assert.deepEqual(d.steps, [
      { activity: 'B', cases: 3, breachedCases: 1, meanSecondsWhenMet: 4500, meanSecondsWhenBreached: 9000, shareOfBreachedTime: 0.7143, largestInBreachedCases: 1 },
      { activity: 'A', cases: 3, breachedCases: 1, meanSecondsWhenMet: 900, meanSecondsWhenBreached: 3600, shareOfBreachedTime: 0.2857, largestInBreachedCases: 0 },
    ]);
    assert.deepEqual(problem(await ops.get(`/api/v1/event-logs/${id}/deadlines`)).errors?.map((e) => e.field), ['querystring:/targetSeconds']);
    assert.equal(problem(await ops.get(`/api/v1/event-logs/${id}/deadlines?targetSeconds=-5`)).status, 400);
  });

  it("reads the engine's cases against their own time limits", async () => {
    const open = async () => {
      const teller = await loginAs(app.http, 'teller1'); // sessions last hours; the clock moves a month
      const r = await teller.post('/api/v1/cases', { serviceCode: 'open-personal-account', customerId: await customerId(teller, WANG.idNumber), channel: 'counter' });
      assert.equal(r.statusCode, 201, r.body);
      return r.json();
    };
    const late = await open();
    now = new Date(now.getTime() + 30 * 86_400_000);
    const fresh = await open();
    ops = await loginAs(app.http, 'ops');
    const res = await ops.get('/api/v1/event-logs/engine/deadlines');
    assert.equal(res.statusCode, 200, res.body);
    const all = res.json();
    // the first case is still open a month later, past its limit; the second is within its own
    assert.equal(all.withDeadline, 2, JSON.stringify(all));
    assert.equal(all.breached, 1);
    assert.ok(all.meanOverrunSeconds > 0);
    assert.ok(new Date(fresh.dueAt) > now && new Date(late.dueAt) < now, 'the test’s premise');
    assert.equal(all.byBranch.length, 1);
    assert.deepEqual([all.byBranch[0].cases, all.byBranch[0].breached], [2, 1]);
  });

  it('compares two periods side by side, with the change of each measure', async () => {
    const c = (await ops.get(`/api/v1/event-logs/${id}/compare?beforeFrom=2026-01-05T00:00:00Z&beforeTo=2026-01-06T00:00:00Z&afterFrom=2026-01-06T00:00:00Z&afterTo=2026-01-07T00:00:00Z`)).json();
    assert.deepEqual(c.cases, { before: 2, after: 1, change: -1, changeRate: -0.5 });
    // (2 h + 3.5 h) / 2 = 9,900 s before, 1 h after
    assert.deepEqual(c.meanCaseDurationSeconds, { before: 9900, after: 3600, change: -6300, changeRate: -0.6364 });
    assert.deepEqual(c.reworkShare, { before: 0, after: 0, change: 0, changeRate: null });
    const b = c.activities.find((a: { activity: string }) => a.activity === 'B');
    // B waited 30 min and 2 h before, 1 h after; it had start events only before
    assert.deepEqual(b.waitingMeanSeconds, { before: 4500, after: 3600, change: -900, changeRate: -0.2 });
    assert.deepEqual(b.handlingMeanSeconds, { before: 2700, after: null, change: null, changeRate: null });
    assert.deepEqual(b.perCase, { before: 1, after: 1, change: 0, changeRate: 0 });
  });

  it('refuses a comparison that is not two periods or two versions', async () => {
    const fields = async (q: string) => problem(await ops.get(`/api/v1/event-logs/${id}/compare?${q}`)).errors?.map((e) => e.field);
    assert.deepEqual(await fields(''), ['querystring:/beforeFrom']);
    assert.deepEqual(await fields('beforeFrom=2026-01-05T00:00:00Z&afterVersion=2'), ['querystring:/beforeFrom']);
    assert.deepEqual(await fields('beforeVersion=1'), ['querystring:/afterVersion']);
    assert.deepEqual(await fields('beforeVersion=1&afterVersion=2'), ['querystring:/beforeVersion']);
    assert.deepEqual(await fields('beforeFrom=2026-01-06T00:00:00Z&beforeTo=2026-01-05T00:00:00Z&afterFrom=2026-01-06T00:00:00Z'), ['querystring:/beforeTo']);
  });
});
