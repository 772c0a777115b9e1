import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql, type Dialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** An open database: the Kysely handle, which engine is behind it, and how to close it. */
export type DatabaseHandle = {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Connection-pool figures for the metrics endpoint. */
  poolStats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
};

export type DatabaseOptions = {
  databaseUrl: string | null;
  /** PGlite data directory, or `memory://` for a database that lives only in this process. */
  dataDir: string;
  poolSize?: number;
};

// PostgreSQL returns bigint (int8) as text by default; our bigints (audit sequence, counts) fit in
// a JS number, so read them as numbers. numeric stays text: money is never a float.
pg.types.setTypeParser(20, (value) => Number(value));

const PREPARED_MARK = '/* prepared */';

/**
 * Starts a hot statement of a fixed shape: on PostgreSQL it is then prepared once per connection
 * and its plan reused (planning can cost more than running a short statement); PGlite just runs
 * it. Put it first: sql`${PREPARED}with …`. A statement whose text varies (an `in` list of
 * varying length) becomes one prepared statement per variant, so mark only statements with few.
 */
export const PREPARED = sql.raw(`${PREPARED_MARK} `);

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite in `dataDir`. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir);
}

function openPostgres(url: string, max: number): DatabaseHandle {
  // connections stay open for a minute when idle: opening one (and preparing its statements again) costs a request tens of milliseconds
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 60_000, application_name: 'banklane' });
  // An idle client losing its connection (a database restart) must not crash the node.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    // So must one in use: its statement fails (the request answers 500) and the pool drops it on release.
    client.on('error', () => undefined);
    prepareMarked(client);
  });
  const dialect: Dialect = new PostgresDialect({ pool });
  const db = new Kysely<Database>({ dialect });
  return {
    db,
    kind: 'postgres',
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => db.destroy(),
  };
}

/** Makes a client run statements that start with PREPARED as named ones (pg prepares each name once per connection). */
function prepareMarked(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, ...rest: unknown[]) => {
    if (typeof text !== 'string' || !text.startsWith(PREPARED_MARK)) return query(text, ...rest);
    const [values, callback] = rest;
    const name = `bl_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;
    return query({ name, text, values }, callback);
  };
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  let pglite: PGlite;
  if (dataDir === 'memory://') {
    pglite = new PGlite();
  } else {
    const dir = path.join(dataDir, 'pgdata');
    fs.mkdirSync(dir, { recursive: true });
    pglite = new PGlite(dir);
  }
  await pglite.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
