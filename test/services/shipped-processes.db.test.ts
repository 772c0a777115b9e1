import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { customerId, residentId, settle, taskAt, work, WANG } from './support.ts';

/** Monday 2026-11-30 10:00 in Beijing: an ordinary working day. */
const MONDAY = new Date('2026-11-30T02:00:00Z');

await describeEachDatabase('Shipped processes, end to end through the API', (kind) => {
  let app: TestApp;
  let teller: Client;
  let supervisor: Client;
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => MONDAY);
    teller = await loginAs(app.http, 'teller1');
    supervisor = await loginAs(app.http, 'supervisor');
    // a small branch's supervisor who also works the counter: the same person in both roles
    const admin = await loginAs(app.http, 'admin');
    const hd = (await admin.get('/api/v1/users?q=teller1')).json().items[0].unitId;
    await admin.post('/api/v1/users', { username: 'dual', displayName: '钱双岗 Qian', password: 'Dual-pass-1', unitId: hd, roles: ['teller', 'supervisor'] });
  });
  after(async () => app?.stop());

  const caseOf = async (ref: string) => (await teller.get(`/api/v1/cases/${ref}`)).json();
  const smsTo = async (phone: string) => {
    const rows = await app.deps.db.selectFrom('notification').select(['recipient_sealed', 'template', 'body', 'status']).where('channel', '=', 'sms').orderBy('created_at').execute();
    return rows.filter((r) => app.deps.vault.open(r.recipient_sealed) === phone);
  };

  it('opens a personal account for a walk-in: identity, materials gate, maker input, rework, maker-checker, account, notice, survey', async () => {
    const walkIn = await teller.post('/api/v1/customers', { kind: 'individual', name: '孙丽', idType: 'resident_id', idNumber: residentId('11010819950505234'), idExpiry: '2035-05-05', phone: '13566667777' });
    assert.equal(walkIn.statusCode, 201, walkIn.body);
    const opened = await teller.post('/api/v1/cases', { serviceCode: 'open-personal-account', customerId: walkIn.json().id, channel: 'counter' });
    assert.equal(opened.statusCode, 201, opened.body);
    const ref = opened.json().ref;
    await settle(app);
    const check = await taskAt(teller, ref, 'checkMaterials');
    const gated = problem(await work(teller, check.id));
    assert.equal(gated.status, 422, 'the engine refuses to pass the step with mandatory materials missing');
    assert.deepEqual(gated.errors?.map((e) => e.field), ['/materials/0', '/materials/1']);
    await teller.put(`/api/v1/cases/${ref}/materials`, { items: [{ position: 0, received: true }, { position: 1, received: true }] });
    assert.equal((await teller.post(`/api/v1/tasks/${check.id}/complete`, { variables: {} })).statusCode, 200);
    const input = await taskAt(teller, ref, 'makerInput');
    assert.ok(input.candidateGroups.includes('teller'));
    assert.equal((await work(teller, input.id, { accountType: 'debit_card', purpose: '工资代发', smsAlerts: true })).statusCode, 200);
    // the checker sends it back once: rework is counted on the case
    const approval = await taskAt(supervisor, ref, 'checkerApproval');
    await supervisor.post(`/api/v1/tasks/${approval.id}/claim`);
    assert.equal((await supervisor.post(`/api/v1/work/tasks/${approval.id}/return`, { reason: '用途填写不完整' })).statusCode, 200);
    assert.equal((await caseOf(ref)).reworkCount, 1);
    const again = await taskAt(teller, ref, 'makerInput');
    assert.equal((await work(teller, again.id, { accountType: 'debit_card', purpose: '工资代发及日常消费', smsAlerts: true })).statusCode, 200);
    const approval2 = await taskAt(supervisor, ref, 'checkerApproval');
    assert.equal((await work(supervisor, approval2.id, { decision: 'approve' })).statusCode, 200);
    await settle(app);
    const done = await caseOf(ref);
    assert.equal(done.status, 'completed');
    const core = await app.deps.db.selectFrom('core_banking_operation').select(['operation', 'result']).where('key', 'like', `${opened.json().instanceId}:%`).execute();
    assert.deepEqual(core.map((c) => c.operation), ['openAccount']);
    const sms = await smsTo('13566667777');
    const last4 = String((core[0]!.result as { accountNumber: string }).accountNumber).slice(-4);
    assert.ok(sms.some((m) => m.template === 'account_opened' && m.body.includes(last4) && m.status === 'sent'), 'the customer is told the account number’s last digits');
    assert.ok(sms.some((m) => m.template === 'survey_invite'), 'and asked to rate the service');
    const timeline = (await teller.get(`/api/v1/cases/${ref}/timeline`)).json();
    const steps = timeline.steps.map((s: { elementId: string }) => s.elementId);
    assert.deepEqual(steps.filter((s: string) => s === 'makerInput').length, 2, 'the rework shows in the timeline');
    assert.deepEqual(timeline.returns.map((r: { step: string; reason: string; by: string }) => [r.step, r.reason, r.by]), [['checkerApproval', '用途填写不完整', 'supervisor']]);
    assert.ok(timeline.steps.find((s: { elementId: string; by: string }) => s.elementId === 'checkerApproval' && s.by === 'supervisor'));
  });

  it('lets the branch withdraw an application whose process runs: case and process cancelled together, audited', async () => {
    const opened = (await teller.post('/api/v1/cases', { serviceCode: 'open-personal-account', customerId: await customerId(teller, WANG.idNumber), channel: 'counter', materialsReceived: [0, 1] })).json();
    await settle(app);
    assert.ok(await taskAt(teller, opened.ref, 'checkMaterials'));
    const withdrawn = await teller.post(`/api/v1/cases/${opened.id}/close`, { outcome: 'cancelled', note: '客户撤回申请' });
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    assert.equal(withdrawn.json().status, 'cancelled');
    const ops = await loginAs(app.http, 'ops');
    const instance = (await ops.get(`/api/v1/process-instances/${opened.instanceId}`)).json();
    assert.equal(instance.status, 'cancelled');
    assert.deepEqual((await teller.get(`/api/v1/tasks?instanceId=${opened.instanceId}`)).json().items, [], 'no step left to work');
    const auditor = await loginAs(app.http, 'auditor');
    const cancelled = (await auditor.get(`/api/v1/audit?action=process.cancel&entityId=${opened.instanceId}`)).json().items;
    assert.deepEqual(cancelled.map((e: { actorName: string; after: { reason: string } }) => [e.actorName, e.after.reason]), [['teller1', '客户撤回申请']]);
    assert.equal(problem(await teller.post(`/api/v1/cases/${opened.id}/close`, { outcome: 'cancelled', note: '再次撤回' })).status, 409);
  });

  it('refuses the checker who was the maker (maker-checker), whatever their roles', async () => {
    const opened = (await teller.post('/api/v1/cases', { serviceCode: 'open-personal-account', customerId: await customerId(teller, WANG.idNumber), channel: 'counter', materialsReceived: [0, 1] })).json();
    await settle(app);
    const dual = await loginAs(app.http, 'dual', 'Dual-pass-1');
    const first = await work(dual, (await taskAt(dual, opened.ref, 'checkMaterials')).id);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal((await work(dual, (await taskAt(dual, opened.ref, 'makerInput')).id, { accountType: 'passbook', purpose: '储蓄', smsAlerts: false })).statusCode, 200);
    const approval = await taskAt(dual, opened.ref, 'checkerApproval');
    const refused = problem(await work(dual, approval.id, { decision: 'approve' }));
    assert.equal(refused.status, 403);
    assert.match(refused.type, /maker_checker/);
    await dual.post(`/api/v1/tasks/${approval.id}/unclaim`);
    assert.equal((await work(supervisor, (await taskAt(supervisor, opened.ref, 'checkerApproval')).id, { decision: 'reject', comment: '资料不符' })).statusCode, 200);
    await settle(app);
    assert.equal((await caseOf(opened.ref)).status, 'rejected', 'ended at a rejected… end event');
  });

  it('stops an account opening for an expired identity document, and tells the customer', async () => {
    const expired = await customerId(teller, residentId('11010819990815004')); // 陈静, ID expired in 2024
    const opened = (await teller.post('/api/v1/cases', { serviceCode: 'open-personal-account', customerId: expired, channel: 'counter' })).json();
    await settle(app);
    const c = await caseOf(opened.ref);
    assert.equal(c.status, 'rejected');
    const steps = (await teller.get(`/api/v1/cases/${opened.ref}/timeline`)).json().steps.map((s: { elementId: string }) => s.elementId);
    assert.ok(steps.includes('notifyIdentityFailed') && !steps.includes('checkMaterials'), steps.join());
    assert.ok((await smsTo('13944445555')).some((m) => m.template === 'case_rejected'));
  });

  it('decides a large personal loan by DMN: central credit review, then the credit committee votes by majority', async () => {
    const opened = await teller.post('/api/v1/cases', { serviceCode: 'personal-loan', customerId: await customerId(teller, residentId('11010519700101003')), channel: 'counter', amount: '1500000.00', materialsReceived: [0, 1], variables: { monthlyIncome: 60000, monthlyDebt: 5000, creditHistory: 'good', termMonths: 120 } });
    assert.equal(opened.statusCode, 201, opened.body);
    const ref = opened.json().ref;
    await settle(app);
    assert.equal((await work(teller, (await taskAt(teller, ref, 'checkMaterials')).id)).statusCode, 200);
    await settle(app);
    const risk = await loginAs(app.http, 'risk');
    const review = await taskAt(risk, ref, 'creditReview');
    assert.equal(review.pool, 'central');
    assert.equal((await work(risk, review.id)).statusCode, 200);
    await settle(app);
    const instance = (await teller.get(`/api/v1/process-instances/${opened.json().instanceId}`)).json();
    assert.equal(instance.variables.authority, 'committee', `1.5 million goes to the committee (${JSON.stringify(instance.variables.creditAssessment)})`);
    assert.deepEqual(instance.variables.committee, ['branchmgr', 'ops', 'risk'], 'the holders of the credit-approval qualification');
    const votes = (await teller.get(`/api/v1/cases/${ref}`)).json().currentSteps;
    assert.deepEqual(votes.map((v: { assignee: string }) => v.assignee).sort(), ['branchmgr', 'ops', 'risk']);
    const vote = async (username: string, v: string) => {
      const member = await loginAs(app.http, username);
      const step = votes.find((s: { assignee: string }) => s.assignee === username);
      return member.post(`/api/v1/tasks/${step.taskId}/complete`, { variables: { vote: v } });
    };
    assert.equal((await vote('ops', 'approve')).statusCode, 200);
    assert.equal((await vote('risk', 'reject')).statusCode, 200);
    assert.equal((await vote('branchmgr', 'approve')).statusCode, 200);
    const contract = await taskAt(teller, ref, 'signContract');
    assert.equal((await work(teller, contract.id)).statusCode, 200);
    await settle(app);
    assert.equal((await caseOf(ref)).status, 'completed');
    const final = (await (await loginAs(app.http, 'ops')).get(`/api/v1/process-instances/${opened.json().instanceId}`)).json();
    assert.equal(final.status, 'completed');
  });

  it('sits the committee from the qualified staff who can reach the case: a Shanghai loan is not put to a Beijing branch manager', async () => {
    const shanghai = await loginAs(app.http, 'teller2');
    const walkIn = await shanghai.post('/api/v1/customers', { kind: 'individual', name: '周强', idType: 'resident_id', idNumber: residentId('31011519800303123'), idExpiry: '2036-03-03', phone: '13611112222' });
    assert.equal(walkIn.statusCode, 201, walkIn.body);
    const opened = await shanghai.post('/api/v1/cases', { serviceCode: 'personal-loan', customerId: walkIn.json().id, channel: 'counter', amount: '1500000.00', materialsReceived: [0, 1], variables: { monthlyIncome: 60000, monthlyDebt: 5000, creditHistory: 'good', termMonths: 120 } });
    assert.equal(opened.statusCode, 201, opened.body);
    const ref = opened.json().ref;
    await settle(app);
    assert.equal((await work(shanghai, (await taskAt(shanghai, ref, 'checkMaterials')).id)).statusCode, 200);
    await settle(app);
    const risk = await loginAs(app.http, 'risk');
    assert.equal((await work(risk, (await taskAt(risk, ref, 'creditReview')).id)).statusCode, 200);
    await settle(app);
    const instance = (await risk.get(`/api/v1/process-instances/${opened.json().instanceId}`)).json();
    assert.equal(instance.variables.authority, 'committee');
    assert.deepEqual(instance.variables.committee, ['ops', 'risk'], 'the head office\'s holders; Haidian\'s manager holds the qualification but cannot reach Pudong');
    const votes = (await shanghai.get(`/api/v1/cases/${ref}`)).json().currentSteps;
    assert.deepEqual(votes.map((v: { assignee: string }) => v.assignee).sort(), ['ops', 'risk']);
  });

  it('a small loan at low risk is approved at the branch; the teller who checked the materials may not approve it', async () => {
    const opened = (await teller.post('/api/v1/cases', { serviceCode: 'personal-loan', customerId: await customerId(teller, WANG.idNumber), channel: 'counter', amount: '50000.00', materialsReceived: [0, 1], variables: { monthlyIncome: 20000, monthlyDebt: 2000, creditHistory: 'good', termMonths: 24 } })).json();
    await settle(app);
    const manager = await loginAs(app.http, 'branchmgr');
    assert.equal((await work(teller, (await taskAt(teller, opened.ref, 'checkMaterials')).id)).statusCode, 200);
    await settle(app);
    assert.equal((await work(await loginAs(app.http, 'risk'), (await taskAt(teller, opened.ref, 'creditReview')).id)).statusCode, 200);
    await settle(app);
    const approval = await taskAt(manager, opened.ref, 'branchApproval');
    assert.equal((await work(manager, approval.id, { decision: 'approve' })).statusCode, 200);
    assert.ok(await taskAt(teller, opened.ref, 'signContract'));
  });

  it('replaces a lost card fast: the card is blocked first, the new one issued within hours', async () => {
    const opened = (await teller.post('/api/v1/cases', { serviceCode: 'report-lost-card', customerId: await customerId(teller, WANG.idNumber), channel: 'counter', materialsReceived: [0] })).json();
    await settle(app);
    const issue = await taskAt(teller, opened.ref, 'issueCard');
    const task = (await teller.get(`/api/v1/tasks/${issue.id}`)).json();
    assert.equal(task.dueAt, '2026-11-30T04:00:00.000Z', 'two working hours from Monday 10:00');
    assert.equal((await work(teller, issue.id)).statusCode, 200);
    await settle(app);
    const core = await app.deps.db.selectFrom('core_banking_operation').select('operation').where('key', 'like', `${opened.instanceId}:%`).orderBy('created_at').execute();
    assert.deepEqual(core.map((c) => c.operation), ['blockCard', 'replaceCard']);
    assert.equal((await caseOf(opened.ref)).status, 'completed');
  });

  it('a large transfer needs a call-back by someone else and an authorisation by a qualified supervisor', async () => {
    const opened = (await teller.post('/api/v1/cases', { serviceCode: 'large-transfer', customerId: await customerId(teller, WANG.idNumber), channel: 'counter', amount: '800000.00', materialsReceived: [0] })).json();
    await settle(app);
    assert.equal((await work(teller, (await taskAt(teller, opened.ref, 'prepareTransfer')).id)).statusCode, 200);
    const callBack = await taskAt(teller, opened.ref, 'callBack');
    assert.match(problem(await work(teller, callBack.id, { confirmed: true })).type, /maker_checker/, 'the preparer may not confirm their own transfer');
    await teller.post(`/api/v1/tasks/${callBack.id}/unclaim`);
    assert.equal((await work(supervisor, callBack.id, { confirmed: true })).statusCode, 200);
    const authorise = await taskAt(supervisor, opened.ref, 'authorise');
    assert.equal(authorise.qualification, 'large-value-authorisation');
    const dual = await loginAs(app.http, 'dual', 'Dual-pass-1');
    const unqualified = problem(await dual.post(`/api/v1/tasks/${authorise.id}/claim`));
    assert.equal(unqualified.status, 403);
    assert.match(unqualified.type, /not_qualified/);
    assert.equal((await work(supervisor, authorise.id, { decision: 'approve' })).statusCode, 200);
    await settle(app);
    assert.equal((await caseOf(opened.ref)).status, 'completed');
  });

  it('a call-back the customer does not confirm stops the transfer (the call-back form’s answer)', async () => {
    const opened = (await teller.post('/api/v1/cases', { serviceCode: 'large-transfer', customerId: await customerId(teller, WANG.idNumber), channel: 'counter', amount: '300000.00', materialsReceived: [0] })).json();
    await settle(app);
    assert.equal((await work(teller, (await taskAt(teller, opened.ref, 'prepareTransfer')).id)).statusCode, 200);
    const callBack = await taskAt(supervisor, opened.ref, 'callBack');
    assert.ok((await supervisor.get(`/api/v1/tasks/${callBack.id}`)).json().formSchema, 'the call-back step has a form');
    assert.equal((await work(supervisor, callBack.id, { callBackResult: 'not_confirmed', callBackNote: '客户称未办理此笔转账' })).statusCode, 200);
    await settle(app);
    assert.equal((await caseOf(opened.ref)).status, 'rejected');
  });

  it('routes a corporate account’s review to the central pool, worked from another branch; the branch still sees its case', async () => {
    const admin = await loginAs(app.http, 'admin');
    const pd = (await admin.get('/api/v1/users?q=teller2')).json().items[0].unitId;
    await admin.post('/api/v1/users', { username: 'shsup', displayName: '上海主管', password: 'Shsup-pass-1', unitId: pd, roles: ['supervisor'] });
    const company = (await teller.get('/api/v1/customers?name=北京海淀')).json().items[0];
    const opened = (await teller.post('/api/v1/cases', { serviceCode: 'open-corporate-account', customerId: company.id, channel: 'counter', materialsReceived: [0, 1] })).json();
    await settle(app);
    assert.equal((await work(teller, (await taskAt(teller, opened.ref, 'checkMaterials')).id)).statusCode, 200);
    const shanghai = await loginAs(app.http, 'shsup', 'Shsup-pass-1');
    const central = (await shanghai.get('/api/v1/work/tasks?view=available')).json().items.find((t: { businessKey: string }) => t.businessKey === opened.ref);
    assert.ok(central, 'a Shanghai supervisor sees the Beijing branch’s central review');
    assert.equal(central.pool, 'central');
    assert.equal(problem(await shanghai.get(`/api/v1/cases/${opened.ref}`)).status, 403, 'but not the case itself');
    assert.equal((await work(shanghai, central.id, { decision: 'approve' })).statusCode, 200);
    const manager = await loginAs(app.http, 'branchmgr');
    assert.equal((await work(manager, (await taskAt(manager, opened.ref, 'siteVisit')).id, { siteConfirmed: true })).statusCode, 200);
    assert.equal((await work(manager, (await taskAt(manager, opened.ref, 'checkerApproval')).id, { decision: 'approve' })).statusCode, 200);
    await settle(app);
    assert.equal((await caseOf(opened.ref)).status, 'completed');
  });

  it('reassigns an absent teller’s claimed work back to the pool', async () => {
    const opened = (await teller.post('/api/v1/cases', { serviceCode: 'report-lost-card', customerId: await customerId(teller, WANG.idNumber), channel: 'counter', materialsReceived: [0] })).json();
    await settle(app);
    const issue = await taskAt(teller, opened.ref, 'issueCard');
    await teller.post(`/api/v1/tasks/${issue.id}/claim`);
    assert.equal(problem(await teller.post('/api/v1/work/reassign', { from: 'teller1', to: null })).status, 403, 'tellers may not');
    const moved = (await (await loginAs(app.http, 'branchmgr')).post('/api/v1/work/reassign', { from: 'teller1', to: null })).json();
    assert.ok(moved.moved >= 1);
    assert.equal((await teller.get(`/api/v1/tasks/${issue.id}`)).json().assignee, null);
  });
});
