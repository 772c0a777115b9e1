import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { assess, newCustomer, reasons } from './product-support.ts';

// Suitability (适当性): a product is sold only to a customer whose valid assessment is at or above
// its risk level, who meets its eligibility rules, and while it is on sale — with every reason said.

await describeEachDatabase('Suitability', (kind) => {
  let app: TestApp;
  let rm: Client;
  let now = new Date('2026-12-01T02:00:00Z'); // 10:00 in Beijing
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => now);
    rm = await loginAs(app.http, 'rm');
  });
  after(async () => app?.stop());
  /** Moves the clock, signing in again (a session lasts a working day). */
  const at = async (iso: string) => {
    now = new Date(iso);
    rm = await loginAs(app.http, 'rm');
  };
  const sell = (customerId: string, productCode: string, amount = '10000.00') => rm.post('/api/v1/product-sales', { customerId, productCode, amount, channel: 'counter' });

  it('lets a C3 customer buy R3 but not R4, saying why, and refuses with 422 on /productCode', async () => {
    const c = await newCustomer(rm, '19860315');
    await assess(rm, c, 'C3');
    assert.deepEqual(await reasons(rm, c, 'WM-BAL-1Y'), [], 'R3 suits C3');
    assert.deepEqual(await reasons(rm, c, 'WM-EQUITY'), ['risk_above_tolerance'], 'R4 is above C3');
    const sold = await sell(c, 'WM-BAL-1Y');
    assert.equal(sold.statusCode, 201, sold.body);
    assert.deepEqual([sold.json().customerLevel, sold.json().product.risk, sold.json().amount], ['C3', 'R3', '10000.00']);
    const refused = problem(await sell(c, 'WM-EQUITY'));
    assert.equal(refused.status, 422);
    assert.deepEqual(refused.errors?.map((e) => e.field), ['/productCode']);
    assert.match(refused.errors?.[0]?.message ?? '', /R4, above what a C3 customer may buy/);
    const zh = problem(await new (rm.constructor as typeof Client)(app.http, rm.token, 'zh-CN').post('/api/v1/product-sales', { customerId: c, productCode: 'WM-EQUITY', amount: '10000.00', channel: 'counter' }));
    assert.match(zh.errors?.[0]?.message ?? '', /高于C3级客户可购买的等级/);
    const holdings = (await rm.get(`/api/v1/customers/${c}/holdings`)).json().items;
    assert.deepEqual(holdings.map((h: { productCode: string; amount: string }) => [h.productCode, h.amount]), [['WM-BAL-1Y', '10000.00']], 'only the suitable sale opened a holding');
  });

  it('refuses a wealth product without an assessment, but opens a plain deposit', async () => {
    const c = await newCustomer(rm, '19900101');
    assert.deepEqual(await reasons(rm, c, 'WM-CASH'), ['no_assessment'], 'even R1 wealth needs an assessment');
    assert.deepEqual(await reasons(rm, c, 'DEP-STRUCT-GOLD'), ['no_assessment'], 'a structured deposit (R2) too');
    assert.equal(problem(await sell(c, 'WM-CASH', '100.00')).status, 422);
    assert.equal((await sell(c, 'DEP-1Y', '5000')).statusCode, 201, 'a time deposit is not an investment');
    const list = (await rm.get(`/api/v1/customers/${c}/suitable-products`)).json();
    assert.equal(list.assessment, null);
    assert.ok(list.items.every((p: { kind: string; riskLevel: number }) => p.kind !== 'wealth' && p.kind !== 'insurance' && p.riskLevel === 1), JSON.stringify(list.items));
    assert.ok(list.others.some((o: { product: { code: string }; reasons: { code: string }[] }) => o.product.code === 'WM-EQUITY' && o.reasons[0]?.code === 'no_assessment'));
  });

  it('holds an assessment through its last day (China time) and refuses the day after', async () => {
    await at('2025-12-01T02:00:00Z');
    const c = await newCustomer(rm, '19800808');
    const a = await assess(rm, c, 'C4');
    assert.equal(a.validUntil, '2026-11-30', 'twelve months: to the day before the same date a year on');
    await at('2026-11-30T15:59:00Z'); // 23:59 on 30 November in Beijing
    assert.deepEqual(await reasons(rm, c, 'WM-EQUITY'), []);
    await at('2026-11-30T16:00:00Z'); // midnight: 1 December in Beijing
    assert.deepEqual(await reasons(rm, c, 'WM-EQUITY'), ['assessment_expired']);
    const refused = problem(await sell(c, 'WM-EQUITY'));
    assert.match(refused.errors?.[0]?.message ?? '', /ended on 2026-11-30; assess them again/);
    await assess(rm, c, 'C4');
    assert.equal((await sell(c, 'WM-EQUITY')).statusCode, 201, 'assessed again: sold');
    await at('2026-12-01T02:00:00Z');
  });

  it('refuses a withdrawn product, and one withdrawn after the customer was told it suited', async () => {
    const c = await newCustomer(rm, '19850505');
    await assess(rm, c, 'C5');
    assert.deepEqual(await reasons(rm, c, 'WM-2025-A'), ['product_withdrawn']);
    assert.deepEqual(await reasons(rm, c, 'WM-BOND-180'), []);
    const ops = await loginAs(app.http, 'ops');
    const bond = (await ops.get('/api/v1/products/WM-BOND-180')).json();
    const withdrawn = await ops.patch('/api/v1/products/WM-BOND-180', { version: bond.version, status: 'withdrawn' });
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    assert.deepEqual(problem(await sell(c, 'WM-BOND-180')).errors?.map((e) => e.message), ['Steady fixed income, 180 days has been withdrawn from sale.']);
    assert.equal((await ops.patch('/api/v1/products/WM-BOND-180', { version: withdrawn.json().version, status: 'active' })).statusCode, 200);
  });

  it('applies the eligibility decision: loan ages, the payroll-only card, long-term insurance ages', async () => {
    const young = await newCustomer(rm, '20050601'); // 21
    await assess(rm, young, 'C3');
    assert.deepEqual(await reasons(rm, young, 'LOAN-CONSUMER'), ['not_eligible']);
    const explained = (await rm.get(`/api/v1/customers/${young}/suitability?product=LOAN-CONSUMER`)).json();
    assert.equal(explained.reasons[0].en, 'Consumer loans are for customers aged 22 to 60.');
    assert.equal(explained.reasons[0].zh, '个人消费贷款仅面向22至60周岁的客户。');
    assert.deepEqual(await reasons(rm, young, 'CARD-SALARY'), ['not_eligible'], 'no payroll account yet');
    assert.equal((await sell(young, 'DEP-PAYROLL', '0')).statusCode, 201);
    assert.deepEqual(await reasons(rm, young, 'CARD-SALARY'), [], 'a payroll customer may have the card');
    const fifties = await newCustomer(rm, '19700101'); // 56
    await assess(rm, fifties, 'C3');
    assert.deepEqual(await reasons(rm, fifties, 'INS-LIFE-20'), ['not_eligible'], 'long-term insurance by 55');
    assert.deepEqual(await reasons(rm, fifties, 'INS-ACCIDENT-1Y'), [], 'one-year cover up to 65');
  });

  it('does not sell R4–R5 to a customer of 65 or over, whatever the assessment; 64 may', async () => {
    const senior = await newCustomer(rm, '19611130'); // 65 since yesterday
    const younger = await newCustomer(rm, '19611202'); // 64 until tomorrow
    await assess(rm, senior, 'C5');
    await assess(rm, younger, 'C5');
    assert.deepEqual(await reasons(rm, senior, 'WM-EQUITY'), ['senior_high_risk']);
    assert.deepEqual(await reasons(rm, senior, 'WM-BAL-1Y'), [], 'R3 is still open to them');
    assert.deepEqual(await reasons(rm, younger, 'WM-EQUITY'), []);
  });

  it('refuses a blacklisted customer every product, listing all reasons together', async () => {
    const c = await newCustomer(rm, '19750707');
    const risk = await loginAs(app.http, 'risk');
    const version = (await rm.get(`/api/v1/customers/${c}`)).json().version;
    const flagged = await risk.put(`/api/v1/customers/${c}/risk-flags`, { version, blacklisted: true, pep: false, reason: '反洗钱名单命中' });
    assert.equal(flagged.statusCode, 200, flagged.body);
    assert.deepEqual(await reasons(rm, c, 'DEP-1Y'), ['customer_blacklisted']);
    assert.deepEqual(await reasons(rm, c, 'WM-2025-A'), ['product_withdrawn', 'customer_blacklisted', 'no_assessment']);
  });

  it('refuses an amount below the product’s minimum on /amount, and unknown products on /productCode', async () => {
    const c = await newCustomer(rm, '19880808');
    await assess(rm, c, 'C3');
    const low = problem(await sell(c, 'WM-BOND-180', '9999.99'));
    assert.deepEqual([low.status, low.errors?.[0]?.field], [400, '/amount']);
    const unknown = problem(await sell(c, 'WM-NOPE'));
    assert.deepEqual([unknown.status, unknown.errors?.[0]?.field], [400, '/productCode']);
    assert.equal(problem(await rm.get(`/api/v1/customers/${c}/suitability?product=WM-NOPE`)).errors?.[0]?.field, 'querystring:/product');
    const bad = problem(await rm.post('/api/v1/product-sales', { customerId: c, productCode: 'WM-CASH', amount: '1.234', channel: 'counter' }));
    assert.equal(bad.errors?.[0]?.field, '/amount');
    assert.equal(problem(await rm.post('/api/v1/product-sales', { customerId: 'nobody', productCode: 'WM-CASH', amount: '10', channel: 'counter' })).errors?.[0]?.field, '/customerId');
  });
});
