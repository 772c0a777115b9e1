import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { chromiumMissing, launchBrowser, serve, shot, signIn } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const webBuilt = fs.existsSync(path.resolve('web/dist/index.html')) ? false : 'web/dist is not built (npm run build:web): skipped';

describe('web shell in Chromium', { skip: chromiumMissing || webBuilt }, () => {
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

  const login = (page: Page, username: string, password?: string) => signIn(page, base, username, password);

  /**
   * Chooses in a drawer's dropdown by typing, then clicking the option itself, and checks the
   * choice shows: typing and pressing keys, or a click that lands while the filtered list
   * re-renders on a loaded machine, can miss, so it tries again, closing the list by clicking the
   * drawer's own title (the page's button of the same name lies under the drawer).
   */
  async function choose(page: Page, field: Locator, typed: string, optionSelector: string, shown: string) {
    for (let attempt = 1; ; attempt++) {
      await field.click();
      await page.keyboard.type(typed);
      await page.locator(optionSelector, { hasText: shown }).first().click();
      if (await field.getByText(shown).first().waitFor({ timeout: 10_000 }).then(() => true, () => false)) return;
      if (attempt === 3) assert.fail(`${shown} could not be chosen`);
      await page.locator('.ant-drawer-title').click();
    }
  }

  it('admin logs in, creates a teller; the teller sees only what the role allows', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(base);
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-username').waitFor();
    await page.screenshot({ path: shot('01-login') });
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await assertText(page, 'login-error', '用户名或密码错误');

    await login(page, 'admin', 'banklane-demo');
    for (const item of ['menu-users', 'menu-roles', 'menu-units', 'menu-audit', 'menu-calendar']) {
      assert.ok(await page.getByTestId(item).isVisible(), `${item} visible to admin`);
    }
    await page.screenshot({ path: shot('02-admin-home') });

    await page.getByTestId('menu-users').click();
    await page.getByTestId('users-table').waitFor();
    await page.getByText('teller1').first().waitFor();
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-form-username').fill('wangfang');
    await page.getByTestId('user-form-displayName').fill('王芳');
    await page.getByTestId('user-form-password').fill('Wangfang-2026');
    await choose(page, page.getByTestId('user-form-unit'), '海淀', '.ant-select-tree-node-content-wrapper', '北京海淀支行');
    await choose(page, page.getByTestId('user-form-roles'), '柜员', '.ant-select-item-option', '柜员');
    // close the roles list by leaving the field
    await page.getByTestId('user-form-username').click();
    await page.locator('.ant-select-item-option', { hasText: '柜员' }).first().waitFor({ state: 'hidden' });
    await page.getByTestId('user-form-phone').fill('13912345678');
    await page.screenshot({ path: shot('03-create-user') });
    await page.getByTestId('user-form-submit').click();
    await page.getByText('wangfang').first().waitFor();
    await page.locator('.ant-drawer-content').waitFor({ state: 'hidden' });
    const row = page.locator('tr', { hasText: 'wangfang' });
    assert.match(await row.innerText(), /139\*{4}5678/);
    assert.doesNotMatch(await row.innerText(), /13912345678/);
    await page.screenshot({ path: shot('04-users') });

    await page.getByTestId('menu-audit').click();
    await page.getByTestId('audit-table').waitFor();
    await page.getByTestId('audit-verify').click();
    const verified = page.getByTestId('audit-verify-result');
    await verified.waitFor();
    assert.equal(await verified.getAttribute('data-ok'), 'true');
    await page.screenshot({ path: shot('05-audit') });

    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);

    await login(page, 'wangfang', 'Wangfang-2026');
    assert.match(await page.getByTestId('header-unit').innerText(), /北京海淀支行/);
    assert.match(await page.getByTestId('header-roles').innerText(), /柜员/);
    assert.ok(await page.getByTestId('menu-users').isVisible());
    assert.equal(await page.getByTestId('menu-audit').count(), 0, 'no audit menu for a teller');
    assert.equal(await page.getByTestId('menu-roles').count(), 0, 'no roles menu for a teller');
    await page.screenshot({ path: shot('06-teller-home') });
    await page.getByTestId('menu-users').click();
    await page.getByTestId('users-table').waitFor();
    await page.getByText('teller1').first().waitFor();
    const tableText = await page.getByTestId('users-table').innerText();
    assert.doesNotMatch(tableText, /teller2/, 'a Shanghai teller is outside the Haidian teller\'s reach');
    assert.equal(await page.getByTestId('user-create').count(), 0, 'a teller cannot create users');
    await page.goto(`${base}/audit`);
    await page.getByTestId('result-403').waitFor();
    await page.screenshot({ path: shot('07-teller-403') });

    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-en').click().catch(() => undefined);
    await page.goto(`${base}/`);
    await page.getByTestId('welcome-card').waitFor();
    await page.screenshot({ path: shot('08-teller-home-en') });
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('serves the API reference', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/docs`);
    await page.getByText('/api/v1/auth/login').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: shot('09-api-docs') });
    await page.close();
  });
});

async function assertText(page: Page, testId: string, expected: string) {
  const element = page.getByTestId(testId);
  await element.waitFor();
  assert.match(await element.innerText(), new RegExp(expected));
}
