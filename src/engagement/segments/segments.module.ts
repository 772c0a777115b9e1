import type { FastifyInstance } from 'fastify';
import { systemContext, type RequestContext } from '../../platform/access/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { seedDemoFacts } from '../facts/demo-facts.ts';
import { factRoutes } from '../facts/facts.routes.ts';
import { dailyRefresh, refreshSegments, type RunSummary } from './refresh.service.ts';
import { segmentRoutes } from './segment.routes.ts';
import { ensureDefaultSegments } from './segment.service.ts';

type Routes = (app: FastifyInstance, deps: Deps) => void;

/** The daily refresh runs at the first sweep at or after this hour, China time: after core banking's overnight files. */
const DAILY_HOUR = 2;
/** An import touching more customers than this refreshes everyone instead (one pass beats many lookups). */
const MAX_CUSTOMERS_REFRESHED = 10_000;

/**
 * Customer facts and segments (part of 客户经营), wired by `Engagement`: the shipped segments, the
 * routes, a customer's refresh when their holdings or activity change, and the daily refresh.
 */
export class Segments {
  constructor(private readonly deps: Deps) {}

  async setUp(): Promise<void> {
    await ensureDefaultSegments(this.deps);
    if (this.deps.config.demo) await seedDemoFacts(this.deps, (ctx) => refreshSegments(this.deps, ctx, 'start'));
  }

  routes(): Routes[] {
    return [segmentRoutes, factRoutes((ctx, customers) => this.refresh(ctx, customers))];
  }

  /** A customer's holdings changed (a sale): their facts and segments, now. */
  async customerChanged(customerId: string): Promise<void> {
    await refreshSegments(this.deps, systemContext(), 'change', [customerId]);
  }

  /** The customers an import touched, or everyone when it touched many. */
  private refresh(ctx: RequestContext, customers: string[]): Promise<RunSummary> {
    return refreshSegments(this.deps, ctx, 'change', customers.length > MAX_CUSTOMERS_REFRESHED ? null : customers);
  }

  /** One round of background work: the daily refresh of every customer, once a day. */
  async tick(): Promise<void> {
    if ((this.deps.clock().getUTCHours() + 8) % 24 < DAILY_HOUR) return;
    await dailyRefresh(this.deps, systemContext());
  }
}
