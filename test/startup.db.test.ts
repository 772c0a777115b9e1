import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { MIGRATION_NAMES } from '../src/platform/db/migrate.ts';
import { createTestDatabase } from './support/databases.ts';
import { describeEachDatabase } from './support/test-app.ts';

await describeEachDatabase('Start-up', (kind) => {
  it('starts without demo data when told so: no users, built-in roles, the shipped calendar', async () => {
    const db = await createTestDatabase(kind);
    const app = await createApp(loadConfig({}, { dataDir: 'memory://', databaseUrl: db.url, demo: false, logLevel: 'silent', jobExecutor: false }));
    try {
      const users = await app.deps.db.selectFrom('app_user').select('id').execute();
      assert.equal(users.length, 0);
      const roles = await app.deps.db.selectFrom('role').select('key').execute();
      assert.equal(roles.length, 12);
      const years = await app.deps.db.selectFrom('calendar_year').select('year').where('region', '=', 'CN').execute();
      assert.deepEqual(years.map((y) => y.year).sort(), [2025, 2026]);
      const login = await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'banklane-demo' } });
      assert.equal(login.statusCode, 401, 'no default credentials without demo mode');
    } finally {
      await app.close();
      await db.drop();
    }
  });

  if (kind === 'postgres') {
    it('lets two nodes start on one empty database at once: one migrates, both serve', async () => {
      const db = await createTestDatabase(kind);
      const config = loadConfig({}, { dataDir: 'memory://', databaseUrl: db.url, demo: true, logLevel: 'silent', jobExecutor: false });
      const [a, b] = await Promise.all([createApp(config), createApp(config)]);
      try {
        const migrations = await sql<{ name: string }>`select name from kysely_migration`.execute(a.deps.db);
        assert.deepEqual(migrations.rows.map((r) => r.name).sort(), [...MIGRATION_NAMES].sort(), 'each migration ran once');
        const units = await a.deps.db.selectFrom('org_unit').select('code').execute();
        assert.equal(units.filter((u) => u.code === 'HO').length, 1, 'the demo bank is seeded once');
        assert.equal(units.length, 7);
        for (const node of [a, b]) {
          const login = await node.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'banklane-demo' } });
          assert.equal(login.statusCode, 200);
        }
        const verify = await b.http.inject({ url: '/api/v1/audit/verify', headers: { authorization: `Bearer ${(await b.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'auditor', password: 'banklane-demo' } })).json().token}` } });
        assert.equal(verify.json().ok, true);
      } finally {
        await Promise.all([a.close(), b.close()]);
        await db.drop();
      }
    });
  }
});
