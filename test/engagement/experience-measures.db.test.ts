import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { newCustomer } from './segment-support.ts';

// NPS, CSAT and the customer's effort on known answers and a known event log, written straight
// into the tables the measures read (cases, surveys, the engine's log) in September and October,
// before anything the demo bank holds.

const WINDOW = 'from=2026-09-01&to=2026-10-31';
const at = (local: string) => new Date(`${local}+08:00`);

await describeEachDatabase('Customer experience measures', (kind) => {
  let app: TestApp;
  let ops: Client;
  let branchmgr: Client;
  let units: Record<string, string>;
  let s1: string; // a catalogue service: the first journey
  let s2: string;
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => new Date('2026-11-20T02:00:00Z'));
    ops = await loginAs(app.http, 'ops');
    branchmgr = await loginAs(app.http, 'branchmgr');
    const db = app.deps.db;
    units = Object.fromEntries((await db.selectFrom('org_unit').select(['code', 'id']).execute()).map((u) => [u.code, u.id]));
    const services = await db.selectFrom('service').select(['code', 'version']).orderBy('code').limit(2).execute();
    [s1, s2] = services.map((s) => s.code) as [string, string];
    const rm = await loginAs(app.http, 'rm');
    const gold = await newCustomer(rm, '19800301', '金满意');
    const young = await newCustomer(rm, '19950302', '年不满');
    await db.updateTable('customer').set({ segment: 'gold' }).where('id', '=', gold).execute();
    await db.updateTable('customer').set({ segment: 'standard' }).where('id', '=', young).execute();
    await db.insertInto('segment_member').values({ segment_code: 'young-professionals', customer_id: young, since: at('2026-08-01T00:00:00'), run_id: 'test' }).execute();

    // [ref, customer, service, channel, branch, opened, closed, instance, nps, csat]
    const cases: [string, string, string, string, string, string, string, string | null, number | null, number | null][] = [
      ['XP1', gold, s1, 'counter', 'BJ-HD', '2026-09-10T09:00:00', '2026-09-10T09:50:00', 'xp-inst-1', 10, 5],
      ['XP2', gold, s1, 'mobile', 'BJ-HD', '2026-09-20T10:00:00', '2026-09-20T10:20:00', 'xp-inst-2', 9, 4],
      ['XP3', young, s2, 'counter', 'BJ-HD', '2026-10-05T09:00:00', '2026-10-05T11:00:00', null, 3, 2],
      ['XP4', young, s2, 'mobile', 'SH-PD', '2026-10-15T09:00:00', '2026-10-15T12:00:00', null, 7, 3],
      ['XP5', young, s2, 'mobile', 'BJ-HD', '2026-10-16T09:00:00', '2026-10-16T12:00:00', null, null, null], // invited, never answered
      ['XP6', young, s2, 'mobile', 'BJ-HD', '2026-11-02T09:00:00', '2026-11-02T12:00:00', null, 0, 1], // after the window
    ];
    for (const [ref, customer, service, channel, unit, opened, closed, instance, nps, csat] of cases) {
      const version = services.find((s) => s.code === service)!.version;
      await db.insertInto('service_case').values({ id: `case-${ref}`, ref, service_code: service, service_version: version, customer_id: customer, unit_id: units[unit]!, channel, source: 'counter', source_ref: null, instance_id: instance, status: 'completed', outcome_note: null, amount: null, clock_started_at: at(opened), due_at: null, at_risk_at: null, escalation: null, created_by: 'teller1', created_at: at(opened), closed_at: at(closed) }).execute();
      const answered = nps === null ? null : new Date(at(closed).getTime() + 2 * 3600_000);
      await db.insertInto('survey').values({ id: `survey-${ref}`, case_id: `case-${ref}`, ticket_id: null, token_hash: `xp-${ref}`, unit_id: units[unit]!, staff: 'teller1', sent_at: at(closed), answered_at: answered, csat, nps, comment: null, follow_up_instance_id: null }).execute();
    }
    // XP1: three tasks, a 20-minute wait before the third, done by another person; a start event besides
    const log: [string, string, string, string, string, string | null][] = [
      ['xp-inst-1', 'e0', 'startEvent', 'start', '2026-09-10T09:00:00', null],
      ['xp-inst-1', 'a1', 'userTask', 'start', '2026-09-10T09:05:00', 'teller1'],
      ['xp-inst-1', 'a1', 'userTask', 'complete', '2026-09-10T09:10:00', 'teller1'],
      ['xp-inst-1', 'a2', 'serviceTask', 'start', '2026-09-10T09:10:00', null],
      ['xp-inst-1', 'a2', 'serviceTask', 'complete', '2026-09-10T09:10:00', null],
      ['xp-inst-1', 'a3', 'userTask', 'start', '2026-09-10T09:30:00', 'supervisor'],
      ['xp-inst-1', 'a3', 'userTask', 'complete', '2026-09-10T09:40:00', 'supervisor'],
      ['xp-inst-2', 'b1', 'userTask', 'start', '2026-09-20T10:00:00', 'teller1'],
      ['xp-inst-2', 'b1', 'userTask', 'complete', '2026-09-20T10:15:00', 'teller1'],
    ];
    await db.insertInto('event_log').values(log.map(([instance, activity, type, lifecycle, when, resource]) => ({ instance_id: instance, activity_instance_id: activity, element_id: activity, element_type: type, name: activity, process_key: 'xp', lifecycle, at: at(when), resource, unit_id: units['BJ-HD']! }))).execute();
    // contacts: one inquiry about XP1, two about XP2
    for (const [n, ref] of [[1, 'XP1'], [2, 'XP2'], [3, 'XP2']] as const) {
      await db.insertInto('inquiry').values({ id: `xp-inq-${n}`, channel: 'phone', customer_id: gold, service_code: s1, topic: 'progress', question: '进度？', answer: '办理中', unit_id: units['BJ-HD']!, case_id: `case-${ref}`, created_by: 'teller1', created_at: at('2026-09-20T09:00:00') }).execute();
    }
  });
  after(async () => app?.stop());

  const scores = async (client: Client, query: string) => {
    const r = await client.get(`/api/v1/experience/scores?${WINDOW}&${query}`);
    assert.equal(r.statusCode, 200, r.body);
    return r.json();
  };
  const totals = (body: { series: { key: string; total: { nps: number | null; csat: number | null; responses: number } }[] }) =>
    Object.fromEntries(body.series.map((s) => [s.key, [s.total.responses, s.total.nps, s.total.csat]]));

  it('gives NPS (promoters minus detractors) and CSAT (share of 4–5) per month, with their counts', async () => {
    const body = await scores(ops, 'bucket=month');
    assert.deepEqual([body.total.responses, body.total.promoters, body.total.detractors, body.total.nps, body.total.csat], [4, 2, 1, 25, 50]);
    const points = body.series[0].points.map((p: { period: string; nps: number; csat: number; responses: number }) => [p.period, p.responses, p.nps, p.csat]);
    assert.deepEqual(points, [['2026-09-01', 2, 100, 100], ['2026-10-01', 2, -50, 0]]);
    const weeks = await scores(ops, 'bucket=week');
    assert.deepEqual(weeks.series[0].points.map((p: { period: string }) => p.period), ['2026-09-07', '2026-09-14', '2026-10-05', '2026-10-12'], 'weeks from Monday, China time');
  });

  it('breaks them down by channel, branch, journey and segment', async () => {
    assert.deepEqual(totals(await scores(ops, 'by=channel')), { counter: [2, 0, 50], mobile: [2, 50, 50] });
    assert.deepEqual(totals(await scores(ops, 'by=branch')), { [units['BJ-HD']!]: [3, 33, 66.7], [units['SH-PD']!]: [1, 0, 0] });
    assert.deepEqual(totals(await scores(ops, 'by=journey')), { [s1]: [2, 100, 100], [s2]: [2, -50, 0] });
    const bySegment = await scores(ops, 'by=segment');
    assert.deepEqual(totals(bySegment), { gold: [2, 100, 100], standard: [2, -50, 0], 'young-professionals': [2, -50, 0] });
    assert.equal(bySegment.total.responses, 4, 'an answer counts once in the total, whatever segments its customer is in');
    assert.deepEqual(bySegment.series.find((s: { key: string }) => s.key === 'gold').name, { en: 'Gold', zh: '金卡' });
    assert.deepEqual(totals(await scores(ops, 'by=channel&segment=young-professionals')), { counter: [1, -100, 0], mobile: [1, 0, 0] });
  });

  it('keeps a branch manager to their branches', async () => {
    const body = await scores(branchmgr, 'by=branch');
    assert.deepEqual(totals(body), { [units['BJ-HD']!]: [3, 33, 66.7] });
    assert.equal((await branchmgr.get(`/api/v1/experience/scores?${WINDOW}&branch=${units['SH-PD']}`)).statusCode, 403);
    assert.equal((await (await loginAs(app.http, 'teller1')).get('/api/v1/experience/scores')).statusCode, 403);
  });

  it("measures the customer's effort per journey from the event log: median and 90th percentile", async () => {
    const r = await ops.get(`/api/v1/experience/effort?${WINDOW}`);
    assert.equal(r.statusCode, 200, r.body);
    const item = r.json().items.find((i: { journey: string }) => i.journey === s1);
    assert.deepEqual(
      { cases: item.cases, steps: item.steps, waiting: item.waitingSeconds, handovers: item.handovers, total: item.totalSeconds, contacts: item.contacts },
      {
        cases: 2,
        steps: { median: 2, p90: 2.8 }, // 3 and 1
        waiting: { median: 600, p90: 1080 }, // 1,200 s and none
        handovers: { median: 0.5, p90: 0.9 }, // teller1 → supervisor, and none
        total: { median: 2100, p90: 2820 }, // 50 and 20 minutes
        contacts: { cases: 2, median: 1.5, p90: 1.9 }, // 1 and 2 inquiries
      },
    );
    assert.equal(r.json().items.some((i: { journey: string }) => i.journey === s2), false, 'cases without a process have no log to measure');
    const mine = (await branchmgr.get(`/api/v1/experience/effort?${WINDOW}&channel=mobile`)).json();
    assert.deepEqual(mine.items.map((i: { journey: string; cases: number }) => [i.journey, i.cases]), [[s1, 1]]);
  });

  it('refuses a window or breakdown that makes no sense, naming the field', async () => {
    const backwards = problem(await ops.get('/api/v1/experience/scores?from=2026-10-01&to=2026-09-01'));
    assert.deepEqual([backwards.status, backwards.errors?.map((e) => e.field)], [400, ['querystring:/to']]);
    const long = problem(await ops.get('/api/v1/experience/effort?from=2020-01-01&to=2026-09-01'));
    assert.deepEqual([long.status, long.errors?.map((e) => e.field)], [400, ['querystring:/from']]);
    assert.equal(problem(await ops.get('/api/v1/experience/scores?by=weather')).status, 400);
    assert.equal(problem(await ops.get('/api/v1/experience/scores?bucket=year')).status, 400);
    assert.equal(problem(await ops.get('/api/v1/experience/scores?from=yesterday')).status, 400);
    const unknown = problem(await ops.get('/api/v1/experience/scores?branch=nowhere'));
    assert.deepEqual(unknown.errors?.map((e) => e.field), ['querystring:/branch']);
  });
});
