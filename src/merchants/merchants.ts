import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { systemContext } from '../platform/access/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { Periodic } from '../platform/periodic.ts';
import type { Engine } from '../engine/engine.ts';
import { deployResources } from '../engine/process.service.ts';
import { ensureDefaultRules } from './alerts.service.ts';
import { merchantRoutes } from './merchant.routes.ts';
import { merchantRiskRoutes } from './risk.routes.ts';
import { registerMerchantHandlers } from './onboarding.ts';
import { reviewRoutes } from './review.routes.ts';
import { ensureReviewSettings, registerReviewHandlers, startDueReviews } from './review.service.ts';
import { riskCaseRoutes } from './risk-case.routes.ts';
import { registerRiskCaseHandlers } from './risk-case.service.ts';
import { merchantServiceRoutes } from './service-request.routes.ts';
import { ensureServiceStandards } from './service-requests.service.ts';

type Routes = (app: FastifyInstance, deps: Deps) => void;

const PROCESS_DIR = new URL('./processes/', import.meta.url);

/** The shipped models, each known by a process or decision it holds. */
const SHIPPED: { table: 'process_definition' | 'decision_definition'; key: string; file: string }[] = [
  { table: 'process_definition', key: 'merchantOnboarding', file: 'merchant-onboarding.bpmn' },
  { table: 'decision_definition', key: 'merchantRiskRating', file: 'merchant-decisions.dmn' },
  { table: 'process_definition', key: 'merchantRiskCase', file: 'merchant-risk-case.bpmn' },
  { table: 'decision_definition', key: 'merchantRiskActionAuthority', file: 'merchant-risk-decisions.dmn' },
  { table: 'process_definition', key: 'merchantReview', file: 'merchant-review.bpmn' },
];

/**
 * Merchant operations and risk (S3, S10): the registry of card-acquiring merchants, onboarding on
 * the engine, the risk list, daily transaction figures and the early warnings they raise, risk
 * cases and their actions, and the periodic re-reviews a sweep starts as they come due.
 */
export class Merchants {
  private readonly sweeper = new Periodic(() => this.tick());

  constructor(
    private readonly deps: Deps,
    private readonly engine: Engine,
  ) {}

  async setUp(): Promise<void> {
    registerMerchantHandlers(this.deps, this.engine);
    registerRiskCaseHandlers(this.deps, this.engine);
    registerReviewHandlers(this.deps, this.engine);
    await ensureDefaultRules(this.deps);
    await ensureReviewSettings(this.deps);
    await ensureServiceStandards(this.deps);
    await this.deployShipped();
  }

  routes(): Routes[] {
    return [merchantRoutes(this.engine), merchantRiskRoutes, merchantServiceRoutes, riskCaseRoutes(this.engine), reviewRoutes];
  }

  /** One round of background work: starts the periodic re-reviews that have come due. */
  async tick(): Promise<void> {
    await startDueReviews(this.deps, this.engine);
  }

  /** Background work every `intervalMs` (nodes that run background work). */
  startSweeping(intervalMs: number, onError: (error: unknown) => void): void {
    this.sweeper.start(intervalMs, onError);
  }

  async stop(): Promise<void> {
    await this.sweeper.stop();
  }

  /**
   * Deploys the shipped processes and decisions — onboarding, risk cases, re-reviews — each where
   * the bank has no version of it yet (a bank's own later versions are never overwritten).
   */
  private async deployShipped(): Promise<void> {
    const db = this.deps.db;
    const resources: { name: string; content: string }[] = [];
    for (const { table, key, file } of SHIPPED) {
      if (await db.selectFrom(table).select('id').where('key', '=', key).limit(1).executeTakeFirst()) continue;
      resources.push({ name: file, content: await readFile(new URL(file, PROCESS_DIR), 'utf8') });
    }
    if (resources.length) await deployResources(this.engine, systemContext(), { name: 'banklane-merchants', resources, duplicateFiltering: true, source: 'banklane' });
  }
}
