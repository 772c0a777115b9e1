import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { bpmn, flows } from '../../src/engine/model/bpmn-fixture.ts';
import { APPROVAL_DMN } from '../engine/fixtures.ts';
import { chromiumMissing, launchBrowser, serve, shot, signIn } from '../support/browser.ts';
import { loginAs } from '../support/http.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const webBuilt = fs.existsSync(path.resolve('web/dist/index.html')) ? false : 'web/dist is not built (npm run build:web): skipped';

const FORM = JSON.stringify({ type: 'default', components: [{ type: 'textfield', key: 'customerName', label: '客户姓名 Customer name', validate: { required: true } }, { type: 'number', key: 'deposit', label: '存款金额 Deposit' }] });
const escapeAttr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const ACCOUNT_OPENING = bpmn('accountOpening', `
    <bpmn:startEvent id="s" name="客户到柜"/>
    <bpmn:userTask id="collect" name="录入开户信息" camunda:candidateGroups="teller">
      <bpmn:extensionElements><camunda:properties><camunda:property name="banklane.formSchema" value="${escapeAttr(FORM)}"/></camunda:properties></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:endEvent id="e" name="开户完成"/>
${flows('s->collect', 'collect->e')}`);

describe('process library and task list in Chromium', { skip: chromiumMissing || webBuilt }, () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  before(async () => {
    app = await startTestApp('pglite');
    base = await serve(app);
    const ops = await loginAs(app.http, 'ops');
    assert.equal((await ops.post('/api/v1/deployments', { name: 'accounts', resources: [{ name: 'account-opening.bpmn', content: ACCOUNT_OPENING }, { name: 'approval.dmn', content: APPROVAL_DMN }] })).statusCode, 201);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  const login = (page: Page, username: string, password?: string) => signIn(page, base, username, password);

  it('an operations manager adds a step in the modeler and deploys version 2', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await login(page, 'ops');
    await page.getByTestId('menu-processes').click();
    await page.getByTestId('process-row-accountOpening').click();
    await page.getByTestId('process-edit').click();
    const modeler = page.getByTestId('bpmn-modeler');
    await modeler.locator('[data-element-id="collect"]').first().click();
    await page.locator('.djs-context-pad [data-action="append.append-task"]').click();
    await page.keyboard.type('复核开户资料');
    await modeler.locator('svg').first().click({ position: { x: 20, y: 20 } });
    await page.screenshot({ path: shot('13-modeler') });
    await page.getByTestId('process-deploy').click();
    const ops = await loginAs(app.http, 'ops');
    let latest: { version: number; id: string } | undefined;
    for (let i = 0; i < 50 && latest?.version !== 2; i++) {
      latest = (await ops.get('/api/v1/process-definitions?key=accountOpening&latest=true')).json().items[0];
      if (latest?.version !== 2) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(latest?.version, 2, 'version 2 deployed from the modeler');
    const xml = (await ops.get(`/api/v1/process-definitions/${latest!.id}/xml`)).body;
    assert.match(xml, /复核开户资料/);
    await context.close();
  });

  it('then a teller starts version 2 from the library and completes its task with the rendered form', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, 'teller1');
    await page.getByTestId('menu-processes').click();
    await page.getByTestId('process-row-accountOpening').click();
    await page.getByTestId('bpmn-canvas').locator('svg').first().waitFor();
    await page.screenshot({ path: shot('10-process-page') });
    await page.getByTestId('process-start').click();
    await page.getByTestId('start-business-key').fill('ACC-0001');
    const started = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/process-instances');
    await page.getByTestId('start-submit').click();
    const answer = await started;
    assert.equal(answer.status(), 201, await answer.text());
    await page.waitForURL(/\/instances\//);
    await page.screenshot({ path: shot('11-instance') });

    await page.getByTestId('menu-tasks').click();
    await page.getByTestId('task-row-collect').first().click();
    await page.getByTestId('task-claim').click();
    await page.getByTestId('task-unclaim').waitFor(); // the drawer has reloaded the claimed task
    const form = page.getByTestId('task-form');
    await form.locator('input').first().waitFor();
    await form.locator('input').nth(0).fill('张三');
    await form.locator('input').nth(1).fill('5000');
    await page.screenshot({ path: shot('12-task-form') });
    await page.getByTestId('task-complete').click();
    await page.getByTestId('task-row-collect').first().waitFor({ state: 'detached' });

    const ops = await loginAs(app.http, 'ops');
    const instance = (await ops.get('/api/v1/process-instances?businessKey=ACC-0001')).json().items[0];
    assert.equal(instance.status, 'completed');
    assert.match(instance.definitionId, /^accountOpening:2:/, 'started on the version the modeler deployed');
    const history = (await ops.get(`/api/v1/process-instances/${instance.id}/history`)).json().items;
    assert.ok(history.some((h: { elementId: string; lifecycle: string; resource: string }) => h.elementId === 'collect' && h.lifecycle === 'complete' && h.resource === 'teller1'));
    assert.ok(history.some((h: { name: string; lifecycle: string }) => h.name === '复核开户资料' && h.lifecycle === 'complete'), 'the step added in the modeler ran');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('shows a decision table and explains which rule a trial evaluation matched', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, 'ops');
    await page.goto(`${base}/decisions/approvalLevel`);
    await page.locator('[data-testid="dmn-canvas"][data-ready="true"]').waitFor();
    assert.match(await page.getByTestId('dmn-canvas').innerText(), /supervisor/);
    await page.getByTestId('decision-variables').fill('{"amount": 60000}');
    await page.getByTestId('decision-evaluate').click();
    const result = page.getByTestId('decision-result');
    await result.waitFor();
    assert.match(await result.innerText(), /supervisor/);
    await page.screenshot({ path: shot('14-decision') });
    // the editor: change the threshold cell and deploy version 2 of the decision
    await page.getByTestId('decision-edit').click();
    const editor = page.getByTestId('dmn-modeler');
    const cell = editor.locator('td', { hasText: '>= 50000' }).first();
    await cell.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('80000');
    await editor.locator('th').first().click();
    await page.getByTestId('decision-deploy').click();
    await page.getByTestId('decision-deploy-result').waitFor();
    await page.screenshot({ path: shot('15-decision-editor') });
    const ops = await loginAs(app.http, 'ops');
    const evaluated = (await ops.post('/api/v1/decisions/approvalLevel/evaluate', { variables: { amount: 60000 } })).json();
    assert.equal(evaluated.value, 'teller', 'version 2 raised the threshold to 80000');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
