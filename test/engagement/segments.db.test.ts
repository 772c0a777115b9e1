import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { balanceRow, customerSegments, newCustomer, tierOf } from './segment-support.ts';

await describeEachDatabase('Customer segments', (kind) => {
  let app: TestApp;
  let now = new Date('2026-11-20T02:00:00Z');
  let ops: Client;
  let rm: Client;
  let exactly: string; // AUM exactly 50,000
  let below: string; // 49,999.99
  let shanghai: string; // a Shanghai customer, gold
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => now);
    ops = await loginAs(app.http, 'ops');
    rm = await loginAs(app.http, 'rm');
    exactly = await newCustomer(rm, '19800101', '林五万');
    below = await newCustomer(rm, '19800102', '林差一分');
    shanghai = await newCustomer(await loginAs(app.http, 'teller2'), '19800103', '沈上海');
  });
  after(async () => app?.stop());

  /** Moves the clock on; sessions idle that long have ended, so everyone signs in again. */
  const advanceTo = async (instant: string) => {
    now = new Date(instant);
    ops = await loginAs(app.http, 'ops');
    rm = await loginAs(app.http, 'rm');
  };

  it('puts AUM of exactly 50,000 in gold and 49,999.99 in standard, through an import that refreshes the customers it touched', async () => {
    const sent = await ops.post('/api/v1/customer-balances/rows', { rows: [balanceRow(exactly, '2026-11-19', '50000.00'), balanceRow(below, '2026-11-19', '49999.99'), balanceRow(shanghai, '2026-11-19', '80000')] });
    assert.equal(sent.statusCode, 201, sent.body);
    assert.deepEqual([sent.json().accepted, sent.json().refresh.scope, sent.json().refresh.customers], [3, 'customers', 3]);
    assert.equal(await tierOf(ops, exactly), 'gold');
    assert.equal(await tierOf(ops, below), 'standard');
    const view = await customerSegments(ops, exactly);
    assert.equal(view.facts.aum, '50000.00', 'money stays exact');
    assert.deepEqual(view.segments.map((s: { code: string }) => s.code), ['gold']);
    // the customer record carries the tier too
    assert.equal((await ops.get(`/api/v1/customers/${below}`)).json().segment, 'standard');
  });

  it('records who entered and left on a later refresh, and writes nothing when nothing changed', async () => {
    await advanceTo('2026-11-21T02:00:00Z');
    const lower = await ops.post('/api/v1/customer-balances/rows', { rows: [balanceRow(exactly, '2026-11-20', '49999.99')] });
    assert.equal(lower.statusCode, 201, lower.body);
    assert.deepEqual([lower.json().refresh.entered, lower.json().refresh.left, lower.json().refresh.tierChanges], [1, 1, 1]);
    const view = await customerSegments(ops, exactly);
    assert.equal(view.tier, 'standard');
    assert.deepEqual(view.history.map((e: { code: string; change: string }) => `${e.change} ${e.code}`).sort(), ['entered gold', 'entered standard', 'left gold'].sort());
    const [newest] = view.history;
    assert.equal(newest.at, '2026-11-21T02:00:00.000Z');

    const events = async () => (await customerSegments(ops, exactly)).history.length;
    const before = await events();
    const first = await ops.post('/api/v1/segment-runs');
    assert.equal(first.statusCode, 201, first.body);
    const again = (await ops.post('/api/v1/segment-runs')).json();
    assert.deepEqual([again.scope, again.entered, again.left, again.tierChanges], ['all', 0, 0, 0], 'a second run changes nothing');
    assert.equal(await events(), before);
    const runs = (await ops.get('/api/v1/segment-runs')).json().items;
    assert.equal(runs[0].id, again.id);
  });

  it('checks a rule when it is saved, naming the expression, in English and Chinese', async () => {
    const cases: [string, RegExp][] = [
      ['aum >=', /syntax/],
      ['balance >= 50000', /'balance' \(index 0\) is not a customer fact/],
      ['aum + 1', /must be a condition/],
      ['preferredChannel > 1', /text/],
    ];
    for (const [expression, message] of cases) {
      const refused = problem(await rm.post('/api/v1/segments', { code: 'test-bad', kind: 'group', nameZh: '测试', nameEn: 'Test', expression }));
      assert.equal(refused.status, 400, expression);
      assert.deepEqual(refused.errors?.map((e) => e.field), ['/expression']);
      assert.match(refused.errors![0]!.message, message);
    }
    const zh = await app.http.inject({ method: 'POST', url: '/api/v1/segments/dry-run', headers: { authorization: `Bearer ${rm.token}`, 'accept-language': 'zh-CN' }, payload: { expression: 'balance > 1' } });
    assert.match(problem(zh).errors![0]!.message, /不是客户画像指标/);
  });

  it('gives a live count when a rule is saved or tried; a changed rule moves members at the next refresh, with its version in the history', async () => {
    // the two Haidian customers at 49,999.99 and the Shanghai one at 80,000
    const dry = (await rm.post('/api/v1/segments/dry-run', { expression: 'aum >= 40000 and aum <= 80000' })).json();
    assert.equal(dry.count, 3, 'counted bank-wide');
    assert.equal(dry.inYourBranches, 2, 'the Haidian manager’s own branch');
    assert.ok(dry.sample.every((s: { name: string; unitCode: string }) => s.name.includes('*') && s.unitCode === 'BJ-HD'));

    const gold = (await ops.get('/api/v1/segments')).json().items.find((s: { code: string }) => s.code === 'gold');
    const changed = await rm.patch('/api/v1/segments/gold', { version: gold.version, expression: 'aum >= 40000' });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().segment.version, gold.version + 1);
    assert.ok(changed.json().dryRun.count >= 3);
    assert.equal(problem(await rm.patch('/api/v1/segments/gold', { version: gold.version, expression: 'aum >= 1' })).status, 409, 'a stale version');

    assert.equal(await tierOf(ops, below), 'standard', 'members move at the refresh, not at the save');
    await ops.post('/api/v1/segment-runs');
    assert.equal(await tierOf(ops, below), 'gold');
    const entered = (await customerSegments(ops, below)).history.find((e: { code: string; change: string }) => e.code === 'gold' && e.change === 'entered');
    assert.equal(entered.segmentVersion, gold.version + 1);
  });

  it('keeps members to the caller’s branches: lists, counts and a customer’s segments', async () => {
    const branch = await loginAs(app.http, 'branchmgr'); // Haidian
    const members = async (c: Client) => (await c.get('/api/v1/segments/gold/members?limit=500')).json().items.map((m: { customerId: string }) => m.customerId);
    assert.ok((await members(ops)).includes(shanghai));
    assert.equal((await members(branch)).includes(shanghai), false);
    assert.ok((await members(branch)).includes(below));
    const shown = (await branch.get('/api/v1/segments/gold/members')).json().items[0];
    assert.match(shown.name, /\*/, 'names masked');
    assert.equal(problem(await branch.get(`/api/v1/customers/${shanghai}/segments`)).status, 403);
    const count = async (c: Client) => (await c.get('/api/v1/segments')).json().items.find((s: { code: string }) => s.code === 'gold').members;
    assert.equal((await count(ops)) - (await count(branch)) >= 1, true, 'the Shanghai member is not counted for Haidian');
    const teller = await loginAs(app.http, 'teller1');
    assert.equal(problem(await teller.get('/api/v1/segments')).status, 403, 'tellers do not see segments');
    assert.equal(problem(await branch.post('/api/v1/segment-runs')).status, 403, 'branch managers read, they do not refresh');
  });

  it('refuses a tier of a rank another tier holds, on /rank; a new tier becomes a customer tier', async () => {
    const clash = problem(await rm.post('/api/v1/segments', { code: 'diamond', kind: 'tier', nameZh: '钻石', nameEn: 'Diamond', expression: 'aum >= 2000000', rank: 20 }));
    assert.deepEqual(clash.errors?.map((e) => e.field), ['/rank']);
    const created = await rm.post('/api/v1/segments', { code: 'diamond', kind: 'tier', nameZh: '钻石', nameEn: 'Diamond', expression: 'aum >= 2000000', rank: 25 });
    assert.equal(created.statusCode, 201, created.body);
    assert.ok((await ops.get('/api/v1/customer-segments')).json().items.some((s: { code: string }) => s.code === 'diamond'));
    const audit = await (await loginAs(app.http, 'admin')).get('/api/v1/audit?limit=50');
    assert.ok(audit.json().items.some((e: { action: string; entityId: string }) => e.action === 'segment.create' && e.entityId === 'diamond'));
  });
});
