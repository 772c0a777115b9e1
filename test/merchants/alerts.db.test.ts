import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { register } from './support.ts';

// Early warning through the API: daily figures arrive, the shipped rules judge each day against
// the merchant's own 30 days, and alerts open — one per merchant and rule while it is not closed.

const day = (n: number) => new Date(Date.UTC(2026, 9, 1) + n * 86_400_000).toISOString().slice(0, 10); // day 0 = 1 October 2026

/** A normal day's figures for a merchant: 150 sales, no chargebacks, a few refunds. */
function normal(code: string, n: number, o: Record<string, string> = {}) {
  const count = 140 + ((n * 7) % 21);
  return { merchant: code, day: day(n), count: String(count), amount: (count * 300).toFixed(2), refunds: '600.00', chargebacks: '0', declined: '4', night_share: '0.05', cnp_share: '0.02', foreign_share: '0.01', max_amount: '2800.00', near_limit_count: '0', outside_region_count: '0', ...o };
}

await describeEachDatabase('Merchant early warning', (kind) => {
  let app: TestApp;
  let risk: Client;
  let shop: { id: string; code: string };
  let quiet: { id: string; code: string };
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => new Date('2026-11-25T02:00:00Z'));
    risk = await loginAs(app.http, 'risk');
    const manager = await loginAs(app.http, 'merchant');
    shop = await register(manager, 301);
    quiet = await register(manager, 302);
  });
  after(async () => app?.stop());

  const send = async (rows: Record<string, string>[]) => {
    const r = await risk.post('/api/v1/merchant-transactions/rows', { rows });
    assert.equal(r.statusCode, 201, r.body);
    return r.json();
  };
  const alertsOf = async (merchant: string, status = 'active') => (await risk.get(`/api/v1/risk-alerts?merchant=${merchant}&status=${status}`)).json().items;

  it('stays quiet on 40 normal days, then opens one alert for a chargeback spike and extends it the next day', async () => {
    const quietDays = await send(Array.from({ length: 40 }, (_, n) => [normal(shop.code, n), normal(quiet.code, n)]).flat());
    assert.deepEqual(quietDays.alerts, { opened: 0, repeated: 0 });
    const spike = await send([normal(shop.code, 40, { chargebacks: '6' }), normal(quiet.code, 40)]);
    assert.deepEqual(spike.alerts, { opened: 1, repeated: 0 });
    const [alert] = await alertsOf(shop.code);
    assert.deepEqual([alert.rule.code, alert.severity, alert.status, alert.firstDay, alert.occurrences], ['CHARGEBACK_RATIO', 'high', 'open', day(40), 1]);
    assert.ok(alert.values.chargebackRatio > 0.01, JSON.stringify(alert.values));
    assert.equal(alert.merchant.code, shop.code);
    const again = await send([normal(shop.code, 41, { chargebacks: '7' })]);
    assert.deepEqual(again.alerts, { opened: 0, repeated: 1 });
    const [extended] = await alertsOf(shop.code);
    assert.deepEqual([extended.id, extended.firstDay, extended.lastDay, extended.occurrences], [alert.id, day(40), day(41), 2]);
    // a corrected file for a day already judged is not a new occurrence
    await send([normal(shop.code, 41, { chargebacks: '8' })]);
    assert.equal((await alertsOf(shop.code))[0].occurrences, 2);
    assert.deepEqual(await alertsOf(quiet.code), []);
  });

  it('fires a moved terminal and a volume spike on planted anomalies; each is its own alert', async () => {
    const r = await send([normal(quiet.code, 42, { outside_region_count: '3' }), normal(quiet.code, 43, { count: '180', amount: '180000.00', max_amount: '9000.00' })]);
    assert.deepEqual(r.alerts.opened, 2);
    assert.deepEqual((await alertsOf(quiet.code)).map((a: { rule: { code: string } }) => a.rule.code).sort(), ['OUTSIDE_REGION', 'VOLUME_SPIKE']);
  });

  it('is acknowledged and closed with a note, audited; after closing, the rule opens a new alert', async () => {
    const [alert] = await alertsOf(shop.code);
    assert.equal((await risk.post(`/api/v1/risk-alerts/${alert.id}/acknowledge`, { note: '已联系商户核实' })).json().status, 'acknowledged');
    assert.equal(problem(await risk.post(`/api/v1/risk-alerts/${alert.id}/acknowledge`, {})).status, 409);
    assert.equal(problem(await risk.post(`/api/v1/risk-alerts/${alert.id}/close`, {})).errors?.[0]?.field, '/note');
    assert.equal((await risk.post(`/api/v1/risk-alerts/${alert.id}/close`, { note: '商户促销退货集中，已核实无风险' })).json().status, 'closed');
    const auditor = await loginAs(app.http, 'auditor');
    const trail = (await auditor.get(`/api/v1/audit?entityType=risk_alert&entityId=${alert.id}`)).json().items.map((e: { action: string }) => e.action);
    assert.deepEqual(trail.sort(), ['risk_alert.acknowledge', 'risk_alert.close', 'risk_alert.open']);
    const next = await send([normal(shop.code, 44, { chargebacks: '9' })]);
    assert.equal(next.alerts.opened, 1);
    const open = await alertsOf(shop.code);
    assert.notEqual(open[0].id, alert.id);
    assert.equal((await alertsOf(shop.code, 'closed'))[0].id, alert.id);
  });

  it('keeps rules to risk officers: a bad condition is refused where it is wrong; a change is versioned; a dry run counts without opening', async () => {
    const bad = problem(await risk.post('/api/v1/risk-rules', { code: 'bad_rule', nameZh: '错误规则', nameEn: 'Bad rule', expression: 'chargebackRatio >', severity: 'low' }));
    assert.equal(bad.errors?.[0]?.field, '/expression');
    const misspelt = problem(await risk.post('/api/v1/risk-rules', { code: 'misspelt', nameZh: '拼写错误', nameEn: 'Misspelt', expression: 'chargebackRate > 0.01', severity: 'low' }));
    assert.match(misspelt.errors?.[0]?.message ?? '', /chargebackRate/);
    const created = await risk.post('/api/v1/risk-rules', { code: 'many_declines', nameZh: '拒绝交易偏多', nameEn: 'Many declined', expression: 'declineRatio > 0.02', severity: 'low', active: false });
    assert.equal(created.statusCode, 201, created.body);
    const alertsBefore = (await risk.get('/api/v1/risk-alerts?status=active')).json().total;
    const dry = (await risk.post('/api/v1/risk-rules/dry-run', { expression: 'declineRatio > 0.02', from: day(30), to: day(39) })).json();
    assert.equal(dry.merchantDays, 20);
    assert.equal(dry.rules[0].firings, 20, 'every normal day has 4 declines over about 150 sales');
    assert.equal(dry.rules[0].merchants, 2);
    assert.equal(dry.rules[0].byDay.length, 10);
    assert.equal((await risk.get('/api/v1/risk-alerts?status=active')).json().total, alertsBefore, 'a dry run opens nothing');
    const changed = await risk.patch('/api/v1/risk-rules/many_declines', { version: 1, expression: 'declineRatio > 0.05', active: true });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().version, 2);
    assert.equal(problem(await risk.patch('/api/v1/risk-rules/many_declines', { version: 1, severity: 'high' })).status, 409);
    const manager = await loginAs(app.http, 'merchant');
    assert.equal(problem(await manager.get('/api/v1/risk-alerts')).status, 403);
    assert.equal(problem(await manager.post('/api/v1/risk-rules', { code: 'x_rule', nameZh: '规则', nameEn: 'Rule', expression: 'count > 1', severity: 'low' })).status, 403);
  });

  it("keeps a regional risk officer to the alerts of merchants in the region's branches", async () => {
    const admin = await loginAs(app.http, 'admin');
    const role = await admin.post('/api/v1/roles', { key: 'regional_risk', nameZh: '分行风控', nameEn: 'Regional risk', scope: 'unit', permissions: ['merchant.read', 'merchant.risk'] });
    assert.equal(role.statusCode, 201, role.body);
    const shanghai = await app.deps.db.selectFrom('org_unit').select('id').where('code', '=', 'SH').executeTakeFirstOrThrow();
    const created = await admin.post('/api/v1/users', { username: 'risk-sh', displayName: '上海风控', password: 'Risk-sh-pass-1', unitId: shanghai.id, roles: ['regional_risk'] });
    assert.equal(created.statusCode, 201, created.body);
    const shRisk = await loginAs(app.http, 'risk-sh', 'Risk-sh-pass-1');
    const board = (await shRisk.get('/api/v1/risk-alerts')).json();
    assert.deepEqual([board.total, board.items], [0, []], 'the Beijing merchants\' alerts are not on the Shanghai board');
    const [alert] = await alertsOf(shop.code);
    assert.equal(problem(await shRisk.post(`/api/v1/risk-alerts/${alert.id}/acknowledge`, {})).status, 403);
    assert.equal((await alertsOf(shop.code))[0].status, 'open', 'nothing changed');
  });
});
