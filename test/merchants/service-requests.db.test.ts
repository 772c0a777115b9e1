import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { register } from './support.ts';

// Service standards by merchant tier (服务标准): a request's response and resolution clocks come
// from the merchant's tier and the kind of request, counted in working time where the standard says.

await describeEachDatabase('Merchant service requests', (kind) => {
  let app: TestApp;
  let manager: Client;
  let now = new Date('2026-11-27T08:00:00Z'); // Friday 16:00 in Beijing
  let key: { id: string; code: string };
  let ordinary: { id: string; code: string };
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => now);
    manager = await loginAs(app.http, 'merchant');
    key = await register(manager, 501, { tier: 'key' });
    ordinary = await register(manager, 502);
    // both taken on already (onboarding is tested on its own): requests come from merchants the bank acquires for
    await app.deps.db.updateTable('merchant').set({ status: 'active' }).where('id', 'in', [key.id, ordinary.id]).execute();
  });
  after(async () => app?.stop());
  /** Moves the clock, signing in again (a session lasts a working day). */
  const at = async (iso: string) => {
    now = new Date(iso);
    manager = await loginAs(app.http, 'merchant');
  };

  it('sets a key merchant’s terminal fault to be answered within the hour and fixed in 8 working hours, over the weekend', async () => {
    const standards = (await manager.get('/api/v1/merchant-service-standards')).json().items;
    assert.equal(standards.length, 15, 'five kinds of request for three tiers');
    const opened = await manager.post('/api/v1/merchant-requests', { merchantId: key.code, kind: 'terminal_fault', channel: 'phone', description: '收银台 POS 无法刷卡' });
    assert.equal(opened.statusCode, 201, opened.body);
    const r = opened.json();
    assert.match(r.ref, /^MR20261127-\d{6}$/);
    assert.deepEqual([r.responseDue, r.resolutionDue], ['2026-11-27T09:00:00.000Z', '2026-11-30T08:00:00.000Z'], 'answer by 17:00 Friday; fixed by 16:00 Monday: one hour on Friday, seven on Monday');
    assert.deepEqual([r.response.state, r.resolution.state], ['on_track', 'on_track']);
  });

  it('gives an ordinary merchant’s paper roll a working day to answer and three to deliver; answered, then late, then resolved', async () => {
    const r = (await manager.post('/api/v1/merchant-requests', { merchantId: ordinary.id, kind: 'paper_roll', channel: 'app', description: '需要打印纸 10 卷' })).json();
    assert.deepEqual([r.responseDue, r.resolutionDue], ['2026-11-30T08:00:00.000Z', '2026-12-02T08:00:00.000Z']);
    await at('2026-11-30T02:00:00Z'); // Monday 10:00
    const answered = (await manager.post(`/api/v1/merchant-requests/${r.ref}/respond`, { note: '已安排周三配送' })).json();
    assert.deepEqual([answered.status, answered.response.met, answered.response.by], ['responded', true, 'merchant']);
    assert.equal(problem(await manager.post(`/api/v1/merchant-requests/${r.ref}/respond`, { note: '再次响应' })).status, 409);
    await at('2026-12-02T06:30:00Z'); // Wednesday 14:30: 90% of the three working days
    assert.deepEqual((await manager.get('/api/v1/merchant-requests?clock=at_risk')).json().items.map((i: { ref: string }) => i.ref), [r.ref]);
    await at('2026-12-03T02:00:00Z'); // Thursday: late
    const late = (await manager.get('/api/v1/merchant-requests?clock=breached')).json().items;
    assert.ok(late.some((i: { ref: string }) => i.ref === r.ref));
    const resolved = (await manager.post(`/api/v1/merchant-requests/${r.id}/resolve`, { note: '已送达 10 卷打印纸' })).json();
    assert.deepEqual([resolved.status, resolved.resolution.met, resolved.resolution.state], ['resolved', false, 'breached']);
    assert.equal((await manager.get('/api/v1/merchant-requests?status=active')).json().items.some((i: { ref: string }) => i.ref === r.ref), false);
  });

  it('refuses bad requests and standards by field, and keeps requests within branch scope', async () => {
    assert.equal(problem(await manager.post('/api/v1/merchant-requests', { merchantId: key.id, kind: 'coffee', channel: 'phone', description: '咖啡' })).errors?.[0]?.field, '/kind');
    const unknown = problem(await manager.post('/api/v1/merchant-requests', { merchantId: 'MCH999999', kind: 'training', channel: 'phone', description: '培训' }));
    assert.deepEqual([unknown.status, unknown.errors?.[0]?.field], [400, '/merchantId']);
    const applying = await register(manager, 503);
    const notYet = problem(await manager.post('/api/v1/merchant-requests', { merchantId: applying.code, kind: 'training', channel: 'phone', description: '培训' }));
    assert.equal(notYet.errors?.[0]?.field, '/merchantId');
    assert.match(notYet.errors?.[0]?.message ?? '', /applying/);
    const listed = (await manager.get(`/api/v1/merchant-requests?merchant=${key.code.toLowerCase()}&limit=1`)).json();
    assert.ok(listed.total >= 1 && listed.items.length === 1 && listed.items[0].merchant.code === key.code, JSON.stringify(listed));
    const risk = await loginAs(app.http, 'risk');
    const bad = problem(await risk.put('/api/v1/merchant-service-standards', { standards: [{ tier: 'key', kind: 'training', response: { amount: 5, unit: 'workingDays' }, resolution: { amount: 2, unit: 'workingDays' } }] }));
    assert.equal(bad.errors?.[0]?.field, '/standards/0/resolution');
    assert.equal(problem(await manager.put('/api/v1/merchant-service-standards', { standards: [{ tier: 'key', kind: 'training', response: { amount: 1, unit: 'workingDays' }, resolution: { amount: 2, unit: 'workingDays' } }] })).status, 403);
    const changed = await risk.put('/api/v1/merchant-service-standards', { standards: [{ tier: 'key', kind: 'training', response: { amount: 1, unit: 'workingDays' }, resolution: { amount: 2, unit: 'workingDays' } }] });
    assert.equal(changed.statusCode, 200, changed.body);
    const branchManager = await loginAs(app.http, 'branchmgr');
    assert.deepEqual((await branchManager.get('/api/v1/merchant-requests')).json().items, [], 'the region’s merchants are not the branch’s');
    assert.equal(problem(await (await loginAs(app.http, 'teller1')).get('/api/v1/merchant-requests')).status, 403);
  });
});
