import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'kysely';
import { createApp, type App } from '../../src/app.ts';
import type { RequestContext } from '../../src/platform/access/actor.ts';
import { login, resolveSession } from '../../src/platform/auth/auth.service.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import { callNext, finishService, signIn as signInAtCounter, startService } from '../../src/queue/counter.service.ts';
import { issueTicket } from '../../src/queue/ticket.service.ts';
import { createTestDatabase, postgresReachable } from '../../test/support/databases.ts';
import type { BenchConfig, BenchRow, BenchSuite } from '../bench-suite.ts';
import { measureThroughput, percentile, roundSpread } from '../measure.ts';
import { FAILED, IDLE_SSE_CLIENTS, QUEUE_ROWS, SSE_TARGET } from '../report.ts';
import { SseClients, type ClientReport } from './queue-sse-clients.ts';

/**
 * The branch counter queue on PostgreSQL, on one fresh database with the demo bank and every
 * counter of the four demo branches staffed: a call event fanned out to 500 SSE clients, the
 * memory an idle SSE client holds, and tickets through their whole life (issued at kiosks,
 * called, served) through the service layer. The SSE clients run in a child process.
 */
export const queueSuite: BenchSuite = {
  name: 'queue',
  async run(config) {
    if (process.env.BENCH_SKIP_PG || !(await postgresReachable())) {
      const notes = 'PostgreSQL not reachable (TEST_DATABASE_URL) or BENCH_SKIP_PG set: skipped';
      const operations = { issue: 'ticket', call: 'ticket', fanOut: 'delivery', idle: 'KiB/client' } as const;
      return Object.entries(QUEUE_ROWS).map(([key, name]) => ({ name, instancesPerSecond: Number.NaN, operation: operations[key as keyof typeof QUEUE_ROWS], notes }));
    }
    return withQueueApp(async (app, base) => {
      const desks = await staffCounters(app);
      // memory first: before the fan-out's hundred thousand writes leave freed pages the process has not yet given back
      const idle = await idleClientRow(app, base);
      const fanOut = await fanOutRow(app, base, desks.find((d) => d.branch === 'BJ-HD' && d.number === 1)!);
      const tickets = await ticketRows(app, config, desks);
      await checkTickets(app, FAN_OUT_WARMUP + FAN_OUT_CALLS + tickets.issued);
      return [...tickets.rows, fanOut, idle];
    });
  },
};

/** The demo bank's branches, each with categories A, B, C, V and counters 1–5. */
const BRANCHES = ['BJ-HD', 'BJ-CY', 'SH-PD', 'SH-JA'];
/** Thursday 2026-11-26, 10:00 in Beijing: a working day, the branches open for tickets. */
const OPEN_AT = Date.parse('2026-11-26T02:00:00Z');
const KIOSK: RequestContext = { actor: null, ip: '127.0.0.1', requestId: null, lang: 'en' };
/** Kiosks issuing at once, per branch. */
const KIOSKS_PER_BRANCH = 2;
/** Tickets per batch: the kiosks issue them, then the counters drain them. */
const BATCH = 200;
/** The categories tickets are taken in, in turn: cash and accounts most, business and premier less (A:B:C:V 4:4:1:1). */
const MIX = ['A', 'B', 'A', 'B', 'C', 'A', 'B', 'A', 'B', 'V'];
/** Calls the SSE clients are sent and timed, one ticket each, after a few untimed ones that warm the delivery path up. */
const FAN_OUT_CALLS = 50;
const FAN_OUT_WARMUP = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const wallClock = () => performance.timeOrigin + performance.now();

/** A fresh PostgreSQL database with the demo bank, the app on it listening on a free port; closed and dropped afterwards. */
async function withQueueApp<T>(work: (app: App, base: string) => Promise<T>): Promise<T> {
  const db = await createTestDatabase('postgres');
  try {
    // tickets are issued on working days within opening hours: a working Thursday morning that advances with real time
    const started = performance.now();
    const clock = () => new Date(OPEN_AT + (performance.now() - started));
    const app = await createApp(loadConfig({}, { dataDir: 'memory://', databaseUrl: db.url, demo: true, logLevel: 'silent', jobExecutor: false, loginFailureDelayMs: 0 }), { clock });
    try {
      await app.http.listen({ port: 0, host: '127.0.0.1' });
      return await work(app, `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`);
    } finally {
      await app.close();
    }
  } finally {
    await db.drop();
  }
}

async function signIn(app: App, username: string): Promise<RequestContext> {
  const session = await login(app.deps, KIOSK, { username, password: 'banklane-demo', userAgent: 'bench' });
  const resolved = await resolveSession(app.deps, session.token);
  return { ...KIOSK, actor: resolved!.actor };
}

/** A counter with the bench teller signed in at it. */
type Desk = { branch: string; number: number; id: string; ctx: RequestContext };

/** One bench teller per counter of the four branches (role `teller`, the demo password), each signed in at their counter. */
async function staffCounters(app: App): Promise<Desk[]> {
  const { db } = app.deps;
  const counters = await db.selectFrom('queue_counter as c').innerJoin('org_unit as o', 'o.id', 'c.unit_id').select(['c.id', 'c.number', 'c.unit_id', 'o.code']).where('o.code', 'in', BRANCHES).orderBy('o.code').orderBy('c.number').execute();
  if (counters.length !== BRANCHES.length * 5) throw new Error(`the demo branches have ${counters.length} counters, not ${BRANCHES.length * 5}`);
  const { password_hash } = await db.selectFrom('app_user').select('password_hash').where('username', '=', 'teller1').executeTakeFirstOrThrow();
  const users = counters.map((c) => ({ id: `bench-queue-${c.code}-${c.number}`, username: `bench-${c.code.toLowerCase()}-${c.number}`, display_name: `Bench teller ${c.code} ${c.number}`, unit_id: c.unit_id, password_hash }));
  await db.insertInto('app_user').values(users).execute();
  await db.insertInto('user_role').values(users.map((u) => ({ user_id: u.id, role_key: 'teller' }))).execute();
  const desks: Desk[] = [];
  for (const [i, c] of counters.entries()) {
    const ctx = await signIn(app, users[i]!.username);
    await signInAtCounter(app.deps, ctx, c.id);
    desks.push({ branch: c.code, number: c.number, id: c.id, ctx });
  }
  return desks;
}

/** Awaits every loop, then throws the first failure: the loops all end on their own (the tickets run out). */
async function all(loops: Promise<unknown>[]): Promise<void> {
  for (const r of await Promise.allSettled(loops)) if (r.status === 'rejected') throw r.reason;
}

/**
 * Tickets through their whole life: each batch, `KIOSKS_PER_BRANCH` kiosks per branch issue
 * `BATCH` tickets at once (`issueTicket`, channel kiosk), then every teller calls, starts and
 * finishes (`callNext`, `startService`, `finishService`) until their counter finds none waiting.
 * Each batch checks that every ticket was handed to one counter of its branch, once.
 */
async function ticketRows(app: App, config: BenchConfig, desks: Desk[]): Promise<{ rows: BenchRow[]; issued: number }> {
  const calendar = await app.engine.businessCalendar();
  const kiosks = BRANCHES.length * KIOSKS_PER_BRANCH;
  // by ticket index: the measured rounds are the last tickets, the warm-up's come first
  const issueMs: number[] = [];
  const callMs: number[] = [];
  const tickets = new Map<string, { index: number; branch: string; called: boolean }>();
  const phases: { issueS: number; drainS: number }[] = [];
  const batch = async (first: number, count: number) => {
    const started = performance.now();
    let next = first;
    const kiosk = async () => {
      while (next < first + count) {
        const index = next++;
        const branch = BRANCHES[index % BRANCHES.length]!;
        const asked = performance.now();
        const t = (await issueTicket(app.deps, calendar, KIOSK, { branch, category: MIX[Math.floor(index / BRANCHES.length) % MIX.length], channel: 'kiosk' })).body;
        issueMs[index] = performance.now() - asked;
        tickets.set(t.id, { index, branch, called: false });
      }
    };
    await all(Array.from({ length: kiosks }, kiosk));
    const issued = performance.now();
    let called = 0;
    const counter = async (desk: Desk) => {
      for (;;) {
        const asked = performance.now();
        const t = (await callNext(app.deps, desk.ctx, desk.id)).body.ticket;
        const ms = performance.now() - asked;
        if (!t) return;
        const mine = tickets.get(t.id);
        if (!mine || mine.branch !== desk.branch || mine.index < first || mine.called) throw new Error(`counter ${desk.number} of ${desk.branch} was handed ticket ${t.number}, ${mine ? (mine.called ? 'called before' : `issued at ${mine.branch} as #${mine.index}`) : 'not issued by the bench'}`);
        mine.called = true;
        callMs[mine.index] = ms;
        await startService(app.deps, desk.ctx, desk.id, t.id);
        await finishService(app.deps, desk.ctx, desk.id, t.id);
        called++;
      }
    };
    await all(desks.map(counter));
    if (called !== count) throw new Error(`${count - called} of the batch's ${count} tickets were not called`);
    phases.push({ issueS: (issued - started) / 1000, drainS: (performance.now() - issued) / 1000 });
  };
  const throughput = await measureThroughput(batch, BATCH, config);
  const measured = throughput.rounds.reduce((sum, r) => sum + r.instances, 0);
  const from = tickets.size - measured;
  const last = phases.slice(phases.length - measured / BATCH);
  const rate = (seconds: number) => `${Math.round(measured / seconds).toLocaleString('en')}/s`;
  const run = `tickets/s issued → called → served, median of rounds; batches of ${BATCH}: ${kiosks} kiosks issue them at once (categories A:B:C:V 4:4:1:1, the 4 branches in turn), then ${desks.length} tellers call, start and finish until none waits; issuing ${rate(last.reduce((s, p) => s + p.issueS, 0))}, draining ${rate(last.reduce((s, p) => s + p.drainS, 0))}; ${roundSpread(throughput)}`;
  const row = (name: string, ms: number[], what: string): BenchRow => ({ name, instancesPerSecond: throughput.median, operation: 'ticket', p50Ms: percentile(ms.slice(from), 0.5), p99Ms: percentile(ms.slice(from), 0.99), notes: `${what}; ${run}` });
  return {
    rows: [row(QUEUE_ROWS.issue, issueMs, 'p50/p99 = one issueTicket'), row(QUEUE_ROWS.call, callMs, `the same run; p50/p99 = one callNext that got a ticket (${desks.length} counters calling at once)`)],
    issued: tickets.size,
  };
}

/**
 * Every ticket the bench issued is in the database, was called once (one `called` event, call
 * count 1) and is done; the numbers of a category at a branch on a day run 1…n, each once.
 */
async function checkTickets(app: App, issued: number): Promise<void> {
  const { rows } = await sql<{ tickets: number; done: number; calls: number; called: number; repeated: number }>`
    select (select count(*) from queue_ticket)::int as tickets,
      (select count(*) from queue_ticket where status = 'done' and call_count = 1 and called_at is not null and serve_ended_at is not null)::int as done,
      (select count(*) from queue_event where type = 'called')::int as calls,
      (select count(distinct ticket_id) from queue_event where type = 'called')::int as called,
      (select count(*) from (select 1 from queue_ticket group by unit_id, day, category
        having count(*) <> count(distinct number) or count(*) <> max(substring(number from length(category) + 1)::int)) r)::int as repeated`.execute(app.deps.db);
  const found = rows[0]!;
  const wrong = [
    found.tickets !== issued && `${found.tickets} tickets in the database, ${issued} issued`,
    found.done !== issued && `${issued - found.done} tickets are not done after one call`,
    (found.calls !== issued || found.called !== issued) && `${found.calls} call events for ${found.called} tickets, ${issued} issued`,
    found.repeated > 0 && `the numbers of ${found.repeated} branch categories repeat or skip within the day`,
  ].filter(Boolean);
  if (wrong.length > 0) throw new Error(`queue check failed: ${wrong.join('; ')}`);
}

/** The board's current event number, as a screen starts from it. */
async function boardSeq(base: string): Promise<number> {
  const response = await fetch(`${base}/api/v1/public/queue/branches/BJ-HD`);
  if (!response.ok) throw new Error(`the board answered ${response.status}`);
  return ((await response.json()) as { seq: number }).seq;
}

async function waitFor(done: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs / 1000} s`);
    await sleep(20);
  }
}

/**
 * One call event fanned out to `SSE_TARGET.clients` clients of BJ-HD's board: a ticket issued and
 * called at counter 1, `FAN_OUT_CALLS` times after `FAN_OUT_WARMUP` untimed ones, ~50–100 ms
 * apart (then served, so the counter is free again). Latency: the wall clock just before
 * `callNext` to the client's receipt of the `called` event (the same clock in both processes).
 * Every client must see every event once, in order; otherwise the row is marked failed.
 */
async function fanOutRow(app: App, base: string, desk: Desk): Promise<BenchRow> {
  const calendar = await app.engine.businessCalendar();
  const clients = await SseClients.open(`${base}/api/v1/public/queue/branches/BJ-HD/events`, SSE_TARGET.clients, await boardSeq(base));
  try {
    await waitFor(() => app.queue.hub.followers() === SSE_TARGET.clients, `the hub to follow ${SSE_TARGET.clients} clients`);
    // by ticket number, in call order: when the call started, how long callNext took (ms), whether it is timed
    const calls = new Map<string, Call>();
    for (let i = 0; i < FAN_OUT_WARMUP + FAN_OUT_CALLS; i++) {
      const ticket = (await issueTicket(app.deps, calendar, KIOSK, { branch: 'BJ-HD', category: 'A', channel: 'kiosk' })).body;
      await sleep(25);
      const at = wallClock();
      const called = (await callNext(app.deps, desk.ctx, desk.id)).body.ticket;
      const ms = wallClock() - at;
      if (called?.id !== ticket.id) throw new Error(`counter 1 of BJ-HD called ${called?.number ?? 'nothing'}, not ${ticket.number}`);
      calls.set(called.number, { at, ms, timed: i >= FAN_OUT_WARMUP });
      await sleep(50 + Math.random() * 50);
      await startService(app.deps, desk.ctx, desk.id, called.id);
      await finishService(app.deps, desk.ctx, desk.id, called.id);
    }
    return fanOutResult(await clients.report(await boardSeq(base)), calls);
  } finally {
    await clients.close();
  }
}

type Call = { at: number; ms: number; timed: boolean };

function fanOutResult(reports: ClientReport[], calls: Map<string, Call>): BenchRow {
  const expected = [...calls.keys()].join();
  const timed = [...calls.values()].filter((c) => c.timed).length;
  const latencies: number[] = [];
  const lastReceipt = new Map<string, number>();
  const problems: string[] = [];
  let delivered = 0;
  for (const [i, client] of reports.entries()) {
    for (const [number, , at] of client.called) {
      const call = calls.get(number);
      if (!call?.timed) continue;
      latencies.push(at - call.at);
      lastReceipt.set(number, Math.max(lastReceipt.get(number) ?? 0, at));
    }
    delivered += new Set(client.called.map(([number]) => number).filter((number) => calls.get(number)?.timed)).size;
    if (client.called.map(([number]) => number).join() !== expected) problems.push(`client ${i} saw ${client.called.length} of ${calls.size} calls`);
    problems.push(...client.anomalies.map((a) => `client ${i}: ${a}`));
  }
  const total = SSE_TARGET.clients * timed;
  if (reports.length !== SSE_TARGET.clients) problems.push(`${reports.length} of ${SSE_TARGET.clients} clients reported`);
  // per call: from its start until the last client had it
  const everyone = [...lastReceipt].map(([number, at]) => at - calls.get(number)!.at);
  const inFlight = everyone.reduce((sum, ms) => sum + ms / 1000, 0);
  const commit = percentile([...calls.values()].filter((c) => c.timed).map((c) => c.ms), 0.5);
  const failed = problems.length > 0 ? `${FAILED}: ${problems.length} problem(s), e.g. ${problems.slice(0, 3).join('; ')}; ` : '';
  return {
    name: QUEUE_ROWS.fanOut,
    instancesPerSecond: delivered / inFlight,
    operation: 'delivery',
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    notes: `${failed}deliveries/s while a call was in flight (its start → the last client's receipt); ${delivered.toLocaleString('en')} of ${total.toLocaleString('en')} delivered, each once and in order; ${timed} calls at BJ-HD counter 1 (after ${calls.size - timed} untimed), ~50–100 ms apart; p50/p99 = callNext start → a client's receipt (callNext itself p50 ${commit.toFixed(1)} ms; all ${SSE_TARGET.clients} had a call after ${percentile(everyone, 0.5).toFixed(1)} ms median, ${Math.max(...everyone).toFixed(1)} ms at worst); clients in a child process`,
  };
}

/**
 * What an idle SSE client costs the server: its memory (after three gcs, 0.7 s apart) before and
 * after `IDLE_SSE_CLIENTS` clients connect, counted by the hub; all must be let go when they close.
 */
async function idleClientRow(app: App, base: string): Promise<BenchRow> {
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const settled = async () => {
    for (let i = 0; i < 3; i++) {
      gc();
      await sleep(700);
    }
    const m = process.memoryUsage();
    // `external` already counts `arrayBuffers` (Node's Buffers): adding both would count them twice
    return { heap: m.heapUsed + m.external, rss: m.rss };
  };
  const before = await settled();
  const clients = await SseClients.open(`${base}/api/v1/public/queue/branches/BJ-HD/events`, IDLE_SSE_CLIENTS, await boardSeq(base));
  let after: typeof before;
  try {
    await waitFor(() => app.queue.hub.followers() === IDLE_SSE_CLIENTS, `the hub to follow ${IDLE_SSE_CLIENTS} clients`);
    after = await settled();
  } finally {
    await clients.close();
  }
  await waitFor(() => app.queue.hub.followers() === 0, 'the hub to let every closed client go');
  const kib = (bytes: number) => bytes / 1024 / IDLE_SSE_CLIENTS;
  return {
    name: QUEUE_ROWS.idle,
    instancesPerSecond: kib(after.heap - before.heap),
    operation: 'KiB/client',
    notes: `KiB per client, not a rate: JS heap + external memory of the server after three gcs, ${IDLE_SSE_CLIENTS.toLocaleString('en')} clients open vs none (${kib(after.heap - before.heap).toFixed(1)} KiB); rss ${kib(after.rss - before.rss).toFixed(1)} KiB/client; all followed by the hub, all let go when closed`,
  };
}
