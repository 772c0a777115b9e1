import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { settle } from '../services/support.ts';
import { application, register } from './support.ts';

// Risk cases (风险事件处置) through the API, on the shipped process merchantRiskCase: opened from an
// alert or a report, investigated, actions proposed and approved at their authority by someone
// else, applied to the merchant — each kind of action as it should — the merchant told, the case
// and its alert closed, every step audited; within the caller's roles and branches.

const day = (n: number) => new Date(Date.UTC(2026, 9, 1) + n * 86_400_000).toISOString().slice(0, 10); // day 0 = 1 October 2026

/** A normal day's figures for a merchant (CSV columns, as text). */
function normal(code: string, n: number, o: Record<string, string> = {}) {
  const count = 140 + ((n * 7) % 21);
  return { merchant: code, day: day(n), count: String(count), amount: (count * 300).toFixed(2), refunds: '600.00', chargebacks: '0', declined: '4', night_share: '0.05', cnp_share: '0.02', foreign_share: '0.01', max_amount: '2800.00', near_limit_count: '0', outside_region_count: '0', ...o };
}

type Merchant = { id: string; code: string };
type Case = { id: string; ref: string; instanceId: string; kind: string };

await describeEachDatabase('Merchant risk cases', (kind) => {
  let app: TestApp;
  let manager: Client;
  let risk: Client;
  let risk2: Client;
  let ops: Client;
  let executive: Client;
  let admin: Client;
  let serial = 400;
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => new Date('2026-11-28T02:00:00Z'));
    manager = await loginAs(app.http, 'merchant');
    risk = await loginAs(app.http, 'risk');
    ops = await loginAs(app.http, 'ops');
    admin = await loginAs(app.http, 'admin');
    // a second risk officer (the checker); the demo bank's executive approves terminations
    risk2 = await loginAs(app.http, 'risk2');
    executive = await loginAs(app.http, 'exec');
  });
  after(async () => app?.stop());

  /** A merchant of the Haidian branch that onboarding made active (rated low, T+1), with one terminal in use. */
  async function activeMerchant(): Promise<Merchant> {
    const m = await register(manager, ++serial, { unitCode: 'BJ-HD' });
    assert.equal((await manager.post(`/api/v1/merchants/${m.id}/terminals`, { serial: `RC-POS-${serial}`, model: 'PAX A920', location: '前台', region: '110108' })).statusCode, 201);
    // onboarding itself is tested in onboarding.db.test.ts: here its outcome is written directly
    await app.deps.db.updateTable('merchant').set({ status: 'active', risk_rating: 'low', controls: JSON.stringify({ settlementDelayDays: 1 }), next_review_on: '2027-11-28' }).where('id', '=', m.id).execute();
    await app.deps.db.updateTable('merchant_terminal').set({ status: 'active', installed_on: '2026-11-01' }).where('merchant_id', '=', m.id).execute();
    return m;
  }

  const open = async (body: Record<string, unknown>, client = risk): Promise<Case> => {
    const r = await client.post('/api/v1/merchant-risk-cases', body);
    assert.equal(r.statusCode, 201, r.body);
    await settle(app);
    return r.json();
  };
  const caseOf = async (ref: string) => (await risk.get(`/api/v1/merchant-risk-cases/${ref}`)).json();
  const merchantOf = async (id: string) => (await risk.get(`/api/v1/merchants/${id}`)).json();
  const taskOf = async (client: Client, c: Case, elementId: string) => {
    const step = (await caseOf(c.ref)).openStep;
    assert.equal(step?.elementId, elementId, `the case waits at ${step?.elementId}`);
    return step.taskId as string;
  };
  /** Claims the task unless the caller holds it already (a refused completion leaves it claimed), then completes it. */
  const work = async (client: Client, taskId: string, variables: Record<string, unknown>) => {
    const claim = await client.post(`/api/v1/tasks/${taskId}/claim`);
    const task = (await client.get(`/api/v1/tasks/${taskId}`)).json();
    if (claim.statusCode !== 200 && task.assignee !== null && claim.statusCode !== 409) return claim;
    return client.post(`/api/v1/tasks/${taskId}/complete`, { variables });
  };
  const step = async (client: Client, c: Case, elementId: string, variables: Record<string, unknown>) => {
    const done = await work(client, await taskOf(client, c, elementId), variables);
    assert.equal(done.statusCode, 200, `${elementId}: ${done.body}`);
    await settle(app);
  };
  const FINDINGS = { findings: '夜间集中刷卡，商户无法说明交易背景 / night-time bursts the merchant cannot explain' };
  /** Investigated by `risk`, actions proposed by `risk`: waiting for approval. */
  const toApproval = async (c: Case, proposal: Record<string, unknown>) => {
    await step(risk, c, 'investigate', FINDINGS);
    await step(risk, c, 'proposeActions', proposal);
  };
  const smsOf = async (merchantId: string) => app.deps.db.selectFrom('notification').select(['template', 'body']).where('subject_id', '=', merchantId).execute();

  it('turns an alert into a settlement delay: alert acknowledged, approved by another risk officer, applied, the merchant told, case and alert closed, audited', async () => {
    const m = await activeMerchant();
    const rows = [...Array.from({ length: 40 }, (_, n) => normal(m.code, n)), normal(m.code, 40, { chargebacks: '6' })];
    assert.equal((await risk.post('/api/v1/merchant-transactions/rows', { rows })).json().alerts.opened, 1);
    const [alert] = (await risk.get(`/api/v1/risk-alerts?merchant=${m.code}`)).json().items;
    const c = await open({ alertId: alert.id, description: '拒付率超过 1%' });
    assert.match(c.ref, /^RC20261128-\d{4}$/);
    assert.equal(c.kind, 'fraud', 'suggested by the chargeback rule');
    assert.equal((await risk.get(`/api/v1/risk-alerts?merchant=${m.code}`)).json().items[0].status, 'acknowledged');
    assert.equal(problem(await risk.post('/api/v1/merchant-risk-cases', { alertId: alert.id, description: '再次登记' })).status, 409, 'one open case per alert');
    const opened = await caseOf(c.ref);
    assert.deepEqual([opened.status, opened.source, opened.alert.id, opened.openStep.candidateGroups], ['investigating', 'alert', alert.id, ['risk_officer']]);

    const noFindings = problem(await work(risk, await taskOf(risk, c, 'investigate'), { findings: '' }));
    assert.deepEqual([noFindings.status, noFindings.errors?.[0]?.field], [400, '/variables/findings']);
    await step(risk, c, 'investigate', FINDINGS);
    const notLonger = problem(await work(risk, await taskOf(risk, c, 'proposeActions'), { settlementDelayDays: 1, riskRating: 'high' }));
    assert.deepEqual([notLonger.status, notLonger.errors?.[0]?.field], [400, '/variables/settlementDelayDays'], 'T+1 is what the merchant has already');
    await step(risk, c, 'proposeActions', { settlementDelayDays: 7, riskRating: 'high', actionNote: '延迟结算观察 30 天' });
    const proposed = await caseOf(c.ref);
    assert.deepEqual([proposed.status, proposed.actions, proposed.decidedBy, proposed.findings], ['awaiting_approval', [{ type: 'settlement_delay', days: 7 }], 'risk', FINDINGS.findings]);
    assert.deepEqual([proposed.openStep.elementId, proposed.openStep.candidateGroups, proposed.openStep.excludedUsers], ['approve', ['risk_officer'], ['risk']], 'whoever investigated and proposed may not approve');

    const own = problem(await work(risk, proposed.openStep.taskId, { approval: 'approve' }));
    assert.deepEqual([own.status, own.type], [403, 'urn:banklane:problem:maker_checker'], 'who investigated and proposed does not approve');
    assert.equal((await risk.post(`/api/v1/tasks/${proposed.openStep.taskId}/unclaim`)).statusCode, 200);
    await step(risk2, c, 'approve', { approval: 'approve', approvalNote: '同意' });

    const closed = await caseOf(c.ref);
    assert.deepEqual([closed.status, closed.approvedBy, closed.openStep], ['closed', 'risk2', null]);
    // the test's clock stands still, so the steps' order is not asserted
    assert.deepEqual(closed.steps.map((s: { elementId: string; completedBy: string }) => [s.elementId, s.completedBy]).sort(), [['approve', 'risk2'], ['investigate', 'risk'], ['proposeActions', 'risk']]);
    const view = await merchantOf(m.id);
    assert.deepEqual([view.merchant.status, view.merchant.controls, view.merchant.riskRating, view.merchant.nextReviewOn], ['restricted', { settlementDelayDays: 7 }, 'high', '2027-02-28'], 'rated high: the next re-review comes within the quarter');
    assert.deepEqual([view.ratings[0].rating, view.ratings[0].reason, view.ratings[0].decidedBy, view.ratings[0].inputs.caseRef], ['high', 'risk_case', 'risk', c.ref]);
    assert.deepEqual(view.terminals.map((t: { status: string }) => t.status), ['active'], 'a delay leaves the terminals');
    const [sms] = await smsOf(m.id);
    assert.equal(sms!.template, 'merchant_restricted');
    assert.match(sms!.body, /结算周期调整为 T\+7/);
    const [closedAlert] = (await risk.get(`/api/v1/risk-alerts?merchant=${m.code}&status=closed`)).json().items;
    assert.deepEqual([closedAlert.id, closedAlert.closedBy], [alert.id, 'risk2']);
    assert.equal(closedAlert.note, `${c.ref}: ${FINDINGS.findings}`);

    const auditor = await loginAs(app.http, 'auditor');
    const trail = (await auditor.get(`/api/v1/audit?entityType=merchant_risk_case&entityId=${c.id}`)).json().items as { action: string; actorName: string | null }[];
    assert.deepEqual(trail.map((e) => [e.action, e.actorName]).sort(), [['merchant_risk_case.apply', 'risk2'], ['merchant_risk_case.close', 'risk2'], ['merchant_risk_case.open', 'risk'], ['merchant_risk_case.propose', 'risk']]);
    const merchantTrail = (await auditor.get(`/api/v1/audit?entityType=merchant&entityId=${m.id}`)).json().items.map((e: { action: string }) => e.action);
    for (const action of ['merchant.status', 'merchant.controls', 'merchant.rating']) assert.ok(merchantTrail.includes(action), `${action} audited`);
    // process mining: the case's steps and the alert are in the merchant's case of the merchants' log
    const mined = (await ops.get(`/api/v1/event-logs/merchants/variants`)).json().items.flatMap((v: { activities: string[] }) => v.activities);
    for (const activity of ['风险事件调查 / Investigate the risk event+complete', '审批处置措施 / Approve the actions+complete', 'alert opened: CHARGEBACK_RATIO', 'alert closed']) assert.ok(mined.includes(activity), `${activity} in ${mined.join(', ')}`);
  });

  it('lowers the limits and stops card types; every bad answer is named by its field, in English and in Chinese', async () => {
    const m = await activeMerchant();
    const c = await open({ merchantId: m.code, kind: 'cash_out', description: '疑似信用卡套现' });
    assert.equal((await caseOf(c.ref)).source, 'report');
    await step(risk, c, 'investigate', FINDINGS);
    const bad = { dailyLimit: '5,000', singleLimit: '6000.001', restrictedCardTypes: ['gold'], terminate: true, riskRating: 'severe' };
    const task = await taskOf(risk, c, 'proposeActions');
    const english = problem(await work(risk, task, bad));
    assert.deepEqual(english.errors?.map((e) => e.field), ['/variables/dailyLimit', '/variables/singleLimit', '/variables/restrictedCardTypes', '/variables/blacklistReason', '/variables/riskRating']);
    assert.match(english.errors![0]!.message, /exact|yuan/);
    const chinese = problem(await loginAs(app.http, 'risk', undefined, 'zh-CN').then((zh) => work(zh, task, bad)));
    assert.match(chinese.errors![0]!.message, /单日限额/);
    await step(risk, c, 'proposeActions', { dailyLimit: '50000.00', singleLimit: '5000.00', restrictedCardTypes: ['foreign', 'credit'], riskRating: 'medium' });
    assert.deepEqual((await caseOf(c.ref)).openStep.candidateGroups, ['risk_officer']);
    await step(risk2, c, 'approve', { approval: 'approve' });
    const view = await merchantOf(m.id);
    assert.deepEqual([view.merchant.status, view.merchant.riskRating], ['restricted', 'medium']);
    assert.deepEqual(view.merchant.controls, { settlementDelayDays: 1, dailyLimit: '50000.00', singleLimit: '5000.00', restrictedCardTypes: ['credit', 'foreign'] });
    assert.match((await smsOf(m.id))[0]!.body, /单笔限额 5000\.00 元、单日限额 50000\.00 元。暂停受理贷记卡、境外卡。/);
  });

  it('suspends and recovers the terminals at operations management’s approval, after a return for changes; a risk officer cannot approve it', async () => {
    const m = await activeMerchant();
    const c = await open({ merchantId: m.id, kind: 'moved_terminal', description: '终端在登记地以外使用' });
    await toApproval(c, { suspend: true, recoverTerminals: true, riskRating: 'high' });
    const approval = await caseOf(c.ref);
    assert.deepEqual(approval.openStep.candidateGroups, ['ops_manager']);
    assert.equal(problem(await work(risk2, approval.openStep.taskId, { approval: 'approve' })).status, 403, 'suspension is not a risk officer’s to approve');
    const noNote = problem(await work(ops, approval.openStep.taskId, { approval: 'return' }));
    assert.deepEqual([noNote.status, noNote.errors?.[0]?.field], [400, '/variables/approvalNote']);
    await step(ops, c, 'approve', { approval: 'return', approvalNote: '请补充终端回收安排' });
    assert.deepEqual([(await caseOf(c.ref)).status, (await caseOf(c.ref)).openStep.elementId], ['investigating', 'proposeActions']);
    assert.equal((await merchantOf(m.id)).merchant.status, 'active', 'nothing applied before approval');
    await step(risk, c, 'proposeActions', { suspend: true, recoverTerminals: true, riskRating: 'high', actionNote: '三日内回收终端' });
    await step(ops, c, 'approve', { approval: 'approve' });
    const view = await merchantOf(m.id);
    assert.deepEqual([view.merchant.status, view.terminals.map((t: { status: string }) => t.status)], ['suspended', ['recovered']]);
    assert.deepEqual((await smsOf(m.id)).map((s) => s.template), ['merchant_suspended']);
    assert.equal((await caseOf(c.ref)).approvedBy, 'ops');
  });

  it('terminates at the executive’s approval and lists the account, the code and the legal representative', async () => {
    const m = await activeMerchant();
    const listed = (await risk.get('/api/v1/risk-list')).json().total;
    // its re-review is under way when the case opens
    await app.deps.db.updateTable('merchant').set({ next_review_on: '2026-11-28' }).where('id', '=', m.id).execute();
    await app.merchants.tick();
    const [review] = (await risk.get(`/api/v1/merchant-reviews?merchant=${m.code}`)).json().items;
    assert.equal(review.status, 'in_progress');
    const c = await open({ merchantId: m.code, kind: 'laundering', description: '涉嫌为赌博资金结算' });
    await toApproval(c, { terminate: true, blacklistReason: '涉嫌洗钱，终止合作', riskRating: 'high' });
    const approval = await caseOf(c.ref);
    assert.deepEqual(approval.openStep.candidateGroups, ['executive']);
    assert.equal(problem(await work(risk2, approval.openStep.taskId, { approval: 'approve' })).status, 403, 'termination is above a risk officer');
    await step(executive, c, 'approve', { approval: 'approve', approvalNote: '同意终止' });
    const view = await merchantOf(m.id);
    assert.deepEqual([view.merchant.status, view.merchant.nextReviewOn, view.terminals[0].status], ['terminated', null, 'recovered']);
    assert.deepEqual((await risk.get(`/api/v1/merchant-reviews?merchant=${m.code}`)).json().items.map((r: { status: string }) => r.status), ['cancelled'], 'nothing left to review');
    assert.equal((await risk.get(`/api/v1/process-instances/${review.instanceId}`)).json().status, 'cancelled');
    assert.deepEqual(view.riskListHits.map((h: { matched: string }) => h.matched).sort(), ['legal_representative', 'merchant', 'settlement_account']);
    const list = (await risk.get('/api/v1/risk-list')).json();
    assert.equal(list.total, listed + 3);
    assert.deepEqual(list.items.slice(0, 3).map((e: { reason: string; source: string }) => [e.reason, e.source]), Array(3).fill(['涉嫌洗钱，终止合作', `行内风险事件 ${c.ref}`]));
    assert.deepEqual((await smsOf(m.id)).map((s) => s.template), ['merchant_terminated']);
    assert.equal(problem(await risk.post('/api/v1/merchant-risk-cases', { merchantId: m.id, kind: 'other', description: '再次登记' })).status, 409, 'no case on a terminated merchant');
    // a new application by the same legal representative is caught at onboarding's list check
    const again = await register(manager, ++serial, { unitCode: 'BJ-HD', legalRepresentative: application(serial - 1).legalRepresentative });
    assert.ok((await merchantOf(again.id)).riskListHits.some((h: { matched: string }) => h.matched === 'legal_representative'));
  });

  it('keeps cases to risk management within its reach: merchant managers neither open nor approve; a branch risk officer sees its own branches only', async () => {
    const m = await activeMerchant();
    assert.equal(problem(await manager.post('/api/v1/merchant-risk-cases', { merchantId: m.id, kind: 'fraud', description: '经理上报' })).status, 403);
    const c = await open({ merchantId: m.id, kind: 'fraud', description: '持卡人集中投诉' });
    await toApproval(c, { settlementDelayDays: 5, riskRating: 'medium' });
    assert.equal(problem(await work(manager, (await caseOf(c.ref)).openStep.taskId, { approval: 'approve' })).status, 403, 'not a merchant manager’s to approve');

    const shanghai = (await app.deps.db.selectFrom('org_unit').select('id').where('code', '=', 'SH').executeTakeFirstOrThrow()).id;
    assert.equal((await admin.post('/api/v1/roles', { key: 'branch_risk', nameZh: '分行风控', nameEn: 'Branch risk', scope: 'unit', permissions: ['merchant.read', 'merchant.risk', 'process.read', 'task.work'] })).statusCode, 201);
    assert.equal((await admin.post('/api/v1/users', { username: 'shrisk', displayName: '上海风控 SH risk', password: 'Shrisk-pass-1', unitId: shanghai, roles: ['branch_risk'] })).statusCode, 201);
    const branchRisk = await loginAs(app.http, 'shrisk', 'Shrisk-pass-1');
    assert.equal(problem(await branchRisk.post('/api/v1/merchant-risk-cases', { merchantId: m.id, kind: 'fraud', description: '跨分行登记' })).status, 403);
    assert.equal((await branchRisk.get('/api/v1/merchant-risk-cases')).json().total, 0, 'no Beijing cases in Shanghai');
    assert.equal(problem(await branchRisk.get(`/api/v1/merchant-risk-cases/${c.ref}`)).status, 403);
    assert.ok((await risk.get('/api/v1/merchant-risk-cases')).json().total >= 1, 'head office risk sees every branch');
  });

  it('names the field of every bad request, and lists cases by status and merchant', async () => {
    const m = await activeMerchant();
    const fieldOf = async (body: Record<string, unknown>, client = risk) => problem(await client.post('/api/v1/merchant-risk-cases', body)).errors?.map((e) => e.field);
    assert.deepEqual(await fieldOf({ merchantId: m.id, kind: 'fraud' }), ['/description']);
    assert.deepEqual(await fieldOf({ merchantId: m.id, kind: 'theft', description: '未知类型' }), ['/kind']);
    assert.deepEqual(await fieldOf({ description: '没有对象' }), ['/merchantId']);
    assert.deepEqual(await fieldOf({ merchantId: m.id, description: '没有类型' }), ['/kind']);
    assert.deepEqual(await fieldOf({ merchantId: 'MCH999999', kind: 'fraud', description: '不存在的商户' }), ['/merchantId']);
    assert.deepEqual(await fieldOf({ alertId: 'no-such-alert', description: '不存在的预警' }), ['/alertId']);
    const zh = await loginAs(app.http, 'risk', undefined, 'zh-CN');
    assert.match(problem(await zh.post('/api/v1/merchant-risk-cases', { merchantId: m.id, description: '没有类型' })).errors![0]!.message, /事件类型/);
    const applying = await register(manager, ++serial);
    assert.equal(problem(await risk.post('/api/v1/merchant-risk-cases', { merchantId: applying.id, kind: 'fraud', description: '申请中' })).status, 409);

    const c = await open({ merchantId: m.code, kind: 'data_leak', description: '疑似卡信息泄露' });
    const mine = (await risk.get(`/api/v1/merchant-risk-cases?merchant=${m.code}`)).json();
    assert.deepEqual([mine.total, mine.items[0].ref, mine.items[0].merchant.code, mine.items[0].status], [1, c.ref, m.code, 'investigating']);
    assert.equal((await risk.get(`/api/v1/merchant-risk-cases?merchant=${m.code}&status=closed`)).json().total, 0);
    assert.equal((await risk.get(`/api/v1/merchant-risk-cases?merchant=${m.code}&status=open`)).json().total, 1);
    assert.equal(problem(await risk.get('/api/v1/merchant-risk-cases?status=done')).errors?.[0]?.field, 'querystring:/status');
  });
});
