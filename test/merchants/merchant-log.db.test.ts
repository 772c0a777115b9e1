import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { checkConsistent, type Ocel } from '../analytics/ocel-check.ts';
import { loginAs, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { settle, work } from '../services/support.ts';
import { register } from './support.ts';

// Merchants in process mining: the `merchants` log holds each merchant's onboarding steps and its
// alerts as a case; the OCEL export relates those events to the merchant as an object.

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
});
