import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { residentId } from '../services/support.ts';
import { balanceRow } from './segment-support.ts';

// Churn signals and retention calls: a customer entering "at risk of leaving" gets exactly one
// open retention call, for their relationship manager (or the branch's), cancelled when they leave.

type TaskView = { id: string; processKey: string; businessKey: string; assignee: string | null; candidateGroups: string[] };

await describeEachDatabase('Churn signals and retention calls', (kind) => {
  let app: TestApp;
  let now = new Date('2026-11-20T02:00:00Z');
  let ops: Client;
  let rm: Client;
  let serial = 500;
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => now);
    await app.engagement.seedDemo();
    ops = await loginAs(app.http, 'ops');
    rm = await loginAs(app.http, 'rm');
  });
  after(async () => app?.stop());

  const register = async (client: Client, name: string, body: Record<string, unknown> = {}) => {
    const r = await client.post('/api/v1/customers', { kind: 'individual', name, idType: 'resident_id', idNumber: residentId(`11010819800101${String(serial++).padStart(3, '0')}`), ...body });
    assert.equal(r.statusCode, 201, r.body);
    return r.json().id as string;
  };
  /** AUM of 200,000 a hundred days ago and `nowAum` yesterday: at risk below 140,000. */
  const balances = async (customer: string, nowAum: string, asOf = '2026-11-19') => {
    const r = await ops.post('/api/v1/customer-balances/rows', { rows: [balanceRow(customer, '2026-08-10', '200000.00'), balanceRow(customer, asOf, nowAum)] });
    assert.equal(r.statusCode, 201, r.body);
  };
  const retentionTasks = async (client: Client) => ((await client.get('/api/v1/tasks?mine=true&limit=100')).json().items as TaskView[]).filter((t) => t.processKey === 'customerRetention');
  const churnOf = async (client: Client, id: string) => (await client.get(`/api/v1/customers/${id}/churn`)).json();

  it('the demo bank starts with an at-risk customer whose retention call waits for rm', async () => {
    const list = (await rm.get('/api/v1/experience/churn')).json();
    assert.ok(list.total >= 1, JSON.stringify(list));
    const demo = list.items.find((i: { retention: { status: string } | null }) => i.retention?.status === 'open');
    assert.ok(demo, 'a demo customer with an open retention call');
    assert.match(demo.name, /\*/, 'names masked');
    assert.equal(demo.reasons[0].code, 'aum_outflow');
    const mine = await retentionTasks(rm);
    assert.ok(mine.some((t) => t.businessKey === demo.customerId && t.assignee === 'rm'));
  });

  let haidian: string;
  let shanghai: string;
  it('opens exactly one retention call for the customer’s relationship manager, and one for the Shanghai branch’s managers that rm never sees', async () => {
    haidian = await register(rm, '林流失', { relationshipManager: 'rm' });
    shanghai = await register(await loginAs(app.http, 'teller2'), '沈流失');
    await balances(haidian, '50000.00');
    await balances(shanghai, '60000.00');
    assert.equal((await churnOf(ops, haidian)).atRisk, true);

    const first = await app.engagement.experience.tick();
    assert.deepEqual([first.opened, first.cancelled], [2, 0]);
    // more sweeps, and the customer refreshed again while still at risk: nothing new
    assert.equal((await ops.post('/api/v1/segment-runs')).statusCode, 201);
    await Promise.all([app.engagement.experience.tick(), app.engagement.experience.tick()]);
    assert.equal((await app.engagement.experience.tick()).opened, 0);
    const rows = await app.deps.db.selectFrom('retention_task').select(['customer_id', 'status', 'assignee']).where('customer_id', 'in', [haidian, shanghai]).orderBy('customer_id').execute();
    assert.equal(rows.length, 2, 'one call per customer');

    const mine = await retentionTasks(rm);
    const call = mine.find((t) => t.businessKey === haidian);
    assert.equal(call?.assignee, 'rm');
    assert.ok(!mine.some((t) => t.businessKey === shanghai), 'not offered to a relationship manager of another branch');
    const shTask = await app.deps.db.selectFrom('task').select(['id', 'assignee', 'candidate_groups']).where('business_key', '=', shanghai).where('status', '=', 'open').executeTakeFirstOrThrow();
    assert.deepEqual([shTask.assignee, shTask.candidate_groups], [null, ['relationship_manager']]);
    assert.equal((await rm.get(`/api/v1/tasks/${shTask.id}`)).statusCode, 403);

    // the churn list: rm sees his branch only; ops sees both, with the call's status
    const rmList = (await rm.get('/api/v1/experience/churn')).json();
    assert.ok(rmList.items.some((i: { customerId: string }) => i.customerId === haidian));
    assert.ok(!rmList.items.some((i: { customerId: string }) => i.customerId === shanghai));
    const opsList = (await ops.get('/api/v1/experience/churn?limit=500')).json();
    const sh = opsList.items.find((i: { customerId: string }) => i.customerId === shanghai);
    assert.deepEqual([sh.score, sh.reasons.map((r: { code: string }) => r.code), sh.retention.status, sh.retention.assignee], [35, ['aum_outflow'], 'open', null]);
    assert.equal((await rm.get(`/api/v1/customers/${shanghai}/churn`)).statusCode, 403);
  });

  it('records the call’s outcome, refusing answers that do not fit', async () => {
    const call = (await retentionTasks(rm)).find((t) => t.businessKey === haidian)!;
    const bad = problem(await rm.post(`/api/v1/tasks/${call.id}/complete`, { variables: { contacted: false, outcome: 'retained' } }));
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.errors?.map((e) => e.field), ['/variables/outcome']);
    const done = await rm.post(`/api/v1/tasks/${call.id}/complete`, { variables: { contacted: true, outcome: 'considering', note: '客户资金转去他行理财，约下周面谈' } });
    assert.ok(done.statusCode < 300, done.body);
    await app.engine.executor.drain(); // the outcome is recorded by the process's next step, a job
    const churn = await churnOf(rm, haidian);
    assert.deepEqual([churn.retention.status, churn.retention.outcome, churn.retention.contacted, churn.retention.completedBy], ['completed', 'considering', true, 'rm']);
  });

  it('cancels an open call when the customer leaves the segment, and opens a new one when they come back', async () => {
    now = new Date('2026-11-21T02:00:00Z');
    ops = await loginAs(app.http, 'ops');
    await balances(shanghai, '190000.00', '2026-11-20');
    assert.equal((await churnOf(ops, shanghai)).atRisk, false);
    const swept = await app.engagement.experience.tick();
    assert.deepEqual([swept.opened, swept.cancelled], [0, 1]);
    const ended = await churnOf(ops, shanghai);
    assert.deepEqual([ended.retention.status, ended.retention.endReason], ['cancelled', 'the customer left the at-risk segment']);
    assert.equal(await app.deps.db.selectFrom('task').select('id').where('business_key', '=', shanghai).where('status', '=', 'open').executeTakeFirst(), undefined);

    // back at risk: a new call, the only open one
    await balances(shanghai, '20000.00', '2026-11-20');
    assert.equal((await app.engagement.experience.tick()).opened, 1);
    const calls = await app.deps.db.selectFrom('retention_task').select('status').where('customer_id', '=', shanghai).execute();
    assert.deepEqual(calls.map((c) => c.status).sort(), ['cancelled', 'open']);
  });

  it('keeps churn signals to those allowed to read them', async () => {
    const teller = await loginAs(app.http, 'teller1');
    assert.equal((await teller.get('/api/v1/experience/churn')).statusCode, 403);
    assert.equal(problem(await ops.get('/api/v1/experience/churn?minScore=101')).status, 400);
    assert.equal((await ops.get('/api/v1/customers/nobody/churn')).statusCode, 404);
  });
});
