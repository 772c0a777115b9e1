import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { openAccount as run } from './support.ts';

/** Tuesday 2026-10-13 10:00 in Beijing, a working day after the National Day holiday. */
const OCTOBER_13 = Date.parse('2026-10-13T02:00:00Z');
let now = OCTOBER_13;
const minutes = (n: number) => {
  now += n * 60_000;
};

type Figure = { actual: number | null; target: number | null; attainment: { ratio: number | null; met: boolean | null } | null };
type Item = { key: string; name: unknown; volume: Figure; handlingSeconds: Figure; handlingIndex: Figure; reworkCaused: Figure; complaints: Figure; csat: Figure };

await describeEachDatabase('Performance: KPIs, targets, executive dashboard', (kind) => {
  let app: TestApp;
  let ops: Client;
  const openAccount = (maker: Client, supervisor: Client, steps: [number, number, number], returnOnce = false) => run(app, maker, supervisor, steps, minutes, returnOnce);
  before(async () => {
    now = OCTOBER_13;
    app = await startTestApp(kind, {}, undefined, () => new Date(now));
    const admin = await loginAs(app.http, 'admin');
    const hd = (await admin.get('/api/v1/users?q=teller1')).json().items[0].unitId;
    await admin.post('/api/v1/users', { username: 'teller9', displayName: '钱柜员 Qian (Teller)', password: 'Teller-pass-9', unitId: hd, roles: ['teller'] });
  });
  after(async () => app?.stop());

  it('measures volume and a handling index fair to the mix of work, per staff member, team and branch', async () => {
    const [teller1, teller9, supervisor] = [await loginAs(app.http, 'teller1'), await loginAs(app.http, 'teller9', 'Teller-pass-9'), await loginAs(app.http, 'supervisor')];
    await openAccount(teller1, supervisor, [10, 20, 30]);
    await openAccount(teller9, supervisor, [30, 40, 30]);
    ops = await loginAs(app.http, 'ops');
    const staff = (await ops.get('/api/v1/kpis?level=staff&period=2026-10')).json().items as Item[];
    const of = (key: string) => staff.find((s) => s.key === key)!;
    // the bank's pace: checking materials 20 min, keying 30 min, approving 30 min. teller1 took
    // 10 + 20 = 30 min for work the bank does in 50: index 0.6; teller9 took 70: 1.4
    assert.deepEqual([of('teller1').volume.actual, of('teller1').handlingSeconds.actual, of('teller1').handlingIndex.actual], [2, 900, 0.6]);
    assert.deepEqual([of('teller9').volume.actual, of('teller9').handlingSeconds.actual, of('teller9').handlingIndex.actual], [2, 2100, 1.4]);
    assert.deepEqual([of('supervisor').volume.actual, of('supervisor').handlingIndex.actual], [2, 1]);
    assert.equal(of('teller1').name, '张柜员 Zhang (Teller)');
    const team = (await ops.get('/api/v1/kpis?level=team&period=2026-10')).json().items as Item[];
    assert.deepEqual(team.map((t) => [t.key, t.volume.actual, t.handlingIndex.actual]), [['BJ-HD', 6, 1]]);
    assert.deepEqual(((await ops.get('/api/v1/kpis?level=branch&period=2026-10')).json().items as Item[]).map((t) => t.key), ['BJ']);
    assert.deepEqual((await ops.get('/api/v1/kpis?level=staff&period=2026-09')).json().items, [], 'nothing in September');
  });

  it('counts work returned for correction against its maker', async () => {
    now = Date.parse('2026-11-03T02:00:00Z');
    await openAccount(await loginAs(app.http, 'teller1'), await loginAs(app.http, 'supervisor'), [5, 5, 5], true);
    ops = await loginAs(app.http, 'ops');
    const staff = (await ops.get('/api/v1/kpis?level=staff&period=2026-11')).json().items as Item[];
    assert.deepEqual(staff.map((s) => [s.key, s.volume.actual, s.reworkCaused.actual]).sort(), [['supervisor', 2, 0], ['teller1', 3, 1]]);
  });

  it('shows targets and their attainment; managers set them within their own units', async () => {
    assert.equal((await ops.put('/api/v1/kpi-targets', { level: 'staff', key: 'teller1', metric: 'volume', period: '2026-10', value: 4 })).statusCode, 204);
    assert.equal((await ops.put('/api/v1/kpi-targets', { level: 'staff', key: 'teller9', metric: 'handlingIndex', period: '2026-10', value: 1 })).statusCode, 204);
    const staff = (await ops.get('/api/v1/kpis?level=staff&period=2026-10')).json().items as Item[];
    assert.deepEqual(staff.find((s) => s.key === 'teller1')!.volume, { actual: 2, target: 4, attainment: { ratio: 0.5, met: false } });
    // less is better for the index: 1 ÷ 1.4
    assert.deepEqual(staff.find((s) => s.key === 'teller9')!.handlingIndex, { actual: 1.4, target: 1, attainment: { ratio: 0.714, met: false } });
    const branchmgr = await loginAs(app.http, 'branchmgr');
    assert.equal((await branchmgr.put('/api/v1/kpi-targets', { level: 'team', key: 'BJ-HD', metric: 'onTimeRate', period: '2026-10', value: 0.95 })).statusCode, 204);
    assert.equal((await branchmgr.put('/api/v1/kpi-targets', { level: 'team', key: 'SH-PD', metric: 'onTimeRate', period: '2026-10', value: 0.95 })).statusCode, 403);
    assert.equal((await branchmgr.put('/api/v1/kpi-targets', { level: 'process', key: 'openPersonalAccount', metric: 'volume', period: '2026-10', value: 10 })).statusCode, 403);
    const field = async (body: object) => problem(await ops.put('/api/v1/kpi-targets', { level: 'staff', key: 'teller1', metric: 'volume', period: '2026-10', value: 1, ...body })).errors?.map((e) => e.field);
    assert.deepEqual(await field({ metric: 'happiness' }), ['/metric']);
    assert.deepEqual(await field({ metric: 'onTimeRate', value: 1.5 }), ['/value']);
    assert.deepEqual(await field({ key: 'nobody' }), ['/key']);
    assert.deepEqual(await field({ period: '2026-13' }), ['/period']);
    // a removed target is gone; the change is audited
    assert.equal((await ops.put('/api/v1/kpi-targets', { level: 'staff', key: 'teller1', metric: 'volume', period: '2026-10', value: null })).statusCode, 204);
    assert.equal(((await ops.get('/api/v1/kpis?level=staff&period=2026-10')).json().items as Item[]).find((s) => s.key === 'teller1')!.volume.target, null);
    const audit = await app.deps.db.selectFrom('audit_log').select(['actor_name', 'entity_id']).where('action', '=', 'kpi_target.set').execute();
    assert.equal(audit.length, 4);
  });

  it("keeps each reader to their units' figures", async () => {
    const branchmgr = await loginAs(app.http, 'branchmgr');
    assert.deepEqual(((await branchmgr.get('/api/v1/kpis?level=team&period=2026-10')).json().items as Item[]).map((t) => t.key), ['BJ-HD']);
    const pudong = await loginAs(app.http, 'teller2');
    assert.equal((await pudong.get('/api/v1/kpis')).statusCode, 403);
    assert.equal((await pudong.get('/api/v1/dashboard')).statusCode, 403);
    assert.equal((await (await loginAs(app.http, 'exec')).get('/api/v1/kpis?level=process&period=2026-10')).statusCode, 200);
    assert.equal(problem(await ops.get('/api/v1/kpis?level=planet')).status, 400);
  });

  it("gives the executive dashboard: the month's figures, the month before, day by day", async () => {
    const exec = await loginAs(app.http, 'exec');
    const res = await exec.get('/api/v1/dashboard?period=2026-10');
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    assert.deepEqual([d.volumes.casesOpened, d.volumes.casesClosed, d.volumes.tasksCompleted], [2, 2, 6]);
    assert.equal(d.serviceLevels.casesOnTimeRate, 1);
    assert.equal(d.daily.length, 31);
    assert.deepEqual(d.daily.find((x: { day: string }) => x.day === '2026-10-13').casesOpened, 2);
    const nov = (await exec.get('/api/v1/dashboard?period=2026-11')).json();
    assert.deepEqual([nov.volumes.casesOpened, nov.previous.volumes.casesOpened, nov.daily.length], [1, 2, 30]);
    const other = (await (await loginAs(app.http, 'branchmgr')).get('/api/v1/dashboard?period=2026-10')).json();
    assert.equal(other.volumes.casesOpened, 2, 'the branch manager of Haidian sees Haidian');
  });
});
