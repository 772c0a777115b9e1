import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { loginAs, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { customerId, WANG } from './support.ts';
import { seedOpenTasks } from '../../bench/suites/services.ts';

// Get next work (POST /api/v1/work/next): whom a task may go to, what comes with it, and — on
// PostgreSQL — that its one statement is planned once and only the claim skips the wait for the disk.

const MONDAY = new Date('2026-11-30T02:00:00Z');

/** An open task to hand out: its branch, urgency and who it is offered to; above every demo task. */
type Seeded = { id: string; unit: string; priority: number; groups?: string[]; users?: string[]; excluded?: string[]; qualification?: string; pool?: string; businessKey?: string };

await describeEachDatabase('Get next work', (kind) => {
  let app: TestApp;
  let teller: Client;
  let admin: Client;
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => MONDAY);
    teller = await loginAs(app.http, 'teller1');
    admin = await loginAs(app.http, 'admin');
  });
  after(async () => app?.stop());

  /** Open tasks of `cardLossReplacement` written as the engine would leave them, each with its instance. */
  const seed = async (tasks: Seeded[]) => {
    const { db } = app.deps;
    const units = new Map((await db.selectFrom('org_unit').select(['id', 'code']).execute()).map((u) => [u.code, u.id]));
    const definition = await db.selectFrom('process_definition').select('id').where('key', '=', 'cardLossReplacement').orderBy('version', 'desc').executeTakeFirstOrThrow();
    for (const t of tasks) {
      const common = { process_key: 'cardLossReplacement', business_key: t.businessKey ?? null, unit_id: units.get(t.unit)! };
      await db.insertInto('process_instance').values({ id: `pi-${t.id}`, definition_id: definition.id, status: 'active', state: '{}', started_by: 'test', started_at: MONDAY, ...common }).execute();
      await db
        .insertInto('task')
        .values({
          id: t.id, instance_id: `pi-${t.id}`, token_id: `tk-${t.id}`, element_id: 'issueCard', name: '制卡补发 / Issue the replacement card', ...common,
          candidate_groups: JSON.stringify(t.groups ?? []), candidate_users: JSON.stringify(t.users ?? []), excluded_users: JSON.stringify(t.excluded ?? []),
          not_completed_by: '[]', gates: '[]', priority: t.priority, pool: t.pool ?? null, qualification: t.qualification ?? null, created_at: MONDAY,
        })
        .execute();
    }
  };
  const next = async (client: Client) => {
    const r = await client.post('/api/v1/work/next');
    assert.ok([200, 204].includes(r.statusCode), r.body);
    return r.statusCode === 200 ? r.json() : null;
  };

  it('hands a teller only the tasks they may take, the most urgent first, each with its case', async () => {
    const opened = (await teller.post('/api/v1/cases', { serviceCode: 'report-lost-card', customerId: await customerId(teller, WANG.idNumber), channel: 'counter', materialsReceived: [0] })).json();
    const barred: [Seeded, string][] = [
      [{ id: 'recused', unit: 'BJ-HD', priority: 590, groups: ['teller'], excluded: ['teller1'] }, 'teller1 is involved in it (recusal)'],
      [{ id: 'for-supervisors', unit: 'BJ-HD', priority: 580, groups: ['supervisor'] }, 'offered to another role'],
      [{ id: 'needs-certificate', unit: 'BJ-HD', priority: 570, groups: ['teller'], qualification: 'large-value-authorisation' }, 'requires a qualification teller1 lacks'],
      [{ id: 'other-branch', unit: 'SH-PD', priority: 560, groups: ['teller'] }, 'outside teller1\'s branch'],
      [{ id: 'someone-else', unit: 'BJ-HD', priority: 550, users: ['teller2'] }, 'offered to another person only'],
    ];
    const handed: Seeded[] = [
      { id: 'pooled', unit: 'SH-PD', priority: 540, groups: ['teller'], pool: 'central' },
      { id: 'by-name', unit: 'BJ-HD', priority: 530, users: ['teller1'] },
      { id: 'with-case', unit: 'BJ-HD', priority: 520, groups: ['teller'], businessKey: opened.ref },
      { id: 'offered-to-all', unit: 'BJ-HD', priority: 510 },
    ];
    await seed([...barred.map(([t]) => t), ...handed]);
    const got = [];
    for (const _ of handed) got.push(await next(teller));
    assert.deepEqual(got.map((t) => t.id), handed.map((t) => t.id), 'in order of urgency');
    assert.ok(got.every((t) => t.assignee === 'teller1'));
    const withCase = got[2];
    assert.equal(withCase.case.ref, opened.ref);
    assert.equal(withCase.case.serviceNameEn, 'Report a lost card and replace it');
    assert.notEqual(withCase.case.customer, '王小明', 'the customer masked');
    assert.equal(withCase.label, 'Issue the replacement card');
    assert.equal(got[3].case, null, 'a task of no case');
    const after = await next(teller);
    for (const [t, why] of barred) assert.notEqual(after?.id, t.id, `${t.id}: ${why}`);
    const rows = await app.deps.db.selectFrom('task').select(['id', 'assignee']).where('id', 'in', barred.map(([t]) => t.id)).execute();
    assert.deepEqual(rows.filter((r) => r.assignee !== null), [], 'none of the barred tasks was claimed');
  });

  it('hands a task requiring a qualification once the teller holds it valid', async () => {
    const me = (await admin.get('/api/v1/users?q=teller1')).json().items[0].id;
    const certificate = { kind: 'certificate', qualification: 'large-value-authorisation', title: '大额业务授权资格' };
    assert.equal((await admin.post(`/api/v1/users/${me}/credentials`, { ...certificate, issuedOn: '2024-01-01', expiresOn: '2026-11-29' })).statusCode, 201);
    assert.notEqual((await next(teller))?.id, 'needs-certificate', 'an expired certificate does not count');
    assert.equal((await admin.post(`/api/v1/users/${me}/credentials`, { ...certificate, issuedOn: '2026-11-29', expiresOn: null })).statusCode, 201);
    assert.equal((await next(teller))?.id, 'needs-certificate');
  });

  it('hands someone working for a region the tasks of all its branches, and none of another region', async () => {
    const bj = (await admin.get('/api/v1/units')).json().items.find((u: { code: string }) => u.code === 'BJ').id;
    assert.equal((await admin.post('/api/v1/users', { username: 'teller-bj', displayName: '区域柜员', password: 'TellerBj-pass', unitId: bj, roles: ['teller'] })).statusCode, 201);
    const regional = await loginAs(app.http, 'teller-bj', 'TellerBj-pass');
    await seed([
      { id: 'pudong', unit: 'SH-PD', priority: 720, groups: ['teller'] },
      { id: 'chaoyang', unit: 'BJ-CY', priority: 710, groups: ['teller'] },
      { id: 'haidian', unit: 'BJ-HD', priority: 700, groups: ['teller'] },
    ]);
    assert.deepEqual([(await next(regional))?.id, (await next(regional))?.id], ['chaoyang', 'haidian']);
    assert.equal((await app.deps.db.selectFrom('task').select('assignee').where('id', '=', 'pudong').executeTakeFirstOrThrow()).assignee, null);
  });

  it('plans its claim once per connection, and leaves every connection committing durably', { skip: kind !== 'postgres' && 'prepared statements and commit settings: PostgreSQL only' }, async () => {
    const teller2 = await loginAs(app.http, 'teller2');
    // the benchmark's open tasks, analysed: on a few rows any plan looks as good as another
    await seedOpenTasks(app, 20_000);
    await seed(Array.from({ length: 16 }, (_, i) => ({ id: `pd-${i}`, unit: 'SH-PD', priority: 800 - i, groups: ['teller'] })));
    for (let i = 0; i < 16; i++) assert.equal((await next(teller2))?.id, `pd-${i}`);
    // one query per pooled connection at once (each sleeps, so each holds its own)
    const connections = app.database.poolStats().total;
    const seen = await Promise.all(
      Array.from({ length: connections }, () =>
        sql<{ commit: string; generic: number }>`
          select current_setting('synchronous_commit') as commit, pg_sleep(0.05)::text as slept,
            (select coalesce(sum(generic_plans), 0)::int from pg_prepared_statements where statement like '%claimed as%') as generic`.execute(app.deps.db),
      ),
    );
    assert.deepEqual(new Set(seen.map((r) => r.rows[0]!.commit)), new Set(['on']), 'only the claim\'s own transaction skips the wait for the disk');
    assert.ok(seen.reduce((sum, r) => sum + r.rows[0]!.generic, 0) > 0, 'the claim runs on its generic plan, not planned anew each call');
  });
});
