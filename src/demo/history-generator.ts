import { randomUUID } from 'node:crypto';
import { createApp, type App } from '../app.ts';
import { chinaDate } from '../platform/calendar/china-time.ts';
import type { BusinessCalendar } from '../platform/calendar/business-calendar.ts';
import type { Config } from '../platform/config/config.ts';
import { DEMO_PASSWORD } from '../platform/demo/demo-bank.ts';
import { BackOffice } from './back-office.ts';
import { addDays, at, dayLoad, hm } from './bank-days.ts';
import { ComplaintDesk } from './complaint-desk.ts';
import { CounterDay } from './counter-day.ts';
import { CustomerVoice } from './customer-voice.ts';
import { claimHistory, dayNumber, finishHistory, markDay, readHistory, releaseHistory, renewLease, resumeDay, type HistoryRow } from './history-state.ts';
import { InProcessClient } from './in-process-client.ts';
import { CustomerBook } from './people.ts';
import { hash32, Random } from './random.ts';
import { Sim } from './sim.ts';
import { prepareBank } from './staff-setup.ts';

/** How far the history is: reported after every day. */
export type HistoryProgress = { days: number; daysDone: number; day: string | null; requests: number };

export type HistoryOptions = {
  days: number;
  /** Volume of the simulated bank: 1 is the demo's (16–24 tickets a branch on an ordinary working day). */
  volume?: number;
  /** The seed of the randomness (a new history only; a resumed one keeps its own). */
  seed?: number;
  /** Today's date in China; the history covers the days before it. */
  today?: string;
  onProgress?: (progress: HistoryProgress) => void;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** The real clock (leases); tests may pin it. */
  realNow?: () => Date;
};

export type HistoryOutcome = { state: 'off' | 'done' | 'stopped' | 'failed'; figures?: Sim['figures']; requests?: number };

const LEASE_MS = 60_000;
const DEFAULT_SEED = 20261129;

/**
 * The demo history: the days before today, lived by a simulated bank through Banklane's own APIs
 * on a virtual clock. A second app stack on the same database, with its own engine, services,
 * queue and complaints, runs at the simulated instant; its HTTP server never listens: the
 * history's people call it in process. See src/demo/ARCHITECTURE.md.
 */
export class DemoHistory {
  private stopping = false;
  private running: Promise<HistoryOutcome> | null = null;

  constructor(
    private readonly live: App,
    private readonly config: Config,
    private readonly options: HistoryOptions,
  ) {}

  /** Generates (or resumes, or finds done) the history; resolves when it is done, stopped or failed. */
  run(): Promise<HistoryOutcome> {
    this.running ??= this.generate();
    return this.running;
  }

  /** Stops after the event in progress; the next start resumes with the following day. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running?.catch(() => undefined);
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.options.log?.(level, message);
  }

  private async generate(): Promise<HistoryOutcome> {
    const db = this.live.deps.db;
    const realNow = this.options.realNow ?? (() => new Date());
    const owner = randomUUID();
    if (this.options.days <= 0) return { state: 'off' };
    const today = this.options.today ?? chinaDate(realNow());
    const ask = () => claimHistory(db, { days: this.options.days, today, seed: this.options.seed ?? DEFAULT_SEED, owner, now: realNow(), leaseMs: LEASE_MS });
    let claim = await ask();
    // another node generates it: wait for it to finish (or for its lease to run out)
    while (!claim.claimed && !claim.row.finished_at && !this.stopping) {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      claim = await ask();
    }
    if (claim.row.finished_at) return { state: 'done' };
    if (!claim.claimed) return { state: 'stopped' };
    const renewal = setInterval(() => void renewLease(db, owner, realNow(), LEASE_MS).catch(() => undefined), LEASE_MS / 4);
    try {
      const outcome = await this.days(claim.row, owner);
      if (outcome.state === 'done') await finishHistory(db, owner, realNow());
      else await releaseHistory(db, owner, null);
      return outcome;
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      this.log('error', `demo history failed: ${message}`);
      await releaseHistory(db, owner, message).catch(() => undefined);
      return { state: 'failed' };
    } finally {
      clearInterval(renewal);
    }
  }

  private async days(row: HistoryRow, owner: string): Promise<HistoryOutcome> {
    const db = this.live.deps.db;
    const from = resumeDay(row);
    const report = (day: string | null, requests: number) => this.options.onProgress?.({ days: row.days, daysDone: day ? Math.min(row.days, dayNumber(row.first_day, day)) : Math.max(0, dayNumber(row.first_day, from) - 1), day, requests });
    if (from > row.last_day) return { state: 'done' };
    report(null, 0);
    const clock = { now: at(from, hm('07:30')) };
    const app = await createApp({ ...this.config, demo: false, jobExecutor: false, logLevel: 'warn', sessionTtlHours: 24 * 30 }, { clock: () => new Date(clock.now), database: this.live.database });
    try {
      const api = new InProcessClient(app.http, () => DEMO_PASSWORD);
      const sim = new Sim(app, api, clock, row.seed, this.options.volume ?? 1, (message) => this.log('warn', `demo history: ${message}`));
      sim.horizon = at(addDays(row.last_day, 1), 0);
      await prepareBank(sim, row.first_day);
      const customers = new CustomerBook(sim);
      await customers.load();
      let office: BackOffice | null = null;
      const counters = new CounterDay(sim, customers, (teller) => office?.tellerIdle(teller) ?? Promise.resolve(false));
      const desk = new ComplaintDesk(sim, counters);
      office = new BackOffice(sim, desk, (teller) => counters.free(teller));
      const voice = new CustomerVoice(sim);
      const calendar = await app.engine.businessCalendar();
      for (let day = from; day <= row.last_day; day = addDays(day, 1)) {
        if (this.stopping) return { state: 'stopped', figures: sim.figures, requests: api.requests };
        await markDay(db, owner, day, 'started');
        sim.rng = new Random(hash32(`${row.seed}:${day}`));
        const working = calendar.isWorkingDay(day);
        if (working) {
          counters.planDay(day, dayLoad(day, afterHoliday(calendar, day)));
          office.planDay(day);
          desk.planDay(day);
        }
        planBackground(sim, app, voice, day, working);
        const finished = await runUntil(sim, at(addDays(day, 1), 0), () => this.stopping);
        if (!finished) return { state: 'stopped', figures: sim.figures, requests: api.requests };
        await markDay(db, owner, day, 'done');
        report(day, api.requests);
      }
      sim.queue.clear();
      this.log('info', `demo history: ${JSON.stringify(sim.figures)}, ${api.requests} requests; refusals ${JSON.stringify(Object.fromEntries(sim.refusalKinds))}`);
      return { state: 'done', figures: sim.figures, requests: api.requests };
    } finally {
      await app.close();
    }
  }
}

/** The first working day after three or more days off (a weekend and more, a holiday). */
function afterHoliday(calendar: BusinessCalendar, day: string): boolean {
  let off = 0;
  for (let d = addDays(day, -1); off < 10 && !calendar.isWorkingDay(d); d = addDays(d, -1)) off++;
  return off >= 3;
}

/**
 * The background work a node does, at the simulated instants: due jobs and the services' round
 * (closing cases, escalation, notifications, reminders) every half hour of the working day, the
 * queue's tidying and the complaints' escalation every hour; on a day off a few rounds. (Due
 * jobs also run after every event that wrote something.)
 * After each round the customers read their SMS (survey links).
 */
function planBackground(sim: Sim, app: App, voice: CustomerVoice, day: string, working: boolean): void {
  const rounds = working ? Array.from({ length: 20 }, (_, i) => hm('08:30') + i * 30) : [hm('09:00'), hm('13:00'), hm('18:00')];
  for (const minute of rounds) {
    sim.at(at(day, minute), 'background', async () => {
      await sim.runDueJobs();
      await sim.attempt('services round', () => app.services.tick());
      if (minute % 60 === 30) {
        await sim.attempt('queue round', () => app.queue.tick());
        await sim.attempt('complaints round', () => app.complaints.tick());
      }
      await sim.runDueJobs();
      await voice.readInbox();
    });
  }
}

/** Runs the events before `end`; the clock then stands at `end`. False when asked to stop first. */
async function runUntil(sim: Sim, end: number, stopping: () => boolean): Promise<boolean> {
  for (;;) {
    if (stopping()) return false;
    if (sim.queue.peekTime() >= end) break;
    const { time, item } = sim.queue.pop()!;
    sim.now = Math.max(sim.now, time);
    await sim.attempt(item.label, item.run);
    if (sim.api.takeWrites()) await sim.runDueJobs();
  }
  sim.now = end;
  return true;
}
