import { sql, type Kysely, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from '../platform/db/schema.ts';
import { waitingCounts } from './queue.repository.ts';

/**
 * A branch's queue events: what display boards, kiosks and counter consoles follow. Each event is
 * a row numbered per branch (`seq`). The number is taken by moving the branch's counter in the
 * writing transaction, which holds that row until commit: events of one branch therefore commit
 * in `seq` order, so a reader that has seen `seq` n has seen every event before it, and a client
 * that reconnects with `Last-Event-ID: n` misses nothing. Writes go through `queueWrite`.
 */
export type QueueEvent = { seq: number; type: QueueEventType; at: string; ticketId: string | null; data: Record<string, unknown> };

export type QueueEventType = 'issued' | 'arrived' | 'called' | 'recalled' | 'serving' | 'done' | 'no_show' | 'transferred' | 'parked' | 'resumed' | 'cancelled' | 'counter' | 'announcement';

const CHANNEL = 'banklane_queue';

/**
 * Writes one event of a branch in the caller's transaction (begun by `queueWrite`, which announces it after the commit).
 * With `waiting`, the event carries the waiting count per category, read after the branch's row is
 * held: so counts never go back in time from one event to the next.
 */
export async function recordQueueEvent(trx: Transaction<Database>, unitId: string, at: Date, type: QueueEventType, ticketId: string | null, data: Record<string, unknown>, options: { waiting?: boolean } = {}): Promise<number> {
  const { seq } = await trx.updateTable('queue_setting').set({ last_event_seq: sql`last_event_seq + 1` }).where('unit_id', '=', unitId).returning('last_event_seq as seq').executeTakeFirstOrThrow();
  const body = options.waiting ? { ...data, waiting: await waitingCounts(trx, unitId) } : data;
  await trx.insertInto('queue_event').values({ unit_id: unitId, seq: Number(seq), at, type, ticket_id: ticketId, data: JSON.stringify(body) }).execute();
  return Number(seq);
}

/** This process's hubs by the database handle they read: a write tells its own node's hub at once. */
const hubs = new Map<Kysely<Database>, QueueEventHub>();

/**
 * Runs a change of a branch's queue in one transaction and, once committed, announces it: to this
 * node's hub directly, and to the other nodes by NOTIFY. The NOTIFY is sent after the commit, not
 * in it: PostgreSQL serialises the commits of transactions that notify, across the whole server.
 * A node that dies between the commit and the NOTIFY delays the others until their sweep.
 */
export async function queueWrite<T>(db: Kysely<Database>, unitId: string, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  const result = await db.transaction().execute(work);
  hubs.get(db)?.announce(unitId);
  return result;
}

/** Events of a branch after `afterSeq`, oldest first, at most `limit`. */
export async function eventsAfter(db: Kysely<Database>, unitId: string, afterSeq: number, limit = 1000): Promise<QueueEvent[]> {
  const rows = await db.selectFrom('queue_event').selectAll().where('unit_id', '=', unitId).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({ seq: Number(r.seq), type: r.type as QueueEventType, at: r.at.toISOString(), ticketId: r.ticket_id, data: r.data as Record<string, unknown> }));
}

export async function lastSeq(db: Kysely<Database>, unitId: string): Promise<number> {
  const row = await db.selectFrom('queue_setting').select('last_event_seq').where('unit_id', '=', unitId).executeTakeFirst();
  return Number(row?.last_event_seq ?? 0);
}

type Listener = (event: QueueEvent) => void;

/**
 * Fans a branch's events out to the clients following it on this node. A change anywhere (this
 * node's own writes, or a notification from PostgreSQL about another node's) is a poke; on a poke
 * the hub reads the branch's new events once and hands them to every listener, in order, so 500
 * boards cost one query. A lost notification only delays delivery until the next poke or the
 * periodic sweep, never drops an event.
 */
export class QueueEventHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly delivered = new Map<string, number>();
  private readonly reading = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private client: pg.Client | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly toNotify = new Set<string>();
  private notifying = false;

  constructor(private readonly db: Kysely<Database>) {}

  /** Follows PostgreSQL's notifications (other nodes' events) and sweeps every `sweepMs` in case one was lost. */
  async start(databaseUrl: string | null, sweepMs = 5000): Promise<void> {
    this.stopped = false;
    hubs.set(this.db, this);
    if (databaseUrl) await this.listen(databaseUrl);
    this.sweeper = setInterval(() => {
      for (const unitId of this.listeners.keys()) this.poke(unitId);
    }, sweepMs);
    this.sweeper.unref();
  }

  private async listen(databaseUrl: string): Promise<void> {
    const client = new pg.Client({ connectionString: databaseUrl, application_name: 'banklane-queue-events' });
    client.on('notification', (message) => {
      if (message.payload) this.poke(message.payload);
    });
    client.on('error', () => {
      // a lost connection (a database restart): listen again, and catch up on what was missed meanwhile
      this.client = null;
      void client.end().catch(() => undefined);
      if (!this.stopped) setTimeout(() => void this.listen(databaseUrl).catch(() => undefined), 1000).unref();
    });
    await client.connect();
    await client.query(`listen ${CHANNEL}`);
    this.client = client;
    for (const unitId of this.listeners.keys()) this.poke(unitId);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (hubs.get(this.db) === this) hubs.delete(this.db);
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
    await Promise.allSettled([...this.reading.values()]);
  }

  /**
   * Follows a branch: `listener` gets every event after `afterSeq`, in order, exactly once: the
   * missed ones first (read from the table), then live ones. Returns the unsubscribe function.
   */
  async subscribe(unitId: string, afterSeq: number, listener: Listener): Promise<() => void> {
    let sent = afterSeq;
    let replaying = true;
    const buffered: QueueEvent[] = [];
    const guarded: Listener = (event) => {
      if (replaying) buffered.push(event);
      else if (event.seq > sent) {
        sent = event.seq;
        listener(event);
      }
    };
    let set = this.listeners.get(unitId);
    if (!set) {
      set = new Set();
      this.listeners.set(unitId, set);
      this.delivered.set(unitId, await lastSeq(this.db, unitId));
    }
    set.add(guarded);
    // missed events straight from the table (in pages), then whatever arrived meanwhile
    for (;;) {
      const page = await eventsAfter(this.db, unitId, sent);
      for (const event of page) {
        sent = event.seq;
        listener(event);
      }
      if (page.length < 1000) break;
    }
    replaying = false;
    for (const event of buffered) guarded(event);
    return () => {
      set.delete(guarded);
      if (set.size === 0 && this.listeners.get(unitId) === set) {
        this.listeners.delete(unitId);
        this.delivered.delete(unitId);
      }
    };
  }

  /** How many clients follow each branch on this node. */
  followers(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  /**
   * A change this node committed: delivered here now, and told to the other nodes by one NOTIFY per
   * branch for all the changes announced while the previous NOTIFY was on its way.
   */
  announce(unitId: string): void {
    this.poke(unitId);
    if (!this.client) return;
    this.toNotify.add(unitId);
    if (!this.notifying) void this.notifyOthers();
  }

  private async notifyOthers(): Promise<void> {
    this.notifying = true;
    try {
      while (this.toNotify.size > 0 && !this.stopped) {
        const units = [...this.toNotify];
        this.toNotify.clear();
        await sql`select pg_notify(${CHANNEL}, u) from unnest(${units}::text[]) as u`.execute(this.db).catch(() => undefined);
      }
    } finally {
      this.notifying = false;
    }
  }

  /** Something changed at the branch: read its new events once and deliver them. */
  poke(unitId: string): void {
    if (!this.listeners.has(unitId)) return;
    if (this.reading.has(unitId)) {
      this.again.add(unitId);
      return;
    }
    const read = this.deliver(unitId)
      .catch(() => undefined)
      .finally(() => {
        this.reading.delete(unitId);
        if (this.again.delete(unitId)) this.poke(unitId);
      });
    this.reading.set(unitId, read);
  }

  private async deliver(unitId: string): Promise<void> {
    for (;;) {
      const from = this.delivered.get(unitId);
      if (from === undefined) return;
      const events = await eventsAfter(this.db, unitId, from);
      if (events.length === 0) return;
      this.delivered.set(unitId, events.at(-1)!.seq);
      for (const listener of this.listeners.get(unitId) ?? []) {
        // one client's failure must not cost the others their events
        try {
          for (const event of events) listener(event);
        } catch {
          continue;
        }
      }
      if (events.length < 1000) return;
    }
  }
}
