import type { FastifyInstance } from 'fastify';
import { systemContext } from '../../platform/access/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { seedDemoOffers } from './demo-offers.ts';
import { offerRoutes } from './offer.routes.ts';
import { acceptSoldOffers, ignoreStaleOffers } from './outcome.service.ts';
import { trainModel } from './training.service.ts';

type Routes = (app: FastifyInstance, deps: Deps) => void;

/** The daily training runs at the first sweep at or after this hour, China time: after the segments' refresh (02:00). */
const DAILY_HOUR = 3;

/**
 * Next best offers (part of 客户经营), wired by `Engagement`: the demo history, the routes, the
 * offers a sale accepts, and the sweep's work — stale offers ignored, the daily training.
 */
export class Offers {
  constructor(private readonly deps: Deps) {}

  async setUp(): Promise<void> {
    if (this.deps.config.demo) await seedDemoOffers(this.deps);
  }

  routes(): Routes[] {
    return [offerRoutes];
  }

  /** After a committed sale: the offers of the products sold become accepted. */
  async customerChanged(customerId: string): Promise<void> {
    await acceptSoldOffers(this.deps, customerId);
  }

  /** One round of background work: offers left unanswered become ignored; once a day, a new model version. */
  async tick(): Promise<void> {
    await ignoreStaleOffers(this.deps);
    if ((this.deps.clock().getUTCHours() + 8) % 24 < DAILY_HOUR) return;
    await trainModel(this.deps, systemContext(), 'scheduled');
  }
}
