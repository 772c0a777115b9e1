import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../../src/platform/db/schema.ts';
import { postgresReachable, TEST_DATABASE_URL, type TestDatabase } from '../support/databases.ts';
import { createTestDatabase, openTestDatabase } from '../support/databases.ts';
import { Client, loginAs } from '../support/http.ts';
import { startTestApp } from '../support/test-app.ts';
import { residentId } from '../services/support.ts';

const run = promisify(execFile);

/** Why the test cannot run here, or false. PostgreSQL only: PGlite has no pg_dump of its own. */
async function cannotRun(): Promise<string | false> {
  if (!(await postgresReachable())) return `PostgreSQL not reachable at ${TEST_DATABASE_URL.replace(/\/\/[^@/]*@/, '//***@')}: skipped`;
  for (const tool of ['pg_dump', 'pg_restore']) {
    try {
      await run(tool, ['--version']);
    } catch {
      return `${tool} not found on PATH (apt-get install -y postgresql-client): skipped`;
    }
  }
  return false;
}

/** Rows in every table of the schema (partitions each on their own, and in their parent). */
async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) counts[name] = (await sql<{ n: number }>`select count(*)::int as n from ${sql.id(name)}`.execute(db)).rows[0]!.n;
  return counts;
}

/** An empty database on the test server, dropped by `drop`. */
async function emptyDatabase(): Promise<TestDatabase & { name: string }> {
  const name = `banklane_restore_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    kind: 'postgres',
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

const skip = await cannotRun();

describe('Backup and restore [postgres]', { skip }, () => {
  it('pg_dump -Fc, pg_restore into a new database: the same rows, an app on it answers, the audit chain verifies', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banklane-backup-'));
    const dump = path.join(dir, 'banklane.dump');
    const source = await createTestDatabase('postgres');
    const target = await emptyDatabase();
    const app = await startTestApp('postgres', {}, source);
    let restored: Awaited<ReturnType<typeof startTestApp>> | null = null;
    try {
      // given a bank at work: a customer registered, cases opened on the engine, a first step done
      const teller = await loginAs(app.http, 'teller1');
      const customer = await teller.post('/api/v1/customers', { kind: 'individual', name: '孙丽', idType: 'resident_id', idNumber: residentId('11010819950505234'), idExpiry: '2035-05-05', phone: '13566667777' });
      assert.equal(customer.statusCode, 201, customer.body);
      const refs: string[] = [];
      for (let i = 0; i < 3; i++) {
        const opened = await teller.post('/api/v1/cases', { serviceCode: 'open-personal-account', customerId: customer.json().id, channel: 'counter' });
        assert.equal(opened.statusCode, 201, opened.body);
        refs.push(opened.json().ref);
      }
      const auditor = await loginAs(app.http, 'auditor');
      const chain = (await auditor.get('/api/v1/audit/verify')).json();
      assert.equal(chain.ok, true);
      const counts = await rowCounts(app.deps.db);
      assert.ok(counts.event_log! > 0 && counts.audit_log! > 0 && counts.service_case! >= 3, JSON.stringify(counts));
      const caseBefore = (await teller.get(`/api/v1/cases/${refs[0]}`)).json();

      // when: dumped while the node serves, restored into a new database
      await run('pg_dump', ['-Fc', '--no-owner', '-f', dump, `--dbname=${source.url}`]);
      assert.ok(fs.statSync(dump).size > 0);
      await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${target.url}`, dump]);

      // then: the same rows in every table (partitions included), the event log still partitioned by month
      const raw = await openTestDatabase(target);
      try {
        assert.deepEqual(await rowCounts(raw.db), counts);
        const kind = await sql<{ relkind: string }>`select relkind from pg_class where relname = 'event_log'`.execute(raw.db);
        assert.equal(kind.rows[0]!.relkind, 'p');
      } finally {
        await raw.close();
      }
      assert.deepEqual(await rowCounts(app.deps.db), counts, 'nothing changed on the source meanwhile');
      restored = await startTestApp('postgres', {}, target);

      // an app on the restored database answers, and knows the sessions and sealed personal data
      assert.equal((await restored.http.inject({ url: '/readyz' })).json().database, 'postgres');
      const sameTeller = new Client(restored.http, teller.token);
      const caseAfter = await sameTeller.get(`/api/v1/cases/${refs[0]}`);
      assert.equal(caseAfter.statusCode, 200, 'a session signed in before the backup still holds: sessions live in the database');
      assert.deepEqual({ ...caseAfter.json<Record<string, unknown>>(), sla: undefined }, { ...(caseBefore as Record<string, unknown>), sla: undefined });
      const found = (await sameTeller.post('/api/v1/customers/search', { idNumber: residentId('11010819950505234') })).json().items;
      assert.equal(found.length, 1, 'the customer is found by the sealed ID number');
      const verified = (await (await loginAs(restored.http, 'auditor')).get('/api/v1/audit/verify')).json();
      assert.equal(verified.ok, true, JSON.stringify(verified));
      assert.ok(verified.entries >= chain.entries, `${verified.entries} ≥ ${chain.entries}: every entry of the backup, in the chain`);

      // and it goes on working: a new case on the restored database
      const next = await sameTeller.post('/api/v1/cases', { serviceCode: 'open-personal-account', customerId: customer.json().id, channel: 'counter' });
      assert.equal(next.statusCode, 201, next.body);
      assert.equal((await (await loginAs(restored.http, 'auditor')).get('/api/v1/audit/verify')).json().ok, true);
    } finally {
      await restored?.close();
      await app.stop();
      await source.drop();
      await target.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
