import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { bpmn, flows } from '../../src/engine/model/bpmn-fixture.ts';
import { chromiumMissing, launchBrowser, serve, shot, signIn } from '../support/browser.ts';
import { loginAs, type Client } from '../support/http.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { COMPENSATION_BPMN, RUNNING_EXAMPLE_ACTIVITIES, RUNNING_EXAMPLE_MAPPING, SEQUENTIAL_BPMN } from '../analytics/models.ts';
import { uploadLog } from '../analytics/support.ts';

const webBuilt = fs.existsSync(path.resolve('web/dist/index.html')) ? false : 'web/dist is not built (npm run build:web): skipped';
const LOGS = path.resolve('../shared/data/logs');

/** An account application reviewed by a supervisor (复核), then opened or refused. */
const REVIEW_BPMN = bpmn('accountReview', `
    <bpmn:startEvent id="s" name="申请提交"/>
    <bpmn:userTask id="review" name="复核开户申请" camunda:candidateGroups="supervisor"/>
    <bpmn:exclusiveGateway id="decision" name="是否通过"/>
    <bpmn:task id="open" name="开立账户"/><bpmn:task id="refuse" name="发送拒绝通知"/>
    <bpmn:endEvent id="opened" name="已开户"/><bpmn:endEvent id="refused" name="已拒绝"/>
${flows('s->review', 'review->decision', 'decision->open:${approved}', 'decision->refuse:${!approved}', 'open->opened', 'refuse->refused')}`).replace('<bpmn:process id="accountReview"', '<bpmn:process id="accountReview" name="开户申请复核"');

const MINUTE = 60_000;

/** Imports a log of ../shared/data/logs through the API; its id. */
async function importLog(app: TestApp, client: Client, file: string, fields: Record<string, string> = {}): Promise<string> {
  const imported = await uploadLog(app, client, fields, { name: file, type: 'application/octet-stream', content: fs.readFileSync(path.join(LOGS, file)) });
  assert.equal(imported.statusCode, 201, imported.body);
  return imported.json().id;
}

describe('process analytics in Chromium', { skip: chromiumMissing || webBuilt }, () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  /** The app's clock: real time, but for the history a test writes in the past. */
  let pinned: Date | null = null;
  before(async () => {
    app = await startTestApp('pglite', {}, undefined, () => pinned ?? new Date());
    base = await serve(app);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  const staffPage = async (username: string, locale: 'zh-CN' | 'en' = 'zh-CN') => {
    const context = await browser.newContext({ locale, timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
    await signIn(page, base, username);
    return page;
  };

  /** Picks a column in one of the import dialog's mapping selects, by its exact name. */
  const chooseColumn = (page: Page, field: string, column: string) => choose(page, `import-${field}`, column);

  const openTab = async (page: Page, key: string) => {
    await page.getByTestId(`log-tab-${key}`).click();
    await page.waitForLoadState('networkidle');
  };

  /** Picks an option of an antd select by its exact label. */
  const choose = async (page: Page, testId: string, label: string) => {
    // the options load with the page
    await page.waitForLoadState('networkidle');
    await page.getByTestId(testId).click();
    // a long list renders only the options in view: a search select is narrowed to the label first
    const search = page.getByTestId(testId).locator('input');
    if ((await search.count()) === 1 && (await search.getAttribute('readonly')) === null) await search.fill(label);
    await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${label}"]`).click();
    await page.getByTestId(testId).filter({ hasText: label }).waitFor();
    // a search select may keep its list open a moment after the choice
    if (await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').isVisible()) await page.keyboard.press('Escape');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
  };

  /** An antd number input by its test id (which antd puts on the input itself, or on its wrapper). */
  const numberInput = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

  /** A full-page screenshot, once the page has settled (charts drawn). */
  const snap = async (page: Page, name: string) => {
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(400);
    await page.screenshot({ path: shot(name), fullPage: true });
  };

  const edgeLabel = (page: Page, from: string, to: string) => page.locator(`[data-testid="dfg-edge"][data-from="${from}"][data-to="${to}"] [data-testid="dfg-edge-label"]`);

  it('an operations manager imports the running example and reads its map, variants, bottlenecks and rework', async () => {
    const page = await staffPage('ops');

    // given the event logs, the engine's own first
    await page.getByTestId('menu-analytics').click();
    await page.getByTestId('logs-table').getByText('Banklane 系统流程日志').waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: shot('80-analytics-logs-zh') });

    // when the CSV is imported through the dialog with its column mapping
    await page.getByTestId('logs-import').click();
    await page.getByTestId('import-dialog').locator('input[type=file]').setInputFiles(path.join(LOGS, 'running-example.csv'));
    await page.getByTestId('import-file-name').getByText('running-example.csv').waitFor();
    await page.getByText('共 9 列').waitFor();
    await chooseColumn(page, 'caseColumn', 'case:concept:name');
    await chooseColumn(page, 'activityColumn', 'concept:name');
    await chooseColumn(page, 'timestampColumn', 'time:timestamp');
    await chooseColumn(page, 'resourceColumn', 'org:resource');
    await page.screenshot({ path: shot('81-analytics-import-zh') });
    await page.getByTestId('import-submit').click();
    await page.getByText('已导入“running-example”：6 个案例，42 个事件').waitFor();

    // then it is listed with its figures, and opens
    const row = page.getByTestId('logs-table').locator('tr', { hasText: 'running-example' });
    assert.match(await row.innerText(), /CSV[\s\S]*6[\s\S]*42[\s\S]*ops/);
    await row.getByRole('link', { name: 'running-example' }).click();
    await page.getByTestId('log-summary').waitFor();
    // the figures show a dash until the summary has come
    await page.waitForFunction(() => !document.querySelector('[data-testid="summary-cases"]')?.textContent?.includes('—'));
    assert.match(await page.getByTestId('summary-cases').innerText(), /\n6$/);
    assert.match(await page.getByTestId('summary-activities').innerText(), /\n8$/);
    assert.match(await page.getByTestId('summary-variants').innerText(), /\n6$/);

    // the process map: the textbook's eight activities, register request → examine casually taken 3 times (cases acdefbdeg, acdefdcefcdeh, acdeg)
    await page.getByTestId('process-map').locator('[data-testid="dfg-node"]').first().waitFor();
    const shown = await page.getByTestId('process-map').locator('[data-testid="dfg-node"]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-activity')));
    assert.deepEqual([...shown].sort(), [...RUNNING_EXAMPLE_ACTIVITIES].sort());
    assert.equal(await edgeLabel(page, 'register request', 'examine casually').textContent(), '3');
    assert.equal(await edgeLabel(page, 'decide', 'reject request').textContent(), '3');
    assert.equal(await edgeLabel(page, 'START', 'register request').textContent(), '6');
    await page.getByTestId('dfg-end').waitFor();
    await page.screenshot({ path: shot('82-analytics-map-zh'), fullPage: true });

    // by duration: decide → pay compensation took 3 d 0 h 43 min, 6 d 0 h 50 min and 8 d 18 h 55 min (cases 2, 3, 6): median 6 d 1 h
    await page.getByTestId('map-metric-median').click();
    await edgeLabel(page, 'decide', 'pay compensation').filter({ hasText: /^6天1小时$/ }).waitFor();
    await page.screenshot({ path: shot('83-analytics-map-median-zh'), fullPage: true });

    // variants: six, one case each
    await openTab(page, 'variants');
    const cases = page.getByTestId('variants-table').getByTestId('variant-cases');
    await cases.first().waitFor();
    assert.deepEqual(await cases.allInnerTexts(), ['1', '1', '1', '1', '1', '1']);
    await page.screenshot({ path: shot('84-analytics-variants-zh'), fullPage: true });

    // a click on a variant filters every tab to its case
    await page.getByTestId('variants-table').locator('tbody tr').first().click();
    await page.getByTestId('filter-variant-tag').waitFor();
    await page.getByTestId('summary-cases').getByText('占全部 6 个案例的 16.7%').waitFor();
    assert.match(page.url(), /variant=[0-9a-f]{12}/);
    await page.getByTestId('filter-clear').click();
    await page.getByTestId('filter-variant-tag').waitFor({ state: 'detached' });

    // bottlenecks: pay compensation waits 3 d 0 h 43 min, 6 d 0 h 50 min and 8 d 18 h 55 min after the decision: a mean of 5 d 23 h
    await openTab(page, 'bottlenecks');
    const pay = page.getByTestId('bottleneck-table').locator('tr', { hasText: 'pay compensation' });
    await pay.waitFor();
    assert.match(await pay.innerText(), /pay compensation\s+3\s+5天23小时\s+6天1小时/);
    await page.getByTestId('bottleneck-chart').waitFor();
    await page.screenshot({ path: shot('85-analytics-bottlenecks-zh'), fullPage: true });
    await page.getByTestId('bottleneck-by-resource').click();
    await page.getByTestId('bottleneck-table').locator('tr', { hasText: 'Sara' }).waitFor();

    // rework: two cases repeat activities (acdefbdeg and acdefdcefcdeh)
    await openTab(page, 'rework');
    assert.match(await page.getByTestId('rework-cases').innerText(), /2 \/ 6/);
    await page.getByTestId('rework-chart').waitFor();
    await page.screenshot({ path: shot('86-analytics-rework-zh'), fullPage: true });

    // the same screens in English
    await page.getByTestId('lang-en').click();
    await openTab(page, 'map');
    await page.getByTestId('map-metric-count').click();
    await page.getByText('Process map').first().waitFor();
    await page.screenshot({ path: shot('87-analytics-map-en'), fullPage: true });
    await openTab(page, 'variants');
    await page.getByText('Activities in order').waitFor();
    await page.screenshot({ path: shot('88-analytics-variants-en'), fullPage: true });
    await openTab(page, 'bottlenecks');
    await page.getByTestId('bottleneck-by-activity').click();
    assert.match(await page.getByTestId('bottleneck-table').locator('tr', { hasText: 'pay compensation' }).innerText(), /5 d 23 h/);
    await page.screenshot({ path: shot('89-analytics-bottlenecks-en'), fullPage: true });
    await openTab(page, 'rework');
    await page.screenshot({ path: shot('90-analytics-rework-en'), fullPage: true });
    await page.getByTestId('menu-analytics').click();
    await page.getByTestId('logs-table').getByText('Banklane system log').waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: shot('91-analytics-logs-en') });
    await page.context().close();
  });

  it('keeps a map of 27 activities readable: no box over another, no label on a box', async () => {
    const ops = await loginAs(app.http, 'ops');
    const receipt = await importLog(app, ops, 'receipt.xes.gz');

    const page = await staffPage('ops');
    await page.goto(`${base}/analytics/logs/${receipt}?paths=100`);
    const nodes = page.getByTestId('process-map').locator('[data-testid="dfg-node"]');
    await nodes.first().waitFor();
    assert.equal(await nodes.count(), 27);
    const boxes = await nodes.evaluateAll((els) => els.map((el) => el.querySelector('rect')!.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height })));
    const labels = await page.getByTestId('process-map').locator('[data-testid="dfg-edge-label"]').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height })));
    const overlap = (a: (typeof boxes)[number], b: (typeof boxes)[number]) => a.x < b.x + b.w - 1 && b.x < a.x + a.w - 1 && a.y < b.y + b.h - 1 && b.y < a.y + a.h - 1;
    for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) assert.ok(!overlap(a, b), 'two activity boxes overlap');
    for (const l of labels) for (const b of boxes) assert.ok(!overlap(l, b), 'an edge label lies on an activity box');
    // the activity names are shown without the "+complete" every event of this log carries
    await page.getByTestId('process-map').getByText('Confirmation of receipt', { exact: true }).waitFor();
    await page.screenshot({ path: shot('92-analytics-receipt-map-all'), fullPage: true });
    await page.goto(`${base}/analytics/logs/${receipt}`);
    await nodes.first().waitFor();
    await page.screenshot({ path: shot('93-analytics-receipt-map'), fullPage: true });
    await page.context().close();
  });

  it('an executive reads the analyses but imports nothing', async () => {
    const page = await staffPage('exec', 'en');
    await page.getByTestId('menu-analytics').click();
    await page.getByTestId('logs-table').getByText('Banklane system log').waitFor();
    assert.equal(await page.getByTestId('logs-import').count(), 0);
    // the engine's own log, still empty in a new bank, says so rather than drawing nothing
    await page.getByTestId('log-open-engine').click();
    await page.getByTestId('analytics-empty').first().waitFor();
    await page.screenshot({ path: shot('94-analytics-engine-empty-en'), fullPage: true });
    await page.context().close();
  });

  it('checks the running example against its model, its deadlines and two periods', async () => {
    const ops = await loginAs(app.http, 'ops');
    const deployed = await ops.post('/api/v1/deployments', { name: 'compensation', resources: [{ name: 'compensation.bpmn', content: COMPENSATION_BPMN }, { name: 'sequential.bpmn', content: SEQUENTIAL_BPMN }] });
    assert.equal(deployed.statusCode, 201, deployed.body);
    const id = await importLog(app, ops, 'running-example.csv', { name: 'running example', ...RUNNING_EXAMPLE_MAPPING });
    const page = await staffPage('ops');

    // conformance: an imported log names no process, so the tab asks for one
    await page.goto(`${base}/analytics/logs/${id}?tab=conformance`);
    await page.getByTestId('conformance-choose').waitFor();
    await choose(page, 'conformance-model-process', 'compensationRequest');
    // the book's model: every case replays
    await page.getByTestId('conformance-fitness').getByText('100%').waitFor();
    assert.match(await page.getByTestId('conformance-fitting').innerText(), /6 \/ 6/);
    // checking the ticket only after the examination: p = c = 84, m = r = 3, fitness 0.9643; cases 2 and 4 (0.9) and 5 (0.9583) deviate
    await choose(page, 'conformance-model-process', 'compensationSequential');
    await page.getByTestId('conformance-fitness').getByText('96.4%').waitFor();
    assert.match(await page.getByTestId('conformance-fitting').innerText(), /3 \/ 6/);
    assert.match(await page.getByTestId('conformance-tokens').innerText(), /产生\s+84\s+消耗\s+84\s+缺失\s+3\s+剩余\s+3/);
    const worst = await page.getByTestId('conformance-worst').locator('tbody tr.ant-table-row').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)));
    assert.deepEqual(worst, [['2', '90%'], ['4', '90%'], ['5', '95.8%']]);
    // each deviation in words, its kind first
    assert.match(await page.getByTestId('conformance-deviations').innerText(), /跳过\s+做「check ticket」之前没有经过「examined」\s+3（50%）/);
    await snap(page, '95-analytics-conformance-zh');

    // deadlines: an imported log has none until a target is given; at 10 days, cases 3 (15 d 20 h) and 5 (18 d 6 h) breach it,
    // overrunning by 5 d 20 h 13 min and 8 d 5 h 54 min: a mean of 7 d 1 h
    await page.getByTestId('log-tab-deadlines').click();
    await page.getByTestId('deadline-need-target').waitFor();
    await numberInput(page, 'deadline-target').fill('10');
    await page.getByTestId('deadline-target-apply').click();
    await page.getByTestId('deadline-breached').getByText('2', { exact: true }).waitFor();
    assert.match(await page.getByTestId('deadline-rate').innerText(), /33\.3%/);
    assert.match(await page.getByTestId('deadline-overrun').innerText(), /7天1小时/);
    // "decide" took the most of both breached cases (7 d 15 h and 6 d 23 h of their 34 d 2 h: 42.8%)
    const first = page.getByTestId('deadline-steps').locator('tbody tr.ant-table-row').first();
    assert.match(await first.innerText(), /^decide\s+42\.8%[\s\S]*2 \/ 2 个案例/);
    assert.match(page.url(), /target=864000/);
    await snap(page, '96-analytics-deadlines-zh');

    // before and after: cases started 30–31 Dec (1, 2, 3) against 6–7 Jan (4, 5, 6); the mean duration went from 11 d 0 h to 11 d 9 h (+9 h 4 min): worse
    const day = (d: string) => new Date(`${d}T00:00:00+08:00`).toISOString();
    await page.goto(`${base}/analytics/logs/${id}?tab=compare&target=864000&model=compensationSequential&bf=${day('2010-12-30')}&bt=${day('2011-01-01')}&af=${day('2011-01-06')}&at=${day('2011-01-08')}`);
    const duration = page.getByTestId('compare-duration');
    await duration.getByText('11天9小时').waitFor();
    assert.match(await duration.innerText(), /9小时4分钟[\s\S]*之前：11天/);
    assert.equal(await duration.getByTestId('compare-duration-change').getAttribute('data-trend'), 'worse');
    assert.match(await page.getByTestId('compare-cases').innerText(), /^案例\s+3/);
    await page.getByTestId('compare-activities').locator('tr', { hasText: 'decide' }).waitFor();
    await snap(page, '97-analytics-compare-zh');

    // the same in English
    await page.getByTestId('lang-en').click();
    await page.getByText('Mean case duration').first().waitFor();
    await snap(page, '98-analytics-compare-en');
    await page.getByTestId('log-tab-deadlines').click();
    await page.getByTestId('deadline-rate').getByText('33.3%').waitFor();
    await snap(page, '99-analytics-deadlines-en');
    await page.getByTestId('log-tab-conformance').click();
    await page.getByTestId('conformance-fitness').getByText('96.4%').waitFor();
    await snap(page, '100-analytics-conformance-en');
    await page.context().close();
  });

  it('an operations manager sees where reviews take time and runs a what-if with one more reviewer', async () => {
    // given six account applications two days ago, one every 10 minutes, each reviewed by the supervisor in 7, 8 or 9 minutes; the 3rd and 6th refused
    const ops = await loginAs(app.http, 'ops');
    const deployed = await ops.post('/api/v1/deployments', { name: 'review', resources: [{ name: 'review.bpmn', content: REVIEW_BPMN }] });
    assert.equal(deployed.statusCode, 201, deployed.body);
    const teller = await loginAs(app.http, 'teller1');
    const supervisor = await loginAs(app.http, 'supervisor');
    const start = Date.now() - 2 * 86_400_000;
    try {
      for (let i = 0; i < 6; i++) {
        pinned = new Date(start + i * 10 * MINUTE);
        const started = await teller.post('/api/v1/process-instances', { processKey: 'accountReview' });
        assert.equal(started.statusCode, 201, started.body);
        const task = (await supervisor.get(`/api/v1/tasks?instanceId=${started.json().id}`)).json().items[0];
        assert.ok(task, 'the supervisor sees the review');
        pinned = new Date(pinned.getTime() + (7 + (i % 3)) * MINUTE);
        const done = await supervisor.post(`/api/v1/tasks/${task.id}/complete`, { variables: { approved: i % 3 !== 2 } });
        assert.equal(done.statusCode, 200, done.body);
      }
    } finally {
      pinned = null;
    }
    const page = await staffPage('ops');

    // the heat map: the deployed diagram, the review done 6 times in a mean of 8 minutes (7, 8, 9, 7, 8, 9)
    await page.goto(`${base}/analytics/logs/engine?service=accountReview&tab=diagram`);
    const reviewBadge = page.locator('[data-testid="heat-badge"][data-element="review"]');
    await reviewBadge.filter({ hasText: /^6$/ }).waitFor();
    await page.getByTestId('heat-handling').click();
    await reviewBadge.filter({ hasText: /^8分钟$/ }).waitFor();
    await page.locator('.djs-element[data-element-id="review"]').hover();
    await page.getByTestId('diagram-hover').getByText('复核开户申请').waitFor();
    assert.match(await page.getByTestId('diagram-hover').innerText(), /次数\s+6[\s\S]*平均处理\s+8分钟/);
    await snap(page, '101-analytics-heatmap-zh');
    // the engine's log fits its own model
    await page.getByTestId('log-tab-conformance').click();
    await page.getByTestId('conformance-fitness').getByText('100%').waitFor();

    // the what-if workbench learns from the engine's log: 6 cases an hour, a review of 8 minutes, one supervisor
    await page.getByTestId('menu-simulation').click();
    await page.getByTestId('sim-choose').waitFor();
    await choose(page, 'sim-process-process', '开户申请复核 (accountReview)');
    await page.getByTestId('sim-parameters').waitFor();
    assert.match(await page.getByTestId('sim-learned').innerText(), /6 个案例/);
    assert.equal(await numberInput(page, 'sim-0-arrivals').inputValue(), '6');
    assert.match(await page.getByTestId('sim-0-duration-review').innerText(), /8分钟/);
    assert.equal(await numberInput(page, 'sim-0-pool-supervisor').inputValue(), '1');
    assert.equal(await numberInput(page, 'sim-0-branch-f_decision_open').inputValue(), '66.7');
    // a scenario with one more reviewer
    await page.getByTestId('sim-add').click();
    await page.getByTestId('sim-add-more-supervisor').click();
    assert.equal(await numberInput(page, 'sim-1-pool-supervisor').inputValue(), '2');
    assert.equal(await page.locator('thead').getByTestId('sim-name-1').inputValue(), '复核主管 多一人');

    // bad input is refused by the server, in the cell at fault
    await numberInput(page, 'sim-1-arrivals').fill('0');
    await page.getByTestId('sim-run').click();
    await page.getByTestId('sim-field-error').getByText('不能小于 0.001').waitFor();
    await numberInput(page, 'sim-1-arrivals').fill('6');

    // run: at 80% busy the reviews queue; a second supervisor takes most of the wait away
    await page.getByTestId('sim-run').click();
    await page.getByTestId('sim-results').waitFor();
    const value = async (testId: string) => Number(await page.getByTestId(testId).getAttribute('data-value'));
    const [today, more] = [await value('sim-waiting-review-0'), await value('sim-waiting-review-1')];
    assert.ok(today > 600, `waiting today ${today}`);
    assert.ok(more < today / 4, `waiting with two ${more} vs ${today}`);
    assert.equal(await page.getByTestId('sim-waiting-review-1').locator('[data-trend]').getAttribute('data-trend'), 'better');
    assert.ok(Math.abs((await value('sim-pool-supervisor-0')) - 0.8) < 0.05);
    assert.ok(Math.abs((await value('sim-pool-supervisor-1')) - 0.4) < 0.05);
    assert.equal(await page.getByTestId('sim-figure-mean-1').locator('[data-trend]').getAttribute('data-trend'), 'better');
    await page.getByTestId('sim-histogram').waitFor();
    await snap(page, '102-analytics-simulation-zh');

    await page.getByTestId('lang-en').click();
    await page.getByText('Parameters and scenarios').waitFor();
    await snap(page, '103-analytics-simulation-en');
    await page.goto(`${base}/analytics/logs/engine?service=accountReview&tab=diagram&heat=handling`);
    await reviewBadge.filter({ hasText: /^8 min$/ }).waitFor();
    await snap(page, '104-analytics-heatmap-en');
    await page.context().close();
  });
});
