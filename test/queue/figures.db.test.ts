import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { anonymous, loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { callNext, counter, MINUTE, OPEN_AT, take } from './support.ts';

await describeEachDatabase('Counter queue: figures and staffing', (kind) => {
  let app: TestApp;
  // a week before the usual test day: Thursday 2026-11-19, 10:00 in Beijing
  let now = OPEN_AT - 7 * 24 * 60 * MINUTE;
  let teller: Client;
  let c1: string;
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => new Date(now));
    teller = await loginAs(app.http, 'teller1');
    c1 = await counter(teller, 'BJ-HD', 1);
    await teller.post(`/api/v1/queue/counters/${c1}/sign-in`);
    // given: three pairs of customers at 10:00, 10:20 and 10:40; one counter; four minutes each
    const kiosk = anonymous(app.http);
    for (const start of [0, 20, 40]) {
      now = OPEN_AT - 7 * 24 * 60 * MINUTE + start * MINUTE;
      await take(kiosk, 'BJ-HD', { category: 'A' });
      await take(kiosk, 'BJ-HD', { category: 'A' });
      for (let i = 0; i < 2; i++) {
        const t = await callNext(teller, c1);
        await teller.post(`/api/v1/queue/counters/${c1}/tickets/${t!.id}/start`);
        now += 4 * MINUTE;
        await teller.post(`/api/v1/queue/counters/${c1}/tickets/${t!.id}/finish`);
      }
    }
  });
  after(async () => app?.stop());

  it('measures waits against the target, service times, tellers and the error of the estimate shown at the kiosk', async () => {
    const manager = await loginAs(app.http, 'branchmgr');
    const k = (await manager.get('/api/v1/queue/branches/BJ-HD/kpis?from=2026-11-19&to=2026-11-19')).json();
    assert.deepEqual({ issued: k.issued, served: k.served, noShows: k.noShows }, { issued: 6, served: 6, noShows: 0 });
    // each second customer of a pair waits the first one's four minutes
    assert.deepEqual(k.wait, { meanSeconds: 120, p50Seconds: 120, p90Seconds: 240, withinTarget: 1 });
    assert.equal(k.meanServiceSeconds, 240);
    assert.deepEqual(k.tellers.map((t: { username: string; displayName: string; served: number; busySeconds: number }) => [t.username, t.displayName, t.served, t.busySeconds]), [['teller1', '张柜员 Zhang (Teller)', 6, 1440]]);
    // without history the first estimate assumed five minutes (300 s) for a wait of 240 s; later ones knew four
    assert.deepEqual(k.estimate, { tickets: 6, meanAbsoluteErrorSeconds: 10, biasSeconds: 10 });
    // counter 1 open from 10:00 until now (10:48 on that day is when the last service ended; the clock stays there)
    const one = k.counters.find((c: { number: number }) => c.number === 1);
    assert.deepEqual(one, { number: 1, openSeconds: 48 * 60, busySeconds: 1440, utilisation: 0.5 });
    assert.deepEqual(k.byHour, [{ weekday: 4, hour: 10, arrivals: 6, meanWaitSeconds: 120 }]);
    const bad = problem(await manager.get('/api/v1/queue/branches/BJ-HD/kpis?from=2026-11-20&to=2026-11-19'));
    assert.equal(bad.errors?.[0]?.field, 'querystring:/from');
    assert.equal(problem(await teller.get('/api/v1/queue/branches/BJ-HD/kpis?from=2026-11-19&to=2026-11-19')).status, 403, 'tellers do not read branch figures');
  });

  it('advises counters per hour from the same weekday’s demand, and answers what a number of counters would give', async () => {
    const manager = await loginAs(app.http, 'branchmgr');
    const advice = (await manager.get('/api/v1/queue/branches/BJ-HD/staffing?date=2026-11-26&weeks=1&counters=1')).json();
    assert.deepEqual(advice.hours.map((h: { hour: number }) => h.hour), [9, 10, 11, 12, 13, 14, 15, 16], 'every opening hour');
    const nine = advice.hours[0];
    assert.deepEqual({ arrivals: nine.arrivalsPerHour, counters: nine.countersNeeded }, { arrivals: 0, counters: 1 }, 'a quiet hour still keeps one counter open');
    const ten = advice.hours[1];
    assert.deepEqual({ hour: ten.hour, arrivals: ten.arrivalsPerHour, service: ten.meanServiceMinutes, counters: ten.countersNeeded }, { hour: 10, arrivals: 6, service: 4, counters: 1 });
    // M/M/1 with λ = 0.1/min, μ = 0.25/min: Wq = ρ / (μ − λ) = 0.4 / 0.15 minutes
    assert.ok(Math.abs(ten.whatIf.meanWait - 0.4 / 0.15) < 1e-9, JSON.stringify(ten.whatIf));
  });
});
