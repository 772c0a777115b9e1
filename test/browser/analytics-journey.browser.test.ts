import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchBrowser, serve, shot, signIn } from '../support/browser.ts';
import { loginAs } from '../support/http.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const webBuilt = fs.existsSync(path.resolve('web/dist/index.html')) ? false : 'web/dist is not built (npm run build:web): skipped';
const LOGS = path.resolve('../shared/data/logs');

/**
 * The running example of van der Aalst's Process Mining (table 1.1): six cases, whose traces the
 * book writes abdeh, adceg, acdefbdeg, adbeh, acdefdcefcdeh, acdeg with a register request,
 * b examine thoroughly, c examine casually, d check ticket, e decide, f reinitiate request,
 * g pay compensation, h reject request.
 */
const ACTIVITIES = ['register request', 'examine thoroughly', 'examine casually', 'check ticket', 'decide', 'reinitiate request', 'pay compensation', 'reject request'];

describe('process analytics in Chromium', { skip: chromiumMissing || webBuilt }, () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  before(async () => {
    app = await startTestApp('pglite');
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
  const chooseColumn = async (page: Page, field: string, column: string) => {
    await page.getByTestId(`import-${field}`).click();
    await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${column}"]`).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
  };

  const openTab = async (page: Page, key: string) => {
    await page.getByTestId(`log-tab-${key}`).click();
    await page.waitForLoadState('networkidle');
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
    assert.match(await page.getByTestId('summary-cases').innerText(), /\n6$/);
    assert.match(await page.getByTestId('summary-activities').innerText(), /\n8$/);
    assert.match(await page.getByTestId('summary-variants').innerText(), /\n6$/);

    // the process map: the textbook's eight activities, register request → examine casually taken 3 times (cases acdefbdeg, acdefdcefcdeh, acdeg)
    await page.getByTestId('process-map').locator('[data-testid="dfg-node"]').first().waitFor();
    const shown = await page.getByTestId('process-map').locator('[data-testid="dfg-node"]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-activity')));
    assert.deepEqual([...shown].sort(), [...ACTIVITIES].sort());
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
    const boundary = '----banklane-receipt';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="receipt.xes.gz"\r\ncontent-type: application/gzip\r\n\r\n`),
      fs.readFileSync(path.join(LOGS, 'receipt.xes.gz')),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const imported = await app.http.inject({ method: 'POST', url: '/api/v1/event-logs', headers: { authorization: `Bearer ${ops.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    assert.equal(imported.statusCode, 201, imported.body);

    const page = await staffPage('ops');
    await page.goto(`${base}/analytics/logs/${imported.json().id}?paths=100`);
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
    await page.goto(`${base}/analytics/logs/${imported.json().id}`);
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
});
