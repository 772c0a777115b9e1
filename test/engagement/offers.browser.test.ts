import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchBrowser, serve, shot, signIn } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const webBuilt = fs.existsSync(path.resolve('web/dist/index.html')) ? false : 'web/dist is not built (npm run build:web): skipped';

// A teller opens a customer's 360 view: the suggested products are the suitable ones, each with
// its reasons; a product above the customer's tolerance, tried anyway, is refused with the reason.

describe('suggested products in Chromium', { skip: chromiumMissing || webBuilt }, () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  let wang: string; // 王小明: C3, payroll account, Haidian
  before(async () => {
    app = await startTestApp('pglite');
    base = await serve(app);
    browser = await launchBrowser();
    wang = (await app.deps.db.selectFrom('customer').select('id').where('name', '=', '王小明').executeTakeFirstOrThrow()).id;
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  const tellerPage = async (): Promise<Page> => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
    await signIn(page, base, 'teller1');
    return page;
  };

  it('shows the suitable offers with their reasons, sells one, and refuses an unsuitable product with its reason', async () => {
    const page = await tellerPage();
    await page.goto(`${base}/customers/${wang}`);
    await page.getByTestId('c360-tab-offers').click();
    const panel = page.getByTestId('offers-panel');
    const rows = panel.getByTestId('offers-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    assert.ok((await rows.count()) >= 1 && (await rows.count()) <= 5);
    // every offer explains itself; none is above C3
    const text = await panel.innerText();
    assert.match(text, /推荐理由/);
    assert.ok((await panel.getByTestId('offer-reasons').first().locator('li').count()) >= 1);
    assert.doesNotMatch(text, /R4|R5/);
    await page.screenshot({ path: shot('offers-01-suggested') });

    // an equity fund (R4) for a balanced (C3) customer: refused, and the reason shown
    await panel.getByTestId('offers-sell-other').click();
    await page.getByTestId('offer-sale-product').click();
    await page.keyboard.type('WM-EQUITY');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'WM-EQUITY' }).first().click();
    await page.getByTestId('offer-sale-amount').fill('20000');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    const refused = page.getByTestId('offer-sale-refused');
    await refused.waitFor();
    assert.match(await refused.innerText(), /风险/);
    await page.screenshot({ path: shot('offers-02-refused') });
    const refusals = await app.deps.db.selectFrom('suitability_refusal').select('product_code').where('customer_id', '=', wang).execute();
    assert.deepEqual(refusals.map((r) => r.product_code), ['WM-EQUITY'], 'the refusal is recorded');
    await page.locator('.ant-modal:visible .ant-modal-close').click();

    // the first offer, accepted: sold through the same check, and it leaves the list
    const first = (await rows.first().locator('td').nth(1).innerText()).split('\n')[1]!.split(' · ')[0]!.trim();
    await rows.first().getByTestId('offer-accept').click();
    const amount = page.getByTestId('offer-sale-amount');
    if (!(await amount.inputValue())) await amount.fill('1000');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await page.locator('.ant-message-notice', { hasText: '已办理' }).waitFor();
    const held = await app.deps.db.selectFrom('customer_holding').select('product_code').where('customer_id', '=', wang).where('product_code', '=', first).execute();
    assert.equal(held.length >= 1, true, `${first} is held`);
  });
});
