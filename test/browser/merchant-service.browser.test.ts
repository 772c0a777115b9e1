import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { chromiumMissing, launchBrowser, serve, shot, signIn } from '../support/browser.ts';
import { loginAs } from '../support/http.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { register } from '../merchants/support.ts';

const webBuilt = fs.existsSync(path.resolve('web/dist/index.html')) ? false : 'web/dist is not built (npm run build:web): skipped';

const DAY_MS = 86_400_000;
/** The China calendar day of an instant (the bank's days are Beijing days). */
const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

type Merchant = { id: string; code: string };

describe('merchant service requests and periodic re-reviews in Chromium', { skip: chromiumMissing || webBuilt }, () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  /** The app's clock runs with the wall clock, moved on by this much when the test says so. */
  let offsetMs = 0;
  let shop: Merchant;
  let restaurant: Merchant;
  let reviewDue: string;
  /** The restaurant's settlement query, opened before the test: its answer late, its resolution nearly due. */
  let lateRef: string;
  before(async () => {
    app = await startTestApp('pglite', {}, undefined, () => new Date(Date.now() + offsetMs));
    base = await serve(app);
    browser = await launchBrowser();
    // two merchants of the Haidian branch that onboarding made active (onboarding itself is tested elsewhere)
    const manager = await loginAs(app.http, 'merchant');
    shop = await register(manager, 9301, { unitCode: 'BJ-HD', tier: 'strategic', name: '海淀星辰超市' });
    restaurant = await register(manager, 9302, { unitCode: 'BJ-HD', name: '海淀晨曦餐厅', mcc: '5812' });
    const inAYear = chinaDay(new Date(Date.now() + 365 * DAY_MS));
    await app.deps.db.updateTable('merchant').set({ status: 'active', risk_rating: 'low', next_review_on: inAYear }).where('id', '=', shop.id).execute();
    // the restaurant's yearly re-review comes due today: the sweep starts it, its inspection due in ten working days
    reviewDue = chinaDay(new Date());
    await app.deps.db.updateTable('merchant').set({ status: 'active', risk_rating: 'low', next_review_on: reviewDue }).where('id', '=', restaurant.id).execute();
    await app.merchants.tick();
    const late = (await manager.post('/api/v1/merchant-requests', { merchantId: restaurant.code, kind: 'settlement_query', channel: 'phone', description: '11月27日的结算款至今未到账' })).json();
    lateRef = late.ref;
    // opened 100 minutes ago on clocks counted in minutes: answered 40 minutes late, 91% of the resolution's time used
    const now = Date.now();
    await app.deps.db.updateTable('merchant_request').set({ response_unit: 'minutes', resolution_unit: 'minutes', opened_at: new Date(now - 100 * 60_000), response_due: new Date(now - 40 * 60_000), resolution_due: new Date(now + 10 * 60_000) }).where('id', '=', late.id).execute();
    assert.deepEqual((await manager.get(`/api/v1/merchant-reviews?merchant=${restaurant.code}`)).json().items.map((r: { status: string }) => r.status), ['in_progress']);
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  const staffPage = async (username: string, options: BrowserContextOptions = {}) => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 }, ...options });
    const page = await context.newPage();
    page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
    await signIn(page, base, username);
    return page;
  };
  /** Waits for the toasts to go, so that a screenshot shows the screen itself. */
  const quiet = async (page: Page) => {
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 8000 }).catch(() => undefined);
    await page.locator('.ant-message-notice').last().waitFor({ state: 'detached', timeout: 8000 }).catch(() => undefined);
  };
  const chooseOption = async (page: Page, select: Locator, text: string | RegExp) => {
    await select.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
  };
  const fieldError = (page: Page, testId: string) => page.locator('.ant-form-item', { has: page.getByTestId(testId) }).locator('.ant-form-item-explain-error');

  it('opens a terminal fault for a strategic merchant, shows both clocks, records the response and resolves it; an unknown merchant is refused on its field', async () => {
    const manager = await staffPage('merchant');
    await manager.getByTestId('menu-merchant-requests').click();
    await manager.getByTestId('request-new').click();
    // a code the bank does not have: only the server can tell, and its answer lands on the merchant field
    await manager.getByTestId('request-new-merchant').fill('MCH999999');
    await chooseOption(manager, manager.getByTestId('request-new-kind'), '终端故障');
    await manager.getByTestId('request-new-description').fill('收银台 POS 无法读卡，重启后仍报错');
    await manager.getByTestId('request-new-submit').click();
    await fieldError(manager, 'request-new-merchant').waitFor();
    assert.match(await fieldError(manager, 'request-new-merchant').innerText(), /MCH999999.*不存在/);
    await quiet(manager);
    await manager.screenshot({ path: shot('merchant-service-01-unknown-merchant') });

    // the right merchant, picked from the suggestions as typed
    await manager.getByTestId('request-new-merchant').fill(shop.code);
    await manager.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '海淀星辰超市' }).click();
    await manager.getByTestId('request-new-submit').click();
    const drawer = manager.getByTestId('request-drawer');
    await drawer.getByTestId('request-ref').waitFor();
    const ref = (await drawer.getByTestId('request-ref').innerText()).trim();
    assert.match(ref, /^MR\d{8}-\d{6}$/);
    assert.equal(await drawer.getByTestId('request-status').getAttribute('data-status'), 'open');
    // a strategic merchant's broken terminal: answered within 30 minutes, fixed within a calendar day, both on time now
    assert.equal(await drawer.getByTestId('request-clock-response').getAttribute('data-state'), 'on_track');
    assert.equal(await drawer.getByTestId('request-clock-resolution').getAttribute('data-state'), 'on_track');
    assert.match(await drawer.getByTestId('request-clock-response').innerText(), /响应时限[\s\S]*正常[\s\S]*截止 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    assert.equal(await drawer.getByTestId('request-resolve').isEnabled(), true);
    await quiet(manager);
    await manager.screenshot({ path: shot('merchant-service-02-request-opened') });

    // the list behind the drawer shows the same clocks as tags
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
    await manager.getByTestId(`request-row-${ref}`).waitFor();
    assert.equal(await manager.getByTestId(`request-response-${ref}`).getAttribute('data-state'), 'on_track');
    assert.equal(await manager.getByTestId(`request-resolution-${ref}`).getAttribute('data-state'), 'on_track');
    // the restaurant's query, due sooner, comes first: its answer is late, its resolution at risk
    assert.equal(await manager.getByTestId('request-table').locator('tbody tr[data-testid]').first().getAttribute('data-testid'), `request-row-${lateRef}`);
    assert.equal(await manager.getByTestId(`request-response-${lateRef}`).getAttribute('data-state'), 'breached');
    assert.equal(await manager.getByTestId(`request-resolution-${lateRef}`).getAttribute('data-state'), 'at_risk');
    await manager.screenshot({ path: shot('merchant-service-03-request-list') });

    // the engineer is on the way: the response clock stops, met
    await manager.getByTestId(`request-open-${ref}`).click();
    await drawer.getByTestId('request-note').fill('已电话联系店长，工程师 30 分钟内到店更换读卡模块');
    await drawer.getByTestId('request-respond').click();
    await manager.locator('[data-testid="request-clock-response"][data-state="met"]').waitFor();
    assert.equal(await drawer.getByTestId('request-status').getAttribute('data-status'), 'responded');
    assert.equal(await drawer.getByTestId('request-respond').isDisabled(), true, 'answered once');
    // fixed: both clocks stop; nothing is left to do
    await drawer.getByTestId('request-note').fill('已更换读卡模块，刷卡测试正常');
    await drawer.getByTestId('request-resolve').click();
    await manager.locator('[data-testid="request-status"][data-status="resolved"]').waitFor();
    assert.equal(await drawer.getByTestId('request-clock-resolution').getAttribute('data-state'), 'met');
    assert.match(await drawer.getByTestId('request-notes').innerText(), /工程师 30 分钟内到店[\s\S]*刷卡测试正常/);
    assert.equal(await drawer.getByTestId('request-resolve').count(), 0);
    await quiet(manager);
    await manager.screenshot({ path: shot('merchant-service-04-request-resolved') });
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    // resolved, it leaves the list of requests still to deal with, and shows under every status
    await manager.getByTestId(`request-row-${ref}`).waitFor({ state: 'detached' });
    await chooseOption(manager, manager.getByTestId('request-filter-status'), '全部状态');
    await manager.getByTestId(`request-row-${ref}`).waitFor();
    assert.equal(await manager.getByTestId(`request-resolution-${ref}`).getAttribute('data-state'), 'met');
    // the clock filter is in the address: the requests whose resolution is at risk
    await manager.goto(`${base}/merchants/requests?clock=at_risk`);
    await manager.getByTestId(`request-row-${lateRef}`).waitFor();
    assert.equal(await manager.getByTestId('request-table').locator('tbody tr[data-testid]').count(), 1);

    // the merchant's view lists it with its clocks
    await manager.goto(`${base}/merchants/${shop.code}`);
    await manager.getByTestId(`merchant-request-${ref}`).waitFor();
    await manager.getByTestId('merchant-requests').scrollIntoViewIfNeeded();
    await manager.getByTestId('merchant-requests').screenshot({ path: shot('merchant-service-05-360-requests') });
  });

  it('refuses a service standard resolved sooner than it is answered, on that cell (a risk officer, in English)', async () => {
    const risk = await staffPage('risk', { locale: 'en-US' });
    await risk.goto(`${base}/merchants/requests?view=standards`);
    await risk.getByTestId('std-edit').click();
    await risk.getByTestId('std-training-standard-response-amount').fill('20');
    await risk.getByTestId('std-save').click();
    await fieldError(risk, 'std-training-standard-resolution-amount').waitFor();
    assert.match(await fieldError(risk, 'std-training-standard-resolution-amount').innerText(), /cannot be resolved sooner than it is answered/);
    await quiet(risk);
    await risk.screenshot({ path: shot('merchant-service-06-standards-fault-en'), fullPage: true });
  });

  it('lists a re-review whose inspection is overdue, the longest overdue first, and opens its step in the work drawer', async () => {
    // a month on, nobody has inspected the restaurant
    offsetMs = 30 * DAY_MS;
    const manager = await staffPage('merchant');
    await manager.getByTestId('menu-merchant-reviews').click();
    const row = manager.getByTestId(`review-row-${restaurant.code}`);
    await row.waitFor();
    assert.equal(await manager.getByTestId(`review-reason-${restaurant.code}`).getAttribute('data-reason'), 'inspection_overdue');
    const days = Number(/\d+/.exec(await manager.getByTestId(`review-days-${restaurant.code}`).innerText())?.[0]);
    assert.ok(days > 0 && days < 30, `days overdue: ${days}`);
    assert.equal(await manager.getByTestId(`review-row-${shop.code}`).count(), 0, 'the shop is not due for a year');
    await quiet(manager);
    await manager.screenshot({ path: shot('merchant-service-07-reviews-overdue') });

    await manager.getByTestId(`review-step-${restaurant.code}`).click();
    const drawer = manager.getByTestId('task-drawer');
    await drawer.getByTestId('task-claim').click();
    await drawer.getByTestId('task-complete').waitFor();
    assert.match(await drawer.innerText(), /复查现场检查/);
    await manager.screenshot({ path: shot('merchant-service-08-review-step') });
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    // the merchant's view: the next review date and the running review with its step
    await manager.goto(`${base}/merchants/${restaurant.code}`);
    const card = manager.getByTestId('merchant-reviews');
    await card.locator('[data-status="in_progress"]').waitFor();
    assert.equal((await manager.getByTestId('merchant-reviews-next').innerText()).trim(), reviewDue, 'kept until the review records its rating');
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: shot('merchant-service-09-360-reviews') });
  });
});
