import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type DatabaseKind } from '../../src/platform/db/database.ts';

/** The PostgreSQL server tests use; each test run creates its own database there and drops it. */
export const TEST_DATABASE_URL = withUser(process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/postgres');

/** A URL without a user name connects as the OS user (libpq's rule), even where $USER is unset. */
function withUser(raw: string): string {
  const url = new URL(raw);
  if (!url.username) url.username = process.env.PGUSER ?? os.userInfo().username;
  return url.toString();
}

let reachable: Promise<boolean> | null = null;

/** Whether the test PostgreSQL answers (checked once per process, within 3 s). */
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

/** The databases this run tests on: PGlite always, PostgreSQL when reachable. */
export async function testDatabaseKinds(): Promise<{ kind: DatabaseKind; skip: string | false }[]> {
  const pgOk = await postgresReachable();
  return [
    { kind: 'pglite', skip: false },
    { kind: 'postgres', skip: pgOk ? false : `PostgreSQL not reachable at ${redact(TEST_DATABASE_URL)}: skipped` },
  ];
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

export type TestDatabase = { url: string | null; kind: DatabaseKind; drop(): Promise<void> };

/** A fresh, empty database: an in-memory PGlite, or a new PostgreSQL database dropped afterwards. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') return { url: null, kind, drop: async () => undefined };
  const name = `banklane_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind,
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** Opens a handle on a test database (for tests that work below the HTTP layer). */
export function openTestDatabase(db: TestDatabase): Promise<DatabaseHandle> {
  return openDatabase({ databaseUrl: db.url, dataDir: 'memory://', poolSize: 5 });
}
