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
import { seedDemo } from './platform/demo/seed.ts';
import type { Deps } from './platform/deps.ts';
import { createHttpServer } from './platform/http/server.ts';
import { syncBuiltinRoles } from './platform/org/bootstrap.ts';
import { orgRoutes } from './platform/org/org.routes.ts';
import { Engine } from './engine/engine.ts';
import { engineRoutes } from './engine/engine.routes.ts';
import { camundaRoutes } from './camunda/camunda.routes.ts';
import { catalogRoutes } from './services/catalog/catalog.routes.ts';
import { seedDemoServices } from './services/catalog/demo-services.ts';

export type App = {
  http: FastifyInstance;
  deps: Deps;
  engine: Engine;
  database: DatabaseHandle;
  /** Whether this start seeded the demo bank. */
  seededDemo: boolean;
  close(): Promise<void>;
};

export type AppOptions = { clock?: () => Date; database?: DatabaseHandle };

/**
 * The composition root: opens the database, brings its schema and built-in data up to date, and
 * wires every capability into one HTTP server. Nothing else constructs services.
 */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  try {
    await migrateToLatest(database.db);
    const deps: Deps = { db: database.db, config, clock: options.clock ?? (() => new Date()), newId: randomUUID };
    await syncBuiltinRoles(deps);
    await loadBundledCalendars(deps);
    const seededDemo = config.demo ? await seedDemo(deps) : false;
    if (config.demo) await seedDemoServices(deps);
    const engine = new Engine(deps, { pollMs: config.jobPollMs });
    const http = await createHttpServer(deps, database, [authRoutes, orgRoutes, auditRoutes, calendarRoutes, catalogRoutes, engineRoutes(engine), camundaRoutes(engine)]);
    await http.ready();
    // background work of this node: due jobs, and sealing new audit entries into the chain
    let sealer: NodeJS.Timeout | null = null;
    if (config.jobExecutor) {
      engine.executor.start();
      sealer = setInterval(() => void sealAuditChain(deps.db).catch((error: unknown) => http.log.error({ err: error }, 'audit sealing failed')), 500);
    }
    return {
      http,
      deps,
      engine,
      database,
      seededDemo,
      async close() {
        if (sealer) clearInterval(sealer);
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
