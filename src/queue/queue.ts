import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Deps } from '../platform/deps.ts';
import { Periodic } from '../platform/periodic.ts';
import { chinaDate } from '../platform/calendar/china-time.ts';
import type { Engine } from '../engine/engine.ts';
import { QueueEventHub, queueWrite, recordQueueEvent } from './queue-events.ts';
import { queuePublicRoutes } from './queue-public.routes.ts';
import { queueRoutes } from './queue.routes.ts';
import { seedDemoQueues } from './queue-setup.service.ts';

type Routes = (app: FastifyInstance, deps: Deps) => void;

/**
 * The branch counter queue (S6, S8): tickets, calling, display boards, staffing. Sets up the demo
 * branches' queues, gives its routes, follows branch events for the live screens, and tidies up
 * tickets that can no longer be served.
 */
export class CounterQueue {
  readonly hub: QueueEventHub;
  private readonly streams = new Set<ServerResponse>();
  private readonly sweeper = new Periodic(() => this.tick());

  constructor(
    private readonly deps: Deps,
    private readonly engine: Engine,
  ) {
    this.hub = new QueueEventHub(deps.db);
  }

  async setUp(): Promise<void> {
    if (this.deps.config.demo) await seedDemoQueues(this.deps);
  }

  routes(): Routes[] {
    return [queueRoutes(this.engine), queuePublicRoutes(this.engine, this.hub, this.streams)];
  }

  /** Follows branch events for the live screens (every node that serves HTTP does). */
  async start(): Promise<void> {
    await this.hub.start(this.deps.config.databaseUrl);
  }

  /** Background tidying every `intervalMs` (nodes that run background work). */
  startSweeping(intervalMs: number, onError: (error: unknown) => void): void {
    this.sweeper.start(intervalMs, onError);
  }

  /** Ends the live streams (clients reconnect elsewhere and resume) and stops following events. */
  async stop(): Promise<void> {
    await this.sweeper.stop();
    for (const res of this.streams) res.end();
    this.streams.clear();
    await this.hub.stop();
  }

  /**
   * Cancels what can no longer be served: phone tickets not confirmed at the branch in time, and
   * tickets still open from an earlier day. Each with its branch event; safe on several nodes.
   */
  async tick(): Promise<number> {
    const now = this.deps.clock();
    const stale = await this.deps.db
      .selectFrom('queue_ticket as t')
      .innerJoin('queue_setting as s', 's.unit_id', 't.unit_id')
      .select(['t.id', 't.unit_id', 't.number', 't.category'])
      .where((eb) =>
        eb.or([
          eb.and([eb('t.status', '=', 'remote'), sql<boolean>`t.issued_at < ${now}::timestamptz - make_interval(mins => s.remote_hold_minutes)`]),
          eb.and([eb('t.status', 'in', ['remote', 'waiting', 'called', 'parked']), eb('t.day', '<', chinaDate(now))]),
        ]),
      )
      .limit(500)
      .execute();
    for (const t of stale) {
      await queueWrite(this.deps.db, t.unit_id, async (trx) => {
        const cancelled = await trx.updateTable('queue_ticket').set({ status: 'cancelled', version: sql`version + 1` }).where('id', '=', t.id).where('status', 'in', ['remote', 'waiting', 'called', 'parked']).executeTakeFirst();
        if (Number(cancelled.numUpdatedRows) !== 1) return;
        await recordQueueEvent(trx, t.unit_id, now, 'cancelled', t.id, { number: t.number, category: t.category }, { waiting: true });
      });
    }
    return stale.length;
  }
}
