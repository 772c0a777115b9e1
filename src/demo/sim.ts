import type { Kysely } from 'kysely';
import type { App } from '../app.ts';
import type { Database } from '../platform/db/schema.ts';
import { MINUTE } from './bank-days.ts';
import { EventHeap } from '../analytics/simulation/event-heap.ts';
import { ApiRefusal, type InProcessClient } from './in-process-client.ts';
import { Random } from './random.ts';

/** A queue category and the catalogue services it takes. */
export type Category = { code: string; serviceCodes: string[] };

/** A demo branch as the history drives it: its staff, counters and customers' home. */
export type Branch = {
  code: string;
  unitId: string;
  path: string;
  /** The region's code (BJ, SH): where its complaint handlers sit. */
  region: string;
  /** Tickets on an ordinary working day, on average. */
  tickets: number;
  tellers: string[];
  supervisor: string;
  manager: string;
  counters: { number: number; id: string; categories: string[] }[];
  categories: Category[];
};

/** A staff member of the simulated bank: who they are, and what they are doing now. */
export type Staff = {
  username: string;
  unitCode: string;
  unitPath: string;
  roles: string[];
  /** Whether their task work reaches the whole bank (a head-office role). */
  global: boolean;
  qualifications: Set<string>;
  /** A teller's counter at their branch, when they serve the queue. */
  counter: { id: string; categories: string[]; branch: string } | null;
  state: 'off' | 'idle' | 'busy';
  /** Tasks they found they may not complete (maker-checker, recusal): left to others. */
  blocked: Set<string>;
  /** Tasks they come back to later (an investigation, the complainant's answer): task id → instant. */
  notBefore: Map<string, number>;
};

/** What the history counts as it goes (reported at the end and in the docs). */
export type Figures = { tickets: number; bookings: number; served: number; cases: number; tasks: number; surveys: number; ratings: number; complaints: number; refusals: number; errors: number };

/**
 * The simulated bank at one instant: the virtual clock, the event queue, the randomness, the
 * history's app stack and its in-process client, and the bank's people. Every module of the
 * history acts through this.
 */
export class Sim {
  /** The bank's timed actions, in time order (virtual epoch milliseconds); same-time ones in the order scheduled, so a run is reproducible. */
  readonly queue = new EventHeap<{ label: string; run: () => Promise<void> }>();
  rng: Random;
  readonly branches: Branch[] = [];
  readonly staff = new Map<string, Staff>();
  readonly figures: Figures = { tickets: 0, bookings: 0, served: 0, cases: 0, tasks: 0, surveys: 0, ratings: 0, complaints: 0, refusals: 0, errors: 0 };
  /** Refusals by kind: what the bank's rules said no to, and how often. */
  readonly refusalKinds = new Map<string, number>();
  /** The end of the history: nothing is scheduled at or after it (it is the real present). */
  horizon = Number.POSITIVE_INFINITY;

  constructor(
    readonly app: App,
    readonly api: InProcessClient,
    /** The virtual clock the history's app stack reads (epoch milliseconds). */
    private readonly clock: { now: number },
    seed: number,
    /** Multiplies the volume (tickets, complaints): 1 is the demo's, tests use less. */
    readonly volume: number,
    private readonly onError: (message: string) => void,
  ) {
    this.rng = new Random(seed);
  }

  /** The simulated instant (epoch milliseconds). */
  get now(): number {
    return this.clock.now;
  }

  set now(instant: number) {
    this.clock.now = instant;
  }

  get db(): Kysely<Database> {
    return this.app.deps.db;
  }

  /** Schedules an action `minutes` from now (never past the horizon: the present is not simulated). */
  after(minutes: number, label: string, run: () => Promise<void>): void {
    this.at(this.now + Math.max(0, minutes) * MINUTE, label, run);
  }

  at(instant: number, label: string, run: () => Promise<void>): void {
    if (instant >= this.horizon) return;
    this.queue.push(Math.round(Math.max(instant, this.now)), { label, run });
  }

  branch(code: string): Branch {
    const b = this.branches.find((x) => x.code === code);
    if (!b) throw new Error(`no demo branch ${code}`);
    return b;
  }

  /**
   * Runs one step of a simulated person's day: a refusal the bank's rules give (the API said no)
   * is part of the story and counted; anything else is reported and the day goes on.
   */
  async attempt<T>(what: string, work: () => Promise<T>): Promise<T | null> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ApiRefusal && error.status < 500) {
        this.refused(what, error);
        return null;
      }
      this.figures.errors++;
      this.onError(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  /** Counts a refusal by the rule that gave it (`maker_checker`, `invalid_state`…), for the figures. */
  refused(what: string, error: ApiRefusal): void {
    this.figures.refusals++;
    const key = `${what.split(' ')[0]} ${error.status} ${error.type.split(':').at(-1)}`;
    this.refusalKinds.set(key, (this.refusalKinds.get(key) ?? 0) + 1);
  }

  /** Lets the engine run what is due now (handlers, continuations, timers). */
  async runDueJobs(): Promise<void> {
    for (let i = 0; i < 20; i++) if ((await this.app.engine.executor.drain()) === 0) return;
  }
}
