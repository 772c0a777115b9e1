import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { customerId, WANG } from '../services/support.ts';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { manualClock, openCase, register, settle, step } from './support.ts';

await describeEachDatabase('Complaints and the rest of operations', (kind) => {
  let app: TestApp;
  const clock = manualClock();
  let teller: Client;
  let handler: Client;
  let ops: Client;
  before(async () => {
    app = await startTestApp(kind, {}, undefined, clock.now);
    [teller, handler, ops] = (await Promise.all(['teller1', 'complaints', 'ops'].map((u) => loginAs(app.http, u)))) as [Client, Client, Client];
  });
  after(async () => app?.stop());

  it('shows at intake what the bank already holds, and suggests a classification from the text', async () => {
    const c = await openCase(teller);
    const held = (await teller.get(`/api/v1/complaints/on-file?caseRef=${c.ref}`)).json();
    assert.equal(held.customer.idNumberMasked.includes('*'), true);
    assert.ok(!JSON.stringify(held).includes(WANG.idNumber) && !JSON.stringify(held).includes(WANG.phone), 'nothing whole');
    const opened = held.cases.find((x: { ref: string }) => x.ref === c.ref);
    assert.deepEqual(opened.materials.map((m: { received: boolean }) => m.received), [true, true], 'the materials received for the case are on file');
    assert.equal(problem(await teller.get('/api/v1/complaints/on-file?caseRef=BL20990101-000009')).errors?.[0]?.field, '/caseRef');
    const suggested = (await teller.post('/api/v1/complaints/suggest', { channel: 'regulator', subjectType: 'product', description: '信用卡被盗刷，银行不处理', request: '赔偿损失' })).json();
    assert.deepEqual(suggested, { category: 'credit_card', cause: 'fund_loss', priority: 'urgent', handlingLevel: 'region' });
    const english = (await teller.post('/api/v1/complaints/suggest', { channel: 'online', subjectType: 'staff', description: 'The clerk was rude and charged a fee I was not told about', request: 'refund' })).json();
    assert.deepEqual(english, { category: null, cause: 'fees', priority: 'high', handlingLevel: 'branch' });
  });

  it('sends an urgent referral from the regulator to the region, and counts a corrected suggestion', async () => {
    const c = await register(teller, { channel: 'regulator', regulatorRef: 'JG-2026-1128-01', complainant: { name: '郑一', phone: '13600001111' }, subject: { type: 'none' }, description: '理财产品宣传时误导，实际亏损', request: '赔偿本金损失' });
    assert.equal(c.priority, 'urgent');
    assert.equal(c.unitCode, 'BJ', 'the region handles it');
    assert.equal(c.suggestion.category, 'wealth_product');
    const accepted = await step(handler, c.ref, 'accept', { categoryCode: c.suggestion.category, causeCode: c.suggestion.cause, priority: 'urgent' });
    assert.equal(accepted.classificationCorrected, false);
    await step(handler, c.ref, 'assign', { handler: 'complaints' });
    const proposed = await step(handler, c.ref, 'proposal', { outcome: 'partly_upheld', text: '补偿部分损失并改进销售话术', compensation: '100.00' });
    assert.deepEqual(proposed.tasks[0].candidateGroups, ['ops_manager'], 'a complaint handled by the region is approved at head office, whatever the amount');
  });

  it('turns a dissatisfied survey answer into a complaint about its case', async () => {
    const c = await openCase(teller);
    const hd = await app.deps.db.selectFrom('org_unit').select('id').where('code', '=', 'BJ-HD').executeTakeFirstOrThrow();
    const surveyId = app.deps.newId();
    await app.deps.db.insertInto('survey').values({ id: surveyId, case_id: c.id, token_hash: `t-${surveyId}`, unit_id: hd.id, staff: 'teller1', sent_at: clock.now(), answered_at: clock.now(), csat: 1, nps: 0, comment: '办理太慢', follow_up_instance_id: null }).execute();
    const complaint = await register(handler, { originSurveyId: surveyId, subject: { type: 'none' }, description: '客户评价不满意：办理太慢', request: '回访并改进' });
    assert.equal(complaint.subject.type, 'case');
    assert.equal(complaint.subject.ref, c.ref);
    assert.equal(complaint.customerId, await customerId(teller, WANG.idNumber));
    assert.equal(problem(await handler.post('/api/v1/complaints', { originSurveyId: surveyId, channel: 'counter', subject: { type: 'none' }, description: '再来一次同样的', request: '回访' })).errors?.[0]?.field, '/originSurveyId');
  });

  it('flags a process step that keeps being complained about, for its owner', async () => {
    const refs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await register(teller, { complainant: { name: `客户${i}`, phone: `1360000200${i}` }, subject: { type: 'branch', ref: 'BJ-HD' }, description: '开户时柜员反复要求提供已经交过的材料', request: '简化手续' });
      await step(handler, c.ref, 'accept', { categoryCode: 'debit_card', causeCode: 'procedure', priority: 'normal' });
      await step(handler, c.ref, 'assign', { handler: 'complaints' });
      await step(handler, c.ref, 'root-cause', { causeCode: 'procedure', processKey: 'personalAccountOpening', stepId: 'checkMaterials', finding: '核对材料环节要求重复提交' });
      refs.push(c.ref);
    }
    const last = (await handler.get(`/api/v1/complaints/${refs[2]}`)).json();
    assert.deepEqual(last.repeatFlag, { processKey: 'personalAccountOpening', stepId: 'checkMaterials', count: 3, windowDays: 90 });
    const told = await app.deps.db.selectFrom('notification').select(['template', 'subject_id']).where('subject_type', '=', 'complaint_step').execute();
    assert.deepEqual(told.map((n) => n.template), ['complaint_repeated_step'], 'the process owner is told once');
    assert.equal(problem(await handler.put(`/api/v1/complaints/${refs[0]}/root-cause`, {})).status, 404, 'root cause is recorded by POST');
    assert.equal(problem(await handler.post(`/api/v1/complaints/${refs[0]}/root-cause`, { causeCode: 'procedure', processKey: 'personalAccountOpening', finding: '只填了流程' })).errors?.[0]?.field, '/stepId');
    assert.equal(problem(await handler.post(`/api/v1/complaints/${refs[0]}/root-cause`, { causeCode: 'credit_card', finding: '业务类别不是原因' })).errors?.[0]?.field, '/causeCode');
  });

  it('lets operations configure the category tree and the clock, and nobody else', async () => {
    const setup = (await handler.get('/api/v1/complaint-setup')).json();
    assert.equal(setup.rules.baseDays, 15);
    assert.ok(setup.categories.some((c: { code: string; kind: string }) => c.code === 'credit_card' && c.kind === 'business'));
    assert.equal(problem(await handler.put('/api/v1/complaint-setup/rules', setup.rules)).status, 403);
    assert.equal(problem(await ops.put('/api/v1/complaint-setup/rules', { ...setup.rules, maxDays: 20 })).errors?.[0]?.field, '/maxDays');
    const added = await ops.put('/api/v1/complaint-setup/categories/digital_rmb', { kind: 'business', parentCode: 'payment', nameZh: '数字人民币', nameEn: 'Digital RMB' });
    assert.equal(added.statusCode, 200, added.body);
    assert.equal(problem(await ops.put('/api/v1/complaint-setup/categories/payment', { kind: 'business', parentCode: 'digital_rmb', nameZh: '支付结算', nameEn: 'Payments' })).errors?.[0]?.field, '/parentCode', 'no loops');
    assert.equal(problem(await ops.put('/api/v1/complaint-setup/categories/odd', { kind: 'cause', parentCode: 'payment', nameZh: '怪', nameEn: 'Odd' })).errors?.[0]?.field, '/parentCode', 'a cause under a business category');
    // working days, from now on
    assert.equal((await ops.put('/api/v1/complaint-setup/rules', { ...setup.rules, dayCount: 'working' })).statusCode, 200);
    clock.set(Date.parse('2026-09-28T02:00:00Z'));
    try {
      const fresh = await loginAs(app.http, 'teller1');
      const c = await register(fresh, { complainant: { name: '王二', phone: '13600003333' }, subject: { type: 'none' } });
      assert.equal(c.clock.dueAt, new Date('2026-10-23T23:59:59.999+08:00').toISOString(), '15 working days around National Day');
      assert.equal(c.clock.dayCount, 'working');
    } finally {
      clock.set(Date.parse('2026-11-28T02:00:00Z'));
      await ops.put('/api/v1/complaint-setup/rules', setup.rules);
      await settle(app);
    }
  });
});
