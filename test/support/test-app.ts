import path from 'node:path';
import { describe } from 'node:test';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/platform/config/config.ts';
import type { DatabaseKind } from '../../src/platform/db/database.ts';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from './databases.ts';

export type TestApp = App & { kind: DatabaseKind; testDb: TestDatabase; stop(): Promise<void> };

/** Starts Banklane on a fresh database of the given kind, with the demo bank, quiet logs. */
export async function startTestApp(kind: DatabaseKind, overrides: Partial<Config> = {}, testDb?: TestDatabase, clock?: () => Date): Promise<TestApp> {
  const db = testDb ?? (await createTestDatabase(kind));
  const config = loadConfig(
    {},
    { dataDir: 'memory://', databaseUrl: db.url, demo: true, logLevel: 'silent', loginFailureDelayMs: 5, jobExecutor: false, webDir: path.resolve('web/dist'), ...overrides },
  );
  const app = await createApp(config, clock ? { clock } : {});
  return Object.assign(app, {
    kind,
    testDb: db,
    async stop() {
      await app.close();
      if (!testDb) await db.drop();
    },
  });
}

/**
 * Declares a suite once per test database: `[pglite]` always, `[postgres]` when a server is
 * reachable; otherwise the PostgreSQL suite is reported as skipped, with the reason.
 */
export async function describeEachDatabase(name: string, body: (kind: DatabaseKind) => void): Promise<void> {
  for (const { kind, skip } of await testDatabaseKinds()) {
    describe(`${name} [${kind}]`, { skip }, () => body(kind));
  }
}
