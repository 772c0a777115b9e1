import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from './support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from './support/test-app.ts';

await describeEachDatabase('Business calendar API', (kind) => {
  let app: TestApp;
  let ops: Client;
  before(async () => {
    app = await startTestApp(kind);
    ops = await loginAs(app.http, 'ops');
  });
  after(async () => app?.stop());

  it('ships mainland China\'s 2025 and 2026 arrangements', async () => {
    const regions = (await ops.get('/api/v1/calendars')).json().items;
    assert.deepEqual(regions.find((r: { region: string }) => r.region === 'CN')?.years, [2025, 2026]);
    const y2025 = (await ops.get('/api/v1/calendars/CN/2025')).json();
    const spring = y2025.holidays.find((h: { nameEn: string }) => h.nameEn === 'Spring Festival');
    assert.ok(spring.dates.includes('2025-01-29'));
    assert.ok(y2025.makeUpWorkdays.includes('2025-01-26'));
  });

  it('computes deadlines in working days across holidays and make-up working days (调休)', async () => {
    // Friday 2025-01-24 10:00 Beijing time; next working days: Sun 01-26 (调休), Mon 01-27, then
    // the Spring Festival holiday to 02-04, Wed 02-05 …
    const from = '2025-01-24T02:00:00.000Z';
    const one = (await ops.get(`/api/v1/calendars/CN/deadline?from=${from}&workingDays=1`)).json();
    assert.equal(one.deadline, '2025-01-26T02:00:00.000Z');
    const three = (await ops.get(`/api/v1/calendars/CN/deadline?from=${from}&workingDays=3`)).json();
    assert.equal(three.deadline, '2025-02-05T02:00:00.000Z');
    assert.deepEqual(three.yearsWithoutData, []);
    const calendar = (await ops.get(`/api/v1/calendars/CN/deadline?from=${from}&calendarDays=15`)).json();
    assert.equal(calendar.deadline, '2025-02-08T02:00:00.000Z');
    // 8 working hours from Friday 16:00: 1 h on Friday, 7 h on the make-up Sunday → Sunday 16:00
    const hours = (await ops.get('/api/v1/calendars/CN/deadline?from=2025-01-24T08:00:00.000Z&workingHours=8')).json();
    assert.equal(hours.deadline, '2025-01-26T08:00:00.000Z');
    const none = (await ops.get('/api/v1/calendars/CN/deadline?from=2031-03-03T02:00:00.000Z&workingDays=1')).json();
    assert.deepEqual(none.yearsWithoutData, [2031]);
    const both = problem(await ops.get(`/api/v1/calendars/CN/deadline?from=${from}&workingDays=1&calendarDays=2`));
    assert.equal(both.status, 400);
  });

  it('loads a new year, refusing bad dates with the field at fault, and audits it', async () => {
    const bad = problem(
      await ops.put('/api/v1/calendars/CN/2027', {
        holidays: [{ name: '元旦', nameEn: "New Year's Day", dates: ['2027-01-01', '2027-02-30'] }],
        makeUpWorkdays: ['2027-01-04'],
      }),
    );
    assert.equal(bad.status, 400);
    const fields = bad.errors!.map((e) => e.field);
    assert.ok(fields.includes('/holidays/0/dates/1'), JSON.stringify(bad.errors));
    assert.ok(fields.includes('/makeUpWorkdays/0'), JSON.stringify(bad.errors));
    assert.equal((await ops.get('/api/v1/calendars/CN/2027')).statusCode, 404, 'nothing was written');

    const good = await ops.put('/api/v1/calendars/CN/2027', {
      holidays: [{ name: '元旦', nameEn: "New Year's Day", dates: ['2027-01-01'] }],
      makeUpWorkdays: ['2027-01-02'],
    });
    assert.equal(good.statusCode, 200);
    // Friday 2027-01-01 is now off and Saturday 01-02 a working day
    const deadline = (await ops.get('/api/v1/calendars/CN/deadline?from=2026-12-31T02:00:00.000Z&workingDays=1')).json();
    assert.equal(deadline.deadline, '2027-01-02T02:00:00.000Z');
    const auditor = await loginAs(app.http, 'auditor');
    const entry = (await auditor.get('/api/v1/audit?action=calendar.put')).json().items[0];
    assert.equal(entry.entityId, 'CN/2027');
  });

  it('is read-only for tellers', async () => {
    const teller = await loginAs(app.http, 'teller1');
    assert.equal((await teller.get('/api/v1/calendars/CN/2026')).statusCode, 200);
    assert.equal(problem(await teller.put('/api/v1/calendars/CN/2026', { holidays: [], makeUpWorkdays: [] })).status, 403);
  });
});
