import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './platform/audit/audit.routes.ts';
import { sealAuditChain } from './platform/audit/audit.service.ts';
import { authRoutes } from './platform/auth/auth.routes.ts';
import { calendarRoutes } from './platform/calendar/calendar.routes.ts';
import { loadBundledCalendars } from './platform/calendar/calendar.service.ts';
import type { Config } from './platform/config/config.ts';
import { openDatabase, type DatabaseHandle } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { oneNodeAtATime } from './platform/db/startup-lock.ts';
import { openVault } from './platform/pii/vault.ts';
import { seedDemo } from './platform/demo/seed.ts';
import type { Deps } from './platform/deps.ts';
import { Housekeeping } from './platform/housekeeping.ts';
import { createHttpServer } from './platform/http/server.ts';
import { syncBuiltinRoles } from './platform/org/bootstrap.ts';
import { orgRoutes } from './platform/org/org.routes.ts';
import { Engine } from './engine/engine.ts';
import { engineRoutes } from './engine/engine.routes.ts';
import { camundaRoutes } from './camunda/camunda.routes.ts';
import { ServiceOperations } from './services/service-operations.ts';
import { CounterQueue } from './queue/queue.ts';
import { Complaints } from './complaints/complaints.ts';
import { Merchants } from './merchants/merchants.ts';
import { Engagement } from './engagement/engagement.ts';
import { eventLogRoutes } from './analytics/event-log.routes.ts';
import { performanceRoutes } from './analytics/performance/performance.routes.ts';
import { simulationRoutes } from './analytics/simulation/simulation.routes.ts';
import { conformanceRoutes } from './analytics/conformance/conformance.routes.ts';
import { demoHistoryRoutes } from './demo/demo-history.routes.ts';

export type App = {
  http: FastifyInstance;
  deps: Deps;
  engine: Engine;
  services: ServiceOperations;
  queue: CounterQueue;
  complaints: Complaints;
  merchants: Merchants;
  engagement: Engagement;
  database: DatabaseHandle;
  /** Whether this start seeded the demo bank. */
  seededDemo: boolean;
  /** Starts this node's background work (when `jobExecutor` is on): at once, unless `deferBackground`. Once. */
  startBackground(): void;
  close(): Promise<void>;
};

export type AppOptions = {
  clock?: () => Date;
  database?: DatabaseHandle;
  /**
   * Serve requests but start no background work (due jobs, sweeps, audit sealing) until
   * `startBackground()`: while the demo history is written, its timers are not this clock's to fire.
   */
  deferBackground?: boolean;
};

/**
 * The composition root: opens the database, brings its schema and built-in data up to date, and
 * wires every capability into one HTTP server. Nothing else constructs services.
 */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize }));
  try {
    await migrateToLatest(database.db);
    const clock = options.clock ?? (() => new Date());
    const vault = await openVault(database.db, config.piiKey, clock());
    const deps: Deps = { db: database.db, config, clock, newId: randomUUID, vault };
    await syncBuiltinRoles(deps);
    await loadBundledCalendars(deps);
    const seededDemo = config.demo ? await seedDemo(deps) : false;
    const engine = new Engine(deps, { pollMs: config.jobPollMs });
    const services = new ServiceOperations(deps, engine);
    const queue = new CounterQueue(deps, engine);
    const complaints = new Complaints(deps, engine);
    const merchants = new Merchants(deps, engine);
    const engagement = new Engagement(deps, engine);
    const housekeeping = new Housekeeping(database, deps);
    await oneNodeAtATime(database, async () => {
      await services.setUp();
      await queue.setUp();
      await complaints.setUp();
      await merchants.setUp();
      await engagement.setUp();
    });
    const http = await createHttpServer(deps, database, [authRoutes, orgRoutes, auditRoutes, calendarRoutes, ...services.routes(), ...queue.routes(), ...complaints.routes(), ...merchants.routes(), ...engagement.routes(), eventLogRoutes, performanceRoutes, simulationRoutes, conformanceRoutes, demoHistoryRoutes, engineRoutes(engine), camundaRoutes(engine)]);
    await http.ready();
    await queue.start();
    // background work of this node: due jobs, and sealing new audit entries into the chain
    let sealer: NodeJS.Timeout | null = null;
    let background = false;
    const startBackground = () => {
      if (background || !config.jobExecutor) return;
      background = true;
      engine.executor.start();
      services.start(config.jobPollMs * 2, (error: unknown) => http.log.error({ err: error }, 'service operations background work failed'));
      queue.startSweeping(30_000, (error: unknown) => http.log.error({ err: error }, 'counter queue background work failed'));
      complaints.startSweeping(30_000, (error: unknown) => http.log.error({ err: error }, 'complaint escalation failed'));
      merchants.startSweeping(60_000, (error: unknown) => http.log.error({ err: error }, 'merchant re-review sweep failed'));
      engagement.startSweeping(60_000, (error: unknown) => http.log.error({ err: error }, 'customer engagement background work failed'));
      housekeeping.start(3_600_000, (error: unknown, chore: string) => http.log.error({ err: error }, `${chore} failed`));
      sealer = setInterval(() => void sealAuditChain(deps.db).catch((error: unknown) => http.log.error({ err: error }, 'audit sealing failed')), 500);
    };
    if (!options.deferBackground) startBackground();
    return {
      http,
      deps,
      engine,
      services,
      queue,
      complaints,
      merchants,
      engagement,
      database,
      seededDemo,
      startBackground,
      async close() {
        if (sealer) clearInterval(sealer);
        await services.stop();
        await queue.stop();
        await complaints.stop();
        await merchants.stop();
        await engagement.stop();
        await housekeeping.stop();
        await engine.executor.stop();
        await http.close();
        if (!options.database) await database.close();
      },
    };
  } catch (error) {
    if (!options.database) await database.close().catch(() => undefined);
    throw error;
  }
}
