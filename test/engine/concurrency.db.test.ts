import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase } from '../support/databases.ts';
import { loginAs } from '../support/http.ts';
import { describeEachDatabase, startTestApp } from '../support/test-app.ts';
import { REMINDER_BPMN, TRANSFER_BPMN, APPROVAL_DMN } from './fixtures.ts';

// Locking and concurrency need real connections: these run on PostgreSQL only (PGlite has one).
await describeEachDatabase('Engine under concurrency', (kind) => {
  if (kind !== 'postgres') return;

  it('of two concurrent claims, and of two concurrent completions, exactly one wins; the other gets 409', async () => {
    const app = await startTestApp(kind);
    try {
      const ops = await loginAs(app.http, 'ops');
      await ops.post('/api/v1/deployments', { name: 't', resources: [{ name: 't.bpmn', content: TRANSFER_BPMN }, { name: 'a.dmn', content: APPROVAL_DMN }] });
      const teller = await loginAs(app.http, 'teller1');
      const admin = await loginAs(app.http, 'admin');
      const hd = (await admin.get('/api/v1/users?q=teller1')).json().items[0].unitId;
      await admin.post('/api/v1/users', { username: 'teller3', displayName: 'Teller 3', password: 'Teller3-pass', unitId: hd, roles: ['teller'] });
      const colleague = await loginAs(app.http, 'teller3', 'Teller3-pass');
      for (let round = 0; round < 5; round++) {
        const id = (await teller.post('/api/v1/process-instances', { processKey: 'largeTransfer', variables: { amount: 10 } })).json().id;
        const task = (await teller.get(`/api/v1/tasks?instanceId=${id}`)).json().items[0];
        const claims = await Promise.all([teller.post(`/api/v1/tasks/${task.id}/claim`), colleague.post(`/api/v1/tasks/${task.id}/claim`)]);
        assert.deepEqual(claims.map((r) => r.statusCode).sort(), [200, 409]);
        const winner = claims[0]!.statusCode === 200 ? teller : colleague;
        const completions = await Promise.all([winner.post(`/api/v1/tasks/${task.id}/complete`, {}), winner.post(`/api/v1/tasks/${task.id}/complete`, {})]);
        assert.deepEqual(completions.map((r) => r.statusCode).sort(), [200, 409], completions.map((r) => r.body).join(" | "));
        const log = await sql<{ n: string }>`select count(*) as n from event_log where instance_id = ${id} and element_id = 'prepare' and lifecycle = 'complete'`.execute(app.deps.db);
        assert.equal(Number(log.rows[0]!.n), 1, 'the task completed once');
      }
    } finally {
      await app.stop();
    }
  });

  it('a node\'s remembered copy of a task never outlives a claim made on another node', async () => {
    const db = await createTestDatabase(kind);
    const a = await startTestApp(kind, {}, db);
    const b = await startTestApp(kind, {}, db);
    try {
      const ops = await loginAs(a.http, 'ops');
      await ops.post('/api/v1/deployments', { name: 't', resources: [{ name: 't.bpmn', content: TRANSFER_BPMN }, { name: 'a.dmn', content: APPROVAL_DMN }] });
      const admin = await loginAs(a.http, 'admin');
      const hd = (await admin.get('/api/v1/users?q=teller1')).json().items[0].unitId;
      await admin.post('/api/v1/users', { username: 'teller4', displayName: 'Teller 4', password: 'Teller4-pass', unitId: hd, roles: ['teller'] });
      const tellerOnA = await loginAs(a.http, 'teller1');
      const colleagueOnB = await loginAs(b.http, 'teller4', 'Teller4-pass');
      // node A starts the instance and remembers its task as unclaimed
      const started = (await tellerOnA.post('/api/v1/process-instances', { processKey: 'largeTransfer', variables: { amount: 10 } })).json();
      const taskId = started.tasks[0].id;
      assert.equal((await colleagueOnB.post(`/api/v1/tasks/${taskId}/claim`)).statusCode, 200);
      const refused = await tellerOnA.post(`/api/v1/tasks/${taskId}/complete`, {});
      assert.equal(refused.statusCode, 403, refused.body);
      assert.match(refused.json().detail, /teller4/);
      assert.equal((await colleagueOnB.post(`/api/v1/tasks/${taskId}/complete`, {})).statusCode, 200);
    } finally {
      await a.stop();
      await b.stop();
      await db.drop();
    }
  });

  it('two nodes on one database run every due timer exactly once', async () => {
    const db = await createTestDatabase(kind);
    let now = new Date('2026-03-02T01:00:00Z');
    const clock = () => now;
    const a = await startTestApp(kind, {}, db, clock);
    const b = await startTestApp(kind, {}, db, clock);
    try {
      const ops = await loginAs(a.http, 'ops');
      await ops.post('/api/v1/deployments', { name: 'r', resources: [{ name: 'r.bpmn', content: REMINDER_BPMN }] });
      const count = 120;
      for (let i = 0; i < count; i++) await ops.post('/api/v1/process-instances', { processKey: 'reminder', businessKey: `R-${i}` });
      now = new Date(now.getTime() + 2 * 3600_000);
      const [ranA, ranB] = await Promise.all([a.engine.executor.drain(), b.engine.executor.drain()]);
      assert.equal(ranA + ranB, count, `node A ran ${ranA}, node B ran ${ranB}`);
      assert.ok(ranA > 0 && ranB > 0, 'both nodes took part');
      const fired = await sql<{ n: string }>`select count(*) as n from event_log where element_id = 'wait' and lifecycle = 'complete'`.execute(a.deps.db);
      assert.equal(Number(fired.rows[0]!.n), count);
      const done = await sql<{ n: string }>`select count(*) as n from process_instance where process_key = 'reminder' and status = 'completed'`.execute(a.deps.db);
      assert.equal(Number(done.rows[0]!.n), count);
      const auditor = await loginAs(b.http, 'auditor');
      assert.equal((await auditor.get('/api/v1/audit/verify')).json().ok, true);
    } finally {
      await a.stop();
      await b.stop();
      await db.drop();
    }
  });

  it('a timer that fell due while the server was down fires once when it comes back', async () => {
    const db = await createTestDatabase(kind);
    let now = new Date('2026-03-02T01:00:00Z');
    const clock = () => now;
    const first = await startTestApp(kind, {}, db, clock);
    const ops = await loginAs(first.http, 'ops');
    await ops.post('/api/v1/deployments', { name: 'r', resources: [{ name: 'r.bpmn', content: REMINDER_BPMN }] });
    const id = (await ops.post('/api/v1/process-instances', { processKey: 'reminder' })).json().id;
    await first.close(); // the node goes down with the timer pending
    now = new Date(now.getTime() + 5 * 3600_000);
    const second = await startTestApp(kind, { jobExecutor: true, jobPollMs: 20 }, db, clock);
    try {
      for (let i = 0; i < 100; i++) {
        const row = await second.deps.db.selectFrom('process_instance').select('status').where('id', '=', id).executeTakeFirstOrThrow();
        if (row.status === 'completed') break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const fired = await sql<{ n: string }>`select count(*) as n from event_log where instance_id = ${id} and element_id = 'wait' and lifecycle = 'complete'`.execute(second.deps.db);
      assert.equal(Number(fired.rows[0]!.n), 1);
    } finally {
      await second.stop();
      await db.drop();
    }
  });
});
