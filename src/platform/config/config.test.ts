import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('defaults to the embedded database on port 8080 with the demo bank', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8080);
    assert.equal(config.databaseUrl, null);
    assert.equal(config.demo, true);
    assert.equal(config.dataDir, path.resolve('data'));
    assert.ok(Object.isFrozen(config));
  });

  it('turns the demo off by default when PostgreSQL is configured, unless asked for', () => {
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://db:5432/banklane' }).demo, false);
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://db:5432/banklane', BANKLANE_DEMO: 'true' }).demo, true);
    assert.equal(loadConfig({ BANKLANE_DEMO: 'off' }).demo, false);
  });

  it('reports every bad value at once, naming the variable', () => {
    const cases: [Record<string, string>, string[]][] = [
      [{ PORT: 'eighty' }, ['PORT']],
      [{ PORT: '70000', BANKLANE_DEMO: 'maybe' }, ['PORT', 'BANKLANE_DEMO']],
      [{ DATABASE_URL: 'mysql://db/banklane' }, ['DATABASE_URL']],
      [{ LOG_LEVEL: 'loud', BANKLANE_SESSION_TTL_HOURS: '0' }, ['LOG_LEVEL', 'BANKLANE_SESSION_TTL_HOURS']],
    ];
    for (const [env, variables] of cases) {
      assert.throws(
        () => loadConfig(env),
        (error: unknown) => error instanceof ConfigError && JSON.stringify(error.issues.map((i) => i.variable)) === JSON.stringify(variables),
        JSON.stringify(env),
      );
    }
  });

  it('keeps an in-memory data directory as it is', () => {
    assert.equal(loadConfig({ BANKLANE_DATA_DIR: 'memory://' }).dataDir, 'memory://');
  });
});
