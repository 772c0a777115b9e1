import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { settle, work } from '../services/support.ts';
import { application, register } from './support.ts';

// Onboarding (入网) through the API, on the shipped process: the merchant's record follows each
// stage — rated, agreement, terminals installed, active with its next re-review — or refused.

await describeEachDatabase('Merchant onboarding', (kind) => {
  let app: TestApp;
  let manager: Client;
  let risk: Client;
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => new Date('2026-11-20T02:00:00Z'));
    manager = await loginAs(app.http, 'merchant');
    risk = await loginAs(app.http, 'risk');
  });
  after(async () => app?.stop());

  /** The open task of the onboarding at `elementId`, as `client` sees it. */
  const taskOf = async (client: Client, instanceId: string, elementId: string) => {
    const tasks = (await client.get(`/api/v1/tasks?instanceId=${instanceId}`)).json().items;
    const task = tasks.find((t: { elementId: string }) => t.elementId === elementId);
    assert.ok(task, `no open ${elementId}; open: ${tasks.map((t: { elementId: string }) => t.elementId).join(', ')}`);
    return task as { id: string; candidateGroups: string[] };
  };
  const step = async (client: Client, instanceId: string, elementId: string, variables: Record<string, unknown>) => {
    const done = await work(client, (await taskOf(client, instanceId, elementId)).id, variables);
    assert.equal(done.statusCode, 200, `${elementId}: ${done.body}`);
    await settle(app);
  };
  const merchantOf = async (id: string) => (await risk.get(`/api/v1/merchants/${id}`)).json();
  const KYC = { kycPassed: true, annualRevenue: 3_000_000, yearsInBusiness: 6, creditRecord: 'good', kycNote: null };
  const INSPECTION = { inspectionFindings: 'none', addressConfirmed: true, inspectionChecklist: { signage: true, premises: true, stock: true, cashier: true }, inspectionPhotos: 4, inspectionLocation: '39.98,116.31', inspectionNote: null };

  it('onboards a low-risk store: KYC, no list hit, inspection, rated low, approved by the branch manager, agreement, terminals, active', async () => {
    const m = await register(manager, 201, { unitCode: 'BJ-HD' });
    assert.equal((await manager.post(`/api/v1/merchants/${m.id}/terminals`, { serial: 'NEW-POS-20101', model: 'PAX A920', location: '前台', region: '110108' })).statusCode, 201);
    const started = await manager.post(`/api/v1/merchants/${m.id}/onboarding`);
    assert.equal(started.statusCode, 201, started.body);
    const instanceId = started.json().instanceId;
    assert.equal(problem(await manager.post(`/api/v1/merchants/${m.id}/onboarding`)).status, 409, 'once');
    await settle(app);
    await step(manager, instanceId, 'kycReview', KYC);
    await step(manager, instanceId, 'siteInspection', INSPECTION);
    const approval = await taskOf(risk, instanceId, 'approve');
    assert.deepEqual(approval.candidateGroups, ['branch_manager'], 'a low rating is the branch’s to approve');
    assert.equal((await merchantOf(m.id)).merchant.riskRating, 'low');
    // the merchant manager who checked and inspected may not approve, whatever roles they hold
    const branchManager = await loginAs(app.http, 'branchmgr');
    await step(branchManager, instanceId, 'approve', { approval: 'approve', approvalNote: '同意入网' });
    await step(manager, instanceId, 'signAgreement', { feeRate: '0.38', agreementStartsOn: '2026-11-21' });
    await step(manager, instanceId, 'installTerminals', { terminalsInstalled: 1 });
    const view = await merchantOf(m.id);
    assert.deepEqual([view.merchant.status, view.merchant.riskRating, view.merchant.nextReviewOn, view.merchant.controls.settlementDelayDays], ['active', 'low', '2027-11-20', 1]);
    assert.deepEqual(view.agreements.map((a: { version: number; feeRate: string; startsOn: string; signedBy: string }) => [a.version, a.feeRate, a.startsOn, a.signedBy]), [[1, '0.3800', '2026-11-21', 'merchant']]);
    assert.deepEqual(view.terminals.map((t: { status: string; installedOn: string }) => [t.status, t.installedOn]), [['active', '2026-11-20']]);
    assert.deepEqual(view.ratings.map((r: { rating: string; reason: string }) => [r.rating, r.reason]), [['low', 'onboarding']]);
    const instance = (await risk.get(`/api/v1/process-instances/${instanceId}`)).json();
    assert.equal(instance.status, 'completed');
    const sms = await app.deps.db.selectFrom('notification').select(['template', 'recipient_masked']).where('subject_id', '=', m.id).execute();
    assert.deepEqual(sms, [{ template: 'merchant_activated', recipient_masked: '138****5678' }]);
  });

  it('stops at a risk-list hit for the risk officer; refused, the merchant is told', async () => {
    const m = await register(manager, 202, { unitCode: 'BJ-HD' });
    await risk.post('/api/v1/risk-list', { entries: [{ kind: 'id_number', value: application(202).legalRepresentative.idNumber, reason: '涉嫌套现', source: '银联风险信息共享' }] });
    const instanceId = (await manager.post(`/api/v1/merchants/${m.id}/onboarding`)).json().instanceId;
    await settle(app);
    await step(manager, instanceId, 'kycReview', KYC);
    const review = await taskOf(risk, instanceId, 'reviewListHit');
    assert.deepEqual(review.candidateGroups, ['risk_officer']);
    assert.equal((await work(manager, review.id, { listDecision: 'proceed' })).statusCode, 403, 'not the merchant manager’s call');
    await step(risk, instanceId, 'reviewListHit', { listDecision: 'refuse' });
    assert.equal((await merchantOf(m.id)).merchant.status, 'refused');
    const sms = await app.deps.db.selectFrom('notification').select('template').where('subject_id', '=', m.id).execute();
    assert.deepEqual(sms.map((s) => s.template), ['merchant_refused']);
    assert.equal(problem(await manager.post(`/api/v1/merchants/${m.id}/onboarding`)).status, 409, 'a refused merchant is not onboarded again');
  });

  it('rates a hit let through as high: the risk officer approves; settlement is delayed and re-review comes quarterly', async () => {
    const m = await register(manager, 203, { unitCode: 'BJ-HD', kind: 'online' });
    await risk.post('/api/v1/risk-list', { entries: [{ kind: 'account', value: application(203).settlementAccount, reason: '曾涉可疑交易，已解除冻结', source: '行内' }] });
    const instanceId = (await manager.post(`/api/v1/merchants/${m.id}/onboarding`)).json().instanceId;
    await settle(app);
    await step(manager, instanceId, 'kycReview', KYC);
    await step(risk, instanceId, 'reviewListHit', { listDecision: 'proceed' });
    await step(manager, instanceId, 'siteInspection', INSPECTION);
    const approval = await taskOf(risk, instanceId, 'approve');
    assert.deepEqual(approval.candidateGroups, ['risk_officer']);
    assert.equal((await work(risk, approval.id, { approval: 'approve' })).statusCode, 403, 'who let the hit through does not approve it too');
    assert.equal((await risk.post(`/api/v1/tasks/${approval.id}/unclaim`)).statusCode, 200);
    await step(await loginAs(app.http, 'risk2'), instanceId, 'approve', { approval: 'approve', approvalNote: '加强监控' });
    await step(manager, instanceId, 'signAgreement', { feeRate: '0.60', agreementStartsOn: '2026-11-21' });
    const view = await merchantOf(m.id);
    assert.deepEqual([view.merchant.status, view.merchant.riskRating, view.merchant.nextReviewOn, view.merchant.controls.settlementDelayDays], ['active', 'high', '2027-02-20', 3], 'an online merchant has no terminals to install');
  });
});
