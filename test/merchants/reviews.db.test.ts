import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { settle, work } from '../services/support.ts';
import { register } from './support.ts';

// Periodic re-review (定期复查) through the API: the months between reviews by rating are the bank's
// configuration; the sweep starts one review per merchant as it comes due; the review's inspection
// re-runs the rating and sets the next review; reviews past their due date are reported.

type Merchant = { id: string; code: string };
type Status = 'active' | 'restricted' | 'suspended' | 'terminated';

await describeEachDatabase('Merchant periodic re-review', (kind) => {
  let app: TestApp;
  let now = new Date('2026-11-28T02:00:00Z'); // a Saturday: 2026-11-28 in China
  let manager: Client;
  let risk: Client;
  let serial = 600;
  const merchants: Record<string, Merchant> = {};
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => now);
    manager = await loginAs(app.http, 'merchant');
    risk = await loginAs(app.http, 'risk');
  });
  after(async () => app?.stop());

  /** A merchant onboarding rated low (good credit, six years, 3 million a year), now in `status`, next review on `nextReviewOn`. */
  async function merchant(status: Status, nextReviewOn: string | null): Promise<Merchant> {
    const m: Merchant = await register(manager, ++serial, { unitCode: 'BJ-HD' });
    await app.deps.db.updateTable('merchant').set({ status, risk_rating: 'low', next_review_on: nextReviewOn }).where('id', '=', m.id).execute();
    const inputs = { mcc: '5411', region: '110108', scale: 'small', merchantKind: 'store', annualRevenue: 3_000_000, yearsInBusiness: 6, creditRecord: 'good', inspectionFindings: 'none', listHits: 0 };
    await app.deps.db.insertInto('merchant_rating').values({ id: app.deps.newId(), merchant_id: m.id, rating: 'low', reason: 'onboarding', inputs: JSON.stringify(inputs), decided_by: null, decided_at: new Date('2025-11-28T02:00:00Z') }).execute();
    return m;
  }
  const reviewsOf = async (m: Merchant, client = manager) => (await client.get(`/api/v1/merchant-reviews?merchant=${m.code}`)).json().items;
  const overdue = async (client = manager) => (await client.get('/api/v1/merchant-reviews?overdue=true')).json();
  const INSPECTION = { inspectionFindings: 'minor', addressConfirmed: true, inspectionChecklist: { signage: true, premises: true }, inspectionPhotos: 3, inspectionLocation: '39.98,116.31', inspectionNote: '收银台旁张贴的收费标准未更新' };

  it('keeps the months between re-reviews as configuration: the defaults by rating, changed by risk management, a riskier rating never less often', async () => {
    assert.deepEqual((await manager.get('/api/v1/merchant-review-settings')).json().months, { high: 3, medium: 6, low: 12 });
    assert.equal(problem(await manager.put('/api/v1/merchant-review-settings', { high: 2, medium: 4, low: 12 })).status, 403);
    assert.deepEqual(problem(await risk.put('/api/v1/merchant-review-settings', { high: 6, medium: 3, low: 12 })).errors?.map((e) => e.field), ['/high']);
    assert.deepEqual(problem(await risk.put('/api/v1/merchant-review-settings', { high: 0, medium: 3, low: 12 })).errors?.map((e) => e.field), ['/high']);
    const zh = await loginAs(app.http, 'risk', undefined, 'zh-CN');
    assert.match(problem(await zh.put('/api/v1/merchant-review-settings', { high: 3, medium: 13, low: 12 })).errors![0]!.message, /中风险/);
    const changed = await risk.put('/api/v1/merchant-review-settings', { high: 2, medium: 4, low: 12 });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.deepEqual([changed.json().months, changed.json().updatedBy], [{ high: 2, medium: 4, low: 12 }, 'risk']);
    const auditor = await loginAs(app.http, 'auditor');
    assert.deepEqual((await auditor.get('/api/v1/audit?entityType=merchant_review_setting')).json().items.map((e: { action: string; after: unknown }) => [e.action, e.after]), [['merchant.review_settings.update', { high: 2, medium: 4, low: 12 }]]);
  });

  it('starts one review for each active or restricted merchant whose re-review has come, and none twice', async () => {
    merchants.dueToday = await merchant('active', '2026-11-28');
    merchants.pastDue = await merchant('restricted', '2026-10-15');
    merchants.notYet = await merchant('active', '2026-11-29');
    merchants.suspended = await merchant('suspended', '2026-10-01');
    merchants.terminated = await merchant('terminated', '2026-10-01');
    // two sweeps at once, as two nodes would run them, then a third
    await Promise.all([app.merchants.tick(), app.merchants.tick()]);
    await app.merchants.tick();
    const started = Object.fromEntries(await Promise.all(Object.entries(merchants).map(async ([name, m]) => [name, (await reviewsOf(m)).map((r: { status: string; dueOn: string }) => [r.status, r.dueOn])])));
    assert.deepEqual(started, { dueToday: [['in_progress', '2026-11-28']], pastDue: [['in_progress', '2026-10-15']], notYet: [], suspended: [], terminated: [] });
    const [review] = await reviewsOf(merchants.dueToday!);
    const task = (await manager.get(`/api/v1/tasks/${review.inspection.taskId}`)).json();
    assert.deepEqual([task.elementId, task.candidateGroups, task.businessKey], ['inspection', ['merchant_manager'], merchants.dueToday!.code]);
    assert.ok(task.dueAt > '2026-12-10', `ten working days to inspect (due ${task.dueAt})`);
  });

  it('records the review: the rating run again on what the inspection found, the next review by the months configured for it', async () => {
    const m = merchants.dueToday!;
    const [review] = await reviewsOf(m);
    const bad = problem(await work(manager, review.inspection.taskId, { ...INSPECTION, inspectionFindings: 'some', addressConfirmed: 'yes' }));
    assert.deepEqual(bad.errors?.map((e) => e.field), ['/variables/inspectionFindings', '/variables/addressConfirmed']);
    const done = await manager.post(`/api/v1/tasks/${review.inspection.taskId}/complete`, { variables: INSPECTION });
    assert.equal(done.statusCode, 200, done.body);
    await settle(app);
    const view = (await manager.get(`/api/v1/merchants/${m.id}`)).json();
    assert.deepEqual([view.merchant.riskRating, view.merchant.nextReviewOn], ['medium', '2027-03-28'], 'minor findings rate medium: reviewed again in 4 months, as configured');
    assert.deepEqual([view.ratings[0].rating, view.ratings[0].reason, view.ratings[0].decidedBy, view.ratings[0].inputs.creditRecord], ['medium', 'periodic_review', 'merchant', 'good']);
    const [recorded] = await reviewsOf(m);
    assert.deepEqual([recorded.status, recorded.ratingBefore, recorded.ratingAfter, recorded.nextReviewOn, recorded.completedBy, recorded.inspection], ['completed', 'low', 'medium', '2027-03-28', 'merchant', null]);
    await app.merchants.tick();
    assert.equal((await reviewsOf(m)).length, 1, 'not due again until March');
  });

  it('reports reviews past their due date: an inspection past its task’s due date, a review date passed with none running', async () => {
    assert.deepEqual((await overdue()).items.filter((i: { merchant: { code: string } }) => Object.values(merchants).some((m) => m.code === i.merchant.code)), [], 'nothing overdue yet');
    now = new Date('2026-12-28T02:00:00Z');
    manager = await loginAs(app.http, 'merchant'); // a month on, the session has ended
    merchants.missed = await merchant('active', '2026-12-01');
    const report = await overdue();
    const mine = report.items.filter((i: { merchant: { code: string } }) => Object.values(merchants).some((m) => m.code === i.merchant.code));
    assert.deepEqual(mine.map((i: { reason: string; merchant: { code: string } }) => [i.reason, i.merchant.code]), [
      ['not_started', merchants.notYet!.code],
      ['not_started', merchants.missed.code],
      ['inspection_overdue', merchants.pastDue!.code],
    ], 'the longest overdue first; the merchant not due a month ago is now, and no sweep has run');
    const [, missed, late] = mine;
    assert.deepEqual([missed.dueOn, missed.daysOverdue, missed.reviewId, missed.inspection], ['2026-12-01', 27, null, null]);
    assert.equal(late.dueOn, late.inspection.dueAt.slice(0, 10), 'an inspection is overdue from its task’s due date');
    assert.ok(late.dueOn > '2026-12-01' && late.daysOverdue > 0 && late.reviewId, JSON.stringify(late));
    assert.ok(report.total >= 2);
    const one = (await manager.get(`/api/v1/merchant-reviews?overdue=true&merchant=${merchants.missed.code.toLowerCase()}`)).json();
    assert.deepEqual([one.total, one.items.map((i: { merchant: { code: string } }) => i.merchant.code)], [1, [merchants.missed.code]], 'the report of one merchant');
    const auditor = await loginAs(app.http, 'auditor');
    assert.equal((await overdue(auditor)).total, report.total, 'head office sees every branch');
    assert.equal(problem(await (await loginAs(app.http, 'teller1')).get('/api/v1/merchant-reviews?overdue=true')).status, 403);
    // the sweep catches up: the missed merchant's review starts, its inspection not yet due
    await app.merchants.tick();
    const after = (await overdue()).items.map((i: { merchant: { code: string }; reason: string }) => [i.merchant.code, i.reason]);
    assert.ok(!after.some(([code]: [string]) => code === merchants.missed!.code), JSON.stringify(after));
    assert.deepEqual((await reviewsOf(merchants.missed)).map((r: { status: string }) => r.status), ['in_progress']);
  });
});
