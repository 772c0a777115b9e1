import { performance } from 'node:perf_hooks';
import { createApp, type App } from '../../src/app.ts';
import { login, resolveSession } from '../../src/platform/auth/auth.service.ts';
import type { RequestContext } from '../../src/platform/access/actor.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import { deployResources, startProcess } from '../../src/engine/process.service.ts';
import { completeTask } from '../../src/engine/task.service.ts';
import { createTestDatabase, postgresReachable, type TestDatabase } from '../../test/support/databases.ts';
import type { BenchConfig, BenchRow, BenchSuite } from '../bench-suite.ts';
import { measureThroughput, percentile, roundSpread } from '../measure.ts';
import { amountFor, expectedTask, MODEL, readModel } from '../model.ts';

/**
 * Banklane end to end through the service layer (not HTTP) on PGlite and on PostgreSQL: each
 * instance is started with `startProcess` (whose answer names the task it opened) and its task
 * completed with `completeTask` — every step atomic with its event-log rows and audit entry, and
 * every batch checked: each of its instances must have completed.
 */
export const databaseSuite: BenchSuite = {
  name: 'database',
  async run(config) {
    const rows: BenchRow[] = [];
    if (!process.env.BENCH_PG_ONLY) rows.push(await runOn('pglite', clients(), config));
    if (!process.env.BENCH_SKIP_PG && (await postgresReachable())) {
      const pg = await runOn('postgres', clients(), config, true);
      rows.push(pg);
    } else {
      rows.push({ name: 'Banklane on PostgreSQL', instancesPerSecond: Number.NaN, notes: 'PostgreSQL not reachable (TEST_DATABASE_URL): skipped' });
    }
    return rows;
  },
};

/** Concurrent clients on either database: the same workload for both (`BENCH_CLIENTS`, default 16). */
function clients(): number {
  return Number(process.env.BENCH_CLIENTS ?? 16);
}

async function openApp(kind: 'pglite' | 'postgres'): Promise<{ app: App; db: TestDatabase; ctx: RequestContext }> {
  const db = await createTestDatabase(kind);
  const app = await createApp(loadConfig({}, { dataDir: 'memory://', databaseUrl: db.url, demo: true, logLevel: 'silent', jobExecutor: false, loginFailureDelayMs: 0 }));
  const session = await login(app.deps, { actor: null, ip: '127.0.0.1', requestId: null, lang: 'en' }, { username: 'ops', password: 'banklane-demo', userAgent: 'bench' });
  const resolved = await resolveSession(app.deps, session.token);
  const ctx: RequestContext = { actor: resolved!.actor, ip: '127.0.0.1', requestId: null, lang: 'en' };
  const xml = await readModel(MODEL.file);
  await deployResources(app.engine, ctx, { name: 'bench', resources: [{ name: MODEL.file, content: xml }], duplicateFiltering: true, source: 'bench' });
  return { app, db, ctx };
}

/** One instance: start, find its task, complete it; checks it took the expected branch. */
async function runInstance(app: App, ctx: RequestContext, index: number, latencies?: number[]): Promise<string> {
  const started = await startProcess(app.engine, ctx, { processKey: MODEL.processId, variables: { amount: amountFor(index) } });
  // the start answers with the user tasks it opened, as the API does
  const { id: instanceId, tasks } = started.body as { id: string; tasks: { id: string; elementId: string }[] };
  const task = tasks[0];
  if (tasks.length !== 1 || task?.elementId !== expectedTask(index)) throw new Error(`instance ${index} reached ${task?.elementId}, expected ${expectedTask(index)}`);
  const t0 = performance.now();
  await completeTask(app.engine, ctx, task.id, {});
  latencies?.push(performance.now() - t0);
  return instanceId;
}

async function runOn(kind: 'pglite' | 'postgres', concurrency: number, config: BenchConfig, withLatency = false): Promise<BenchRow> {
  const { app, db, ctx } = await openApp(kind);
  try {
    const latencies: number[] = [];
    const batch = async (first: number, count: number) => {
      let next = first;
      const ids: string[] = [];
      const worker = async () => {
        while (next < first + count) ids.push(await runInstance(app, ctx, next++, withLatency ? latencies : undefined));
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      // every instance of the batch must have completed: checked once per batch
      const done = await app.deps.db.selectFrom('process_instance').select((eb) => eb.fn.countAll<number>().as('n')).where('id', 'in', ids).where('status', '=', 'completed').executeTakeFirstOrThrow();
      if (Number(done.n) !== count) throw new Error(`${count - Number(done.n)} of ${count} instances did not complete`);
    };
    const throughput = await measureThroughput(batch, concurrency * 25, config);
    const name = kind === 'pglite' ? 'Banklane on PGlite' : 'Banklane on PostgreSQL';
    const row: BenchRow = { name, instancesPerSecond: throughput.median, notes: `${concurrency} concurrent client${concurrency > 1 ? 's' : ''}, service layer; ${roundSpread(throughput)}` };
    if (withLatency) {
      // the latency of completing a task while the others keep the database busy
      row.p50Ms = percentile(latencies, 0.5);
      row.p99Ms = percentile(latencies, 0.99);
      row.notes += '; p50/p99 = completing a task';
    }
    return row;
  } finally {
    await app.close();
    await db.drop();
  }
}
