import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { MIGRATION_NAMES, migrateToLatest } from '../../src/platform/db/migrate.ts';
import { ensureEventLogPartitions, eventLogPartitions, monthOf } from '../../src/platform/db/partitions.ts';
import type { Database } from '../../src/platform/db/schema.ts';
import { createTestDatabase, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { describeEachDatabase } from '../support/test-app.ts';

const PARTITIONING = '2026-11-29-0030-event-log-partitions';

/** The schema as it was before a migration: every migration listed before it, run in order. */
async function migrateUpToBefore(db: Kysely<Database>, name: string): Promise<void> {
  const index = MIGRATION_NAMES.indexOf(name);
  const migrations: Record<string, Migration> = {};
  for (const n of MIGRATION_NAMES) migrations[n] = (await import(`../../src/platform/db/migrations/${n}.ts`)) as Migration;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateTo(MIGRATION_NAMES[index - 1]!);
  if (error) throw error;
}

const event = (instance: string, at: string) => ({
  instance_id: instance, activity_instance_id: `${instance}-a`, element_id: 'review', element_type: 'userTask', name: 'Review',
  process_key: 'loan', lifecycle: 'complete', at: new Date(at), resource: 'teller', unit_id: null,
});

/** Where each event of an instance is stored: its partition's name, by event id. */
async function whereStored(db: Kysely<Database>, instance: string): Promise<Map<number, string>> {
  const { rows } = await sql<{ id: number; part: string }>`select id, tableoid::regclass::text as part from event_log where instance_id = ${instance} order by id`.execute(db);
  return new Map(rows.map((r) => [Number(r.id), r.part]));
}

await describeEachDatabase('Event log partitioned by month', (kind) => {
  let testDb: TestDatabase;
  let handle: DatabaseHandle;
  let db: Kysely<Database>;
  const now = new Date();

  before(async () => {
    testDb = await createTestDatabase(kind);
    handle = await openTestDatabase(testDb);
    db = handle.db;
  });
  after(async () => {
    await handle.close();
    await testDb.drop();
  });

  it('the migration keeps a running log: each event lands in its month, ids go on from the same sequence', async () => {
    // given a log written before partitioning, over three months
    await migrateUpToBefore(db, PARTITIONING);
    await db.insertInto('event_log').values([event('old', '2025-03-31T23:59:59Z'), event('old', '2026-01-15T08:00:00Z'), event('old', now.toISOString())]).execute();
    const before = await db.selectFrom('event_log').select(['id', 'at']).orderBy('id').execute();
    // when
    await migrateToLatest(db);
    // then
    const kind = await sql<{ relkind: string }>`select relkind from pg_class where relname = 'event_log'`.execute(db);
    assert.equal(kind.rows[0]!.relkind, 'p', 'event_log is a partitioned table');
    const stored = await whereStored(db, 'old');
    assert.deepEqual([...stored.values()], ['event_log_2025_03', 'event_log_2026_01', `event_log_${monthOf(now).slice(0, 7).replace('-', '_')}`]);
    assert.deepEqual([...stored.keys()], before.map((r) => Number(r.id)), 'the same ids');
    const names = (await eventLogPartitions(db)).map((p) => p.name);
    for (const ahead of [1, 2]) assert.ok(names.includes(`event_log_${monthOf(now, ahead).slice(0, 7).replace('-', '_')}`), `month +${ahead} is there ahead`);
    assert.equal(names.at(-1), 'event_log_default');
    const next = await db.insertInto('event_log').values(event('new', now.toISOString())).returning('id').executeTakeFirstOrThrow();
    assert.ok(Number(next.id) > Number(before.at(-1)!.id), 'a new event gets a larger id than every old one');
  });

  it('a month without a partition lands in the default partition; once over, the sweep gives it its month and moves it there', async () => {
    // given events of months no partition was made for: one long past, one still to come
    const past = await db.insertInto('event_log').values(event('past', '2024-05-15T10:00:00Z')).returning('id').executeTakeFirstOrThrow();
    const far = await db.insertInto('event_log').values(event('far', '2031-07-15T10:00:00Z')).returning('id').executeTakeFirstOrThrow();
    assert.equal((await whereStored(db, 'past')).get(Number(past.id)), 'event_log_default', 'the write did not fail');
    assert.equal((await whereStored(db, 'far')).get(Number(far.id)), 'event_log_default');
    // when the sweep runs now
    const round = await ensureEventLogPartitions(handle, now);
    // then the past month is moved to a partition of its own; the month to come, maybe still written to, waits
    assert.ok('created' in round, JSON.stringify(round));
    assert.ok(round.created.includes('2024-05-01') && round.created.includes(monthOf(now, 3)), JSON.stringify(round));
    assert.deepEqual(round.waiting, ['2031-07-01']);
    assert.equal((await whereStored(db, 'past')).get(Number(past.id)), 'event_log_2024_05', 'the same event, moved to its month');
    assert.equal((await whereStored(db, 'far')).get(Number(far.id)), 'event_log_default');
    assert.deepEqual(await ensureEventLogPartitions(handle, now), { created: [], waiting: ['2031-07-01'] }, 'a second round has nothing more to do');
    // a day after that month is over, it is moved too, and the default partition is empty
    const later = await ensureEventLogPartitions(handle, new Date('2031-08-02T01:00:00Z'));
    assert.deepEqual(later, { created: ['2031-07-01', '2031-08-01', '2031-09-01', '2031-10-01', '2031-11-01'], waiting: [] });
    assert.equal((await whereStored(db, 'far')).get(Number(far.id)), 'event_log_2031_07');
    const stray = await sql<{ n: number }>`select count(*)::int as n from event_log_default`.execute(db);
    assert.equal(stray.rows[0]!.n, 0);
  });

  it('the sweep creates the months ahead of its clock, bounded by UTC months whatever the session time zone', async () => {
    const round = await ensureEventLogPartitions(handle, new Date('2032-12-10T00:00:00Z'));
    assert.deepEqual(round, { created: ['2032-12-01', '2033-01-01', '2033-02-01', '2033-03-01'], waiting: [] });
    const parts = await db.transaction().execute(async (trx) => {
      await sql`set local timezone = 'Asia/Shanghai'`.execute(trx);
      await trx.insertInto('event_log').values([event('edge', '2033-01-31T23:59:59.999Z'), event('edge', '2033-02-01T00:00:00Z')]).execute();
      return [...(await whereStored(trx, 'edge')).values()];
    });
    assert.deepEqual(parts, ['event_log_2033_01', 'event_log_2033_02']);
    const bounds = new Map((await eventLogPartitions(db)).map((p) => [p.name, p.bound]));
    assert.match(bounds.get('event_log_2033_02')!, /FOR VALUES FROM \('2033-0[12]-\d\d \d\d:00:00[+-]\d\d'\) TO/);
  });

  it('reads across months as one table: an instance history in order, a time range within months', async () => {
    await db.insertInto('event_log').values([event('span', '2026-01-31T23:00:00Z'), event('span', '2026-02-01T01:00:00Z')]).execute();
    const history = await db.selectFrom('event_log').select(['at']).where('instance_id', '=', 'span').orderBy('id').execute();
    assert.deepEqual(history.map((r) => r.at.toISOString()), ['2026-01-31T23:00:00.000Z', '2026-02-01T01:00:00.000Z']);
    const plan = await sql<{ 'QUERY PLAN': string }>`explain select count(*) from event_log where at >= '2033-01-01T00:00:00Z' and at < '2033-02-01T00:00:00Z'`.execute(db);
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    assert.match(text, /event_log_2033_01/);
    assert.doesNotMatch(text, /event_log_2026_01|event_log_default/, 'the other months are pruned');
  });

  it('retention: an old month is detached whole and stays readable as a table of its own', async () => {
    const total = async () => (await sql<{ n: number }>`select count(*)::int as n from event_log where instance_id = 'old'`.execute(db)).rows[0]!.n;
    assert.equal(await total(), 3);
    await sql`alter table event_log detach partition event_log_2025_03`.execute(db);
    assert.equal(await total(), 2, 'the month left the log');
    const archived = await sql<{ n: number }>`select count(*)::int as n from event_log_2025_03`.execute(db);
    assert.equal(archived.rows[0]!.n, 1, 'and is still there to archive (pg_dump -t) and drop');
    await sql`drop table event_log_2025_03`.execute(db);
    // a late event of that month is not lost: it goes to the default partition, and the sweep brings the month back
    await db.insertInto('event_log').values(event('late', '2025-03-02T00:00:00Z')).execute();
    assert.deepEqual([...(await whereStored(db, 'late')).values()], ['event_log_default']);
    await ensureEventLogPartitions(handle, now);
    assert.deepEqual([...(await whereStored(db, 'late')).values()], ['event_log_2025_03']);
  });

  if (kind === 'postgres') {
    it('nodes sweeping at once: one does the work, the others skip the round', async () => {
      const rounds = await Promise.all([1, 2, 3].map(() => ensureEventLogPartitions(handle, new Date('2040-01-10T00:00:00Z'))));
      const worked = rounds.filter((r) => 'created' in r && r.created.length > 0);
      assert.equal(worked.length, 1, JSON.stringify(rounds));
      assert.ok(rounds.every((r) => 'skipped' in r || r.created.length === 0 || r.created.includes('2040-01-01')));
      const names = (await eventLogPartitions(db)).map((p) => p.name);
      assert.ok(['2040_01', '2040_02', '2040_03', '2040_04'].every((m) => names.includes(`event_log_${m}`)));
    });
  }
});
