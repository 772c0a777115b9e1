import assert from 'node:assert/strict';
import { it } from 'node:test';
import { BasicAuthInterceptor, Client, Variables } from 'camunda-external-task-client-js';
import { loginAs } from '../support/http.ts';
import { describeEachDatabase, startTestApp } from '../support/test-app.ts';
import { CREDIT_CHECK_BPMN } from '../engine/fixtures.ts';

async function until<T>(probe: () => Promise<T | undefined | null | false>, what: string, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Camunda's own JavaScript worker library, unchanged, against /engine-rest.
await describeEachDatabase('camunda-external-task-client-js as a worker', (kind) => {
  it('fetches and locks, extends a lock, completes with variables, fails down to an incident, throws a BPMN error', async () => {
    const app = await startTestApp(kind);
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const address = app.http.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const admin = await loginAs(app.http, 'admin');
    const ho = (await admin.get('/api/v1/users?q=admin')).json().items[0].unitId;
    assert.equal((await admin.post('/api/v1/users', { username: 'worker1', displayName: 'Credit worker', password: 'Worker-pass-1', unitId: ho, roles: ['integration'] })).statusCode, 201);
    const ops = await loginAs(app.http, 'ops');
    await ops.post('/api/v1/deployments', { name: 'credit', resources: [{ name: 'credit.bpmn', content: CREDIT_CHECK_BPMN }] });
    const start = async (outcome: string) => (await ops.post('/api/v1/process-instances', { processKey: 'creditCheck', businessKey: `C-${outcome}`, variables: { outcome, customer: '张三' } })).json().id as string;
    const ok = await start('ok');
    const reject = await start('reject');
    const fail = await start('fail');

    const seen: { outcome: string; retries: number | null; customer: string }[] = [];
    let client: Client | null = null;
    try {
      client = new Client({
        baseUrl: `${base}/engine-rest`,
        workerId: 'credit-worker-1',
        interceptors: new BasicAuthInterceptor({ username: 'worker1', password: 'Worker-pass-1' }),
        asyncResponseTimeout: 500,
        interval: 20,
        lockDuration: 20_000,
        use: [() => undefined], // no logging
      });
      client.subscribe('credit-check', async ({ task, taskService }) => {
        const outcome = task.variables.get('outcome') as string;
        seen.push({ outcome, retries: task.retries, customer: task.variables.get('customer') as string });
        if (outcome === 'ok') {
          await taskService.extendLock(task, 60_000);
          const variables = new Variables().set('score', 720).set('rating', { grade: 'A', limit: 50000 });
          await taskService.complete(task, variables);
        } else if (outcome === 'reject') {
          await taskService.handleBpmnError(task, 'REJECTED', 'on the risk list', new Variables().set('reason', 'blacklist'));
        } else {
          const retries = task.retries === null ? 2 : task.retries - 1;
          await taskService.handleFailure(task, { errorMessage: 'core banking timeout', errorDetails: 'socket hang up', retries, retryTimeout: 0 });
        }
      });
        const state = async (id: string) => (await ops.get(`/api/v1/process-instances/${id}`)).json();
        const okState = await until(async () => {
          const s = await state(ok);
          return s.tokens.some((t: { elementId: string }) => t.elementId === 'review') && s;
        }, 'the completed credit check');
        assert.equal(okState.variables.score, 720);
        assert.deepEqual(okState.variables.rating, { grade: 'A', limit: 50000 }, 'a Json variable arrives as JSON');
        const rejectState = await until(async () => {
          const s = await state(reject);
          return s.tokens.some((t: { elementId: string }) => t.elementId === 'manual') && s;
        }, 'the BPMN error path');
        assert.equal(rejectState.variables.reason, 'blacklist');
        const incident = await until(async () => (await ops.get(`/api/v1/incidents?instanceId=${fail}`)).json().items[0], 'the incident');
        assert.match(incident.message, /core banking timeout/);
        const failures = seen.filter((s) => s.outcome === 'fail').map((s) => s.retries);
        assert.deepEqual(failures, [null, 2, 1], 'retries count down on each failure');
        assert.ok(seen.every((s) => s.customer === '张三'));
    } finally {
      client?.stop();
      await app.stop();
    }
  });
});
