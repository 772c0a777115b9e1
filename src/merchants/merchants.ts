import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { systemContext } from '../platform/access/actor.ts';
import type { Deps } from '../platform/deps.ts';
import type { Engine } from '../engine/engine.ts';
import { deployResources } from '../engine/process.service.ts';
import { ensureDefaultRules } from './alerts.service.ts';
import { merchantRoutes } from './merchant.routes.ts';
import { merchantRiskRoutes } from './risk.routes.ts';
import { registerMerchantHandlers } from './onboarding.ts';

type Routes = (app: FastifyInstance, deps: Deps) => void;

const PROCESS_DIR = new URL('./processes/', import.meta.url);

/**
 * Merchant operations and risk (S3, S10): the registry of card-acquiring merchants, onboarding on
 * the engine, the risk list, daily transaction figures and the early warnings they raise.
 */
export class Merchants {
  constructor(
    private readonly deps: Deps,
    private readonly engine: Engine,
  ) {}

  async setUp(): Promise<void> {
    registerMerchantHandlers(this.deps, this.engine);
    await ensureDefaultRules(this.deps);
    await this.deployShipped();
  }

  routes(): Routes[] {
    return [merchantRoutes(this.engine), merchantRiskRoutes];
  }

  /**
   * Deploys the onboarding process and its decisions where the bank has no version yet (a bank's
   * own later versions are never overwritten).
   */
  private async deployShipped(): Promise<void> {
    const db = this.deps.db;
    const resources: { name: string; content: string }[] = [];
    if (!(await db.selectFrom('process_definition').select('id').where('key', '=', 'merchantOnboarding').limit(1).executeTakeFirst())) {
      resources.push({ name: 'merchant-onboarding.bpmn', content: await readFile(new URL('merchant-onboarding.bpmn', PROCESS_DIR), 'utf8') });
    }
    if (!(await db.selectFrom('decision_definition').select('id').where('key', '=', 'merchantRiskRating').limit(1).executeTakeFirst())) {
      resources.push({ name: 'merchant-decisions.dmn', content: await readFile(new URL('merchant-decisions.dmn', PROCESS_DIR), 'utf8') });
    }
    if (resources.length) await deployResources(this.engine, systemContext(), { name: 'banklane-merchants', resources, duplicateFiltering: true, source: 'banklane' });
  }
}
