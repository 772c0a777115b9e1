import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { eventSource } from '../../src/analytics/mining/log-source.ts';
import { checkConsistent, type Ocel } from '../analytics/ocel-check.ts';
import { loginAs, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { settle, work } from '../services/support.ts';
import { register } from './support.ts';

// Merchants in process mining: the `merchants` log holds each merchant's onboarding steps, its
// alerts and its status changes as a case; the OCEL export relates its steps and alerts to the
// merchant as an object.

const day = (n: number) => new Date(Date.UTC(2026, 9, 1) + n * 86_400_000).toISOString().slice(0, 10);
const figures = (code: string, n: number, chargebacks = 0) => ({
  merchant: code, day: day(n), count: '150', amount: '45000.00', refunds: '600.00', chargebacks: String(chargebacks), declined: '4',
  night_share: '0.05', cnp_share: '0.02', foreign_share: '0.01', max_amount: '2800.00', near_limit_count: '0', outside_region_count: '0',
});

await describeEachDatabase('Merchants in process mining', (kind) => {
  let app: TestApp;
  let ops: Client;
  let code: string;
  let now = new Date('2026-11-25T01:00:00Z');
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => now);
    ops = await loginAs(app.http, 'ops');
    const manager = await loginAs(app.http, 'merchant');
    const risk = await loginAs(app.http, 'risk');
    const m = await register(manager, 401);
    code = m.code;
    const instanceId = (await manager.post(`/api/v1/merchants/${m.id}/onboarding`)).json().instanceId;
    await settle(app);
    const kyc = (await manager.get(`/api/v1/tasks?instanceId=${instanceId}`)).json().items[0];
    assert.equal((await work(manager, kyc.id, { kycPassed: true, annualRevenue: 2_000_000, yearsInBusiness: 4, creditRecord: 'good', kycNote: null })).statusCode, 200);
    await settle(app);
    now = new Date('2026-11-25T04:00:00Z'); // the figures come later that day
    const sent = await risk.post('/api/v1/merchant-transactions/rows', { rows: [...Array.from({ length: 40 }, (_, n) => figures(code, n)), figures(code, 40, 7)] });
    assert.equal(sent.json().alerts.opened, 1, sent.body);
    const alert = (await risk.get(`/api/v1/risk-alerts?merchant=${code}`)).json().items[0];
    await risk.post(`/api/v1/risk-alerts/${alert.id}/acknowledge`, { note: '核实中' });
    await risk.post(`/api/v1/risk-alerts/${alert.id}/close`, { note: '商户已说明' });
  });
  after(async () => app?.stop());

  it('lists the merchants’ log: a merchant is a case of onboarding steps and alert events', async () => {
    const logs = (await ops.get('/api/v1/event-logs')).json().items;
    const merchants = logs.find((l: { id: string }) => l.id === 'merchants');
    assert.equal(merchants.cases, 1);
    const variants = (await ops.get('/api/v1/event-logs/merchants/variants')).json().items;
    assert.equal(variants.length, 1);
    const activities: string[] = variants[0].activities;
    assert.ok(activities.some((a) => a.startsWith('资料与KYC审核')), activities.join(' → '));
    assert.deepEqual(activities.filter((a) => a.startsWith('alert')), ['alert opened: CHARGEBACK_RATIO', 'alert acknowledged', 'alert closed']);
    assert.ok(activities.indexOf('alert opened: CHARGEBACK_RATIO') > activities.findIndex((a) => a.startsWith('资料与KYC审核')), 'in time order');
    const engine = (await ops.get('/api/v1/event-logs/engine/variants')).json().items;
    assert.ok(!engine.some((v: { activities: string[] }) => v.activities.some((a) => a.startsWith('alert'))), 'the engine log holds the processes only');
  });

  it('exports the merchant as an OCEL object, related to its branch, its onboarding steps and its alerts', async () => {
    const res = await ops.get('/api/v1/event-logs/engine/export?format=ocel');
    assert.equal(res.statusCode, 200);
    const doc = res.json() as Ocel;
    checkConsistent(doc);
    const merchant = doc.objects.find((o) => o.id === `merchant:${code}`);
    assert.ok(merchant, 'the merchant is an object');
    assert.equal(merchant.type, 'merchant');
    assert.ok(merchant.relationships.some((r) => r.qualifier === 'served by' && r.objectId.startsWith('branch:')));
    const related = doc.events.filter((e) => e.relationships.some((r) => r.objectId === merchant.id)).map((e) => e.type);
    assert.ok(related.includes('alert opened') && related.includes('alert closed') && related.some((t) => t.startsWith('资料与KYC审核')), related.join(', '));
  });

  it('puts the merchant’s status changes in its case: activated by onboarding, restricted by a risk case, reinstated by a rectification review', async () => {
    // given a merchant onboarded on the 26th (sessions last a day: each day its own sign-ins)
    now = new Date('2026-11-26T02:00:00Z');
    const [manager, branchManager] = await signIn('merchant', 'branchmgr');
    let [risk, risk2] = await signIn('risk', 'risk2');
    const m = await register(manager, 402, { unitCode: 'BJ-HD' });
    assert.equal((await manager.post(`/api/v1/merchants/${m.id}/terminals`, { serial: 'LOG-POS-402', model: 'PAX A920', location: '前台', region: '110108' })).statusCode, 201);
    const instanceId = (await manager.post(`/api/v1/merchants/${m.id}/onboarding`)).json().instanceId;
    await settle(app);
    await onboardingStep(manager, instanceId, 'kycReview', { kycPassed: true, annualRevenue: 3_000_000, yearsInBusiness: 6, creditRecord: 'good', kycNote: null });
    await onboardingStep(manager, instanceId, 'siteInspection', { inspectionFindings: 'none', addressConfirmed: true, inspectionChecklist: { signage: true, premises: true, stock: true, cashier: true }, inspectionPhotos: 4, inspectionLocation: '39.98,116.31', inspectionNote: null });
    await onboardingStep(branchManager, instanceId, 'approve', { approval: 'approve', approvalNote: '同意入网' });
    await onboardingStep(manager, instanceId, 'signAgreement', { feeRate: '0.38', agreementStartsOn: '2026-11-27' });
    await onboardingStep(manager, instanceId, 'installTerminals', { terminalsInstalled: 1 });
    // when a risk case delays its settlement, approved the next day an hour after it was proposed
    now = new Date('2026-11-27T02:00:00Z');
    [risk, risk2] = await signIn('risk', 'risk2');
    const restricting = await openCase(risk, { merchantId: m.code, kind: 'fraud', description: '夜间集中刷卡 / night-time bursts' });
    await caseStep(risk, restricting, 'investigate', { findings: '商户无法说明交易背景 / the merchant cannot explain them' });
    await caseStep(risk, restricting, 'proposeActions', { settlementDelayDays: 7, riskRating: 'high' });
    now = new Date('2026-11-27T03:00:00Z');
    await caseStep(risk2, restricting, 'approve', { approval: 'approve' });
    // and a rectification review lifts the delay three days later
    now = new Date('2026-11-30T02:00:00Z');
    [risk, risk2, ops] = await signIn('risk', 'risk2', 'ops');
    const review = await openCase(risk, { merchantId: m.code, kind: 'rectification', description: '商户申请整改复查 / the merchant asks for a review' });
    await caseStep(risk, review, 'investigate', { findings: '已整改，交易恢复正常 / rectified, trading normally again' });
    await caseStep(risk, review, 'proposeActions', { liftControls: ['settlementDelay'], riskRating: 'low' });
    now = new Date('2026-11-30T05:00:00Z');
    await caseStep(risk2, review, 'approve', { approval: 'approve' });
    assert.equal((await risk.get(`/api/v1/merchants/${m.id}`)).json().merchant.status, 'active');

    // then the merchant's case in the exported log has each change at the time it was made, after the step that made it
    const xes = (await ops.get('/api/v1/event-logs/merchants/export?format=xes')).body;
    const trace = traceOf(xes, m.code);
    assert.deepEqual(trace.filter((e) => e.name.startsWith('merchant ')).map((e) => [e.name, e.at]), [
      ['merchant activated', '2026-11-26T02:00:00.000Z'],
      ['merchant restricted', '2026-11-27T03:00:00.000Z'],
      ['merchant reinstated', '2026-11-30T05:00:00.000Z'],
    ]);
    const approvals = trace.flatMap((e, i) => (e.name === '审批处置措施 / Approve the actions' && e.lifecycle === 'complete' ? [i] : []));
    assert.equal(approvals.length, 2, trace.map((e) => e.name).join(' → '));
    assert.ok(trace.findIndex((e) => e.name === 'merchant restricted') > approvals[0]!, 'restricted after the approval');
    assert.ok(trace.findIndex((e) => e.name === 'merchant reinstated') > approvals[1]!, 'reinstated after the approval');
    assert.ok(trace.findIndex((e) => e.name === 'merchant activated') < trace.findIndex((e) => e.name.startsWith('风险事件调查')), 'activated before the first case');
    // a mining user finds the merchants a case acted on, and those reinstated, by the events' attributes
    const byCase = (await ops.get(`/api/v1/event-logs/merchants/variants?attribute=${encodeURIComponent(`riskCase=${restricting.ref}`)}`)).json().items;
    assert.equal(byCase.length, 1);
    assert.ok(byCase[0].activities.includes('merchant restricted'), byCase[0].activities.join(' → '));
    const lifted = (await ops.get(`/api/v1/event-logs/merchants/variants?attribute=${encodeURIComponent('from=restricted')}`)).json().items;
    assert.deepEqual(lifted.map((v: { cases: number; activities: string[] }) => [v.cases, v.activities.includes('merchant reinstated')]), [[1, true]]);
    const ocel = (await ops.get('/api/v1/event-logs/merchants/export?format=ocel')).json() as Ocel;
    checkConsistent(ocel);
    // the OCEL export relates each change to the merchant as an object
    const changes = ocel.events.filter((e) => e.type.startsWith('merchant ') && e.relationships.some((r) => r.objectId === `merchant:${m.code}` && r.qualifier === 'merchant'));
    assert.deepEqual(changes.map((e) => [e.type, e.time]), [['merchant activated', '2026-11-26T02:00:00.000Z'], ['merchant restricted', '2026-11-27T03:00:00.000Z'], ['merchant reinstated', '2026-11-30T05:00:00.000Z']]);
    // each change carries the case and the controls it left in force
    const { rows } = await sql<{ activity: string; attributes: unknown }>`
      select activity, attributes from (${eventSource({ id: 'merchants', eventOrder: 'engine' })}) ev where case_id = ${m.code} and activity like 'merchant %' order by at`.execute(app.deps.db);
    assert.deepEqual(rows, [
      { activity: 'merchant activated', attributes: { from: 'applying', controls: { settlementDelayDays: 1 } } },
      { activity: 'merchant restricted', attributes: { from: 'active', riskCase: restricting.ref, controls: { settlementDelayDays: 7 } } },
      { activity: 'merchant reinstated', attributes: { from: 'restricted', riskCase: review.ref, controls: { settlementDelayDays: 1 } } },
    ]);
  });

  /** Completes the onboarding's open task at `elementId` as `client`. */
  async function onboardingStep(client: Client, instanceId: string, elementId: string, variables: Record<string, unknown>) {
    const task = (await client.get(`/api/v1/tasks?instanceId=${instanceId}`)).json().items.find((t: { elementId: string }) => t.elementId === elementId);
    assert.ok(task, `onboarding waits at ${elementId}`);
    const done = await work(client, task.id, variables);
    assert.equal(done.statusCode, 200, `${elementId}: ${done.body}`);
    await settle(app);
  }
  const signIn = <T extends string[]>(...users: T) => Promise.all(users.map((u) => loginAs(app.http, u))) as Promise<{ [K in keyof T]: Client }>;
  async function openCase(client: Client, body: Record<string, unknown>): Promise<{ ref: string }> {
    const r = await client.post('/api/v1/merchant-risk-cases', body);
    assert.equal(r.statusCode, 201, r.body);
    await settle(app);
    return r.json();
  }
  /** Completes the risk case's open step, which must be `elementId`, as `client`. */
  async function caseStep(client: Client, c: { ref: string }, elementId: string, variables: Record<string, unknown>) {
    const open = (await client.get(`/api/v1/merchant-risk-cases/${c.ref}`)).json().openStep;
    assert.equal(open?.elementId, elementId, `${c.ref} waits at ${open?.elementId}`);
    const done = await work(client, open.taskId, variables);
    assert.equal(done.statusCode, 200, `${elementId}: ${done.body}`);
    await settle(app);
  }
});

/** A trace of an XES export, by its case: each event's name, lifecycle and time, in order. */
function traceOf(xes: string, caseId: string): { name: string; lifecycle: string | null; at: string | null }[] {
  const trace = xes.split('<trace>').find((t) => t.includes(`<string key="concept:name" value="${caseId}"/>`));
  assert.ok(trace, `a trace of ${caseId}`);
  const value = (event: string, key: string) => event.match(new RegExp(`key="${key}" value="([^"]*)"`))?.[1] ?? null;
  return [...trace.matchAll(/<event>([\s\S]*?)<\/event>/g)].map(([, e]) => ({ name: value(e!, 'concept:name')!, lifecycle: value(e!, 'lifecycle:transition'), at: value(e!, 'time:timestamp') }));
}
