import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { MerchantControls, MerchantStatus, RiskRating } from '../../src/merchants/merchant.table.ts';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { settle } from '../services/support.ts';
import { register } from './support.ts';

// Rectification reviews (整改复查) through the API: a restricted or suspended merchant's controls
// lifted on the shipped process merchantRiskCase — a delay back to the standard cycle, a
// suspension lifted at operations management's approval (and not by an administrator standing
// in for it) — the merchant reinstated, told and audited; refused on a terminated or active
// merchant, outside a rectification review, and mixed with new restrictions.

type Case = { id: string; ref: string; kind: string };

await describeEachDatabase('Merchant rectification reviews', (kind) => {
  let app: TestApp;
  let manager: Client;
  let risk: Client;
  let risk2: Client;
  let ops: Client;
  let admin: Client;
  let serial = 700;
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => new Date('2026-11-28T02:00:00Z'));
    [manager, risk, ops, admin] = (await Promise.all(['merchant', 'risk', 'ops', 'admin'].map((u) => loginAs(app.http, u)))) as [Client, Client, Client, Client];
    risk2 = await loginAs(app.http, 'risk2');
  });
  after(async () => app?.stop());

  /** A merchant as earlier cases left it (onboarding and those cases are tested elsewhere: written directly). */
  async function merchant(status: MerchantStatus, rating: RiskRating, controls: MerchantControls) {
    const m = await register(manager, ++serial, { unitCode: 'BJ-HD' });
    await app.deps.db.updateTable('merchant').set({ status, risk_rating: rating, controls: JSON.stringify(controls), next_review_on: '2027-02-28' }).where('id', '=', m.id).execute();
    return m as { id: string; code: string };
  }
  const open = async (body: Record<string, unknown>): Promise<Case> => {
    const r = await risk.post('/api/v1/merchant-risk-cases', body);
    assert.equal(r.statusCode, 201, r.body);
    await settle(app);
    return r.json();
  };
  const caseOf = async (ref: string) => (await risk.get(`/api/v1/merchant-risk-cases/${ref}`)).json();
  const merchantOf = async (id: string) => (await risk.get(`/api/v1/merchants/${id}`)).json().merchant;
  const taskOf = async (c: Case, elementId: string) => {
    const step = (await caseOf(c.ref)).openStep;
    assert.equal(step?.elementId, elementId, `the case waits at ${step?.elementId}`);
    return step.taskId as string;
  };
  /** Claims the task (unless the caller holds it already) and completes it. */
  const work = async (client: Client, taskId: string, variables: Record<string, unknown>) => {
    const claim = await client.post(`/api/v1/tasks/${taskId}/claim`);
    if (claim.statusCode !== 200 && claim.statusCode !== 409) return claim;
    return client.post(`/api/v1/tasks/${taskId}/complete`, { variables });
  };
  const step = async (client: Client, c: Case, elementId: string, variables: Record<string, unknown>) => {
    const done = await work(client, await taskOf(c, elementId), variables);
    assert.equal(done.statusCode, 200, `${elementId}: ${done.body}`);
    await settle(app);
  };
  const FINDINGS = { findings: '商户已整改：更换收银人员，交易恢复正常 / rectified: new cashiers, normal trading again' };
  const smsOf = async (merchantId: string) => app.deps.db.selectFrom('notification').select(['template', 'body']).where('subject_id', '=', merchantId).execute();
  const liftFault = (r: Awaited<ReturnType<typeof work>>) => {
    const p = problem(r);
    return [p.status, p.errors?.map((e) => e.field)];
  };

  it('lifts a restricted merchant’s T+3 back to T+1: active again, told, audited; a lift mixed with a restriction or naming a control not in force is refused', async () => {
    const m = await merchant('restricted', 'medium', { settlementDelayDays: 3 });
    const c = await open({ merchantId: m.code, kind: 'rectification', description: '商户申请整改复查 / the merchant asks for a rectification review' });
    assert.deepEqual([(await caseOf(c.ref)).kind, (await caseOf(c.ref)).source], ['rectification', 'report']);
    await step(risk, c, 'investigate', FINDINGS);
    const task = await taskOf(c, 'proposeActions');
    assert.deepEqual(liftFault(await work(risk, task, { liftControls: ['settlementDelay'], dailyLimit: '1000.00', riskRating: 'low' })), [400, ['/variables/liftControls']], 'not with a new limit');
    const zh = await loginAs(app.http, 'risk', undefined, 'zh-CN');
    assert.match(problem(await work(zh, task, { liftControls: ['settlementDelay'], suspend: true, riskRating: 'low' })).errors![0]!.message, /不能与新的限制措施（suspend）同时提出/);
    assert.deepEqual(liftFault(await work(risk, task, { liftControls: ['dailyLimit'], riskRating: 'low' })), [400, ['/variables/liftControls']], 'no daily limit in force');
    await step(risk, c, 'proposeActions', { liftControls: ['settlementDelay'], riskRating: 'low', actionNote: '整改到位，恢复 T+1' });
    const proposed = await caseOf(c.ref);
    assert.deepEqual([proposed.actions, proposed.openStep.candidateGroups], [[{ type: 'lift_controls', controls: ['settlementDelay'], settlementDelayDays: 1 }], ['risk_officer']]);
    await step(risk2, c, 'approve', { approval: 'approve', approvalNote: '同意解除' });

    const after = await merchantOf(m.id);
    assert.deepEqual([after.status, after.controls, after.riskRating], ['active', { settlementDelayDays: 1 }, 'low']);
    const [sms] = await smsOf(m.id);
    assert.deepEqual([sms!.template, /结算周期 T\+1/.test(sms!.body)], ['merchant_activated', true]);
    const auditor = await loginAs(app.http, 'auditor');
    const trail = (await auditor.get(`/api/v1/audit?entityType=merchant&entityId=${m.id}`)).json().items as { action: string; actorName: string; before: unknown; after: Record<string, unknown> }[];
    const status = trail.find((e) => e.action === 'merchant.status')!;
    assert.deepEqual([status.actorName, status.before, status.after.status], ['risk2', { status: 'restricted' }, 'active']);
    assert.ok(trail.some((e) => e.action === 'merchant.controls' && e.after.settlementDelayDays === 1));
    // process mining reads the case's steps, not its actions: the review shows as a risk case of the merchant
    const mined = (await ops.get('/api/v1/event-logs/merchants/variants')).json().items.flatMap((v: { activities: string[] }) => v.activities);
    assert.ok(mined.includes('审批处置措施 / Approve the actions+complete'), mined.join(', '));
  });

  it('lifts a suspension at operations management’s approval, which an administrator cannot give in its place; the limit left keeps the merchant restricted', async () => {
    const m = await merchant('suspended', 'medium', { settlementDelayDays: 1, dailyLimit: '20000.00' });
    const c = await open({ merchantId: m.id, kind: 'rectification', description: '暂停受理后整改复查' });
    await step(risk, c, 'investigate', FINDINGS);
    await step(risk, c, 'proposeActions', { liftControls: ['suspension'], riskRating: 'medium' });
    const approval = await caseOf(c.ref);
    assert.deepEqual(approval.openStep.candidateGroups, ['ops_manager']);
    assert.equal(problem(await work(risk2, approval.openStep.taskId, { approval: 'approve' })).status, 403, 'not a risk officer’s to approve');
    // the administrator manages processes: sees the approval, may hand it on, but neither takes nor gives it
    assert.equal((await admin.get(`/api/v1/tasks/${approval.openStep.taskId}`)).statusCode, 200);
    const taken = problem(await admin.post(`/api/v1/tasks/${approval.openStep.taskId}/claim`));
    assert.deepEqual([taken.status, /Only the task's candidates \(ops_manager\)/.test(taken.detail ?? '')], [403, true], taken.detail);
    assert.equal(problem(await admin.post(`/api/v1/tasks/${approval.openStep.taskId}/complete`, { variables: { approval: 'approve' } })).status, 403);
    assert.equal(problem(await admin.post(`/api/v1/tasks/${approval.openStep.taskId}/delegate`, { userId: 'risk2' })).status, 403, 'not handed to someone who may not approve');
    assert.equal((await admin.post(`/api/v1/tasks/${approval.openStep.taskId}/delegate`, { userId: 'ops' })).statusCode, 200, 'handed to operations management');
    const done = await ops.post(`/api/v1/tasks/${approval.openStep.taskId}/complete`, { variables: { approval: 'approve' } });
    assert.equal(done.statusCode, 200, done.body);
    await settle(app);

    const after = await merchantOf(m.id);
    assert.deepEqual([after.status, after.controls], ['restricted', { settlementDelayDays: 1, dailyLimit: '20000.00' }]);
    const [sms] = await smsOf(m.id);
    assert.deepEqual([sms!.template, /收单服务恢复/.test(sms!.body)], ['merchant_restricted', true]);
    assert.equal((await caseOf(c.ref)).approvedBy, 'ops');
  });

  it('opens a rectification review only on a restricted or suspended merchant: a terminated one is never reinstated', async () => {
    const terminated = await merchant('terminated', 'high', { settlementDelayDays: 3 });
    const refused = problem(await risk.post('/api/v1/merchant-risk-cases', { merchantId: terminated.code, kind: 'rectification', description: '申请恢复' }));
    assert.deepEqual([refused.status, refused.errors?.[0]?.field], [400, '/kind']);
    assert.match(refused.errors![0]!.message, /never reinstated/);
    const zh = await loginAs(app.http, 'risk', undefined, 'zh-CN');
    assert.match(problem(await zh.post('/api/v1/merchant-risk-cases', { merchantId: terminated.code, kind: 'rectification', description: '申请恢复' })).errors![0]!.message, /已终止合作的商户不能恢复/);
    const active = await merchant('active', 'low', { settlementDelayDays: 1 });
    assert.deepEqual(problem(await risk.post('/api/v1/merchant-risk-cases', { merchantId: active.id, kind: 'rectification', description: '无需整改' })).errors?.map((e) => e.field), ['/kind']);
  });

  it('lifts controls only in a rectification review', async () => {
    const m = await merchant('restricted', 'medium', { settlementDelayDays: 5 });
    const c = await open({ merchantId: m.id, kind: 'fraud', description: '新的欺诈线索' });
    await step(risk, c, 'investigate', FINDINGS);
    const refused = problem(await work(risk, await taskOf(c, 'proposeActions'), { liftControls: 'all', riskRating: 'medium' }));
    assert.deepEqual([refused.status, refused.errors?.[0]?.field], [400, '/variables/liftControls']);
    assert.match(refused.errors![0]!.message, /rectification review/);
  });
});
