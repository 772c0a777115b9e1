import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { chromiumMissing, launchBrowser, serve, shot, signIn } from '../support/browser.ts';
import { anonymous, loginAs, type Client } from '../support/http.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { customerId, residentId, WANG } from '../services/support.ts';

const webBuilt = fs.existsSync(path.resolve('web/dist/index.html')) ? false : 'web/dist is not built (npm run build:web): skipped';

/** The China calendar day of an instant, and its wall-clock time. */
const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** Twelve Haidian customers in their eighties, each with a phone: the seminar's audience. */
const SENIORS = ['周桂英', '吴秀兰', '郑玉珍', '孙淑华', '冯德明', '陈国栋', '褚凤英', '卫建国', '蒋桂兰', '沈志强', '韩秀珍', '杨振华'].map((name, i) => ({
  name,
  idNumber: residentId(`110108${1938 + (i % 4)}${String(1 + i).padStart(2, '0')}157${String(i).padStart(2, '0')}`),
  phone: `136555000${String(10 + i)}`,
}));

type Decision = { customerId: string; arm: 'treatment' | 'control'; outcome: string; contacts: { channel: string; decision: string }[] };

describe('own-customer operations in Chromium: a segment, a seminar with a control group, and offers at the counter', { skip: chromiumMissing || webBuilt }, () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  let rmApi: Client;
  // the bank's clock: 10:00 in Beijing on the next working day, running in real time (ahead of the
  // browser's own clock, so the sign-in cookie the server dates is not already expired for it; the
  // counter queue takes tickets only while the branch is open, and no SMS waits for quiet hours)
  let opensAt = Date.parse(`${chinaDay(new Date())}T02:00:00Z`);
  let startedAt = Date.now();
  const now = () => new Date(opensAt + (Date.now() - startedAt));
  const ids = new Map<string, { id: string; phone: string; name: string }>();

  before(async () => {
    const nextWeekday = () => {
      do opensAt += 86_400_000;
      while ([0, 6].includes(new Date(opensAt).getUTCDay()));
    };
    nextWeekday();
    app = await startTestApp('pglite', {}, undefined, now);
    const calendar = await app.engine.businessCalendar();
    while (!calendar.isWorkingDay(calendar.localDate(new Date(opensAt)))) nextWeekday();
    startedAt = Date.now();
    // the customers, registered at the counter with marketing allowed, each consenting to SMS
    rmApi = await loginAs(app.http, 'rm');
    for (const s of SENIORS) {
      const created = await rmApi.post('/api/v1/customers', { kind: 'individual', name: s.name, idType: 'resident_id', idNumber: s.idNumber, phone: s.phone, consents: { marketing: true, sms: true, dataSharing: false } });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id as string;
      const consent = await rmApi.put(`/api/v1/customers/${id}/marketing-consents/sms`, { granted: true, source: 'counter' });
      assert.equal(consent.statusCode, 200, consent.body);
      ids.set(id, { id, phone: s.phone, name: s.name });
    }
    base = await serve(app);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  const open = async (width: number, height: number): Promise<Page> => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width, height } });
    const page = await context.newPage();
    page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
    return page;
  };
  const staff = async (username: string) => {
    const page = await open(1440, 900);
    await signIn(page, base, username);
    return page;
  };
  /** Waits for the toasts to go, so that a screenshot shows the screen itself. */
  const quiet = async (page: Page) => {
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 8000 }).catch(() => undefined);
    await page.locator('.ant-message-notice').last().waitFor({ state: 'detached', timeout: 8000 }).catch(() => undefined);
  };
  const chooseOption = async (page: Page, select: Locator, text: string, search = false) => {
    await select.click();
    if (search) await page.keyboard.type(text);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
  };
  /** The invitation links SMS'd to a phone (demo mode keeps what it would have sent). */
  const invitationTokens = async (phone: string) => {
    const inbox = await anonymous(app.http).post('/api/v1/public/demo-inbox', { phone });
    assert.equal(inbox.statusCode, 200, inbox.body);
    return (inbox.json().items as { body: string }[]).map((m) => /\/portal\/campaign\/([\w-]+)/.exec(m.body)?.[1]).filter((t): t is string => t !== undefined);
  };

  let rm: Page;
  let campaignId: string;
  let decisions: Decision[];
  /** The seminar's session: a week after the bank's today, 14:00 China time. */
  const sessionDay = () => chinaDay(new Date(opensAt + 7 * 86_400_000));

  it('a relationship manager builds a segment of customers aged 80 and over, the live count telling how many', async () => {
    rm = await staff('rm');
    await rm.getByTestId('menu-segments').click();
    await rm.getByTestId('segment-list').waitFor();
    // the customers registered this morning get their facts: a refresh
    await rm.getByTestId('segment-refresh').click();
    await rm.locator('.ant-message-notice', { hasText: '刷新完成' }).waitFor({ timeout: 60_000 });
    await rm.getByTestId('segment-new').click();
    await rm.getByTestId('segment-code').fill('senior-80');
    await rm.getByTestId('segment-name-zh').fill('八十岁以上长者');
    await rm.getByTestId('segment-name-en').fill('Aged 80 and over');
    // the fact picked from the list beside the rule, the comparison typed after it
    await rm.getByTestId('segment-fact-age').click();
    const expression = rm.getByTestId('segment-expression');
    assert.equal(await expression.inputValue(), 'age ');
    await expression.press('End');
    await expression.pressSequentially('>= 80');
    await rm.locator('[data-testid="segment-live-count"][data-count="12"]').waitFor({ timeout: 30_000 });
    assert.match(await rm.getByTestId('segment-live-yours').innerText(), /本辖 12 位/);
    assert.equal(await rm.getByTestId('segment-live-sample').locator('.ant-list-item').count() > 0, true, 'a masked sample of the branch’s customers');
    await expression.hover();
    await rm.locator('.ant-tooltip:visible').waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
    await quiet(rm);
    await rm.screenshot({ path: shot('engagement-01-segment-builder') });
    await rm.getByTestId('segment-save').click();
    await rm.getByTestId('segment-row-senior-80').waitFor();
  });

  it('launches a seminar to the segment with a control group held out: only the treatment group is invited', async () => {
    await rm.getByTestId('menu-campaigns').click();
    await rm.getByTestId('campaign-new').click();
    await rm.getByTestId('campaign-code').fill('SEM-SENIOR-1');
    await rm.getByTestId('campaign-name-zh').fill('长者养老金融讲座');
    await rm.getByTestId('campaign-name-en').fill('Retirement finance seminar for seniors');
    await rm.locator('label', { has: rm.getByTestId('campaign-kind-seminar') }).click();
    await chooseOption(rm, rm.getByTestId('campaign-segment'), 'senior-80');
    await rm.getByTestId('campaign-segment-count').filter({ hasText: '12' }).waitFor();
    await rm.getByTestId('campaign-control').fill('25');
    await rm.getByTestId('campaign-message-sms-zh').fill('诚邀您参加海淀支行长者养老金融讲座，点击链接选择场次');
    await rm.getByTestId('campaign-message-sms-en').fill('You are invited to our retirement finance seminar; choose a session by the link');
    // the session a week ahead, 14:00, in the branch's meeting room
    await rm.getByTestId('campaign-session-0-place').fill('海淀支行三楼会议室');
    const time = rm.getByTestId('campaign-session-0-time');
    await time.click();
    await time.fill(`${sessionDay()} 14:00`);
    await rm.locator('.ant-picker-dropdown:visible .ant-picker-ok button').click();
    await rm.locator('.ant-picker-dropdown:visible').waitFor({ state: 'detached' }).catch(() => undefined);
    assert.equal(await time.inputValue(), `${sessionDay()} 14:00`);
    assert.equal(await rm.getByTestId('campaign-builder').locator('.ant-form-item-explain-error').count(), 0, 'nothing left to fill');
    await quiet(rm);
    await rm.screenshot({ path: shot('engagement-02-campaign-builder'), fullPage: true });
    await rm.getByTestId('campaign-save').click();
    await rm.getByTestId('campaign-detail').waitFor();
    campaignId = new URL(rm.url()).pathname.split('/').pop()!;
    assert.equal((await rm.getByTestId('campaign-status').innerText()).trim(), '草稿');

    await rm.getByTestId('campaign-launch').click();
    await rm.getByTestId('campaign-launch-confirm').click();
    await rm.locator('[data-testid="campaign-status"]', { hasText: '进行中' }).waitFor();
    const audience = rm.getByTestId('campaign-audience');
    await audience.locator('tbody tr.ant-table-row').nth(11).waitFor();

    // who was held out: the control group, three of twelve (25%), shown on the page and sent nothing
    decisions = (await rmApi.get(`/api/v1/campaigns/${campaignId}/audience`)).json().items;
    assert.equal(decisions.length, 12);
    const control = decisions.filter((d) => d.arm === 'control');
    assert.equal(control.length, 3);
    const controlRows = audience.locator('tbody tr.ant-table-row', { has: rm.locator('.ant-tag', { hasText: /^对照组$/ }) });
    assert.equal(await controlRows.count(), 3, 'the held-out customers on the page');
    for (let i = 0; i < 3; i++) {
      assert.match(await controlRows.nth(i).innerText(), /留出，不发送/);
      assert.equal(await controlRows.nth(i).locator('.ant-tag', { hasText: '短信' }).count(), 0, 'no channel tried for a control customer');
    }
    const treatmentRows = audience.locator('tbody tr.ant-table-row', { has: rm.locator('.ant-tag', { hasText: /^活动组$/ }) });
    assert.equal(await treatmentRows.count(), 9);
    assert.match(await treatmentRows.first().innerText(), /已触达[\s\S]*短信: 已发送/);
    const results = rm.getByTestId('campaign-results');
    assert.match(await results.innerText(), /受众\s*12[\s\S]*活动组 · 触达\s*9[\s\S]*对照组\s*3/);
    for (const d of control) {
      assert.deepEqual(d.contacts, []);
      assert.deepEqual(await invitationTokens(ids.get(d.customerId)!.phone), [], 'a control customer gets no message');
    }
    for (const d of decisions.filter((x) => x.arm === 'treatment')) {
      assert.equal(d.outcome, 'contacted');
      assert.equal((await invitationTokens(ids.get(d.customerId)!.phone)).length, 1, 'one invitation per treated customer');
    }
    await quiet(rm);
    await rm.screenshot({ path: shot('engagement-03-campaign-launched'), fullPage: true });
  });

  it('a contacted customer takes a place by the link in their SMS and is checked in at the door by the code', async () => {
    const invited = decisions.find((d) => d.arm === 'treatment')!;
    const [token] = await invitationTokens(ids.get(invited.customerId)!.phone);
    const phone = await open(390, 844);
    await phone.goto(`${base}/portal/campaign/${token}`);
    assert.equal((await phone.getByTestId('invitation-name').innerText()).trim(), '长者养老金融讲座');
    assert.match(await phone.locator('label', { has: phone.getByTestId('invitation-session-0') }).innerText(), new RegExp(`${sessionDay()} 14:00[\\s\\S]*海淀支行三楼会议室[\\s\\S]*30`));
    await phone.screenshot({ path: shot('engagement-04-portal-invitation'), fullPage: true });
    await phone.getByTestId('invitation-register').click();
    const code = (await phone.getByTestId('invitation-code').innerText()).trim();
    assert.match(code, /^[A-Z2-9]{8}$/);
    await phone.screenshot({ path: shot('engagement-05-portal-registered'), fullPage: true });

    // at the door: the seminar's check-in, the session chosen from the campaign
    await rm.reload();
    await rm.getByTestId('campaign-open-checkin').click();
    await rm.getByTestId(`checkin-row-${code}`).waitFor();
    assert.equal((await rm.getByTestId(`checkin-row-${code}`).getByTestId('checkin-state').innerText()).trim(), '未签到');
    await rm.getByTestId('checkin-code').fill(code.toLowerCase());
    await rm.getByTestId('checkin-submit').click();
    await rm.getByTestId('checkin-result').waitFor();
    assert.match(await rm.getByTestId('checkin-result').innerText(), /签到成功/);
    await rm.getByTestId(`checkin-row-${code}`).getByTestId('checkin-state').filter({ hasText: '已签到' }).waitFor();
    await quiet(rm);
    await rm.screenshot({ path: shot('engagement-06-seminar-checked-in') });

    // the results count the attendance as the treatment group's conversion
    await rm.goto(`${base}/campaigns/${campaignId}`);
    await rm.getByTestId('campaign-results').filter({ hasText: /活动组 · 转化\s*1/ }).waitFor();
    const results = (await rmApi.get(`/api/v1/campaigns/${campaignId}/results`)).json();
    assert.deepEqual([results.treatment.responded, results.treatment.converted, results.control.size], [1, 1, 3]);
    await rm.getByTestId('campaign-audience').scrollIntoViewIfNeeded();
    await rm.screenshot({ path: shot('engagement-07-campaign-results'), fullPage: true });
  });

  it('a teller serving another customer at the counter sees suitable offers with their reasons; a product above her tolerance is refused', async () => {
    // 王小明 (C3, assessed) takes a ticket at the counter; the teller calls her
    const tellerApi = await loginAs(app.http, 'teller1');
    const wang = await customerId(tellerApi, WANG.idNumber);
    const ticket = await tellerApi.post('/api/v1/queue/branches/BJ-HD/tickets', { serviceCode: 'open-personal-account', customerId: wang });
    assert.equal(ticket.statusCode, 201, ticket.body);
    const teller = await staff('teller1');
    await teller.goto(`${base}/queue/counter`);
    await teller.getByTestId('counter-select').click();
    await teller.locator('.ant-select-item-option', { hasText: /^1/ }).first().click();
    await teller.getByTestId('counter-sign-in').click();
    await teller.getByTestId('counter-call-next').click();
    assert.equal((await teller.getByTestId('counter-current-number').innerText()).trim(), ticket.json().number);

    const panel = teller.getByTestId('offers-panel');
    const rows = panel.getByTestId('offers-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor({ timeout: 30_000 });
    // every offer suits a C3 customer (R3 or below), scored, with its reasons in Chinese
    const offered = await rows.count();
    assert.ok(offered > 0);
    for (let i = 0; i < offered; i++) {
      const text = await rows.nth(i).innerText();
      assert.match(text, /R[1-3]/, `offer ${i + 1} suits a C3 customer: ${text}`);
      assert.doesNotMatch(text, /R[45]\b/);
      assert.match(await rows.nth(i).getByTestId('offer-score').innerText(), /^\d{1,3}%$/);
      const reasons = rows.nth(i).getByTestId('offer-reasons').locator('li');
      assert.ok((await reasons.count()) > 0, `offer ${i + 1} has its reasons`);
      assert.match(await reasons.first().innerText(), /[\u4e00-\u9fff]/, 'reasons in Chinese');
    }
    await panel.scrollIntoViewIfNeeded();
    await quiet(teller);
    await teller.screenshot({ path: shot('engagement-08-counter-offers'), fullPage: true });

    // the customer asks for the equity fund (R4): refused, and the reason said
    await panel.getByTestId('offers-sell-other').click();
    const modal = teller.locator('.ant-modal', { has: teller.getByTestId('offer-sale-product') });
    await chooseOption(teller, modal.getByTestId('offer-sale-product'), 'WM-EQUITY', true);
    await modal.locator('.ant-modal-title').click();
    await teller.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' }).catch(() => undefined);
    await modal.getByTestId('offer-sale-amount').fill('20000');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    const refused = modal.getByTestId('offer-sale-refused');
    await refused.waitFor();
    assert.match(await refused.innerText(), /不适合该客户[\s\S]*权益精选混合风险等级为R4，高于C3级客户可购买的等级（R3及以下）/);
    await teller.screenshot({ path: shot('engagement-09-counter-refused') });
    const holdings = (await rmApi.get(`/api/v1/customers/${wang}/holdings`)).json();
    assert.ok(!JSON.stringify(holdings).includes('WM-EQUITY'), 'nothing sold');
    const refusals = (await (await loginAs(app.http, 'branchmgr')).get('/api/v1/suitability-refusals')).json().items as { product?: { code: string }; productCode?: string; reasons?: { code: string }[] }[];
    assert.ok(refusals.some((r) => JSON.stringify(r).includes('WM-EQUITY') && JSON.stringify(r).includes('risk_above_tolerance')), 'the refusal recorded with its reason');
  });
});
