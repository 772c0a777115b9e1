import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { chromiumMissing, launchBrowser, serve, shot, signIn } from '../support/browser.ts';
import { loginAs } from '../support/http.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { openAccount } from '../analytics/support.ts';
import { periodOf } from '../../src/analytics/performance/period.ts';

const webBuilt = fs.existsSync(path.resolve('web/dist/index.html')) ? false : 'web/dist is not built (npm run build:web): skipped';

describe('performance figures in Chromium: the executive dashboard and targets', { skip: chromiumMissing || webBuilt }, () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  // close to the real time: the browser keeps the session cookie only until the server's clock says it ends
  let now = Date.now() - 3 * 3600_000;
  const period = periodOf(new Date(now));
  before(async () => {
    app = await startTestApp('pglite', {}, undefined, () => new Date(now));
    const minutes = (n: number) => {
      now += n * 60_000;
    };
    const [teller, supervisor] = [await loginAs(app.http, 'teller1'), await loginAs(app.http, 'supervisor')];
    await openAccount(app, teller, supervisor, [10, 20, 30], minutes);
    await openAccount(app, teller, supervisor, [30, 40, 30], minutes, true);
    base = await serve(app);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  const staffPage = async (username: string, locale: string) => {
    const context = await browser.newContext({ locale, timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
    await signIn(page, base, username);
    return page;
  };

  it("shows an executive the month's figures and trends", async () => {
    const page = await staffPage('exec', 'zh-CN');
    await page.getByTestId('menu-executive-dashboard').click();
    await page.goto(`${base}/performance/dashboard?period=${period}`);
    const opened = page.getByTestId('dash-cases-opened');
    await opened.waitFor();
    assert.match(await opened.innerText(), /受理业务\s*2/);
    assert.match(await page.getByTestId('dash-tasks').innerText(), /完成任务\s*8/, 'three steps each; the second case returned once and corrected');
    await page.getByTestId('dash-trend-cases').locator('canvas').first().waitFor();
    await page.screenshot({ path: shot('performance-dashboard-zh'), fullPage: true });
  });

  it('lets an operations manager set a target and see whether it is met', async () => {
    const page = await staffPage('ops', 'en-US');
    await page.getByTestId('menu-kpis').click();
    await page.goto(`${base}/performance/kpis?period=${period}&level=staff`);
    const volume = page.getByTestId('kpi-teller1-volume');
    await volume.waitFor();
    assert.equal((await volume.innerText()).trim(), '5', 'two checks, three inputs');
    assert.match(await page.getByTestId('kpi-teller1-reworkCaused').innerText(), /^1/);
    await volume.click();
    await page.getByTestId('target-value').fill('6');
    await page.getByTestId('target-save').click();
    await page.getByTestId('kpi-teller1-volume').getByText('target 6 · not met').waitFor();
    await page.getByTestId('kpi-level').getByText('Team (branch office)').click();
    await page.getByTestId('kpi-BJ-HD-volume').waitFor();
    await page.screenshot({ path: shot('performance-kpis-en'), fullPage: true });
  });
});
