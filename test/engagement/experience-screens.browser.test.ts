import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { chromiumMissing, launchBrowser, serve, shot, signIn } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const webBuilt = fs.existsSync(path.resolve('web/dist/index.html')) ? false : 'web/dist is not built (npm run build:web): skipped';

describe('the segment builder and the experience dashboard in Chromium, as the relationship manager', { skip: chromiumMissing || webBuilt }, () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  before(async () => {
    app = await startTestApp('pglite');
    await app.engagement.seedDemo();
    base = await serve(app);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  const rmPage = async (locale: string) => {
    const context = await browser.newContext({ locale, timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
    await signIn(page, base, 'rm');
    return page;
  };

  it('builds a segment: the facts inserted by click, the live count as the rule is typed, an error at the expression, saved', async () => {
    const page = await rmPage('zh-CN');
    await page.getByTestId('menu-segments').click();
    await page.getByTestId('segment-row-at-risk').waitFor();
    await page.getByTestId('segment-new').click();
    await page.getByTestId('segment-code').fill('wealthy-no-wealth');
    await page.getByTestId('segment-name-zh').fill('高净值未购理财');
    await page.getByTestId('segment-name-en').fill('Wealthy without wealth products');
    // a name that is no fact: the server's refusal shows at the expression
    await page.getByTestId('segment-expression').fill('balance >= 1');
    await page.getByText(/不是客户画像指标|is not a customer fact/).waitFor();
    await page.getByTestId('segment-expression').fill('');
    await page.getByTestId('segment-fact-aum').click();
    await page.getByTestId('segment-expression').pressSequentially('>= 100000 and ');
    await page.getByTestId('segment-fact-holdings.wealth').click();
    await page.getByTestId('segment-expression').pressSequentially('= 0');
    assert.equal(await page.getByTestId('segment-expression').inputValue(), 'aum >= 100000 and holdings.wealth = 0');
    const live = page.getByTestId('segment-live-count');
    await live.waitFor();
    assert.match((await live.textContent()) ?? '', /命中 \d+ \/ \d+ 位客户/);
    await page.screenshot({ path: shot('segment-builder') });
    await page.getByTestId('segment-save').click();
    await page.getByTestId('segment-row-wealthy-no-wealth').waitFor();
    const saved = await app.deps.db.selectFrom('segment').select(['expression', 'updated_by']).where('code', '=', 'wealthy-no-wealth').executeTakeFirstOrThrow();
    assert.deepEqual(saved, { expression: 'aum >= 100000 and holdings.wealth = 0', updated_by: 'rm' });
  });

  it("shows the churn list with the demo customer's retention call, in English", async () => {
    const page = await rmPage('en-US');
    await page.getByTestId('menu-experience').click();
    const churn = page.getByTestId('xp-churn');
    await churn.getByText('To call').first().waitFor();
    await page.getByTestId('xp-nps').waitFor();
    await page.screenshot({ path: shot('experience-dashboard'), fullPage: true });
  });
});
