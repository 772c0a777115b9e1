import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { applyCommandOptimistic, InstanceChanged } from '../../src/engine/runtime/instances.ts';
import { APPROVAL_DMN, DOCS_BPMN, REMINDER_BPMN, TRANSFER_BPMN } from './fixtures.ts';

await describeEachDatabase('Process engine API', (kind) => {
  let app: TestApp;
  let ops: Client;
  let now = new Date('2026-03-02T01:00:00Z');
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => now);
    ops = await loginAs(app.http, 'ops');
    const deployed = await ops.post('/api/v1/deployments', { name: 'transfer', resources: [{ name: 'transfer.bpmn', content: TRANSFER_BPMN }, { name: 'approval.dmn', content: APPROVAL_DMN }, { name: 'reminder.bpmn', content: REMINDER_BPMN }, { name: 'docs.bpmn', content: DOCS_BPMN }] });
    assert.equal(deployed.statusCode, 201, deployed.body);
  });
  after(async () => app?.stop());

  it('refuses a model with problems, naming each element, and deploys nothing', async () => {
    const bad = TRANSFER_BPMN.replace('camunda:topic="core-booking"', '').replace('${level == \'supervisor\'}', '${level ==}').replace('<bpmn:endEvent id="done"/>', '<bpmn:endEvent id="done"/><bpmn:scriptTask id="calc" scriptFormat="groovy"/>');
    const before = (await ops.get('/api/v1/process-definitions?key=largeTransfer')).json().items.length;
    const refused = problem(await ops.post('/api/v1/deployments', { name: 'bad', resources: [{ name: 'transfer.bpmn', content: bad }] }));
    assert.equal(refused.status, 400);
    const text = refused.errors!.map((e) => e.message).join('\n');
    assert.match(text, /book: an external task needs camunda:topic/);
    assert.match(text, /f_needsApproval_approve: condition/);
    assert.match(text, /calc: unsupported script language "groovy"/);
    assert.equal((await ops.get('/api/v1/process-definitions?key=largeTransfer')).json().items.length, before);
    const xxe = problem(await ops.post('/api/v1/deployments', { name: 'xxe', resources: [{ name: 'x.bpmn', content: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>' }] }));
    assert.match(xxe.errors![0]!.message, /DOCTYPE/);
  });

  it('versions definitions: identical XML is not redeployed, changed XML is a new version', async () => {
    const again = (await ops.post('/api/v1/deployments', { name: 'again', resources: [{ name: 'transfer.bpmn', content: TRANSFER_BPMN }] })).json();
    assert.equal(again.deploymentId, null);
    assert.equal(again.definitions[0].isNew, false);
    const changed = (await ops.post('/api/v1/deployments', { name: 'v2', resources: [{ name: 'transfer.bpmn', content: TRANSFER_BPMN.replace('Prepare transfer', 'Prepare the transfer') }] })).json();
    assert.equal(changed.definitions[0].version, 2);
    const latest = (await ops.get('/api/v1/process-definitions?key=largeTransfer&latest=true')).json().items;
    assert.deepEqual(latest.map((d: { version: number }) => d.version), [2]);
  });

  it('runs a large transfer: DMN sets the level, maker-checker holds, the worker books, the message ends it', async () => {
    const teller = await loginAs(app.http, 'teller1');
    const started = await teller.request('POST', '/api/v1/process-instances', { processKey: 'largeTransfer', businessKey: 'TRF-1', variables: { amount: 80000 } }, { 'idempotency-key': 'start-trf-1' });
    assert.equal(started.statusCode, 201, started.body);
    const replay = await teller.request('POST', '/api/v1/process-instances', { processKey: 'largeTransfer', businessKey: 'TRF-1', variables: { amount: 80000 } }, { 'idempotency-key': 'start-trf-1' });
    assert.equal(replay.json().id, started.json().id, 'the same Idempotency-Key starts nothing new');
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    const id = started.json().id;
    assert.deepEqual(started.json().tasks.map((t: { elementId: string }) => t.elementId), ['prepare'], 'the start names the task it opened');
    assert.equal((await teller.get(`/api/v1/process-instances?businessKey=TRF-1`)).json().total, 1);

    const mine = (await teller.get('/api/v1/tasks?mine=true')).json().items.filter((t: { instanceId: string }) => t.instanceId === id);
    assert.deepEqual(mine.map((t: { elementId: string }) => t.elementId), ['prepare']);
    assert.equal((await teller.post(`/api/v1/tasks/${mine[0].id}/complete`, { variables: { checked: true } })).statusCode, 200);

    const approve = (await teller.get(`/api/v1/tasks?instanceId=${id}`)).json().items[0];
    assert.equal(approve.elementId, 'approve', 'the DMN table chose the supervisor level for 80000');
    const selfApproval = problem(await teller.post(`/api/v1/tasks/${approve.id}/complete`, { variables: {} }));
    assert.equal(selfApproval.status, 403);
    assert.equal(selfApproval.type, 'urn:banklane:problem:maker_checker');
    const supervisor = await loginAs(app.http, 'supervisor');
    assert.equal((await supervisor.post(`/api/v1/tasks/${approve.id}/claim`)).statusCode, 200);
    assert.equal(problem(await teller.post(`/api/v1/tasks/${approve.id}/claim`)).status, 409, 'claimed by someone else');
    assert.equal((await supervisor.post(`/api/v1/tasks/${approve.id}/complete`, { variables: { approved: true } })).statusCode, 200);

    const admin = await loginAs(app.http, 'admin');
    const fetched = (await admin.post('/api/v1/external-tasks/fetch-and-lock', { workerId: 'core-1', maxTasks: 5, topics: [{ topicName: 'core-booking', lockDuration: 60000 }] })).json();
    const job = fetched.find((t: { instanceId: string }) => t.instanceId === id);
    assert.equal(job.variables.amount, 80000);
    assert.equal(problem(await admin.post(`/api/v1/external-tasks/${job.id}/complete`, { workerId: 'core-2' })).status, 409, 'another worker cannot complete it');
    assert.equal((await admin.post(`/api/v1/external-tasks/${job.id}/complete`, { workerId: 'core-1', variables: { bookingRef: 'CB-7' } })).statusCode, 200);

    assert.equal(problem(await ops.post('/api/v1/messages', { name: 'transferConfirmed', businessKey: 'TRF-404' })).status, 404);
    const correlated = (await ops.post('/api/v1/messages', { name: 'transferConfirmed', businessKey: 'TRF-1', variables: { confirmedBy: 'sms' } })).json();
    assert.equal(correlated.instanceId, id);
    const instance = (await ops.get(`/api/v1/process-instances/${id}`)).json();
    assert.equal(instance.status, 'completed');
    assert.equal(instance.definitionId.startsWith('largeTransfer:2'), true, 'started on the latest version');
    const history = (await ops.get(`/api/v1/process-instances/${id}/history`)).json().items;
    const completed = history.filter((h: { lifecycle: string }) => h.lifecycle === 'complete').map((h: { elementId: string }) => h.elementId);
    assert.deepEqual(completed, ['start', 'limit', 'prepare', 'needsApproval', 'approve', 'book', 'confirmation', 'done', 'largeTransfer']);
    const resources = history.filter((h: { elementId: string; lifecycle: string }) => h.elementId === 'approve' && h.lifecycle === 'complete').map((h: { resource: string }) => h.resource);
    assert.deepEqual(resources, ['supervisor']);
    const audit = await sql<{ action: string }>`select action from audit_log where entity_id = ${id} or entity_id = ${approve.id} order by seq`.execute(app.deps.db);
    assert.ok(audit.rows.some((r) => r.action === 'process.start'));
    assert.ok(audit.rows.some((r) => r.action === 'task.complete'));
  });

  it('below the limit no approval is needed; a teller of another branch cannot see the work', async () => {
    const teller = await loginAs(app.http, 'teller1');
    const id = (await teller.post('/api/v1/process-instances', { processKey: 'largeTransfer', businessKey: 'TRF-2', variables: { amount: 100 } })).json().id;
    const task = (await teller.get(`/api/v1/tasks?instanceId=${id}`)).json().items[0];
    const other = await loginAs(app.http, 'teller2');
    assert.equal(problem(await other.get(`/api/v1/tasks/${task.id}`)).status, 403);
    assert.equal(problem(await other.get(`/api/v1/process-instances/${id}`)).status, 403);
    assert.equal((await other.get(`/api/v1/tasks?instanceId=${id}`)).json().total, 0);
    await teller.post(`/api/v1/tasks/${task.id}/complete`, { variables: {} });
    const waiting = (await teller.get(`/api/v1/process-instances/${id}`)).json().tokens.map((t: { elementId: string }) => t.elementId);
    assert.deepEqual(waiting, ['book']);
  });

  it('a worker failure with no retries left raises an incident that an operator retries', async () => {
    const teller = await loginAs(app.http, 'teller1');
    const id = (await teller.post('/api/v1/process-instances', { processKey: 'largeTransfer', businessKey: 'TRF-3', variables: { amount: 10 } })).json().id;
    const task = (await teller.get(`/api/v1/tasks?instanceId=${id}`)).json().items[0];
    await teller.post(`/api/v1/tasks/${task.id}/complete`, { variables: {} });
    const admin = await loginAs(app.http, 'admin');
    const job = (await admin.post('/api/v1/external-tasks/fetch-and-lock', { workerId: 'w', maxTasks: 10, topics: [{ topicName: 'core-booking', lockDuration: 1000 }] })).json().find((t: { instanceId: string }) => t.instanceId === id);
    await admin.post(`/api/v1/external-tasks/${job.id}/failure`, { workerId: 'w', errorMessage: 'core banking timeout', retries: 0, retryTimeout: 0 });
    const incident = (await ops.get(`/api/v1/incidents?instanceId=${id}`)).json().items[0];
    assert.match(incident.message, /core banking timeout/);
    assert.equal((await admin.post('/api/v1/external-tasks/fetch-and-lock', { workerId: 'w', maxTasks: 10, topics: [{ topicName: 'core-booking', lockDuration: 1000 }] })).json().filter((t: { instanceId: string }) => t.instanceId === id).length, 0);
    assert.equal((await ops.post(`/api/v1/incidents/${incident.id}/retry`)).statusCode, 200);
    const again = (await admin.post('/api/v1/external-tasks/fetch-and-lock', { workerId: 'w', maxTasks: 10, topics: [{ topicName: 'core-booking', lockDuration: 1000 }] })).json();
    assert.equal(again.filter((t: { instanceId: string }) => t.instanceId === id).length, 1);
  });

  it('a timer fires when due through the job executor, once', async () => {
    const id = (await ops.post('/api/v1/process-instances', { processKey: 'reminder' })).json().id;
    assert.equal(await app.engine.executor.drain(), 0, 'not due yet');
    now = new Date(now.getTime() + 3600_000);
    assert.equal(await app.engine.executor.drain(), 1);
    assert.equal(await app.engine.executor.drain(), 0);
    assert.equal((await ops.get(`/api/v1/process-instances/${id}`)).json().status, 'completed');
    const auditor = await loginAs(app.http, 'auditor');
    const jobAudit = (await auditor.get('/api/v1/audit?action=job.timer')).json().items;
    assert.ok(jobAudit.some((e: { after: { instanceId: string } }) => e.after.instanceId === id), 'the executor\'s step is audited');
  });

  it('correlates a message by process variables, and by business key', async () => {
    const a = (await ops.post('/api/v1/process-instances', { processKey: 'awaitDocuments', businessKey: 'LOAN-A', variables: { caseNo: 'A-1', branch: 'HD' } })).json().id;
    const b = (await ops.post('/api/v1/process-instances', { processKey: 'awaitDocuments', businessKey: 'LOAN-B', variables: { caseNo: 'B-2', branch: 'HD' } })).json().id;
    const byVars = (await ops.post('/api/v1/messages', { name: 'documentsArrived', processVariables: { caseNo: 'B-2' }, variables: { pages: 3 } })).json();
    assert.equal(byVars.instanceId, b);
    const instance = (await ops.get(`/api/v1/process-instances/${b}`)).json();
    assert.deepEqual(instance.tokens.map((t: { elementId: string }) => t.elementId), ['review']);
    assert.equal(instance.variables.pages, 3);
    assert.equal(problem(await ops.post('/api/v1/messages', { name: 'documentsArrived', processVariables: { caseNo: 'B-2' } })).status, 404, 'B no longer waits');
    assert.equal((await ops.post('/api/v1/messages', { name: 'documentsArrived', businessKey: 'LOAN-A' })).json().instanceId, a);
  });

  it('a version-guarded write on a stale instance writes nothing at all', async () => {
    const id = (await ops.post('/api/v1/process-instances', { processKey: 'awaitDocuments', businessKey: 'STALE-1' })).json().id;
    const row = await app.deps.db.selectFrom('process_instance').select(['id', 'definition_id', 'process_key', 'business_key', 'unit_id', 'state', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    await ops.put(`/api/v1/process-instances/${id}/variables`, { variables: { touched: true } }); // version moves on
    const count = async () => Number((await sql<{ n: string }>`select (select count(*) from event_log where instance_id = ${id}) + (select count(*) from audit_log) as n`.execute(app.deps.db)).rows[0]!.n);
    const before = await count();
    const sub = await app.deps.db.selectFrom('event_subscription').select('id').where('instance_id', '=', id).executeTakeFirstOrThrow();
    await assert.rejects(
      applyCommandOptimistic(app.deps.db, app.engine.env(null), row, { type: 'correlate', subscriptionId: sub.id, variables: {} }, () => []),
      (e: unknown) => e instanceof InstanceChanged,
    );
    assert.equal(await count(), before, 'no event-log or audit row was written');
    assert.deepEqual((await ops.get(`/api/v1/process-instances/${id}`)).json().tokens.map((t: { elementId: string }) => t.elementId), ['docs']);
  });

  it('counts, per element, the tokens waiting and the completions — within the reader\'s reach', async () => {
    const def = (await ops.get('/api/v1/process-definitions?key=awaitDocuments&latest=true')).json().items[0];
    const stats = (await ops.get(`/api/v1/process-definitions/${def.id}/statistics`)).json();
    const at = (id: string) => stats.items.find((i: { elementId: string }) => i.elementId === id) ?? { waiting: 0, completed: 0 };
    const instances = (await ops.get('/api/v1/process-instances?processKey=awaitDocuments&limit=500')).json().items;
    const active = await Promise.all(instances.filter((i: { status: string }) => i.status === 'active').map(async (i: { id: string }) => (await ops.get(`/api/v1/process-instances/${i.id}`)).json()));
    const waitingAtDocs = active.filter((i) => i.tokens.some((t: { elementId: string }) => t.elementId === 'docs')).length;
    assert.equal(stats.instances, instances.length);
    assert.deepEqual(def.instances, { active: active.length, total: instances.length }, 'the library counts the process\'s instances');
    assert.equal(at('docs').waiting, waitingAtDocs);
    assert.ok(at('s').completed >= instances.length, 'every instance passed its start event');
    const teller = await loginAs(app.http, 'teller2');
    assert.equal((await teller.get(`/api/v1/process-definitions/${def.id}/statistics`)).json().instances, 0, 'a Shanghai teller sees none of head office\'s instances');
  });

  it('evaluates a decision and explains which rule matched', async () => {
    const result = (await ops.post('/api/v1/decisions/approvalLevel/evaluate', { variables: { amount: 50000 } })).json();
    assert.equal(result.value, 'supervisor');
    assert.deepEqual(result.trace[0].matchedRules.map((r: { id: string }) => r.id), ['r1', 'r2']);
    const teller = await loginAs(app.http, 'teller1');
    assert.equal(problem(await teller.post('/api/v1/decisions/approvalLevel/evaluate', { variables: {} })).status, 403);
  });
});

await describeEachDatabase('Engine group commit', (kind) => {
  it('a burst of concurrent starts and completions is written together, each exactly once', async () => {
    const app = await startTestApp(kind);
    try {
      const ops = await loginAs(app.http, 'ops');
      await ops.post('/api/v1/deployments', { name: 'd', resources: [{ name: 'docs.bpmn', content: DOCS_BPMN }, { name: 't.bpmn', content: TRANSFER_BPMN }, { name: 'a.dmn', content: APPROVAL_DMN }] });
      const teller = await loginAs(app.http, 'teller1');
      const n = 30;
      const started = await Promise.all(Array.from({ length: n }, (_, i) => teller.post('/api/v1/process-instances', { processKey: 'largeTransfer', businessKey: `BURST-${i}`, variables: { amount: 10 } })));
      assert.deepEqual([...new Set(started.map((r) => r.statusCode))], [201]);
      const taskIds = started.map((r) => r.json().tasks[0].id as string);
      // every task completed twice at once: one completion each must win, the other must be refused
      const completions = await Promise.all(taskIds.flatMap((id) => [teller.post(`/api/v1/tasks/${id}/complete`, {}), teller.post(`/api/v1/tasks/${id}/complete`, {})]));
      const codes = completions.map((r) => r.statusCode);
      assert.equal(codes.filter((c) => c === 200).length, n, codes.join(','));
      assert.equal(codes.filter((c) => c === 409).length, n);
      const events = await sql<{ n: string }>`select count(*) as n from event_log where element_id = 'prepare' and lifecycle = 'complete'`.execute(app.deps.db);
      assert.equal(Number(events.rows[0]!.n), n);
      const waiting = await sql<{ n: string }>`select count(*) as n from job where kind = 'external' and topic = 'core-booking'`.execute(app.deps.db);
      assert.equal(Number(waiting.rows[0]!.n), n, 'every instance moved on to booking once');
      const auditor = await loginAs(app.http, 'auditor');
      assert.equal((await auditor.get('/api/v1/audit/verify')).json().ok, true);
      const completes = await sql<{ n: string }>`select count(*) as n from audit_log where action = 'task.complete'`.execute(app.deps.db);
      assert.equal(Number(completes.rows[0]!.n), n, 'one audit entry per completion that happened');
    } finally {
      await app.stop();
    }
  });
});
