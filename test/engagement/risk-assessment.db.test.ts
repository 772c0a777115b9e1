import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { anonymous, loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { usccCheckChar } from '../../src/platform/pii/index.ts';
import { ANSWERS, newCustomer } from './product-support.ts';

// Risk tolerance (风险承受能力评估): a versioned questionnaire, answers scored into C1–C5, valid for
// the questionnaire's months; every answer checked by field; each submission a new assessment.

await describeEachDatabase('Risk-tolerance assessment', (kind) => {
  let app: TestApp;
  let rm: Client;
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => new Date('2026-03-10T02:00:00Z'));
    rm = await loginAs(app.http, 'rm');
  });
  after(async () => app?.stop());

  it('gives the questionnaire in both languages, to staff and in the portal', async () => {
    const q = (await rm.get('/api/v1/risk-questionnaire')).json();
    assert.deepEqual([q.version, q.questions.length, q.validMonths], [1, 8, 12]);
    assert.deepEqual(Object.keys(q.thresholds), ['C2', 'C3', 'C4', 'C5']);
    assert.equal(q.questions[7].options[0].zh, '不能承受本金损失');
    assert.deepEqual((await anonymous(app.http).get('/api/v1/public/risk-questionnaire')).json(), q);
  });

  it('scores answers into a level valid twelve months, keeping every submission; "no loss at all" caps at C1', async () => {
    const c = await newCustomer(rm, '19880101');
    const first = await rm.post(`/api/v1/customers/${c}/risk-assessments`, { questionnaireVersion: 1, answers: ANSWERS.C4, channel: 'counter' });
    assert.equal(first.statusCode, 201, first.body);
    assert.deepEqual([first.json().level, first.json().score, first.json().levelName.zh, first.json().validUntil, first.json().assessedBy], ['C4', 25, '成长型', '2027-03-09', 'rm']);
    const capped = (await rm.post(`/api/v1/customers/${c}/risk-assessments`, { questionnaireVersion: 1, answers: { ...ANSWERS.C5, loss: 'a' }, channel: 'phone' })).json();
    assert.deepEqual([capped.score, capped.level], [29, 'C1'], 'a high total cannot outweigh refusing any loss');
    const history = (await rm.get(`/api/v1/customers/${c}/risk-assessments`)).json();
    assert.deepEqual(history.items.map((a: { level: string }) => a.level), ['C1', 'C4']);
    assert.equal(history.current.level, 'C1', 'the latest is the one in force');
  });

  it('refuses incomplete or unknown answers by field, an old questionnaire version, and a company', async () => {
    const c = await newCustomer(rm, '19890202');
    const { loss: _loss, ...noLoss } = ANSWERS.C3;
    const missing = problem(await rm.post(`/api/v1/customers/${c}/risk-assessments`, { questionnaireVersion: 1, answers: { ...noLoss, horizon: 'z', mood: 'a' }, channel: 'counter' }));
    assert.deepEqual(missing.errors?.map((e) => e.field), ['/answers/horizon', '/answers/loss', '/answers/mood']);
    assert.equal(problem(await rm.post(`/api/v1/customers/${c}/risk-assessments`, { questionnaireVersion: 1, answers: ANSWERS.C3, channel: 'fax' })).errors?.[0]?.field, '/channel');
    const company = (await rm.post('/api/v1/customers/search', { idNumber: `91110108MA01ABCD0${usccCheckChar('91110108MA01ABCD0')}` })).json().items[0];
    const refused = problem(await rm.post(`/api/v1/customers/${company.id}/risk-assessments`, { questionnaireVersion: 1, answers: ANSWERS.C3, channel: 'counter' }));
    assert.deepEqual([refused.status, company.kind], [409, 'corporate']);
    assert.match(refused.detail, /assesses individuals/);
    assert.equal(problem(await rm.post('/api/v1/customers/nobody/risk-assessments', { questionnaireVersion: 1, answers: ANSWERS.C3, channel: 'counter' })).status, 404);
  });

  it('publishes a new version with its own validity; answers to the old one are refused, earlier assessments hold', async () => {
    const ops = await loginAs(app.http, 'ops');
    const current = (await ops.get('/api/v1/risk-questionnaire')).json();
    const bad = problem(await ops.post('/api/v1/risk-questionnaire', { questions: current.questions, thresholds: { C2: 13, C3: 12, C4: 23, C5: 28 }, validMonths: 6 }));
    assert.equal(bad.errors?.[0]?.field, '/thresholds');
    assert.equal(problem(await rm.post('/api/v1/risk-questionnaire', { questions: current.questions, thresholds: current.thresholds, validMonths: 6 })).status, 403);
    const published = await ops.post('/api/v1/risk-questionnaire', { questions: current.questions, thresholds: current.thresholds, validMonths: 6 });
    assert.equal(published.statusCode, 201, published.body);
    assert.equal(published.json().version, 2);
    const c = await newCustomer(rm, '19900303');
    const stale = problem(await rm.post(`/api/v1/customers/${c}/risk-assessments`, { questionnaireVersion: 1, answers: ANSWERS.C3, channel: 'counter' }));
    assert.equal(stale.errors?.[0]?.field, '/questionnaireVersion');
    const fresh = (await rm.post(`/api/v1/customers/${c}/risk-assessments`, { questionnaireVersion: 2, answers: ANSWERS.C3, channel: 'counter' })).json();
    assert.deepEqual([fresh.level, fresh.validUntil], ['C3', '2026-09-09']);
  });
});
