import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchBrowser, serve, shot, signIn } from '../support/browser.ts';
import { loginAs } from '../support/http.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { openCase } from '../complaints/support.ts';
import { WANG } from '../services/support.ts';

const webBuilt = fs.existsSync(path.resolve('web/dist/index.html')) ? false : 'web/dist is not built (npm run build:web): skipped';

describe('a complaint under the regulatory clock in Chromium', { skip: chromiumMissing || webBuilt }, () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  before(async () => {
    // background work as in production: the process's system steps (decision notices, closing) run as jobs
    app = await startTestApp('pglite', { jobExecutor: true, jobPollMs: 100 });
    base = await serve(app);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  const staffPage = async (username: string) => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
    await signIn(page, base, username);
    return page;
  };

  /** Opens the complaint's page from the board, as a handler does. */
  const openFromBoard = async (page: Page, ref: string) => {
    await page.getByTestId('menu-complaints').click();
    const row = page.locator('tr', { hasText: ref }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await page.getByTestId('complaint-clock').waitFor();
  };

  /** Waits until the complaint's process reaches a step (system steps run in the background). */
  const atStep = async (page: Page, elementId: string) => {
    for (let i = 0; i < 40; i++) {
      if (await page.getByTestId(`complaint-step-panel-${elementId}`).isVisible()) return;
      await page.waitForTimeout(250);
      if (i % 8 === 7) await page.reload();
    }
    await page.getByTestId(`complaint-step-panel-${elementId}`).waitFor({ timeout: 5000 });
  };

  it('comes in at the counter, is classified, extended with approval, decided, disputed, reviewed, remediated, closed, and shows in the report', async () => {
    const subject = await openCase(await loginAs(app.http, 'teller1'));

    // the teller registers it at the counter: the customer found by ID number, what is on file shown
    const teller = await staffPage('teller1');
    await teller.getByTestId('menu-complaint-new').click();
    await teller.getByTestId('complaint-customer-search-id').fill(WANG.idNumber);
    await teller.getByTestId('complaint-customer-search-submit').click();
    await teller.locator('[data-testid^="complaint-customer-choose-"]').first().click();
    await teller.getByTestId('complaint-subject-type').click();
    await teller.locator('.ant-select-item-option', { hasText: '业务办理' }).first().click();
    await teller.getByTestId('complaint-subject-ref').fill(subject.ref);
    await teller.getByTestId('complaint-on-file').getByText(subject.ref).first().waitFor();
    await teller.getByTestId('complaint-description').fill('在海淀支行办理开户时，柜员态度冷淡，还多收了手续费 20 元');
    await teller.getByTestId('complaint-request').fill('退还多收的手续费并道歉');
    await teller.getByTestId('complaint-suggestion').getByText('定价收费').first().waitFor();
    await teller.screenshot({ path: shot('60-complaint-intake'), fullPage: true });
    await teller.getByTestId('complaint-submit').click();
    await teller.getByTestId('complaint-intake-done').waitFor();
    const ref = (await teller.getByTestId('complaint-ref').innerText()).trim();
    assert.match(ref, /^TS\d{8}-\d{6}$/);
    await teller.screenshot({ path: shot('61-complaint-acknowledged') });

    // the handler accepts it as suggested, takes it, records a call and asks for an extension
    const handler = await staffPage('complaints');
    await openFromBoard(handler, ref);
    assert.match(await handler.getByTestId('complaint-clock').innerText(), /15/);
    await atStep(handler, 'accept');
    await handler.getByTestId('complaint-accept-submit').click();
    await atStep(handler, 'assign');
    await handler.getByTestId('complaint-assign-me').click();
    await atStep(handler, 'investigate');
    await handler.getByTestId('complaint-event-kind-contact').click();
    await handler.getByTestId('complaint-event-method').click();
    await handler.locator('.ant-select-item-option').first().click();
    await handler.getByTestId('complaint-event-text').fill('已致电客户，核实收费经过');
    await handler.getByTestId('complaint-event-submit').click();
    await handler.getByTestId('complaint-event-contact').waitFor();
    await handler.getByTestId('complaint-extension-request').click();
    await handler.getByTestId('complaint-extension-reason').fill('需调取柜面监控录像并核对收费记录');
    await handler.getByTestId('complaint-extension-submit').click();
    await handler.getByTestId('complaint-extension-1').waitFor();

    // the branch manager approves the extension: the limit becomes 30 days
    const manager = await staffPage('branchmgr');
    await manager.getByTestId('menu-complaint-extensions').click();
    await manager.getByText(ref).first().waitFor();
    await manager.screenshot({ path: shot('62-complaint-extension-approvals') });
    await manager.getByTestId('complaint-extension-approve').first().click();
    await manager.getByTestId('complaint-extension-note').fill('情况复杂，同意延期');
    await manager.getByTestId('complaint-extension-decision-submit').click();
    await manager.getByText(ref).first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);

    // the handler proposes the decision; a supervisor (the amount is small) approves it
    await handler.reload();
    await handler.getByTestId('complaint-clock').getByText('30').first().waitFor();
    await handler.getByTestId('complaint-proposal-outcome-partly_upheld').click();
    await handler.getByTestId('complaint-proposal-text').fill('经核实多收手续费 20 元，予以退还并致歉');
    await handler.getByTestId('complaint-proposal-compensation').fill('20');
    await handler.getByTestId('complaint-proposal-submit').click();
    await atStep(handler, 'approveDecision');
    const supervisor = await staffPage('supervisor');
    await supervisor.goto(`${base}/complaints/${ref}`);
    await atStep(supervisor, 'approveDecision');
    await supervisor.getByTestId('complaint-approve').click();

    // decided in writing; the complainant disputes; another handler reviews and confirms
    await handler.reload();
    await atStep(handler, 'recordResponse');
    assert.match(await handler.getByTestId('complaint-status').innerText(), /已告知|决定/);
    await handler.getByTestId('complaint-response-note').fill('客户认为补偿不足');
    await handler.getByTestId('complaint-response-disputed').click();
    await atStep(handler, 'review');
    await handler.getByTestId('complaint-step-recused').waitFor();
    const reviewer = await staffPage('complaints2');
    await openFromBoard(reviewer, ref);
    await atStep(reviewer, 'review');
    await reviewer.getByTestId('complaint-review-note').fill('复核认为原决定适当，维持');
    await reviewer.getByTestId('complaint-review-confirm').click();

    // root cause and a corrective action, then close
    await handler.reload();
    await atStep(handler, 'rootCause');
    await handler.getByTestId('complaint-rootcause-staff').fill('柜员未按收费标准收费');
    await handler.getByTestId('complaint-rootcause-finding').fill('网点收费参数维护错误');
    await handler.getByTestId('complaint-rootcause-submit').click();
    await handler.getByTestId('complaint-event-root_cause').waitFor();
    await handler.getByTestId('complaint-action-text').fill('更正收费参数并培训柜员');
    await handler.getByTestId('complaint-action-owner').locator('input').fill('branchmgr');
    await handler.getByTestId('complaint-action-due').click();
    await handler.keyboard.type('2026-12-31');
    await handler.keyboard.press('Enter');
    await handler.getByTestId('complaint-action-add').click();
    await handler.getByTestId('complaint-actions').getByText('更正收费参数并培训柜员').waitFor();
    await handler.getByTestId('complaint-close').click();
    await handler.getByTestId('complaint-close-confirm').click();
    for (let i = 0; i < 40 && !/已办结/.test(await handler.getByTestId('complaint-status').innerText()); i++) {
      await handler.waitForTimeout(250);
      if (i % 8 === 7) await handler.reload();
    }
    assert.match(await handler.getByTestId('complaint-status').innerText(), /已办结/);
    const timeline = await handler.getByTestId('complaint-timeline').innerText();
    for (const kind of ['received', 'classified', 'extension_approved', 'decided', 'response', 'review', 'root_cause', 'closed']) {
      assert.ok(await handler.getByTestId(`complaint-event-${kind}`).first().isVisible(), `timeline lacks ${kind}: ${timeline.slice(0, 400)}`);
    }
    await handler.screenshot({ path: shot('63-complaint-closed'), fullPage: true });

    // the report counts it: decided on time, extended once
    const ops = await staffPage('ops');
    await ops.getByTestId('menu-complaint-report').click();
    await ops.getByTestId('complaint-kpi-received').waitFor();
    assert.match(await ops.getByTestId('complaint-kpi-received').innerText(), /\b1\b/);
    assert.match(await ops.getByTestId('complaint-kpi-on-time').innerText(), /100(\.0)?\s*%/);
    assert.match(await ops.getByTestId('complaint-kpi-extension').innerText(), /100(\.0)?\s*%/);
    await ops.waitForTimeout(500);
    await ops.screenshot({ path: shot('64-complaint-report'), fullPage: true });
  });
});
