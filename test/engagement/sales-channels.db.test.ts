import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { systemContext, type RequestContext } from '../../src/platform/access/actor.ts';
import { DomainError } from '../../src/platform/errors.ts';
import { recordAssessment } from '../../src/engagement/suitability/risk-assessment.service.ts';
import { sellProduct, UnsuitableSale } from '../../src/engagement/products/sale.service.ts';
import type { Principal } from '../../src/engagement/principal.ts';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { ANSWERS, assess, newCustomer } from './product-support.ts';

// One guard for every channel: the counter and phone through the staff API, the customer's portal
// and mobile app, an accepted offer and a bulk run all go through sellProduct, and an unsuitable
// product is refused — and recorded — in each. Scope: staff reach only their branches' customers.

await describeEachDatabase('Sales in every channel', (kind) => {
  let app: TestApp;
  let rm: Client;
  let cautious: string; // C2, Haidian
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => new Date('2026-12-01T02:00:00Z'));
    rm = await loginAs(app.http, 'rm');
    cautious = await newCustomer(rm, '19820412', '渠道客户');
    await assess(rm, cautious, 'C2');
  });
  after(async () => app?.stop());

  /** The customer themselves, verified in the portal or the app (the session is the portal's to give). */
  const customer = (customerId: string): Principal => ({ kind: 'customer', customerId, ctx: systemContext() });
  /** A staff principal as a bulk job acting for the relationship manager would carry it. */
  const rmPrincipal = async (): Promise<Principal> => {
    const u = await app.deps.db.selectFrom('app_user as u').innerJoin('org_unit as o', 'o.id', 'u.unit_id').select(['u.id', 'u.unit_id', 'o.path']).where('u.username', '=', 'rm').executeTakeFirstOrThrow();
    const ctx: RequestContext = { ...systemContext(), actor: { userId: u.id, username: 'rm', displayName: 'rm', unitId: u.unit_id, unitPath: u.path, roles: ['relationship_manager'], permissions: new Map([['product.sell', 'unit'], ['product.read', 'unit']]), sessionTokenHash: '' } };
    return { kind: 'staff', ctx };
  };
  const refusedBy = async (attempt: Promise<unknown>): Promise<string[]> => {
    const error = await attempt.then(() => null, (e: unknown) => e);
    assert.ok(error instanceof UnsuitableSale, `expected an unsuitable sale, got ${String(error)}`);
    return error.reasons.map((r) => r.code);
  };

  it('refuses an R4 product to a C2 customer at the counter, by phone, in the portal, the app, from an offer and in bulk, recording each', async () => {
    const sale = { customerId: cautious, productCode: 'WM-EQUITY', amount: '20000.00' };
    // staff API: counter, phone, an offer, and the raw API with a lower-case code
    for (const body of [{ ...sale, channel: 'counter' }, { ...sale, channel: 'phone' }, { ...sale, channel: 'counter', offerId: 'offer-42' }, { ...sale, productCode: 'wm-equity', channel: 'phone' }]) {
      const refused = problem(await rm.post('/api/v1/product-sales', body));
      assert.deepEqual([refused.status, refused.errors?.[0]?.field, refused.reasonCodes], [422, '/productCode', ['risk_above_tolerance']], JSON.stringify(body));
      assert.match(String(refused.refusalId), /^[0-9a-f-]{36}$/, 'the refusal on record is named');
    }
    // the customer's own channels, and an offer accepted in the app
    assert.deepEqual(await refusedBy(sellProduct(app.deps, customer(cautious), { ...sale, channel: 'portal' })), ['risk_above_tolerance']);
    assert.deepEqual(await refusedBy(sellProduct(app.deps, customer(cautious), { ...sale, channel: 'mobile', offerId: 'offer-43' })), ['risk_above_tolerance']);
    // a bulk run for several customers: each judged on their own
    const bold = await newCustomer(rm, '19830303', '渠道客户');
    await assess(rm, bold, 'C4');
    const staff = await rmPrincipal();
    const outcomes = [];
    for (const customerId of [cautious, bold]) {
      outcomes.push(await sellProduct(app.deps, staff, { ...sale, customerId, channel: 'counter' }).then((s) => s.customerLevel, (e: unknown) => (e instanceof UnsuitableSale ? 'refused' : e)));
    }
    assert.deepEqual(outcomes, ['refused', 'C4']);

    const refusals = (await rm.get(`/api/v1/suitability-refusals?customer=${cautious}`)).json();
    assert.equal(refusals.total, 7);
    assert.deepEqual(refusals.items.map((r: { channel: string }) => r.channel).sort(), ['counter', 'counter', 'counter', 'mobile', 'phone', 'phone', 'portal']);
    assert.deepEqual(refusals.items.map((r: { offerId: string | null }) => r.offerId).filter(Boolean).sort(), ['offer-42', 'offer-43']);
    assert.ok(refusals.items.every((r: { productCode: string; reasons: { code: string }[]; customerName: string }) => r.productCode === 'WM-EQUITY' && r.reasons[0]?.code === 'risk_above_tolerance' && r.customerName.includes('*')));
    assert.deepEqual(new Set(refusals.items.map((r: { attemptedBy: string }) => r.attemptedBy)), new Set(['rm', 'customer']));
    assert.equal((await rm.get(`/api/v1/customers/${cautious}/holdings`)).json().items.length, 0, 'no refused sale opened a holding');
  });

  it('sells what suits in the customer’s own channel, and keeps each principal to its channels and to themselves', async () => {
    const sold = await sellProduct(app.deps, customer(cautious), { customerId: cautious, productCode: 'WM-BOND-180', amount: '10000', channel: 'mobile' });
    assert.deepEqual([sold.soldBy, sold.channel, sold.customerLevel, sold.amount], ['customer', 'mobile', 'C2', '10000.00']);
    const other = await newCustomer(rm, '19840404');
    const notThem = await sellProduct(app.deps, customer(cautious), { customerId: other, productCode: 'DEP-1Y', amount: '100', channel: 'portal' }).catch((e: unknown) => e);
    assert.ok(notThem instanceof DomainError && notThem.code === 'forbidden', String(notThem));
    const atCounter = await sellProduct(app.deps, customer(cautious), { customerId: cautious, productCode: 'DEP-1Y', amount: '100', channel: 'counter' }).catch((e: unknown) => e);
    assert.ok(atCounter instanceof DomainError && atCounter.options.errors?.[0]?.field === '/channel');
    assert.equal(problem(await rm.post('/api/v1/product-sales', { customerId: cautious, productCode: 'DEP-1Y', amount: '100', channel: 'portal' })).errors?.[0]?.field, '/channel', 'staff cannot record a sale as the portal');
    // the customer's own assessment, through the same function as the counter's
    const own = await recordAssessment(app.deps, customer(other), other, { questionnaireVersion: 1, answers: ANSWERS.C3, channel: 'portal' });
    assert.deepEqual([own.level, own.assessedBy, own.channel], ['C3', 'customer', 'portal']);
  });

  it('audits every sale and refusal, and the assessment, against the customer and their branch', async () => {
    const auditor = await loginAs(app.http, 'auditor');
    const entries = (await auditor.get(`/api/v1/audit?entityType=customer&entityId=${cautious}&limit=100`)).json().items as { action: string; actorName: string | null; after: Record<string, unknown> }[];
    const count = (action: string) => entries.filter((e) => e.action === action).length;
    assert.deepEqual([count('risk_assessment.create'), count('product_sale.refused'), count('product_sale.create')], [1, 7, 1]);
    const refusal = entries.find((e) => e.action === 'product_sale.refused' && e.after.channel === 'portal')!;
    assert.deepEqual([refusal.actorName, refusal.after.reasons], ['customer', ['risk_above_tolerance']]);
    assert.equal(entries.find((e) => e.action === 'risk_assessment.create')?.after.level, 'C2');
  });

  it('keeps a teller of another branch away from the customer: no sale, no assessment, no reading; the refusals list stays within branches', async () => {
    const shanghai = await loginAs(app.http, 'teller2');
    assert.equal(problem(await shanghai.post('/api/v1/product-sales', { customerId: cautious, productCode: 'DEP-1Y', amount: '100', channel: 'counter' })).status, 403);
    assert.equal(problem(await shanghai.post(`/api/v1/customers/${cautious}/risk-assessments`, { questionnaireVersion: 1, answers: ANSWERS.C5, channel: 'counter' })).status, 403);
    for (const path of ['suitability?product=DEP-1Y', 'suitable-products', 'holdings', 'risk-assessments']) {
      assert.equal(problem(await shanghai.get(`/api/v1/customers/${cautious}/${path}`)).status, 403, path);
    }
    assert.equal((await shanghai.get(`/api/v1/suitability-refusals?customer=${cautious}`)).json().total, 0);
    const haidianTeller = await loginAs(app.http, 'teller1');
    assert.equal((await haidianTeller.post('/api/v1/product-sales', { customerId: cautious, productCode: 'DEP-1Y', amount: '100', channel: 'counter' })).statusCode, 201, 'a teller of the branch sells');
    const branchManager = await loginAs(app.http, 'branchmgr');
    assert.equal((await branchManager.get(`/api/v1/customers/${cautious}/holdings`)).statusCode, 200);
    assert.equal(problem(await branchManager.post('/api/v1/product-sales', { customerId: cautious, productCode: 'DEP-1Y', amount: '100', channel: 'counter' })).status, 403, 'reading is not selling');
  });
});
