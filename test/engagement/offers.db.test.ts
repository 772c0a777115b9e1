import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { systemContext } from '../../src/platform/access/actor.ts';
import { chinaDate } from '../../src/platform/calendar/china-time.ts';
import { customerForOffers } from '../../src/engagement/offers/offer.repository.ts';
import { offersForCustomer, rankOffers } from '../../src/engagement/offers/offer.service.ts';
import { ignoreStaleOffers, recordOutcome } from '../../src/engagement/offers/outcome.service.ts';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { assess, newCustomer } from './product-support.ts';

// Next best offers: ranked by a transparent score with reasons, only what suits, every offer shown
// recorded with its outcome, a model that learns from them, and each branch's customers its own.

type Offer = { id: string | null; rank: number; product: { code: string; kind: string; risk: string }; score: number; method: string; reasons: { code: string; en: string; zh: string; weight: number | null }[] };

await describeEachDatabase('Next best offers', (kind) => {
  let app: TestApp;
  let now = new Date('2026-12-01T02:00:00Z');
  let rm: Client;
  let teller: Client;
  let payroll: string; // C3, 36, a payroll account
  let plain: string; // C3, 36, none
  let demo: { current: { version: number; outcomes: number; products: { method: string }[] } | null };
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => now);
    demo = (await (await loginAs(app.http, 'rm')).get('/api/v1/offer-models')).json();
    // given a bank without offer history (the demo's is set aside): every product is scored by the rules
    await app.deps.db.deleteFrom('offer').execute();
    await app.deps.db.deleteFrom('offer_model').execute();
    rm = await loginAs(app.http, 'rm');
    teller = await loginAs(app.http, 'teller1');
    payroll = await newCustomer(rm, '19900301', '推荐代发');
    plain = await newCustomer(rm, '19900302', '推荐普通');
    for (const id of [payroll, plain]) await assess(rm, id, 'C3');
    const sold = await rm.post('/api/v1/product-sales', { customerId: payroll, productCode: 'DEP-PAYROLL', amount: '1000.00', channel: 'counter' });
    assert.equal(sold.statusCode, 201, sold.body);
  });
  after(async () => app?.stop());

  const offers = async (client: Client, id: string, channel?: string) => {
    const r = await client.get(`/api/v1/customers/${id}/offers${channel ? `?channel=${channel}` : ''}`);
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as { items: Offer[]; customerName: string; channel: string | null; withheld: unknown };
  };
  const codes = (items: Offer[]) => items.map((o) => o.product.code);
  /** Every product that may be offered to the customer now (the lists show the first five). */
  const everything = async (id: string) => (await rankOffers(app.deps, (await customerForOffers(app.deps.db, id, chinaDate(now), new Date(now.getTime() - 30 * 86_400_000)))!, now)).items as Offer[];

  it('starts a demo bank with offer history and a model trained on it', () => {
    assert.equal(demo.current?.version, 1);
    assert.ok(demo.current.outcomes > 100 && demo.current.products.some((p) => p.method === 'model'), JSON.stringify(demo.current).slice(0, 300));
  });

  it('ranks by the rules with reasons naming the customer’s facts: a payroll customer gets the loan above the insurance, another the other way round', async () => {
    const mine = await everything(payroll);
    const theirs = await everything(plain);
    const rank = (items: Offer[], code: string) => items.findIndex((o) => o.product.code === code);
    assert.ok(rank(mine, 'LOAN-CONSUMER') < rank(mine, 'INS-ACCIDENT-1Y'), codes(mine).join());
    assert.ok(rank(theirs, 'LOAN-CONSUMER') > rank(theirs, 'INS-ACCIDENT-1Y'), codes(theirs).join());
    const loan = mine.find((o) => o.product.code === 'LOAN-CONSUMER')!;
    assert.equal(loan.method, 'rules');
    assert.deepEqual(loan.reasons.map((r) => r.zh), ['代发工资客户，还款来源稳定（+0.6）', '年龄 22 至 40 岁（+0.3）', '推荐记录不足，按规则评分']);
    // the salary card goes only to the payroll customer (its eligibility), first with the debit card
    const shown = await offers(rm, payroll);
    assert.deepEqual(codes(shown.items).slice(0, 2), ['CARD-DEBIT', 'CARD-SALARY']);
    assert.ok(shown.items[0]!.reasons.some((r) => r.code === 'card_salary'));
    assert.ok(!codes(theirs).includes('CARD-SALARY'));
    assert.ok(shown.items.length <= 5 && shown.items.every((o, i) => o.rank === i + 1 && (i === 0 || o.score <= shown.items[i - 1]!.score)));
    assert.ok(shown.customerName.includes('*'), 'the name is masked');
    assert.equal(shown.channel, null, 'without a channel: a preview');
    assert.ok(shown.items.every((o) => o.id === null));
  });

  it('offers only what suits — never above the tolerance, nothing needing an assessment once it has expired — and nothing held', async () => {
    const cautious = await newCustomer(rm, '19800505', '推荐稳健');
    await assess(rm, cautious, 'C2');
    const suitable = (await rm.get(`/api/v1/customers/${cautious}/suitable-products`)).json();
    const ranked = await everything(cautious);
    assert.deepEqual(codes(ranked).sort(), suitable.items.map((p: { code: string }) => p.code).sort());
    assert.ok(!codes(ranked).includes('WM-BAL-1Y') && !codes(ranked).includes('WM-EQUITY') && !codes(ranked).includes('WM-2025-A'));

    const lapsed = await newCustomer(rm, '19800606', '推荐过期');
    const today = now;
    now = new Date(today.getTime() - 400 * 86_400_000);
    await assess(await loginAs(app.http, 'rm'), lapsed, 'C5');
    now = today;
    rm = await loginAs(app.http, 'rm');
    const lapsedOffers = await everything(lapsed);
    assert.ok(lapsedOffers.length > 0);
    assert.ok(lapsedOffers.every((o) => o.product.risk === 'R1' && o.product.kind !== 'wealth' && o.product.kind !== 'insurance'), codes(lapsedOffers).join());
    // the payroll account held is not offered again; a deposit is, in lots
    assert.ok(!codes(await everything(payroll)).includes('DEP-PAYROLL'));
  });

  it('records each offer shown once a day per channel, takes a decline (not twice), accepts the offer a sale follows, and ignores the rest after 14 days', async () => {
    const first = await offers(teller, payroll, 'counter');
    assert.equal(first.channel, 'counter');
    assert.ok(first.items.every((o) => o.id));
    const again = await offers(teller, payroll, 'counter');
    assert.deepEqual(again.items.map((o) => o.id), first.items.map((o) => o.id), 'the same day, the same offers');
    const byPhone = await offers(rm, payroll, 'phone');
    assert.deepEqual([byPhone.items.length, (byPhone.withheld as { code: string }).code], [0, 'no_marketing_consent'], 'no call offers without marketing consent');

    const [debit, salaryCard] = first.items;
    const declined = await teller.post(`/api/v1/offers/${debit!.id}/outcome`, { outcome: 'declined' });
    assert.equal(declined.statusCode, 200, declined.body);
    assert.deepEqual([declined.json().outcome, declined.json().outcomeBy], ['declined', 'teller1']);
    assert.equal(problem(await teller.post(`/api/v1/offers/${debit!.id}/outcome`, { outcome: 'ignored' })).status, 409);
    assert.ok(!codes((await offers(teller, payroll, 'counter')).items).includes('CARD-DEBIT'), 'a declined product rests for 30 days');

    const sale = await teller.post('/api/v1/product-sales', { customerId: payroll, productCode: 'CARD-SALARY', amount: '0', channel: 'counter' });
    assert.equal(sale.statusCode, 201, sale.body);
    const row = await app.deps.db.selectFrom('offer').select(['outcome', 'sale_id', 'outcome_by']).where('id', '=', salaryCard!.id!).executeTakeFirstOrThrow();
    assert.deepEqual(row, { outcome: 'accepted', sale_id: sale.json().id, outcome_by: 'teller1' });
    assert.ok(!codes((await offers(teller, payroll)).items).includes('CARD-SALARY'), 'a card held is not offered');

    // 14 days on, what was shown and left unanswered is ignored
    const open = first.items.slice(2).map((o) => o.id!);
    now = new Date(now.getTime() + 13 * 86_400_000);
    assert.equal(await ignoreStaleOffers(app.deps), 0);
    now = new Date(now.getTime() + 2 * 86_400_000);
    assert.ok((await ignoreStaleOffers(app.deps)) >= open.length);
    const outcomes = await app.deps.db.selectFrom('offer').select('outcome').where('id', 'in', open).execute();
    assert.ok(outcomes.every((o) => o.outcome === 'ignored'));

    rm = await loginAs(app.http, 'rm');
    const report = (await rm.get(`/api/v1/offer-reports?from=${chinaDate(new Date(now.getTime() - 30 * 86_400_000))}`)).json();
    const line = report.byProduct.find((l: { key: string }) => l.key === 'CARD-SALARY');
    assert.deepEqual([line.shown, line.accepted, line.conversion], [1, 1, 1]);
    assert.equal(report.byChannel.find((l: { key: string }) => l.key === 'counter').declined, 1);
    assert.ok(report.byTier.length >= 1);
  });

  it('learns from outcomes: after training on history where payroll customers take the loan, its salary weight is positive and the loan leads', async () => {
    const loanOf = async (id: string) => (await everything(id)).find((o) => o.product.code === 'LOAN-CONSUMER')!;
    const before = await loanOf(payroll);
    const plainBefore = await loanOf(plain);
    assert.equal(before.method, 'rules');
    // given sixty past offers of the loan: payroll customers accepted 24 of 30, others 3 of 30
    const unit = (await app.deps.db.selectFrom('customer').select('unit_id').where('id', '=', payroll).executeTakeFirstOrThrow()).unit_id;
    const day = (i: number) => chinaDate(new Date(now.getTime() - (100 + i) * 86_400_000));
    const history = Array.from({ length: 60 }, (_, i) => {
      const salary = i < 30;
      const accepted = salary ? i < 24 : i < 33;
      const shownAt = new Date(now.getTime() - (100 + i) * 86_400_000);
      return { id: `hist-${i}`, customer_id: salary ? payroll : plain, product_code: 'LOAN-CONSUMER', channel: 'counter' as const, day: day(i), shown_at: shownAt, shown_by: 'rm', unit_id: unit, tier: 'standard', rank: 1, score: '0.2000', method: 'rules' as const, model_version: null, reasons: '[]', features: JSON.stringify(salary ? ['salary'] : []), outcome: accepted ? ('accepted' as const) : ('declined' as const), outcome_at: shownAt, outcome_by: 'rm', sale_id: null };
    });
    await app.deps.db.insertInto('offer').values(history).execute();
    assert.equal(problem(await rm.post('/api/v1/offer-models/train')).status, 403, 'a relationship manager does not train the model');
    const ops = await loginAs(app.http, 'ops');
    const trained = await ops.post('/api/v1/offer-models/train');
    assert.equal(trained.statusCode, 201, trained.body);
    const models = (await rm.get('/api/v1/offer-models')).json();
    assert.equal(models.current.version, trained.json().version);
    const loan = models.current.products.find((p: { code: string }) => p.code === 'LOAN-CONSUMER');
    assert.equal(loan.method, 'model');
    const salary = loan.coefficients.find((c: { feature: string }) => c.feature === 'salary');
    assert.ok(salary.weight > 0.5, JSON.stringify(salary));
    assert.equal(salary.zh, '持有代发工资账户');

    const after = await everything(payroll);
    assert.equal(after[0]!.product.code, 'LOAN-CONSUMER');
    assert.equal(after[0]!.method, 'model');
    assert.equal(after[0]!.reasons[0]!.code, 'salary');
    assert.match(after[0]!.reasons[0]!.zh, /^持有代发工资账户（\+\d\.\d）$/);
    assert.ok(after[0]!.score > before.score + 0.2, `${before.score} → ${after[0]!.score}`);
    // the customer without payroll: the loan falls
    const plainAfter = await loanOf(plain);
    assert.ok(plainAfter.score < plainBefore.score && plainAfter.rank > 1, `${plainBefore.score} → ${plainAfter.score}`);
    // the same history trains the same coefficients
    const again = (await ops.post('/api/v1/offer-models/train')).json();
    assert.deepEqual(again.products, trained.json().products);
  });

  it('keeps staff to their branches and roles, and the customer to their own offers', async () => {
    teller = await loginAs(app.http, 'teller1');
    const shanghai = await loginAs(app.http, 'teller2');
    assert.equal(problem(await shanghai.get(`/api/v1/customers/${payroll}/offers`)).status, 403);
    const shown = await offers(teller, plain, 'counter');
    const id = shown.items[0]!.id!;
    assert.equal(problem(await shanghai.post(`/api/v1/offers/${id}/outcome`, { outcome: 'declined' })).status, 403);
    assert.equal(problem(await (await loginAs(app.http, 'auditor')).post(`/api/v1/offers/${id}/outcome`, { outcome: 'declined' })).status, 403, 'reading is not selling');
    // the customer in the portal: their own offers, recorded as shown by the customer; not another's
    const own = await offersForCustomer(app.deps, { kind: 'customer', customerId: payroll, ctx: systemContext() }, 'portal');
    assert.ok(own.items.length > 0 && own.customerName === null);
    const row = await app.deps.db.selectFrom('offer').select(['shown_by', 'channel']).where('id', '=', own.items[0]!.id!).executeTakeFirstOrThrow();
    assert.deepEqual(row, { shown_by: 'customer', channel: 'portal' });
    const notTheirs = await recordOutcome(app.deps, { kind: 'customer', customerId: payroll, ctx: systemContext() }, id, 'declined').catch((e: { code?: string }) => e.code);
    assert.equal(notTheirs, 'not_found');
  });

  it('refuses bad input with the field at fault', async () => {
    const cases: [Promise<import('light-my-request').Response>, number, string][] = [
      [rm.get(`/api/v1/customers/${plain}/offers?channel=fax`), 400, 'querystring:/channel'],
      [rm.get(`/api/v1/customers/${plain}/offers?channel=portal`), 400, 'querystring:/channel'],
      [rm.post('/api/v1/offers/nope/outcome', { outcome: 'maybe' }), 400, '/outcome'],
      [rm.post('/api/v1/offers/nope/outcome', { outcome: 'accepted' }), 400, '/outcome'],
      [rm.get('/api/v1/offer-reports?from=2026-12-10&to=2026-12-01'), 400, 'querystring:/from'],
      [rm.get('/api/v1/offer-reports?from=12/01/2026'), 400, 'querystring:/from'],
    ];
    for (const [response, status, field] of cases) {
      const p = problem(await response);
      assert.deepEqual([p.status, p.errors?.[0]?.field], [status, field], JSON.stringify(p));
    }
    assert.equal(problem(await rm.get('/api/v1/customers/no-such/offers')).status, 404);
    assert.equal(problem(await rm.post('/api/v1/offers/no-such/outcome', { outcome: 'declined' })).status, 404);
    assert.equal(problem(await rm.get('/api/v1/offer-models?version=999')).status, 404);
  });
});
