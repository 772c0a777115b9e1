import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { customerId, WANG } from '../services/support.ts';
import { atCounter, callNext, counter, MINUTE, OPEN_AT, serve, take } from './support.ts';

await describeEachDatabase('Counter queue: issuing and calling', (kind) => {
  let app: TestApp;
  let now = OPEN_AT;
  let teller: Client;
  let kiosk: Client;
  let c1: string;
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => new Date(now));
    ({ teller, kiosk, c1 } = await atCounter(app));
  });
  after(async () => app?.stop());
  beforeEach(async () => {
    // every test starts with an empty line: a new day
    now += 24 * 60 * MINUTE;
    while (new Date(now).getUTCDay() === 0 || new Date(now).getUTCDay() === 6) now += 24 * 60 * MINUTE;
    await app.queue.tick();
    teller = await loginAs(app.http, 'teller1');
  });

  it('numbers tickets per category and day, tells the kiosk who is ahead and the wait, and calls first come first served', async () => {
    const a1 = await take(kiosk, 'BJ-HD', { category: 'A' });
    now += MINUTE;
    const a2 = await take(kiosk, 'BJ-HD', { category: 'A' });
    const b1 = await take(kiosk, 'BJ-HD', { serviceCode: 'open-personal-account' });
    assert.deepEqual([a1.number, a2.number, b1.number], ['A001', 'A002', 'B001']);
    assert.equal(a2.ahead, 1, 'A001 is ahead of A002');
    // one open counter serving A, free, five minutes a customer without history: A002 waits for A001's service
    assert.equal(a1.estimatedWaitMinutes, 0);
    assert.equal(a2.estimatedWaitMinutes, 5);
    const board = (await kiosk.get('/api/v1/public/queue/branches/BJ-HD')).json();
    assert.equal(board.categories.find((c: { code: string }) => c.code === 'A').waiting, 2);
    assert.equal(board.arrivalCode, undefined, 'the arrival code is not public');
    // counter 1 prefers A (its first category), oldest first
    const first = await callNext(teller, c1);
    assert.equal(first?.number, 'A001');
    const busy = problem(await teller.post(`/api/v1/queue/counters/${c1}/call-next`));
    assert.equal(busy.status, 409);
    assert.match(busy.detail, /A001/);
    await serve(teller, c1, first!.id);
    assert.equal((await callNext(teller, c1))?.number, 'A002');
  });

  it('gives priority and VIP customers their head start, capped so nobody is overtaken by someone much later', async () => {
    const normal = await take(kiosk, 'BJ-HD', { category: 'A' });
    now += 5 * MINUTE;
    // priority: 15 minutes' head start > 5 minutes waited
    const elderly = await take(kiosk, 'BJ-HD', { category: 'A', priority: true });
    assert.equal(elderly.class, 'priority');
    now += 20 * MINUTE;
    // came 25 minutes after the first: the cap (15) keeps them behind it
    const lateElderly = await take(kiosk, 'BJ-HD', { category: 'A', priority: true });
    const vip = await take(teller, 'BJ-HD', { category: 'A', customerId: await customerId(teller, WANG.idNumber) }).catch(async () => (await teller.post('/api/v1/queue/branches/BJ-HD/tickets', { category: 'A', customerId: await customerId(teller, WANG.idNumber) })).json());
    assert.equal(vip.class, 'vip', 'the demo customer is gold');
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      const t = await callNext(teller, c1);
      order.push(t!.number);
      await serve(teller, c1, t!.id);
    }
    assert.deepEqual(order, [elderly.number, normal.number, lateElderly.number, vip.number]);
  });

  it('calls a ticket past the wait bound before any head start', async () => {
    const old = await take(kiosk, 'BJ-HD', { category: 'A' });
    now += 31 * MINUTE;
    const fresh = await take(kiosk, 'BJ-HD', { category: 'A', priority: true });
    // without the bound the fresh priority ticket scores 15 < 31 anyway; make it a real contest: a ticket that scores higher
    await teller.put('/api/v1/queue/branches/BJ-HD/setting', { weights: { normal: 0, appointment: 10, priority: 60, gold: 5, platinum: 10, private: 15 }, maxOvertakeMinutes: 60, maxWaitMinutes: 30, noShowAfterCalls: 3, targetWaitMinutes: 10, targetShare: 0.8, remoteHoldMinutes: 60 });
    const manager = await loginAs(app.http, 'branchmgr');
    const put = await manager.put('/api/v1/queue/branches/BJ-HD/setting', { weights: { normal: 0, appointment: 10, priority: 60, gold: 5, platinum: 10, private: 15 }, maxOvertakeMinutes: 60, maxWaitMinutes: 30, noShowAfterCalls: 3, targetWaitMinutes: 10, targetShare: 0.8, remoteHoldMinutes: 60 });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal((await callNext(teller, c1))?.number, old.number, 'waited 31 minutes, past the 30-minute bound');
    await manager.put('/api/v1/queue/branches/BJ-HD/setting', { weights: { normal: 0, appointment: 10, priority: 15, gold: 5, platinum: 10, private: 15 }, maxOvertakeMinutes: 15, maxWaitMinutes: 30, noShowAfterCalls: 3, targetWaitMinutes: 10, targetShare: 0.8, remoteHoldMinutes: 60 });
    void fresh;
  });

  it('keeps the original queue time on a transfer, and serves a ticket sent to one counter there', async () => {
    const a = await take(kiosk, 'BJ-HD', { category: 'A' });
    now += 2 * MINUTE;
    const b = await take(kiosk, 'BJ-HD', { category: 'B' });
    now += 2 * MINUTE;
    const called = await callNext(teller, c1);
    assert.equal(called?.number, a.number);
    // the customer needs an account service: to category B, where b came later
    const moved = await teller.post(`/api/v1/queue/counters/${c1}/tickets/${called!.id}/transfer`, { category: 'B' });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().status, 'waiting');
    const supervisor = await loginAs(app.http, 'supervisor');
    const c3 = await counter(supervisor, 'BJ-HD', 3);
    await supervisor.post(`/api/v1/queue/counters/${c3}/sign-in`);
    assert.equal((await callNext(supervisor, c3))?.number, a.number, 'A001 queued before B001');
    await serve(supervisor, c3, a.id);
    assert.equal((await callNext(supervisor, c3))?.number, b.number);
    await serve(supervisor, c3, b.id);
    // to a named counter: only that counter calls it
    const c = await take(kiosk, 'BJ-HD', { category: 'A' });
    const again = await callNext(teller, c1);
    assert.equal(again?.number, c.number);
    await teller.post(`/api/v1/queue/counters/${c1}/tickets/${again!.id}/transfer`, { counter: 3 });
    assert.equal(await callNext(teller, c1), null, 'counter 1 does not take it back');
    assert.equal((await callNext(supervisor, c3))?.number, c.number);
    await serve(supervisor, c3, c.id);
    await supervisor.post(`/api/v1/queue/counters/${c3}/leave`, { status: 'closed' });
  });

  it('recalls up to the branch limit, then marks a no-show; not before', async () => {
    await take(kiosk, 'BJ-HD', { category: 'A' });
    const t = await callNext(teller, c1);
    const early = problem(await teller.post(`/api/v1/queue/counters/${c1}/tickets/${t!.id}/no-show`));
    assert.equal(early.status, 409);
    assert.match(early.detail, /3 times/);
    for (const n of [2, 3]) assert.equal((await teller.post(`/api/v1/queue/counters/${c1}/tickets/${t!.id}/recall`)).json().callCount, n);
    assert.equal(problem(await teller.post(`/api/v1/queue/counters/${c1}/tickets/${t!.id}/recall`)).status, 409);
    const gone = await teller.post(`/api/v1/queue/counters/${c1}/tickets/${t!.id}/no-show`);
    assert.equal(gone.json().status, 'no_show');
    assert.equal(await callNext(teller, c1), null);
  });

  it('holds a phone ticket until the customer confirms arrival with the code on the board', async () => {
    const phone = await take(kiosk, 'BJ-HD', { category: 'A', channel: 'mobile' });
    assert.equal(phone.status, 'remote');
    assert.equal(await callNext(teller, c1), null, 'not called before arrival');
    const code = (await teller.get('/api/v1/queue/branches/BJ-HD')).json().arrivalCode;
    const response = await kiosk.post(`/api/v1/public/queue/tickets/${phone.token}/arrive`, { code: code === '999999' ? '000000' : '999999' });
    const wrong = problem(response);
    assert.equal(wrong.status, 400, response.body);
    assert.equal(wrong.errors?.[0]?.field, '/code');
    const arrived = await kiosk.post(`/api/v1/public/queue/tickets/${phone.token}/arrive`, { code });
    assert.equal(arrived.json().status, 'waiting');
    assert.equal((await callNext(teller, c1))?.number, phone.number);
    const mine = (await kiosk.get(`/api/v1/public/queue/tickets/${phone.token}`)).json();
    assert.equal(mine.status, 'called');
    assert.equal(mine.counter, 1);
  });

  it('checks a booking in at the kiosk with appointment priority within its slot, and names an unknown code', async () => {
    // a booking for a half-hour slot 51–80 minutes from now, made the day before
    const slot = Math.ceil((now + 51 * MINUTE) / (30 * MINUTE)) * 30 * MINUTE;
    const slotAt = new Date(slot).toISOString();
    const saved = now;
    now -= 24 * 60 * MINUTE;
    const booked = await kiosk.post('/api/v1/public/appointments', { branch: 'BJ-HD', service: 'open-personal-account', startsAt: slotAt, name: '赵敏', phone: '13712340000' });
    assert.equal(booked.statusCode, 201, booked.body);
    now = saved;
    const walkIn = await take(kiosk, 'BJ-HD', { category: 'B' });
    now = slot - 20 * MINUTE;
    // twenty minutes before the slot, within the thirty allowed; the walk-in has waited over 30 minutes
    const checkedIn = await kiosk.post('/api/v1/public/queue/branches/BJ-HD/check-in', { appointmentCode: booked.json().code });
    assert.equal(checkedIn.statusCode, 201, checkedIn.body);
    assert.deepEqual({ category: checkedIn.json().category, class: checkedIn.json().class }, { category: 'B', class: 'appointment' });
    assert.equal(problem(await kiosk.post('/api/v1/public/queue/branches/BJ-HD/check-in', { appointmentCode: booked.json().code })).status, 409, 'checked in once');
    const unknown = problem(await kiosk.post('/api/v1/public/queue/branches/BJ-HD/check-in', { appointmentCode: 'ZZZZZZZZ' }));
    assert.equal(unknown.errors?.[0]?.field, '/appointmentCode');
    // the walk-in is past the 30-minute bound, so called before the booking's 10-minute head start
    const first = await callNext(teller, c1);
    assert.equal(first?.number, walkIn.number);
    await serve(teller, c1, first!.id);
    assert.equal((await callNext(teller, c1))?.number, checkedIn.json().number);
  });

  it('shows the board its hours and whether it is open; lets those who manage or watch read the set-up, the arrival code only to those who serve', async () => {
    const board = (await kiosk.get('/api/v1/public/queue/branches/BJ-HD')).json();
    assert.deepEqual(board.hours, { opens: '09:00', closes: '17:00', openNow: true });
    assert.equal(board.remoteHoldMinutes, 60);
    const ops = (await (await loginAs(app.http, 'ops')).get('/api/v1/queue/branches/BJ-HD')).json();
    assert.equal(ops.counters.length, 5);
    assert.equal(ops.arrivalCode, null);
    assert.match((await teller.get('/api/v1/queue/branches/BJ-HD')).json().arrivalCode, /^\d{6}$/);
    assert.equal(problem(await (await loginAs(app.http, 'complaints')).get('/api/v1/queue/branches/BJ-HD')).status, 403);
    assert.equal((await teller.get('/api/v1/queue/branches/BJ-HD')).json().counters[0].staffName, '张柜员 Zhang (Teller)');
    const listed = (await teller.get('/api/v1/queue/branches/BJ-HD/tickets?status=waiting&status=called')).json();
    assert.ok(Array.isArray(listed.items));
    assert.equal((await teller.get('/api/v1/queue/branches/BJ-HD/tickets?status=waiting')).statusCode, 200, 'one status alone');
    assert.equal(problem(await teller.get('/api/v1/queue/branches/BJ-HD/tickets?status=lost')).errors?.[0]?.field.startsWith('querystring:/status'), true);
  });

  it('limits the phone tickets one connection takes in an hour', async () => {
    for (let i = 0; i < 5; i++) await take(kiosk, 'BJ-HD', { category: 'B', channel: 'mobile' });
    const refused = problem(await kiosk.post('/api/v1/public/queue/branches/BJ-HD/tickets', { channel: 'mobile', category: 'B' }));
    assert.equal(refused.status, 429);
    assert.match(refused.detail, /kiosk/);
    assert.equal((await kiosk.post('/api/v1/public/queue/branches/BJ-HD/tickets', { channel: 'kiosk', category: 'B' })).statusCode, 201, 'the kiosk in the branch is not limited');
  });

  it('opens a case from the ticket with the clock started at the ticket, and takes the customer’s rating', async () => {
    const t = await take(kiosk, 'BJ-HD', { category: 'A' });
    now += 7 * MINUTE;
    const called = await callNext(teller, c1);
    await teller.post(`/api/v1/queue/counters/${c1}/tickets/${called!.id}/start`);
    const opened = await teller.post(`/api/v1/queue/counters/${c1}/tickets/${called!.id}/case`, { serviceCode: 'report-lost-card', customerId: await customerId(teller, WANG.idNumber), materialsReceived: [0] });
    assert.equal(opened.statusCode, 201, opened.body);
    assert.equal(opened.json().clockStartedAt, new Date(now - 7 * MINUTE).toISOString(), 'one clock from the ticket');
    const early = problem(await kiosk.post(`/api/v1/public/queue/tickets/${t.token}/rating`, { score: 5 }));
    assert.equal(early.status, 409);
    await teller.post(`/api/v1/queue/counters/${c1}/tickets/${called!.id}/finish`);
    assert.equal((await kiosk.post(`/api/v1/public/queue/tickets/${t.token}/rating`, { score: 4, comment: '很快' })).statusCode, 200);
    assert.equal(problem(await kiosk.post(`/api/v1/public/queue/tickets/${t.token}/rating`, { score: 5 })).status, 409, 'rated once');
    const manager = await loginAs(app.http, 'branchmgr');
    const surveys = (await manager.get('/api/v1/surveys?staff=teller1')).json();
    assert.ok(surveys.items.some((s: { csat: number; comment: string }) => s.csat === 4 && s.comment === '很快'), JSON.stringify(surveys));
  });

  it('refuses tickets when the branch is closed, bad input with the field at fault, and staff outside their branch', async () => {
    const sunday = now + ((7 - new Date(now).getUTCDay()) % 7) * 24 * 60 * MINUTE;
    const saved = now;
    now = sunday;
    const closed = problem(await kiosk.post('/api/v1/public/queue/branches/BJ-HD/tickets', { channel: 'kiosk', category: 'A' }));
    assert.equal(closed.status, 409);
    assert.match(closed.detail, /closed/);
    now = saved;
    const bad = problem(await kiosk.post('/api/v1/public/queue/branches/BJ-HD/tickets', { channel: 'kiosk', category: 'Z' }));
    assert.equal(bad.status, 400);
    assert.equal(bad.errors?.[0]?.field, '/category');
    const typo = problem(await kiosk.post('/api/v1/public/queue/branches/NOPE/tickets', { channel: 'kiosk', category: 'A' }));
    assert.equal(typo.errors?.[0]?.field, '/branch');
    const extra = problem(await kiosk.post('/api/v1/public/queue/branches/BJ-HD/tickets', { channel: 'kiosk', category: 'A', vip: true }));
    assert.equal(extra.status, 400);
    const teller2 = await loginAs(app.http, 'teller2');
    assert.equal(problem(await teller2.post(`/api/v1/queue/counters/${c1}/sign-in`)).status, 403, 'Shanghai teller at a Beijing counter');
    const exec = await loginAs(app.http, 'exec');
    assert.equal(problem(await exec.post(`/api/v1/queue/counters/${c1}/call-next`)).status, 403);
    assert.equal(problem(await teller.put('/api/v1/queue/branches/BJ-HD/counters/9', { kind: 'cash', categories: ['A'] })).status, 403, 'tellers do not set up counters');
    const manager = await loginAs(app.http, 'branchmgr');
    const unknownCategory = problem(await manager.put('/api/v1/queue/branches/BJ-HD/counters/9', { kind: 'cash', categories: ['Q'] }));
    assert.equal(unknownCategory.errors?.[0]?.field, '/categories');
    const notOpen = problem(await (await loginAs(app.http, 'branchmgr')).post(`/api/v1/queue/counters/${c1}/call-next`));
    assert.equal(notOpen.status, 409, 'only the one signed in at the counter calls');
  });
});
