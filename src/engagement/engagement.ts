import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { systemContext } from '../platform/access/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { Periodic } from '../platform/periodic.ts';
import type { Engine } from '../engine/engine.ts';
import { deployResources } from '../engine/process.service.ts';
import { customerPortalRoutes } from './portal/customer-portal.routes.ts';
import { seedDemoProducts } from './products/demo-products.ts';
import { productRoutes } from './products/product.routes.ts';
import { saleRoutes, type AfterSale } from './products/sale.routes.ts';
import { Segments } from './segments/segments.module.ts';
import { Campaigns } from './campaigns/campaigns.module.ts';
import { Offers } from './offers/offers.module.ts';
import { Experience } from './experience/experience.module.ts';
import { ensureQuestionnaire } from './suitability/risk-assessment.service.ts';
import { suitabilityRoutes } from './suitability/suitability.routes.ts';

type Routes = (app: FastifyInstance, deps: Deps) => void;

/** The shipped decisions, each known by a decision it holds. */
const SHIPPED: { key: string; file: URL }[] = [{ key: 'productEligibility', file: new URL('./products/product-eligibility.dmn', import.meta.url) }];

/**
 * Own-customer operations (S4, 客户经营): the product catalogue, risk tolerance and suitability,
 * sales and holdings; customer facts and segments. Sets up what it ships, gives the routes, and
 * runs its background work.
 */
export class Engagement {
  private readonly sweeper = new Periodic(() => this.tick());
  /** Work after each committed sale, given the customer it changed (their facts and segments). */
  private readonly afterSale: AfterSale[] = [];
  private readonly segments: Segments;
  private readonly campaigns: Campaigns;
  private readonly offers: Offers;
  /** Customer experience and churn signals: retention calls for customers at risk of leaving. */
  readonly experience: Experience;

  constructor(
    private readonly deps: Deps,
    private readonly engine: Engine,
  ) {
    this.segments = new Segments(deps);
    this.campaigns = new Campaigns(deps);
    this.experience = new Experience(deps, engine);
    this.afterSale.push((customerId) => this.segments.customerChanged(customerId));
    this.offers = new Offers(deps);
    this.afterSale.push((customerId) => this.offers.customerChanged(customerId));
  }

  async setUp(): Promise<void> {
    await ensureQuestionnaire(this.deps);
    await this.deployShipped();
    if (this.deps.config.demo) await seedDemoProducts(this.deps);
    await this.segments.setUp();
    await this.campaigns.setUp();
    await this.offers.setUp();
    await this.experience.setUp();
  }

  /**
   * The demo bank's engagement activity, once, when the demo bank is created (`npm start`; not in
   * the test apps, which start from empty books): work that runs processes or sends messages.
   */
  async seedDemo(): Promise<void> {
    await this.campaigns.seedDemo();
    await this.experience.seedDemo();
  }

  routes(): Routes[] {
    return [productRoutes, suitabilityRoutes, saleRoutes((customerId) => this.customerChanged(customerId)), customerPortalRoutes((customerId) => this.customerChanged(customerId)), ...this.segments.routes(), ...this.campaigns.routes(), ...this.offers.routes(), ...this.experience.routes()];
  }

  /** A customer's holdings changed (a sale): runs the work that follows, in order. */
  async customerChanged(customerId: string): Promise<void> {
    for (const work of this.afterSale) await work(customerId);
  }

  /** One round of background work. */
  async tick(): Promise<void> {
    await this.segments.tick();
    await this.campaigns.tick();
    await this.offers.tick();
    await this.experience.tick();
  }

  /** Background work every `intervalMs` (nodes that run background work). */
  startSweeping(intervalMs: number, onError: (error: unknown) => void): void {
    this.sweeper.start(intervalMs, onError);
  }

  async stop(): Promise<void> {
    await this.sweeper.stop();
  }

  /** Deploys the shipped decisions where the bank has no version of them yet (its own later versions are never overwritten). */
  private async deployShipped(): Promise<void> {
    const resources: { name: string; content: string }[] = [];
    for (const { key, file } of SHIPPED) {
      if (await this.deps.db.selectFrom('decision_definition').select('id').where('key', '=', key).limit(1).executeTakeFirst()) continue;
      resources.push({ name: file.pathname.split('/').pop()!, content: await readFile(file, 'utf8') });
    }
    if (resources.length) await deployResources(this.engine, systemContext(), { name: 'banklane-engagement', resources, duplicateFiltering: true, source: 'banklane' });
  }
}
