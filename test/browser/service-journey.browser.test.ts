import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { anonymous } from '../support/http.ts';
import { chromiumMissing, launchBrowser, serve, shot, signIn } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { residentId } from '../services/support.ts';

const webBuilt = fs.existsSync(path.resolve('web/dist/index.html')) ? false : 'web/dist is not built (npm run build:web): skipped';

const WALK_IN = { name: '周晓雯', idNumber: residentId('11010819920716228'), phone: '13612345678' };

describe('a customer’s service journey in Chromium', { skip: chromiumMissing || webBuilt }, () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  before(async () => {
    // the background work runs here as in production: handlers, closing cases, sending SMS
    app = await startTestApp('pglite', { jobExecutor: true, jobPollMs: 100 });
    base = await serve(app);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  const staffPage = async (username: string) => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
    await signIn(page, base, username);
    return page;
  };

  /** Opens the first task of the case in the work drawer (from the available list) and waits for it. */
  const openTask = async (page: Page, ref: string) => {
    await page.goto(`${base}/work`);
    await page.getByTestId('work-tab-available').click();
    const row = page.locator('[data-testid^="work-row-"]', { hasText: ref }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await page.getByTestId('task-drawer').waitFor();
    await page.getByTestId('task-claim').click();
    await page.getByTestId('task-claim').waitFor({ state: 'detached' });
  };

  it('a teller opens an account for a walk-in, a supervisor approves, the customer tracks it and rates the service', async () => {
    const teller = await staffPage('teller1');
    await teller.goto(`${base}/cases/new`);
    await teller.getByTestId('newcase-register').click();
    await teller.getByTestId('register-name').fill(WALK_IN.name);
    await teller.getByTestId('register-idnumber').fill(WALK_IN.idNumber);
    await teller.getByTestId('register-phone').fill(WALK_IN.phone);
    await teller.screenshot({ path: shot('20-teller-register-walk-in') });
    await teller.getByTestId('register-submit').click();
    await teller.getByTestId('newcase-service-open-personal-account').click();
    await teller.getByTestId('newcase-next').click();
    await teller.getByTestId('newcase-all-received').click();
    await teller.screenshot({ path: shot('21-teller-materials') });
    await teller.getByTestId('newcase-next').click();
    await teller.getByTestId('newcase-submit').click();
    const ref = (await teller.getByTestId('case-ref').innerText()).trim();
    assert.match(ref, /^BL\d{8}-\d{6}$/);
    await teller.screenshot({ path: shot('22-teller-case-opened') });

    // the teller checks the materials and enters the account details (the form of the process)
    await openTask(teller, ref);
    await teller.getByTestId('task-complete').click();
    await teller.getByTestId('task-drawer').waitFor({ state: 'hidden' });
    await openTask(teller, ref);
    const drawer = teller.getByTestId('task-drawer');
    await drawer.getByLabel(/用途|Purpose/).fill('工资代发');
    await drawer.locator('.fjs-form-field-select').first().click();
    await teller.locator('.fjs-dropdownlist-item').first().click();
    await teller.screenshot({ path: shot('23-teller-maker-input') });
    await teller.getByTestId('task-complete').click();
    await teller.getByTestId('task-drawer').waitFor({ state: 'hidden' });

    // the supervisor approves; the teller could not have (maker-checker is the engine's rule)
    const supervisor = await staffPage('supervisor');
    await openTask(supervisor, ref);
    await supervisor.screenshot({ path: shot('24-supervisor-approval') });
    await supervisor.getByTestId('task-approve').click();
    await supervisor.getByTestId('task-drawer').waitFor({ state: 'hidden' });
    await supervisor.goto(`${base}/cases/${ref}`);
    await supervisor.getByTestId('case-status').filter({ hasText: /已办结|Completed/ }).waitFor({ timeout: 20_000 });
    await supervisor.getByTestId('case-timeline').waitFor();
    await supervisor.screenshot({ path: shot('25-case-completed'), fullPage: true });

    // the customer, on a phone: tracks the case with the code sent by SMS
    const phone = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
    const customer = await phone.newPage();
    customer.on('pageerror', (e) => assert.fail(`portal error: ${e.message}`));
    await customer.goto(`${base}/portal/track`);
    await customer.getByTestId('portal-track-ref').fill(ref);
    await customer.getByTestId('portal-track-send').click();
    const sms = async (pattern: RegExp) => {
      for (let i = 0; i < 50; i++) {
        const inbox = (await anonymous(app.http).post('/api/v1/public/demo-inbox', { phone: WALK_IN.phone })).json().items as { body: string }[];
        const found = inbox.map((m) => pattern.exec(m.body)).find(Boolean);
        if (found) return found[1]!;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`no SMS matching ${pattern}`);
    };
    const code = await sms(/验证码为 (\d{6})/);
    await customer.getByTestId('portal-track-code').fill(code);
    await customer.getByTestId('portal-track-verify').click();
    await customer.getByTestId('portal-track-status').waitFor();
    assert.equal(await customer.getByTestId('portal-track-status').getAttribute('data-status'), 'completed');
    await customer.screenshot({ path: shot('26-customer-tracks-case'), fullPage: true });

    // and answers the survey from the link in the SMS
    const token = await sms(/\/portal\/survey\/([\w-]+)/);
    await customer.goto(`${base}/portal/survey/${token}`);
    await customer.getByTestId('portal-survey-csat-5').click();
    await customer.getByTestId('portal-survey-nps-9').click();
    await customer.getByTestId('portal-survey-comment').fill('柜员很耐心，办理很快。');
    await customer.screenshot({ path: shot('27-customer-survey') });
    await customer.getByTestId('portal-survey-submit').click();
    await customer.getByTestId('portal-survey-thanks').waitFor();
    const survey = await app.deps.db.selectFrom('survey as s').innerJoin('service_case as c', 'c.id', 's.case_id').select(['s.csat', 's.nps', 's.staff']).where('c.ref', '=', ref).executeTakeFirstOrThrow();
    assert.deepEqual(survey, { csat: 5, nps: 9, staff: 'teller1' });
  });
});
