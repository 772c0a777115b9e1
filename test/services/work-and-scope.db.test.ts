import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { anonymous, loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { customerId, settle, taskAt, WANG } from './support.ts';

const MONDAY = new Date('2026-11-30T02:00:00Z');

await describeEachDatabase('Task work and branch scope', (kind) => {
  let app: TestApp;
  let teller: Client;
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => MONDAY);
    teller = await loginAs(app.http, 'teller1');
  });
  after(async () => app?.stop());

  const lostCard = async () => {
    const c = (await teller.post('/api/v1/cases', { serviceCode: 'report-lost-card', customerId: await customerId(teller, WANG.idNumber), channel: 'counter', materialsReceived: [0] })).json();
    return c.ref as string;
  };

  it('get next work hands two tellers asking at the same moment different tasks, the most urgent first', async () => {
    const admin = await loginAs(app.http, 'admin');
    const hd = (await admin.get('/api/v1/users?q=teller1')).json().items[0].unitId;
    await admin.post('/api/v1/users', { username: 'teller3', displayName: '何柜员', password: 'Teller3-pass', unitId: hd, roles: ['teller'] });
    const colleague = await loginAs(app.http, 'teller3', 'Teller3-pass');
    const refs: string[] = [];
    for (let i = 0; i < 8; i++) refs.push(await lostCard());
    await settle(app);
    // one case is escalated: its task is served first
    const urgent = await taskAt(teller, refs[4]!, 'issueCard');
    await app.deps.db.updateTable('task').set({ priority: 95 }).where('id', '=', urgent.id).execute();
    const first = await teller.post('/api/v1/work/next');
    assert.equal(first.json().id, urgent.id, 'the highest priority first');
    assert.equal(first.json().assignee, 'teller1');
    assert.equal(first.json().case.ref, refs[4]);
    const got: string[] = [first.json().id];
    for (let round = 0; round < 3; round++) {
      const pair = await Promise.all([teller.post('/api/v1/work/next'), colleague.post('/api/v1/work/next')]);
      for (const r of pair) {
        assert.equal(r.statusCode, 200, r.body);
        got.push(r.json().id);
      }
    }
    assert.equal(new Set(got).size, got.length, 'no task handed out twice');
    const claims = await sql<{ n: string }>`select count(*) as n from audit_log where action = 'task.claim'`.execute(app.deps.db);
    assert.ok(Number(claims.rows[0]!.n) >= 7);
    const rest = await teller.post('/api/v1/work/next');
    assert.ok([200, 204].includes(rest.statusCode));
    if (rest.statusCode === 200) assert.ok(!got.includes(rest.json().id));
    const mine = (await teller.get('/api/v1/work/tasks?view=mine')).json().items;
    assert.ok(mine.every((t: { assignee: string }) => t.assignee === 'teller1'));
    assert.ok(mine.some((t: { case: { ref: string } }) => t.case.ref === refs[4]));
  });

  it('keeps every service endpoint within the caller’s branches', async () => {
    const ref = await lostCard();
    await settle(app);
    const c = (await teller.get(`/api/v1/cases/${ref}`)).json();
    const inquiry = (await teller.post('/api/v1/inquiries', { channel: 'counter', serviceCode: 'report-lost-card', topic: '挂失', question: '怎么挂失？', customerId: c.customer.id })).json();
    const booking = (await anonymous(app.http).post('/api/v1/public/appointments', { branch: 'BJ-HD', service: 'report-lost-card', startsAt: '2026-12-01T01:00:00.000Z', name: '王小明', phone: WANG.phone })).json();
    const task = await taskAt(teller, ref, 'issueCard');
    const shanghai = await loginAs(app.http, 'teller2');
    const refused = {
      'GET case': await shanghai.get(`/api/v1/cases/${ref}`),
      'GET timeline': await shanghai.get(`/api/v1/cases/${c.id}/timeline`),
      'PUT materials': await shanghai.put(`/api/v1/cases/${c.id}/materials`, { items: [{ position: 0, received: false }] }),
      'POST close': await shanghai.post(`/api/v1/cases/${c.id}/close`, { outcome: 'cancelled', note: 'no' }),
      'GET customer': await shanghai.get(`/api/v1/customers/${c.customer.id}`),
      'GET 360': await shanghai.get(`/api/v1/customers/${c.customer.id}/360`),
      'PATCH customer': await shanghai.patch(`/api/v1/customers/${c.customer.id}`, { version: 1, segment: 'standard' }),
      'POST inquiry case': await shanghai.post(`/api/v1/inquiries/${inquiry.id}/case`, {}),
      'POST check-in': await shanghai.post(`/api/v1/appointments/${booking.code}/check-in`, {}),
      'GET task': await shanghai.get(`/api/v1/tasks/${task.id}`),
      'POST claim': await shanghai.post(`/api/v1/tasks/${task.id}/claim`),
      'POST return': await shanghai.post(`/api/v1/work/tasks/${task.id}/return`, { reason: 'no' }),
    };
    for (const [what, response] of Object.entries(refused)) assert.equal(problem(response).status, 403, `${what}: ${response.body}`);
    const lists = {
      cases: (await shanghai.get('/api/v1/cases')).json().items,
      customers: (await shanghai.get('/api/v1/customers')).json().items,
      inquiries: (await shanghai.get('/api/v1/inquiries')).json().items,
      appointments: (await shanghai.get('/api/v1/appointments')).json().items,
      work: (await shanghai.get('/api/v1/work/tasks?view=available')).json().items,
      overview: (await shanghai.get('/api/v1/branch-overview')).json().items,
    };
    assert.ok(lists.cases.every((x: { unit: { code: string } }) => x.unit.code === 'SH-PD'));
    assert.ok(lists.customers.every((x: { unitCode: string }) => x.unitCode === 'SH-PD') && lists.customers.length === 1);
    assert.equal(lists.inquiries.length, 0);
    assert.ok(lists.appointments.every((x: { unitCode: string }) => x.unitCode === 'SH-PD'));
    assert.ok(lists.work.every((x: { pool: string | null; case: { ref: string } | null }) => x.pool !== null), 'only pooled work from other branches');
    assert.ok(lists.overview.every((x: { unitCode: string }) => x.unitCode === 'SH-PD'));
    assert.equal((await shanghai.post('/api/v1/work/next')).statusCode, 204, 'no Beijing task is handed to Shanghai');
    // roles without the permission are refused whatever the branch
    const exec = await loginAs(app.http, 'exec');
    assert.equal(problem(await exec.post('/api/v1/cases', { serviceCode: 'report-lost-card', customerId: c.customer.id, channel: 'counter' })).status, 403);
    assert.equal(problem(await exec.get('/api/v1/customers')).status, 403);
    assert.equal(problem(await exec.get('/api/v1/notifications')).status, 403);
    assert.equal((await exec.get(`/api/v1/cases/${ref}`)).statusCode, 200, 'executives read cases bank-wide');
    assert.equal(problem(await anonymous(app.http).get('/api/v1/cases')).status, 401);
  });
});
