import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { anonymous, loginAs, problem } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { customerId, settle, WANG } from './support.ts';

/** The test's clock: Thursday 2026-10-08 10:00 in Beijing, before the National Day make-up Saturday. */
const THURSDAY_10 = Date.parse('2026-10-08T02:00:00Z');
let now = THURSDAY_10;
const at = (iso: string) => {
  now = Date.parse(iso);
};

const FX = {
  nameZh: '外币兑换',
  nameEn: 'Foreign exchange',
  category: 'payment',
  customerType: 'individual',
  materials: [
    { nameZh: '本人有效身份证件', nameEn: 'Own identity document', required: true },
    { nameZh: '用途说明', nameEn: 'Statement of purpose', required: false },
  ],
  fees: [{ nameZh: '手续费', nameEn: 'Fee', amount: '20.50' }],
  timeLimit: { amount: 3, unit: 'workingDays' },
  channels: ['counter', 'phone'],
  branches: [],
  processKey: null,
};

await describeEachDatabase('Front office: cases, inquiries, tracking, appointments, surveys', (kind) => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => new Date(now));
    await (await loginAs(app.http, 'ops')).post('/api/v1/services', { code: 'fx', definition: FX });
  });
  after(async () => app?.stop());

  it('counts a case’s clock in working days: a make-up Saturday counts, a Sunday does not; at risk at 80%, then breached', async () => {
    at('2026-10-08T02:00:00Z');
    const teller = await loginAs(app.http, 'teller1');
    const opened = await teller.post('/api/v1/cases', { serviceCode: 'fx', customerId: await customerId(teller, WANG.idNumber), channel: 'counter', materialsReceived: [0] });
    assert.equal(opened.statusCode, 201, opened.body);
    const c = opened.json();
    assert.match(c.ref, /^BL20261008-\d{6}$/);
    assert.equal(c.dueAt, '2026-10-12T02:00:00.000Z', 'Thursday + 3 working days = Monday, with Saturday 10 October a working day');
    // sessions last hours, the clock moves days: each look signs in afresh
    const sla = async () => (await (await loginAs(app.http, 'teller1')).get(`/api/v1/cases/${c.ref}`)).json().sla.state;
    assert.equal(await sla(), 'on_track');
    at('2026-10-10T04:00:00Z'); // Saturday noon: 69% used
    assert.equal(await sla(), 'on_track');
    at('2026-10-10T12:00:00Z'); // Saturday 20:00: past 80%
    assert.equal(await sla(), 'at_risk');
    at('2026-10-11T04:00:00Z'); // Sunday: no time counts
    assert.equal(await sla(), 'at_risk');
    assert.equal((await (await loginAs(app.http, 'teller1')).get('/api/v1/cases?sla=at_risk')).json().items.some((x: { ref: string }) => x.ref === c.ref), true);
    await settle(app);
    assert.equal((await app.deps.db.selectFrom('service_case').select('escalation').where('id', '=', c.id).executeTakeFirstOrThrow()).escalation, 'at_risk');
    at('2026-10-12T02:00:01Z');
    assert.equal(await sla(), 'breached');
    const later = await loginAs(app.http, 'teller1');
    const overview = (await later.get('/api/v1/branch-overview')).json().items;
    assert.equal(overview.find((b: { unitCode: string }) => b.unitCode === 'BJ-HD').breached, 1);
    // done at the counter: closed by hand, and the customer is asked to rate it
    assert.equal((await later.post(`/api/v1/cases/${c.id}/close`, { outcome: 'completed', note: '已兑换' })).json().status, 'completed');
    await settle(app);
    const invite = await app.deps.db.selectFrom('notification').selectAll().where('template', '=', 'survey_invite').where('subject_id', '=', c.id).executeTakeFirst();
    assert.equal(invite?.status, 'sent', 'the survey link went out through the SMS adapter');
    assert.equal(invite?.recipient_masked, '139****2222');
  });

  it('answers an inquiry from the catalogue and turns it into a case in one step', async () => {
    at('2026-10-12T03:00:00Z');
    const teller = await loginAs(app.http, 'teller1', undefined, 'zh-CN');
    const inquiry = await teller.post('/api/v1/inquiries', { channel: 'phone', serviceCode: 'fx', topic: '外币兑换', question: '换美元要带什么？' });
    assert.equal(inquiry.statusCode, 201, inquiry.body);
    assert.match(inquiry.json().answer, /本人有效身份证件.*用途说明（可选）.*手续费 20\.50 元.*3个工作日/);
    const opened = await teller.post(`/api/v1/inquiries/${inquiry.json().id}/case`, { customerId: await customerId(teller, WANG.idNumber) });
    assert.equal(opened.statusCode, 201, opened.body);
    assert.equal(opened.json().channel, 'phone');
    assert.equal(opened.json().source.kind, 'inquiry');
    assert.equal(problem(await teller.post(`/api/v1/inquiries/${inquiry.json().id}/case`, {})).status, 409, 'once');
    assert.equal(problem(await teller.post('/api/v1/cases', { serviceCode: 'fx', customerId: opened.json().customer.id, channel: 'mobile' })).errors?.[0]?.field, '/channel');
  });

  it('lets a customer track a case only with the code sent to their phone; wrong and expired codes fail, guessing locks', async () => {
    at('2026-10-12T03:00:00Z');
    const teller = await loginAs(app.http, 'teller1');
    const c = (await teller.post('/api/v1/cases', { serviceCode: 'fx', customerId: await customerId(teller, WANG.idNumber), channel: 'counter' })).json();
    const customer = anonymous(app.http);
    assert.equal(problem(await customer.get(`/api/v1/public/tracking/${c.ref}`)).status, 401, 'nothing without verification');
    const unknown = await customer.post('/api/v1/public/tracking/BL20261012-999999/code');
    const known = await customer.post(`/api/v1/public/tracking/${c.ref}/code`);
    assert.equal(unknown.statusCode, 202);
    assert.deepEqual(unknown.json(), known.json(), 'the answer does not tell whether the case exists');
    const code = async () => {
      await settle(app);
      const inbox = (await customer.post('/api/v1/public/demo-inbox', { phone: WANG.phone })).json().items;
      return /验证码为 (\d{6})/.exec(inbox.find((m: { body: string }) => m.body.includes(c.ref)).body)![1]!;
    };
    const first = await code();
    at('2026-10-12T03:11:00Z'); // 11 minutes later: expired
    const expired = problem(await customer.post(`/api/v1/public/tracking/${c.ref}/verify`, { code: first }));
    assert.match(expired.detail, /expired/);
    await customer.post(`/api/v1/public/tracking/${c.ref}/code`);
    const second = await code();
    const wrong = second === '000000' ? '111111' : '000000';
    assert.equal(problem(await customer.post(`/api/v1/public/tracking/${c.ref}/verify`, { code: wrong })).status, 400);
    const verified = await customer.post(`/api/v1/public/tracking/${c.ref}/verify`, { code: second });
    assert.equal(verified.statusCode, 200, verified.body);
    const tracked = await customer.request('GET', `/api/v1/public/tracking/${c.ref}`, undefined, { 'x-tracking-token': verified.json().token });
    assert.equal(tracked.json().status, 'open');
    assert.deepEqual(tracked.json().missingMaterials, ['Own identity document']);
    assert.equal(tracked.json().expectedBy, c.dueAt);
    // brute force: five wrong codes lock the case's tracking, even the right code is then refused
    await customer.post(`/api/v1/public/tracking/${c.ref}/code`);
    const third = await code();
    const guesses = [];
    for (let i = 0; i < 5; i++) guesses.push((await customer.post(`/api/v1/public/tracking/${c.ref}/verify`, { code: String(100000 + i) === third ? '999999' : String(100000 + i) })).statusCode);
    assert.deepEqual(guesses, [400, 400, 400, 400, 429]);
    const locked = await customer.post(`/api/v1/public/tracking/${c.ref}/verify`, { code: third });
    assert.equal(locked.statusCode, 429);
    assert.ok(Number(locked.headers['retry-after']) > 0);
    assert.equal(problem(await customer.post(`/api/v1/public/tracking/${c.ref}/verify`, { code: '12345' })).errors?.[0]?.field, '/code');
  });

  it('books appointments in working-day slots; concurrent bookings never overfill a slot; reschedule and cancel free places', async () => {
    at('2026-10-12T03:00:00Z');
    const customer = anonymous(app.http);
    const portal = (await customer.get('/api/v1/public/portal')).json();
    assert.equal(portal.demo, true);
    assert.deepEqual(portal.branches.map((b: { code: string }) => b.code), ['BJ-CY', 'BJ-HD', 'SH-JA', 'SH-PD'], 'the branches customers can visit');
    const slots = (await customer.get('/api/v1/public/appointments/slots?branch=BJ-HD&service=fx&days=7')).json();
    assert.ok(slots.slots.every((s: { startsAt: string }) => !['2026-10-17', '2026-10-18'].includes(s.startsAt.slice(0, 10))), 'no slots at the weekend');
    const slot = slots.slots.find((s: { startsAt: string }) => s.startsAt === '2026-10-13T01:00:00.000Z'); // Tuesday 09:00
    assert.equal(slot.available, 2);
    const phones = ['13700000001', '13700000002', '13700000003', '13700000004', '13700000005'];
    const tries = await Promise.all(phones.map((phone, i) => customer.post('/api/v1/public/appointments', { branch: 'BJ-HD', service: 'fx', startsAt: slot.startsAt, name: `客户${i}`, phone })));
    assert.deepEqual(tries.map((r) => r.statusCode).sort(), [201, 201, 409, 409, 409]);
    const booked = await app.deps.db.selectFrom('appointment').select((eb) => eb.fn.countAll<number>().as('n')).where('starts_at', '=', new Date(slot.startsAt)).where('status', '=', 'booked').executeTakeFirstOrThrow();
    assert.equal(Number(booked.n), 2);
    const mine = tries.find((r) => r.statusCode === 201)!.json();
    const phone = phones[tries.indexOf(tries.find((r) => r.json().code === mine.code)!)]!;
    assert.equal(problem(await customer.post(`/api/v1/public/appointments/${mine.code}/lookup`, { phone: '13799999999' })).status, 404, 'the code alone opens nothing');
    const moved = await customer.post(`/api/v1/public/appointments/${mine.code}/reschedule`, { phone, startsAt: '2026-10-13T01:30:00.000Z' });
    assert.equal(moved.json().startsAt, '2026-10-13T01:30:00.000Z');
    assert.equal((await customer.get('/api/v1/public/appointments/slots?branch=BJ-HD&service=fx&days=2')).json().slots.find((s: { startsAt: string }) => s.startsAt === slot.startsAt).available, 1);
    assert.equal(problem(await customer.post('/api/v1/public/appointments', { branch: 'BJ-HD', service: 'fx', startsAt: '2026-10-17T01:00:00.000Z', name: '周末', phone: '13700000009' })).errors?.[0]?.field, '/startsAt');
    // the branch checks the customer in: the case's clock starts at the booked time
    at('2026-10-13T01:40:00Z');
    const teller = await loginAs(app.http, 'teller1');
    const checkIn = (await teller.post(`/api/v1/appointments/${mine.code}/check-in`, {})).json();
    assert.equal(checkIn.clockStartsAt, '2026-10-13T01:30:00.000Z');
    const c = (await teller.post('/api/v1/cases', { serviceCode: 'fx', customerId: await customerId(teller, WANG.idNumber), channel: 'counter', source: { kind: 'appointment', ref: mine.code, startedAt: checkIn.clockStartsAt } })).json();
    assert.equal(c.clockStartedAt, '2026-10-13T01:30:00.000Z');
    const other = tries.find((r) => r.statusCode === 201 && r.json().code !== mine.code)!.json();
    const cancelled = await customer.post(`/api/v1/public/appointments/${other.code}/cancel`, { phone: phones[tries.findIndex((r) => r.statusCode === 201 && r.json().code === other.code)] });
    assert.equal(cancelled.json().status, 'cancelled');
  });

  it('a survey is answered once; a low score opens a follow-up task for the branch manager', async () => {
    at('2026-10-13T03:00:00Z');
    const teller = await loginAs(app.http, 'teller1');
    const c = (await teller.post('/api/v1/cases', { serviceCode: 'fx', customerId: await customerId(teller, WANG.idNumber), channel: 'counter', materialsReceived: [0] })).json();
    await teller.post(`/api/v1/cases/${c.id}/close`, { outcome: 'completed', note: 'done' });
    await settle(app);
    const inbox = (await anonymous(app.http).post('/api/v1/public/demo-inbox', { phone: WANG.phone })).json().items;
    const token = /survey\/([\w-]+)/.exec(inbox.find((m: { body: string }) => m.body.includes('/portal/survey/')).body)![1]!;
    const customer = anonymous(app.http);
    assert.equal((await customer.get(`/api/v1/public/surveys/${token}`)).json().service.nameEn, 'Foreign exchange');
    assert.equal(problem(await customer.post(`/api/v1/public/surveys/${token}`, { csat: 6, nps: 3 })).errors?.[0]?.field, '/csat');
    assert.equal((await customer.post(`/api/v1/public/surveys/${token}`, { csat: 2, nps: 3, comment: '等太久了' })).statusCode, 200);
    assert.equal(problem(await customer.post(`/api/v1/public/surveys/${token}`, { csat: 5, nps: 10 })).status, 409, 'once');
    const manager = await loginAs(app.http, 'branchmgr');
    const tasks = (await manager.get('/api/v1/work/tasks?view=available')).json().items;
    const followUp = tasks.find((t: { processKey: string; businessKey: string }) => t.processKey === 'surveyFollowUp' && t.businessKey === c.ref);
    assert.ok(followUp, 'the branch manager has a follow-up task');
    assert.equal(followUp.case.ref, c.ref);
    const surveys = (await manager.get('/api/v1/surveys')).json();
    assert.equal(surveys.items.find((s: { caseRef: string }) => s.caseRef === c.ref).staff, 'teller1', 'linked to who served');
    assert.equal(problem(await teller.get('/api/v1/surveys')).status, 403);
  });
});
