import type { FastifyInstance } from 'fastify';
import { systemContext } from '../../platform/access/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { campaignRoutes } from './campaign.routes.ts';
import { seedDemoConsents } from './consent.service.ts';
import { seedDemoCampaigns } from './demo-campaigns.ts';
import { promptRoutes } from './prompt.routes.ts';
import { sweepCampaigns } from './launch.service.ts';
import { sendReminders } from './seminar.service.ts';

type Routes = (app: FastifyInstance, deps: Deps) => void;

/** Campaigns (part of 客户经营), wired by `Engagement`: demo consents and campaigns, the routes, and the sweep (starts, ends, seminar reminders). */
export class Campaigns {
  constructor(private readonly deps: Deps) {}

  async setUp(): Promise<void> {
    if (this.deps.config.demo) await seedDemoConsents(this.deps);
  }

  /** The demo bank's campaigns, once (they send messages and sell: not in every app set-up). */
  async seedDemo(): Promise<void> {
    await seedDemoCampaigns(this.deps);
  }

  routes(): Routes[] {
    return [campaignRoutes, promptRoutes];
  }

  /** One round of background work: campaigns due to start or end, reminders due. */
  async tick(): Promise<void> {
    await sweepCampaigns(this.deps, systemContext());
    await sendReminders(this.deps);
  }
}
