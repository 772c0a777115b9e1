import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';

// The product catalogue (产品目录): kinds and risk levels, eligibility decisions that must exist,
// changes by version, withdrawal; operations manage it, the branches read it.

await describeEachDatabase('Product catalogue', (kind) => {
  let app: TestApp;
  let ops: Client;
  before(async () => {
    app = await startTestApp(kind);
    ops = await loginAs(app.http, 'ops');
  });
  after(async () => app?.stop());

  it('ships a demo catalogue of every kind and risk level, filtered by kind, risk, status and search', async () => {
    const teller = await loginAs(app.http, 'teller1');
    const all = (await teller.get('/api/v1/products?limit=100')).json();
    assert.ok(all.total >= 15, String(all.total));
    assert.deepEqual(new Set(all.items.map((p: { kind: string }) => p.kind)), new Set(['deposit', 'wealth', 'card', 'loan', 'insurance']));
    assert.deepEqual(new Set(all.items.map((p: { risk: string }) => p.risk)), new Set(['R1', 'R2', 'R3', 'R4', 'R5']));
    assert.deepEqual((await teller.get('/api/v1/products?kind=wealth&risk=4')).json().items.map((p: { code: string }) => p.code), ['WM-EQUITY']);
    assert.deepEqual((await teller.get('/api/v1/products?status=withdrawn')).json().items.map((p: { code: string }) => p.code), ['WM-2025-A']);
    assert.deepEqual((await teller.get(`/api/v1/products?q=${encodeURIComponent('大额存单')}`)).json().items.map((p: { code: string }) => p.code), ['DEP-LDC-3Y']);
    const ldc = (await teller.get('/api/v1/products/dep-ldc-3y')).json();
    assert.deepEqual([ldc.minAmount, ldc.termMonths, ldc.rateText], ['200000.00', 36, '2.15%']);
    assert.equal(problem(await teller.get('/api/v1/products?kind=shares')).errors?.[0]?.field, 'querystring:/kind');
  });

  it('adds a product with an exact minimum, refusing a duplicate code and a decision that is not deployed', async () => {
    const body = { code: 'WM-GREEN-2Y', kind: 'wealth', nameZh: '绿色债券两年期', nameEn: 'Green bonds, 2 years', riskLevel: 2, minAmount: '10000.1', termMonths: 24, rateText: '3.20%', eligibility: 'productEligibility' };
    const created = await ops.post('/api/v1/products', body);
    assert.equal(created.statusCode, 201, created.body);
    assert.deepEqual([created.json().minAmount, created.json().status, created.json().version, created.json().risk], ['10000.10', 'active', 1, 'R2']);
    assert.deepEqual([problem(await ops.post('/api/v1/products', body)).status, problem(await ops.post('/api/v1/products', body)).errors?.[0]?.field], [409, '/code']);
    const noDecision = problem(await ops.post('/api/v1/products', { ...body, code: 'WM-GREEN-3Y', eligibility: 'greenEligibility' }));
    assert.deepEqual([noDecision.status, noDecision.errors?.[0]?.field], [400, '/eligibility']);
    assert.equal(problem(await ops.post('/api/v1/products', { ...body, code: 'WM-GREEN-3Y', riskLevel: 6 })).errors?.[0]?.field, '/riskLevel');
    assert.equal(problem(await ops.post('/api/v1/products', { ...body, code: 'wm green' })).errors?.[0]?.field, '/code');
    assert.equal(problem(await ops.post('/api/v1/products', { ...body, code: 'WM-GREEN-3Y', minAmount: 10000 })).errors?.[0]?.field, '/minAmount', 'amounts are decimal text, never numbers');
  });

  it('changes a product by version (a stale version conflicts), withdraws it, and audits before and after', async () => {
    const p = (await ops.get('/api/v1/products/WM-GREEN-2Y')).json();
    const changed = await ops.patch('/api/v1/products/WM-GREEN-2Y', { version: p.version, riskLevel: 3, rateText: '3.40%' });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.deepEqual([changed.json().risk, changed.json().rateText, changed.json().version], ['R3', '3.40%', 2]);
    assert.equal(problem(await ops.patch('/api/v1/products/WM-GREEN-2Y', { version: p.version, riskLevel: 1 })).status, 409);
    const withdrawn = await ops.patch('/api/v1/products/WM-GREEN-2Y', { version: 2, status: 'withdrawn' });
    assert.equal(withdrawn.json().status, 'withdrawn');
    const auditor = await loginAs(app.http, 'auditor');
    const trail = (await auditor.get('/api/v1/audit?entityType=product&entityId=WM-GREEN-2Y')).json().items as { action: string; actorName: string; before: unknown; after: unknown }[];
    assert.deepEqual(trail.map((e) => e.action), ['product.withdraw', 'product.change', 'product.create']);
    assert.deepEqual([trail[1]!.actorName, trail[1]!.before, trail[1]!.after], ['ops', { riskLevel: 2, rateText: '3.20%' }, { riskLevel: 3, rateText: '3.40%' }]);
  });

  it('lets operations manage the catalogue; tellers, managers and auditors only read it; merchant managers not at all', async () => {
    const change = { code: 'DEP-6M', kind: 'deposit', nameZh: '六个月定期存款', nameEn: '6-month time deposit', riskLevel: 1 };
    for (const username of ['teller1', 'branchmgr', 'rm', 'auditor']) {
      const c = await loginAs(app.http, username);
      assert.equal((await c.get('/api/v1/products')).statusCode, 200, username);
      assert.equal(problem(await c.post('/api/v1/products', change)).status, 403, username);
    }
    assert.equal(problem(await (await loginAs(app.http, 'merchant')).get('/api/v1/products')).status, 403);
  });
});
