import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { ANSWERS, newCustomer } from './product-support.ts';
import { signInAs, type PortalCustomer } from './portal-support.ts';

// A signed-in customer answers the risk questionnaire and buys in the portal through the same
// recordAssessment and sellProduct as the counter: refused with the reasons when a product does not
// suit them, and only ever for themselves.

await describeEachDatabase('Portal risk profile and products', (kind) => {
  let app: TestApp;
  let rm: Client;
  let fresh: { id: string; portal: PortalCustomer };
  const now = new Date('2026-12-01T02:00:00Z');

  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => now);
    rm = await loginAs(app.http, 'rm');
    const id = await newCustomer(rm, '19880808', '门户客户');
    const sealed = (await app.deps.db.selectFrom('customer').select('phone_sealed').where('id', '=', id).executeTakeFirstOrThrow()).phone_sealed!;
    fresh = { id, portal: await signInAs(app.http, app.deps.vault.open(sealed)) };
  });
  after(async () => app?.stop());

  it('lets a customer never assessed answer the current questionnaire in the portal, recorded as theirs in channel portal', async () => {
    assert.deepEqual((await fresh.portal.get('/api/v1/portal/risk-assessments')).json(), { current: null, items: [] });
    const questionnaire = (await app.http.inject({ method: 'GET', url: '/api/v1/public/risk-questionnaire' })).json();
    assert.equal(questionnaire.questions.length, 8);
    const r = await fresh.portal.post('/api/v1/portal/risk-assessments', { questionnaireVersion: questionnaire.version, answers: ANSWERS.C2 });
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual([r.json().level, r.json().channel, r.json().assessedBy, r.json().validUntil], ['C2', 'portal', 'customer', '2027-11-30']);
    const mine = (await fresh.portal.get('/api/v1/portal/risk-assessments')).json();
    assert.deepEqual([mine.current.level, mine.current.levelName.zh, mine.items.length], ['C2', '稳健型', 1]);
    // the counter sees the same assessment in the customer's history
    const atCounter = (await rm.get(`/api/v1/customers/${fresh.id}/risk-assessments`)).json();
    assert.deepEqual([atCounter.current.channel, atCounter.current.assessedBy], ['portal', 'customer']);
  });

  it('refuses bad answers on their field, an older questionnaire, and a body naming a channel or a customer', async () => {
    const { loss: _loss, ...missing } = ANSWERS.C3;
    const cases: [unknown, string][] = [
      [{ questionnaireVersion: 1, answers: missing }, '/answers/loss'],
      [{ questionnaireVersion: 1, answers: { ...ANSWERS.C3, age: 'z' } }, '/answers/age'],
      [{ questionnaireVersion: 1, answers: { ...ANSWERS.C3, shoeSize: 'a' } }, '/answers/shoeSize'],
      [{ questionnaireVersion: 99, answers: ANSWERS.C3 }, '/questionnaireVersion'],
    ];
    for (const [body, field] of cases) {
      const p = problem(await fresh.portal.post('/api/v1/portal/risk-assessments', body));
      assert.deepEqual([p.status, p.errors?.map((e) => e.field).includes(field)], [400, true], `${field}: ${JSON.stringify(p.errors)}`);
    }
    for (const extra of [{ channel: 'counter' }, { customerId: 'someone-else' }]) {
      assert.equal(problem(await fresh.portal.post('/api/v1/portal/risk-assessments', { questionnaireVersion: 1, answers: ANSWERS.C5, ...extra })).status, 400);
    }
    assert.equal((await fresh.portal.get('/api/v1/portal/risk-assessments')).json().current.level, 'C2', 'nothing refused was recorded');
  });

  it('lists what suits the customer and why the rest does not, and refuses an R4 product to a C2 customer with the reasons, recorded', async () => {
    const products = (await fresh.portal.get('/api/v1/portal/products')).json();
    const codes = products.items.map((p: { code: string }) => p.code);
    assert.ok(codes.includes('WM-BOND-180') && !codes.includes('WM-EQUITY'), codes.join());
    const equity = products.others.find((o: { product: { code: string } }) => o.product.code === 'WM-EQUITY');
    assert.deepEqual(equity.reasons.map((r: { code: string }) => r.code), ['risk_above_tolerance']);

    const refused = problem(await fresh.portal.post('/api/v1/portal/purchases', { productCode: 'WM-EQUITY', amount: '20000.00' }));
    assert.deepEqual([refused.status, refused.errors?.[0]?.field], [422, '/productCode']);
    assert.match(refused.errors![0]!.message, /R4|C2/);
    const refusals = (await rm.get(`/api/v1/suitability-refusals?customer=${fresh.id}`)).json();
    assert.deepEqual(refusals.items.map((r: { channel: string; attemptedBy: string }) => [r.channel, r.attemptedBy]), [['portal', 'customer']]);
    assert.deepEqual((await fresh.portal.get('/api/v1/portal/holdings')).json().items, []);
  });

  it('sells what suits in channel portal and shows it among the holdings', async () => {
    const r = await fresh.portal.post('/api/v1/portal/purchases', { productCode: 'wm-bond-180', amount: '10000' });
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual([r.json().channel, r.json().soldBy, r.json().customerLevel, r.json().amount, r.json().customerId], ['portal', 'customer', 'C2', '10000.00', fresh.id]);
    const holdings = (await fresh.portal.get('/api/v1/portal/holdings')).json().items;
    assert.deepEqual(holdings.map((h: { productCode: string; amount: string }) => [h.productCode, h.amount]), [['WM-BOND-180', '10000.00']]);
    assert.equal((await rm.get(`/api/v1/customers/${fresh.id}/holdings`)).json().items.length, 1, 'the branch sees the same holding');
  });

  it('refuses a customer whose assessment has expired, saying so', async () => {
    const lihua = await signInAs(app.http, '13922223333'); // 李华: assessed 400 days ago
    const products = (await lihua.get('/api/v1/portal/products')).json();
    assert.equal(products.items.some((p: { kind: string }) => p.kind === 'wealth'), false);
    const refused = problem(await lihua.post('/api/v1/portal/purchases', { productCode: 'WM-BOND-180', amount: '10000.00' }));
    assert.equal(refused.status, 422);
    assert.ok(refused.errors?.some((e) => /assessment \(C2\) ended on/.test(e.message)), JSON.stringify(refused.errors));
    assert.equal((await lihua.get('/api/v1/portal/risk-assessments')).json().current, null, 'no assessment in force');
  });

  it('never acts for another customer: no customer in any body, and each sees only their own', async () => {
    const wang = await signInAs(app.http, '13911112222');
    const forOther = await wang.post('/api/v1/portal/purchases', { productCode: 'DEP-1Y', amount: '100.00', customerId: fresh.id });
    assert.equal(problem(forOther).status, 400);
    const freshHoldingIds = new Set((await fresh.portal.get('/api/v1/portal/holdings')).json().items.map((h: { id: string }) => h.id));
    const wangIds = (await wang.get('/api/v1/portal/holdings')).json().items.map((h: { id: string }) => h.id);
    assert.ok(wangIds.length > 0 && wangIds.every((id: string) => !freshHoldingIds.has(id)), 'holdings are each their own');
    assert.equal((await wang.get('/api/v1/portal/risk-assessments')).json().current.level, 'C3');
    // the portal's routes reach no staff record of anyone
    for (const path of [`/api/v1/customers/${fresh.id}/holdings`, `/api/v1/customers/${fresh.id}/risk-assessments`]) {
      assert.equal(problem(await wang.get(path)).status, 401, path);
    }
  });

  it('suggests offers that suit, with reasons, and a purchase from one names it', async () => {
    const offers = (await fresh.portal.get('/api/v1/portal/offers')).json();
    assert.equal(offers.available, true);
    const suitable = new Set((await fresh.portal.get('/api/v1/portal/products')).json().items.map((p: { code: string }) => p.code));
    assert.ok(offers.items.every((o: { productCode: string; reasons: unknown[] }) => suitable.has(o.productCode) && o.reasons.length > 0), JSON.stringify(offers.items));
    const offer = offers.items.find((o: { id: string | null; minAmount: string | null }) => o.id);
    assert.ok(offer, 'a customer with deposits on sale that suit them is offered something');
    const r = await fresh.portal.post('/api/v1/portal/purchases', { productCode: offer.productCode, amount: offer.minAmount ?? '1000.00', offerId: offer.id });
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().offerId, offer.id);
  });

  it('refuses bad purchases on their field', async () => {
    const cases: [unknown, number, string][] = [
      [{ productCode: 'NO-SUCH', amount: '100.00' }, 400, '/productCode'],
      [{ productCode: 'WM-BOND-180', amount: '10.001' }, 400, '/amount'],
      [{ productCode: 'WM-BOND-180', amount: '-5' }, 400, '/amount'],
      [{ productCode: 'WM-BOND-180', amount: '100.00' }, 400, '/amount'], // below the minimum
      [{ productCode: 'WM-BOND-180', amount: 10000 }, 400, '/amount'],
    ];
    for (const [body, status, field] of cases) {
      const p = problem(await fresh.portal.post('/api/v1/portal/purchases', body));
      assert.deepEqual([p.status, p.errors?.[0]?.field], [status, field], JSON.stringify(body));
    }
    assert.equal(problem(await fresh.portal.post('/api/v1/portal/purchases', { productCode: 'DEP-1Y', amount: '100.00', channel: 'counter' })).status, 400);
  });
});
