import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { dueIn2Days, HANDLER_BPMN } from './fixtures.ts';

await describeEachDatabase('Engine operations', (kind) => {
  let app: TestApp;
  let ops: Client;
  let now = new Date('2026-03-02T01:00:00Z');
  let failures = 0;
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => now);
    app.engine.register('creditScore', ({ variables }) => {
      if (variables.flaky && failures < 100) {
        failures++;
        throw new Error('scoring service unavailable');
      }
      return { score: 700 };
    });
    ops = await loginAs(app.http, 'ops');
    assert.equal((await ops.post('/api/v1/deployments', { name: 'h', resources: [{ name: 'h.bpmn', content: HANDLER_BPMN }] })).statusCode, 201);
  });
  after(async () => app?.stop());

  it('a failing handler is retried with backoff, then raises an incident; retried after the fix, it goes on', async () => {
    const id = (await ops.post('/api/v1/process-instances', { processKey: 'withHandler', variables: { flaky: true } })).json().id;
    assert.equal(await app.engine.executor.drain(), 1);
    const job = await app.deps.db.selectFrom('job').selectAll().where('instance_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(job.retries, 2);
    assert.match(job.last_error ?? '', /scoring service unavailable/);
    assert.equal(await app.engine.executor.drain(), 0, 'not before the backoff has passed');
    for (const wait of [10_000, 60_000]) {
      now = new Date(now.getTime() + wait);
      assert.equal(await app.engine.executor.drain(), 1);
    }
    const incident = (await ops.get(`/api/v1/incidents?instanceId=${id}`)).json().items[0];
    assert.equal(incident.kind, 'failedJob');
    assert.match(incident.message, /scoring service unavailable/);
    failures = 100; // the cause is fixed
    await ops.post(`/api/v1/incidents/${incident.id}/retry`);
    assert.equal(await app.engine.executor.drain(), 1);
    const instance = (await ops.get(`/api/v1/process-instances/${id}`)).json();
    assert.deepEqual(instance.tokens.map((t: { elementId: string }) => t.elementId), ['closing']);
    assert.equal(instance.variables.score, 700);
    assert.equal(instance.incidents.length, 0);
  });

  it('a signal through the API reaches every waiting instance', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await ops.post('/api/v1/process-instances', { processKey: 'withHandler', variables: {} })).json().id);
    await app.engine.executor.drain();
    const result = (await ops.post('/api/v1/signals', { name: 'endOfDay' })).json();
    assert.ok(result.delivered >= 3);
    for (const id of ids) {
      const tokens = (await ops.get(`/api/v1/process-instances/${id}`)).json().tokens.map((t: { elementId: string }) => t.elementId);
      assert.deepEqual(tokens, ['review']);
    }
  });

  it('completing a task twice with the same Idempotency-Key completes it once and answers the same', async () => {
    const id = (await ops.post('/api/v1/process-instances', { processKey: 'withHandler' })).json().id;
    await app.engine.executor.drain();
    await ops.post('/api/v1/signals', { name: 'endOfDay' });
    const task = (await ops.get(`/api/v1/tasks?instanceId=${id}`)).json().items[0];
    const first = await ops.request('POST', `/api/v1/tasks/${task.id}/complete`, { variables: { ok: true } }, { 'idempotency-key': 'done-1' });
    const again = await ops.request('POST', `/api/v1/tasks/${task.id}/complete`, { variables: { ok: true } }, { 'idempotency-key': 'done-1' });
    assert.equal(first.statusCode, 200);
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json(), first.json());
    assert.equal(again.headers['idempotent-replayed'], 'true');
    const other = problem(await ops.request('POST', `/api/v1/tasks/${task.id}/complete`, { variables: { ok: false } }, { 'idempotency-key': 'done-1' }));
    assert.equal(other.status, 409, 'the same key for a different request is refused');
    assert.equal((await ops.get(`/api/v1/process-instances/${id}`)).json().status, 'completed');
  });

  it('cancels an instance with a reason: its tasks are withdrawn and the reason kept', async () => {
    const id = (await ops.post('/api/v1/process-instances', { processKey: 'withHandler' })).json().id;
    await app.engine.executor.drain();
    await ops.post('/api/v1/signals', { name: 'endOfDay' });
    assert.equal(problem(await ops.post(`/api/v1/process-instances/${id}/cancel`, {})).status, 400, 'a reason is required');
    const cancelled = (await ops.post(`/api/v1/process-instances/${id}/cancel`, { reason: '客户撤回申请 customer withdrew' })).json();
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.endReason, '客户撤回申请 customer withdrew');
    assert.equal((await ops.get(`/api/v1/tasks?instanceId=${id}`)).json().total, 0);
    assert.equal(problem(await ops.post(`/api/v1/process-instances/${id}/cancel`, { reason: 'again' })).status, 409);
    const teller = await loginAs(app.http, 'teller1');
    assert.equal(problem(await teller.post(`/api/v1/process-instances/${id}/cancel`, { reason: 'x y' })).status, 403);
  });
});

await describeEachDatabase('Due dates on the business calendar', (kind) => {
  it('counts P2D in calendar days, or in working days with 调休 when the task asks for working time', async () => {
    // Friday 2025-01-24 10:00 Beijing time: Sunday 01-26 is a make-up working day, Monday 01-27 the next
    const app = await startTestApp(kind, {}, undefined, () => new Date('2025-01-24T02:00:00Z'));
    try {
      const ops = await loginAs(app.http, 'ops');
      await ops.post('/api/v1/deployments', { name: 'due', resources: [{ name: 'c.bpmn', content: dueIn2Days('calendarDue', false) }, { name: 'w.bpmn', content: dueIn2Days('workingDue', true) }] });
      const calendar = (await ops.post('/api/v1/process-instances', { processKey: 'calendarDue' })).json().tasks[0].id;
      const working = (await ops.post('/api/v1/process-instances', { processKey: 'workingDue' })).json().tasks[0].id;
      assert.equal((await ops.get(`/api/v1/tasks/${calendar}`)).json().dueAt, '2025-01-26T02:00:00.000Z');
      const task = (await ops.get(`/api/v1/tasks/${working}`)).json();
      assert.equal(task.dueAt, '2025-01-27T02:00:00.000Z');
      assert.equal(task.followUpAt, '2025-01-24T06:00:00.000Z', '4 working hours from 10:00 on a working day');
    } finally {
      await app.stop();
    }
  });
});
