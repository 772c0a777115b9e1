import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { loginAs } from '../support/http.ts';
import { chromiumMissing, launchBrowser, serve, shot, signIn } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WANG } from '../services/support.ts';

const webBuilt = fs.existsSync(path.resolve('web/dist/index.html')) ? false : 'web/dist is not built (npm run build:web): skipped';

describe('a customer’s visit to the branch counter in Chromium', { skip: chromiumMissing || webBuilt }, () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  // the bank's clock: 10:00 in Beijing on the next working day, running in real time (ahead of the
  // browser's own clock, so the sign-in cookie the server dates is not already expired for it)
  let opensAt = Date.parse(`${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)}T02:00:00Z`);
  let startedAt = Date.now();
  before(async () => {
    const nextWeekday = () => {
      do opensAt += 86_400_000;
      while ([0, 6].includes(new Date(opensAt).getUTCDay()));
    };
    nextWeekday();
    app = await startTestApp('pglite', {}, undefined, () => new Date(opensAt + (Date.now() - startedAt)));
    // a holiday on the calendar: the next working day instead
    const calendar = await app.engine.businessCalendar();
    while (!calendar.isWorkingDay(calendar.localDate(new Date(opensAt)))) nextWeekday();
    startedAt = Date.now();
    base = await serve(app);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  const open = async (width: number, height: number): Promise<Page> => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height } });
    const page = await context.newPage();
    page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
    return page;
  };

  it('books, checks in at the kiosk, is called on the board, is served with a case opened, and rates the service', async () => {
    // the customer books the 10:30 slot on their phone
    const phone = await open(390, 844);
    await phone.goto(`${base}/portal/appointments?branch=BJ-HD&service=open-personal-account`);
    const slot = new Date(opensAt + 30 * 60_000).toISOString();
    await phone.getByTestId(`portal-book-slot-${slot}`).click();
    await phone.getByTestId('portal-book-name').fill('王小明');
    await phone.getByTestId('portal-book-phone').fill(WANG.phone);
    await phone.getByTestId('portal-book-submit').click();
    const code = (await phone.getByTestId('portal-book-code').innerText()).trim();
    assert.match(code, /^[A-Z0-9]{8}$/);

    // the board in the hall, and the customer at the kiosk with the booking code
    const board = await open(1920, 1080);
    await board.goto(`${base}/queue/BJ-HD/board`);
    await board.getByTestId('queue-board').waitFor();
    const kiosk = await open(1080, 1920);
    await kiosk.goto(`${base}/queue/BJ-HD/kiosk`);
    await kiosk.getByTestId('kiosk-appointment').click();
    await kiosk.keyboard.type(code);
    await kiosk.getByTestId('kiosk-check-in').click();
    const number = (await kiosk.getByTestId('kiosk-ticket-number').innerText()).trim();
    assert.match(number, /^B\d{3}$/, 'an account service queues in category B');
    await kiosk.screenshot({ path: shot('40-kiosk-checked-in') });
    const ticketLink = await kiosk.getByTestId('kiosk-ticket-link').getAttribute('data-href');
    assert.ok(ticketLink?.includes('/queue/ticket/'), `the kiosk shows the ticket's link: ${ticketLink}`);

    // the teller signs in at counter 1 and calls: the board shows it
    const teller = await open(1440, 900);
    await signIn(teller, base, 'teller1');
    await teller.goto(`${base}/queue/counter`);
    await teller.getByTestId('counter-select').click();
    await teller.locator('.ant-select-item-option', { hasText: /^1/ }).first().click();
    await teller.getByTestId('counter-sign-in').click();
    await teller.getByTestId('counter-call-next').click();
    assert.equal((await teller.getByTestId('counter-current-number').innerText()).trim(), number);
    await board.getByTestId(`board-now-${number}`).waitFor({ timeout: 10_000 });
    await board.screenshot({ path: shot('41-board-calls-the-customer') });

    // served: a case for the customer, whose clock started at the ticket
    await teller.getByTestId('counter-start').click();
    await teller.getByTestId('counter-open-case').click();
    await teller.getByTestId('newcase-search-id').fill(WANG.idNumber);
    await teller.getByTestId('newcase-search-submit').click();
    await teller.locator('[data-testid^="newcase-choose-"]').first().click();
    await teller.getByTestId('newcase-service-open-personal-account').click();
    await teller.getByTestId('queue-case-next').click();
    await teller.getByRole('button', { name: '全部已收' }).click();
    await teller.screenshot({ path: shot('42-counter-open-case') });
    await teller.getByTestId('queue-case-submit').click();
    await teller.getByTestId('counter-case-link').waitFor();
    await teller.getByTestId('counter-finish').click();
    await teller.getByTestId('counter-current-number').waitFor({ state: 'detached' });
    await teller.screenshot({ path: shot('43-counter-after-service') });

    // the customer rates on their phone, from the kiosk's link
    await phone.goto(new URL(ticketLink!, base).toString());
    await phone.getByTestId('queue-rate-5').click();
    await phone.getByTestId('queue-rate-submit').click();
    await phone.getByTestId('queue-rated').waitFor();
    await phone.screenshot({ path: shot('44-phone-rated') });

    // what the branch sees afterwards
    const manager = await loginAs(app.http, 'branchmgr');
    const tickets = (await manager.get('/api/v1/queue/branches/BJ-HD/tickets?status=done')).json().items;
    const done = tickets.find((t: { number: string }) => t.number === number);
    assert.equal(done.class, 'appointment', 'checked in before its slot: appointment priority');
    const c = (await manager.get(`/api/v1/cases/${done.caseId}`)).json();
    assert.equal(c.clockStartedAt, done.issuedAt, 'one clock from the ticket');
    const surveys = (await manager.get('/api/v1/surveys?staff=teller1')).json();
    assert.ok(surveys.items.some((s: { ticket: string; csat: number }) => s.ticket === number && s.csat === 5));
  });
});
