import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { upload } from '../merchants/support.ts';
import { assess } from './product-support.ts';
import { activityRow, customerSegments, newCustomer } from './segment-support.ts';

const ACTIVITY_HEADER = 'customer,day,channel,transactions,amount';

await describeEachDatabase('Customer facts', (kind) => {
  let app: TestApp;
  let now = new Date('2026-11-20T02:00:00Z'); // 10:00 in China
  let ops: Client;
  let rm: Client;
  let young: string; // 31, paid through payroll
  let leaving: string; // active often, then seldom
  let shanghai: string;
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => now);
    ops = await loginAs(app.http, 'ops');
    rm = await loginAs(app.http, 'rm');
    young = await newCustomer(rm, '19950505', '杨青年');
    leaving = await newCustomer(rm, '19700707', '柳流失');
    shanghai = await newCustomer(await loginAs(app.http, 'teller2'), '19880808', '沈上海');
  });
  after(async () => app?.stop());

  const advanceTo = async (instant: string) => {
    now = new Date(instant);
    ops = await loginAs(app.http, 'ops');
    rm = await loginAs(app.http, 'rm');
  };

  it('imports activity, computes the facts from it, and refreshes the customers it touched', async () => {
    const rows = [
      activityRow(young, '2026-11-10', 'payroll', 1, '12000.00'),
      activityRow(young, '2026-11-11', 'mobile', 3, '450.50'),
      activityRow(young, '2026-11-12', 'mobile', 2, '120.00'),
      activityRow(young, '2026-11-12', 'counter', 1, '5000.00'),
      // 8 active days 100–170 days ago, 2 in the last 90: activity more than halved
      ...[100, 110, 120, 130, 140, 150, 160, 170].map((back) => activityRow(leaving, dayBefore('2026-11-20', back), 'counter')),
      activityRow(leaving, '2026-10-01', 'atm'),
      activityRow(leaving, '2026-11-01', 'atm'),
    ];
    const sent = await rm.post('/api/v1/customer-activity/rows', { rows });
    assert.equal(sent.statusCode, 201, sent.body);
    assert.deepEqual([sent.json().accepted, sent.json().refresh.customers], [rows.length, 2]);

    const y = await customerSegments(rm, young);
    assert.deepEqual(
      [y.facts.age, y.facts.frequency, y.facts.monetary, y.facts.preferredChannel, y.facts.payroll, y.facts.lastActivity, y.facts.recency],
      [31, 3, '17570.50', 'mobile', true, '2026-11-12', 8],
      'three active days; every amount counted, exact; mobile used on the most days; salary is not a preferred channel',
    );
    assert.ok(y.segments.some((s: { code: string }) => s.code === 'young-professionals'));
    const l = await customerSegments(rm, leaving);
    assert.deepEqual([l.facts.frequencyBefore, l.facts.frequency], [8, 2]);
    assert.ok(l.segments.some((s: { code: string }) => s.code === 'at-risk'));
    for (const score of [y.facts.rfm.r, y.facts.rfm.f, y.facts.rfm.m]) assert.ok(score >= 1 && score <= 5);
  });

  it('follows a sale at once: the holding counts in AUM and holdings, a salary account is a life event', async () => {
    const saver = await newCustomer(rm, '20010101', '苏储蓄');
    await assess(rm, saver, 'C3');
    for (const [productCode, amount] of [['DEP-PAYROLL', '100.00'], ['DEP-1Y', '60000.00']]) {
      const sold = await rm.post('/api/v1/product-sales', { customerId: saver, productCode, amount, channel: 'counter' });
      assert.equal(sold.statusCode, 201, sold.body);
    }
    const view = await customerSegments(rm, saver);
    assert.deepEqual([view.facts.aum, view.facts.holdings.deposit, view.facts.salaryAccountOpened, view.tier], ['60100.00', 2, true, 'gold']);
    assert.ok(view.segments.some((s: { code: string }) => s.code === 'young-professionals'), 'aged 25 with a salary account opened');
  });

  it('refuses a file with bad rows whole, naming line and column of each fault; or imports the valid rows when asked', async () => {
    const csv = [
      ACTIVITY_HEADER,
      `${young},2026-11-13,mobile,1,80.00`,
      `${young},2026-11-13,fax,1,80.00`,
      `${young},2026-11-21,mobile,1,80.00`,
      `no-such-customer,2026-11-13,mobile,1,80.00`,
      `${young},2026-11-14,mobile,-1,12.345`,
      `${young},2026-11-13,mobile,2,90.00`,
      `${young},2026-11-15,mobile,0,5.00`,
    ].join('\n');
    const refused = problem(await upload(app, rm, '/api/v1/customer-activity', {}, { name: 'activity.csv', content: csv }));
    assert.equal(refused.status, 400);
    assert.match(refused.detail, /6 of 7 rows are not valid; nothing was imported/);
    assert.deepEqual(refused.errors?.map((e) => e.field), ['/rows/3/channel', '/rows/4/day', '/rows/5/customer', '/rows/6/transactions', '/rows/6/amount', '/rows/7/day', '/rows/8/amount']);
    assert.equal((await customerSegments(rm, young)).facts.lastActivity, '2026-11-12', 'not even the good row');

    const partial = await upload(app, rm, '/api/v1/customer-activity', { acceptValid: 'true' }, { name: 'activity.csv', content: csv });
    assert.equal(partial.statusCode, 201, partial.body);
    assert.deepEqual([partial.json().accepted, partial.json().rejected], [1, 6]);
    assert.equal((await customerSegments(rm, young)).facts.lastActivity, '2026-11-13');
    const again = await upload(app, rm, '/api/v1/customer-activity', { acceptValid: 'true' }, { name: 'renamed.csv', content: csv });
    assert.deepEqual([again.statusCode, again.json().alreadyImported, again.json().importId], [200, true, partial.json().importId]);

    const corrected = await rm.post('/api/v1/customer-activity/rows', { rows: [activityRow(young, '2026-11-13', 'mobile', 1, '800.00')] });
    assert.equal(corrected.json().replaced, 1);
    assert.equal((await customerSegments(rm, young)).facts.monetary, '18370.50');
  });

  it('lets a branch import only its own customers; balances are checked the same way, in Chinese too', async () => {
    const outside = problem(await rm.post('/api/v1/customer-activity/rows', { rows: [activityRow(shanghai, '2026-11-13', 'mobile')] }));
    assert.deepEqual(outside.errors?.map((e) => e.field), ['/rows/1/customer']);
    assert.match(outside.errors![0]!.message, /not in your branches/);
    assert.equal((await ops.post('/api/v1/customer-activity/rows', { rows: [activityRow(shanghai, '2026-11-13', 'mobile')] })).statusCode, 201, 'head office imports for every branch');
    const zh = await app.http.inject({ method: 'POST', url: '/api/v1/customer-balances/rows', headers: { authorization: `Bearer ${rm.token}`, 'accept-language': 'zh-CN' }, payload: { rows: [{ customer: young, as_of: '2026-11-19', aum: '1,000' }] } });
    assert.equal(problem(zh).errors?.[0]?.field, '/rows/1/aum');
    assert.match(problem(zh).errors![0]!.message, /不是非负金额/);
    const teller = await loginAs(app.http, 'teller1');
    assert.equal(problem(await teller.post('/api/v1/customer-activity/rows', { rows: [activityRow(young, '2026-11-13', 'mobile')] })).status, 403);
  });

  it('runs the daily refresh once a day, after 02:00 China time; customers silent for 180 days become dormant', async () => {
    const runs = async () => (await ops.get('/api/v1/segment-runs?limit=100')).json().items.filter((r: { trigger: string }) => r.trigger === 'scheduled').length;
    await advanceTo('2027-06-01T17:30:00Z'); // 01:30 on 2 June in China
    await app.engagement.tick();
    assert.equal(await runs(), 0, 'not before 02:00');
    await advanceTo('2027-06-01T18:30:00Z'); // 02:30
    await app.engagement.tick();
    await app.engagement.tick();
    assert.equal(await runs(), 1, 'once a day');
    const l = await customerSegments(ops, leaving);
    assert.ok(l.segments.some((s: { code: string }) => s.code === 'dormant'), 'no activity since 1 November');
    assert.equal(l.segments.some((s: { code: string }) => s.code === 'at-risk'), false, 'the old activity has left both windows');
    assert.deepEqual(l.history.filter((e: { code: string }) => e.code === 'at-risk').map((e: { change: string }) => e.change), ['left', 'entered']);
  });
});

function dayBefore(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
}
