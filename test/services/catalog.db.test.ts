import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { anonymous, loginAs, problem } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';

const definition = {
  nameZh: '外币兑换',
  nameEn: 'Foreign exchange',
  category: 'payment',
  customerType: 'individual',
  materials: [{ nameZh: '本人有效身份证件', nameEn: 'Own identity document', required: true }],
  fees: [{ nameZh: '手续费', nameEn: 'Fee', amount: '20.50', conditionZh: '单笔', conditionEn: 'Per transaction' }],
  timeLimit: { amount: 20, unit: 'minutes' },
  channels: ['counter'],
  branches: ['BJ-HD'],
  processKey: null,
};

await describeEachDatabase('Service catalogue', (kind) => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp(kind);
  });
  after(async () => app?.stop());

  it('shows customers, without signing in, what each service needs, costs and takes', async () => {
    const services = (await anonymous(app.http).get('/api/v1/public/services')).json().items;
    const lostCard = services.find((s: { code: string }) => s.code === 'report-lost-card');
    assert.equal(lostCard.nameZh, '挂失补卡');
    assert.equal(lostCard.fees[0].amount, '10.00', 'money is exact decimal text');
    assert.deepEqual(lostCard.timeLimit, { amount: 1, unit: 'workingDays' });
    assert.ok(lostCard.materials.some((m: { required: boolean }) => m.required));
    const byChannel = (await anonymous(app.http).get('/api/v1/public/services?channel=online')).json().items;
    assert.ok(byChannel.length > 0 && byChannel.every((s: { channels: string[] }) => s.channels.includes('online')));
  });

  it('lets operations add and version a service, with optimistic locking and an audit trail; others may not', async () => {
    const ops = await loginAs(app.http, 'ops');
    const created = await ops.post('/api/v1/services', { code: 'foreign-exchange', definition });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().version, 1);
    const badMoney = problem(await ops.post('/api/v1/services', { code: 'bad-money', definition: { ...definition, fees: [{ nameZh: '费', nameEn: 'Fee', amount: '20.505' }] } }));
    assert.ok(badMoney.errors?.some((e) => e.field === '/definition/fees/0/amount'), JSON.stringify(badMoney.errors));
    const changed = await ops.put('/api/v1/services/foreign-exchange', { version: 1, definition: { ...definition, fees: [] } });
    assert.equal(changed.json().version, 2);
    assert.equal(problem(await ops.put('/api/v1/services/foreign-exchange', { version: 1, definition })).status, 409);
    const withdrawn = await ops.put('/api/v1/services/foreign-exchange', { version: 2, active: false, definition });
    assert.equal(withdrawn.json().active, false);
    assert.equal(problem(await anonymous(app.http).get('/api/v1/public/services/foreign-exchange')).status, 404, 'a withdrawn service is not offered');
    const versions = (await ops.get('/api/v1/services/foreign-exchange/versions')).json().items;
    assert.deepEqual(versions.map((v: { version: number }) => v.version), [3, 2, 1]);
    const teller = await loginAs(app.http, 'teller1');
    assert.equal(problem(await teller.put('/api/v1/services/foreign-exchange', { version: 3, definition })).status, 403);
    const auditor = await loginAs(app.http, 'auditor');
    const audit = (await auditor.get('/api/v1/audit?entityType=service&entityId=foreign-exchange')).json().items;
    assert.deepEqual(audit.map((e: { action: string }) => e.action), ['service.change', 'service.change', 'service.create']);
  });
});
