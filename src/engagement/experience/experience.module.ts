import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { systemContext } from '../../platform/access/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Engine } from '../../engine/engine.ts';
import { deployResources } from '../../engine/process.service.ts';
import { seedDemoChurn } from './demo-experience.ts';
import { experienceRoutes } from './experience.routes.ts';
import { registerRetentionHandlers, RETENTION_PROCESS, sweepRetention, type SweepSummary } from './retention.service.ts';

type Routes = (app: FastifyInstance, deps: Deps) => void;

const PROCESS_FILE = new URL('./customer-retention.bpmn', import.meta.url);

/**
 * Customer experience and churn signals (part of 客户经营), wired by `Engagement`: the retention
 * process deployed where the bank has none, its handlers, the routes, and the sweep that opens
 * and cancels retention calls as customers enter and leave the at-risk segment.
 */
export class Experience {
  constructor(
    private readonly deps: Deps,
    private readonly engine: Engine,
  ) {
    registerRetentionHandlers(deps, engine);
  }

  /** Deploys the retention process where the bank has none yet. */
  async setUp(): Promise<void> {
    if (!(await this.deps.db.selectFrom('process_definition').select('id').where('key', '=', RETENTION_PROCESS).limit(1).executeTakeFirst())) {
      await deployResources(this.engine, systemContext(), { name: 'banklane-engagement-retention', resources: [{ name: 'customer-retention.bpmn', content: await readFile(PROCESS_FILE, 'utf8') }], duplicateFiltering: true, source: 'banklane' });
    }
  }

  /** The demo bank's churn signal: its at-risk customer refreshed into the segment, then swept (his retention call opens). */
  async seedDemo(): Promise<void> {
    await seedDemoChurn(this.deps);
    await this.tick();
  }

  routes(): Routes[] {
    return [experienceRoutes];
  }

  /** One round of background work: retention calls for customers who entered or left the at-risk segment. */
  tick(): Promise<SweepSummary> {
    return sweepRetention(this.deps, this.engine);
  }
}
