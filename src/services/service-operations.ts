import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import type { Engine } from '../engine/engine.ts';
import { sendReminders } from './appointments/appointment.service.ts';
import { caseRoutes } from './cases/case.routes.ts';
import { closeFinishedCases, escalateCases } from './cases/case-sweeper.ts';
import { registerServiceHandlers } from './cases/process-handlers.ts';
import { catalogRoutes } from './catalog/catalog.routes.ts';
import { seedDemoServices } from './catalog/demo-services.ts';
import { LocalCoreBanking, type CoreBanking } from './core-banking/core-banking.ts';
import { customerRoutes } from './customers/customer.routes.ts';
import { ensureDefaultSegments } from './customers/segments.ts';
import { deployShippedProcesses, seedDemoOperations } from './demo-operations.ts';
import { frontOfficeRoutes } from './front-office.routes.ts';
import { LocalFileAdapter, type MessageAdapter } from './notifications/adapters.ts';
import { dispatchDue } from './notifications/notification.service.ts';
import { portalRoutes } from './portal.routes.ts';
import { workRoutes } from './work/work.routes.ts';
import { ensureDefaultQualifications } from './work/qualification.service.ts';

type Routes = (app: FastifyInstance, deps: Deps) => void;

/** The external systems service operations reach; local implementations unless a bank plugs in its own. */
export type ServiceAdapters = { core: CoreBanking; sms: MessageAdapter; email: MessageAdapter };

/**
 * Service operations (S1, S7, S8): catalogue, customers, cases, task work, the customer portal.
 * Sets up what it needs at start, gives its routes, and runs its background work.
 */
export class ServiceOperations {
  readonly adapters: ServiceAdapters;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: Deps,
    private readonly engine: Engine,
    adapters: Partial<ServiceAdapters> = {},
  ) {
    this.adapters = { core: adapters.core ?? new LocalCoreBanking(deps), sms: adapters.sms ?? new LocalFileAdapter('sms', deps.config.dataDir), email: adapters.email ?? new LocalFileAdapter('email', deps.config.dataDir) };
  }

  async setUp(): Promise<void> {
    await ensureDefaultSegments(this.deps);
    await ensureDefaultQualifications(this.deps);
    registerServiceHandlers(this.deps, this.engine, this.adapters.core);
    await deployShippedProcesses(this.deps, this.engine, this.deps.config.demo);
    if (this.deps.config.demo) {
      await seedDemoServices(this.deps);
      await seedDemoOperations(this.deps);
    }
  }

  routes(): Routes[] {
    return [catalogRoutes, customerRoutes, caseRoutes(this.engine), workRoutes(this.engine), frontOfficeRoutes(this.engine), portalRoutes(this.engine)];
  }

  /**
   * One round of background work: close cases whose process ended, escalate cases at risk or
   * breached, deliver notifications, remind tomorrow's appointments. Every step is safe to run
   * on several nodes at once.
   */
  async tick(): Promise<void> {
    await closeFinishedCases(this.deps);
    await escalateCases(this.deps);
    await sendReminders(this.deps, await this.engine.businessCalendar());
    while ((await dispatchDue(this.deps, this.adapters)) > 0);
  }

  start(intervalMs: number, onError: (error: unknown) => void): void {
    const loop = () => {
      this.running = this.tick().catch(onError).finally(() => {
        if (this.timer) this.timer = setTimeout(loop, intervalMs);
      });
    };
    this.timer = setTimeout(loop, intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
