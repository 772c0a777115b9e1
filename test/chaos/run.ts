import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { runChecks, type Check } from './checks.ts';
import { freePort, PrivateCluster } from './cluster.ts';
import { mulberry32 } from '../../src/queue/staffing/random.ts';
import { KINDS, LoadGenerator, type LoadSetup } from './load.ts';
import { BanklaneNode } from './node.ts';

/*
 * The chaos run: two Banklane nodes on a private PostgreSQL cluster, a bounded load over both,
 * SIGKILL of a node at seeded random moments (each time restarted), one crash-restart of
 * PostgreSQL; then the invariants, checked from the database and the API. See docs/RELIABILITY.md.
 */

export type ChaosOptions = {
  /** Seconds of load. */
  seconds: number;
  /** SIGKILLs of a node during the load (each restarted). */
  kills: number;
  /** Crash-restart PostgreSQL once, in the middle of the load. */
  pgRestart: boolean;
  seed: number;
  /** At most this many logical requests. */
  maxRequests: number;
  log: (line: string) => void;
};

export type ChaosResult = { ok: boolean; checks: Check[]; report: string };

export const BRANCH = 'BJ-HD';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const CHAOS_BPMN = (id: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs_${id}" targetNamespace="https://banklane.dev/chaos">
  <bpmn:process id="${id}" name="${id}" isExecutable="true">${body}
  </bpmn:process>
</bpmn:definitions>`;

/** A user task between start and end; a 5-second timer between start and end. */
const MODELS = [
  {
    name: 'chaos-task.bpmn',
    content: CHAOS_BPMN('chaosTask', `
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="Review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" />`),
  },
  {
    name: 'chaos-timer.bpmn',
    content: CHAOS_BPMN('chaosTimer', `
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait" name="Five seconds"><bpmn:timerEventDefinition><bpmn:timeDuration>PT5S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
    <bpmn:endEvent id="end" />`),
  },
];

/** A JSON call that must succeed (set-up and checks), retried while a node is not ready. */
export async function api<T>(node: BanklaneNode, method: string, url: string, token: string | null, body?: unknown): Promise<T> {
  for (let i = 0; ; i++) {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(`${node.url}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }).catch(() => null);
    if (r && r.status < 300) return (await r.json()) as T;
    if (i >= 20 || (r && r.status < 500)) throw new Error(`${method} ${url}: ${r?.status ?? 'no answer'} ${r ? await r.text() : ''}`);
    await sleep(500);
  }
}

export const login = async (node: BanklaneNode, username: string) => (await api<{ token: string }>(node, 'POST', '/api/v1/auth/login', null, { username, password: 'banklane-demo' })).token;

/** Today and the next two days in China (UTC+8), as dates. */
function chinaDays(count: number): string[] {
  return Array.from({ length: count }, (_, i) => new Date(Date.now() + 8 * 3600_000 + i * 86_400_000).toISOString().slice(0, 10));
}

/**
 * The bank made ready for the load, on the first node: today and the next two days working days
 * with the branch open round the clock (so tickets and bookings work whenever the run happens),
 * the two chaos models deployed, the teller signed in at a counter.
 */
export async function prepare(node: BanklaneNode, databaseUrl: string): Promise<Omit<LoadSetup, 'slots'>> {
  const admin = await login(node, 'admin');
  const days = chinaDays(3);
  for (const year of new Set(days.map((d) => Number(d.slice(0, 4))))) {
    const current = await api<{ holidays: { name: string; nameEn: string; dates: string[] }[]; makeUpWorkdays: string[] }>(node, 'GET', `/api/v1/calendars/CN/${year}`, admin);
    const ours = days.filter((d) => d.startsWith(String(year)));
    await api(node, 'PUT', `/api/v1/calendars/CN/${year}`, admin, {
      holidays: current.holidays.map((h) => ({ name: h.name, nameEn: h.nameEn, dates: h.dates.filter((d) => !ours.includes(d)) })),
      // a make-up workday must be a Saturday or Sunday: weekdays are working days once not holidays
      makeUpWorkdays: [...new Set([...current.makeUpWorkdays, ...ours.filter((d) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()))])].sort(),
    });
  }
  await api(node, 'PUT', `/api/v1/appointment-settings/${BRANCH}`, admin, { opens: '00:00', closes: '23:59', slotMinutes: 15, capacity: 100, daysAhead: 3 });
  await api(node, 'POST', '/api/v1/deployments', admin, { name: 'chaos', resources: MODELS });
  const teller = await login(node, 'teller1');
  const queue = await api<{ counters: { id: string; number: number; categories: string[] }[]; categories: { code: string }[] }>(node, 'GET', `/api/v1/queue/branches/${BRANCH}`, teller);
  const counter = queue.counters.find((c) => c.categories.includes('A')) ?? queue.counters[0]!;
  await api(node, 'POST', `/api/v1/queue/counters/${counter.id}/sign-in`, teller);
  const services = await api<{ items: { code: string; branches?: string[] }[] }>(node, 'GET', '/api/v1/public/services', null);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const merchants = (await client.query<{ code: string }>(`select code from merchant order by code limit 6`)).rows.map((r) => r.code);
  await client.end();
  if (merchants.length === 0) throw new Error('no demo merchants');
  return { adminToken: admin, tellerToken: teller, branch: BRANCH, counterId: counter.id, counterNumber: counter.number, category: counter.categories[0] ?? 'A', merchantCodes: merchants, serviceCode: services.items.find((s) => !s.branches?.length || s.branches.includes(BRANCH))!.code, today: days[0]! };
}

/** Free places to book, at least ten minutes ahead. */
export async function bookableSlots(node: BanklaneNode, service: string): Promise<string[]> {
  const answer = await api<{ slots: { startsAt: string; available: number }[] }>(node, 'GET', `/api/v1/public/appointments/slots?branch=${BRANCH}&service=${service}&days=3`, null);
  return answer.slots.filter((s) => s.available > 0 && Date.parse(s.startsAt) > Date.now() + 10 * 60_000).slice(0, 40).map((s) => s.startsAt);
}

/** Waits until the due work is done: no chaos timer waiting, no message pending. */
async function quiesce(databaseUrl: string, runId: string, seconds: number): Promise<{ seconds: number; timersLeft: number; pendingLeft: number }> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (;;) {
      const timers = (await client.query<{ n: number }>(`select count(*)::int as n from process_instance where process_key = 'chaosTimer' and status = 'active' and business_key like $1`, [`${runId}-%`])).rows[0]!.n;
      const pending = (await client.query<{ n: number }>(`select count(*)::int as n from notification where status = 'pending'`)).rows[0]!.n;
      const waited = (performance.now() - started) / 1000;
      if ((timers === 0 && pending === 0) || waited > seconds) return { seconds: waited, timersLeft: timers, pendingLeft: pending };
      await sleep(1000);
    }
  } finally {
    await client.end();
  }
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);

export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const { log } = options;
  const random = mulberry32(options.seed);
  const runId = `chaos${options.seed.toString(36)}`;
  const cluster = await PrivateCluster.create();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'banklane-chaos-nodes-'));
  const nodes = [new BanklaneNode('A', await freePort(), path.join(work, 'a'), cluster.url), new BanklaneNode('B', await freePort(), path.join(work, 'b'), cluster.url)];
  const events: string[] = [];
  const t0 = performance.now();
  const at = () => `${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s`;
  const note = (line: string) => {
    events.push(`${at()}  ${line}`);
    log(`${at()}  ${line}`);
  };
  let failed = true;
  try {
    note(`private PostgreSQL on 127.0.0.1:${cluster.port}; seed ${options.seed}`);
    await nodes[0]!.start();
    note('node A started: migrations and the demo bank seeded');
    const base = await prepare(nodes[0]!, cluster.url);
    // restarted, so both nodes read the calendar and settings just written
    await nodes[0]!.stop();
    await Promise.all(nodes.map((n) => n.start()));
    note(`nodes A (:${nodes[0]!.port}) and B (:${nodes[1]!.port}) running, both with background work`);
    const setup: LoadSetup = { ...base, slots: await bookableSlots(nodes[0]!, base.serviceCode) };
    if (setup.slots.length === 0) throw new Error('no bookable appointment slot');

    // the chaos plan: kills at seeded moments within the load, the database crash in the middle
    const windowMs = options.seconds * 1000;
    const plan: { atMs: number; what: 'kill' | 'pg' }[] = [];
    for (let i = 0; i < options.kills; i++) plan.push({ atMs: windowMs * (0.08 + 0.8 * ((i + random()) / Math.max(1, options.kills))), what: 'kill' });
    if (options.pgRestart) plan.push({ atMs: windowMs * (0.45 + 0.1 * random()), what: 'pg' });
    plan.sort((a, b) => a.atMs - b.atMs);

    const load = new LoadGenerator(nodes, setup, random, runId, options.maxRequests);
    const loadStart = performance.now();
    note(`load starts: ${options.seconds} s, at most ${options.maxRequests} requests`);
    const chaos = (async () => {
      let pgRestarts = 0;
      for (const step of plan) {
        const wait = loadStart + step.atMs - performance.now();
        if (wait > 0) await sleep(wait);
        if (step.what === 'pg') {
          note('PostgreSQL crash-restart (pg_ctl restart -m immediate)');
          await cluster.crashRestart();
          pgRestarts++;
          note('PostgreSQL back');
          continue;
        }
        const victim = nodes[random() < 0.5 ? 0 : 1]!;
        await victim.kill();
        note(`SIGKILL node ${victim.name}`);
        await sleep(500 + random() * 2500);
        await victim.start();
        note(`node ${victim.name} restarted`);
      }
      return pgRestarts;
    })();
    const [pgRestarts] = await Promise.all([chaos, load.run(options.seconds)]);
    note(`load done: ${load.sent.length} requests`);
    for (const n of nodes) if (!n.running) await n.start();
    const quiet = await quiesce(cluster.url, runId, 120);
    note(`quiescent after ${quiet.seconds.toFixed(1)} s (timers waiting ${quiet.timersLeft}, messages pending ${quiet.pendingLeft})`);

    const auditor = await login(nodes[1]!, 'auditor');
    const checks = await runChecks(cluster.url, load.sent, runId, nodes.map((n) => n.outboxFile), () => api(nodes[1]!, 'GET', '/api/v1/audit/verify', auditor));
    const exits = nodes.flatMap((n) => n.unexpectedExits.map((e) => `node ${n.name} exited by itself at ${e.at} (code ${e.code}, signal ${e.signal})\n${e.log}`));
    checks.push({ name: 'nodes: none exited by itself (reconnect after PostgreSQL restart)', figures: `${exits.length} unexpected exits`, pass: exits.length === 0, problems: exits });

    const lines: string[] = [];
    lines.push('', `Chaos run, seed ${options.seed}: ${options.seconds} s of load over two nodes`, '', 'Events:', ...events.map((e) => `  ${e}`), '');
    lines.push('What was done:');
    lines.push(`  ${pad('request', 18)} ${pad('sent', 6)} ${pad('acked', 6)} ${pad('retried', 8)} not acknowledged (status: count; 0 = no answer, -1 = refused)`);
    for (const kind of KINDS) {
      const of = load.sent.filter((s) => s.kind === kind);
      const refused = new Map<number, number>();
      for (const s of of.filter((x) => !x.ack)) refused.set(s.lastStatus, (refused.get(s.lastStatus) ?? 0) + 1);
      lines.push(`  ${pad(kind, 18)} ${pad(of.length, 6)} ${pad(of.filter((s) => s.ack).length, 6)} ${pad(of.filter((s) => s.attempts > 1).length, 8)} ${[...refused].map(([k, v]) => `${k}: ${v}`).join(', ') || '-'}`);
    }
    lines.push(`  node kills (SIGKILL) ${nodes.reduce((n, x) => n + x.kills, 0)}, node restarts ${nodes.reduce((n, x) => n + x.starts, 0) - 3}, PostgreSQL crash-restarts ${pgRestarts}`, '');
    lines.push('Checks:');
    for (const c of checks) {
      lines.push(`  ${c.pass ? 'PASS' : 'FAIL'}  ${pad(c.name, 58)} ${c.figures}`);
      for (const p of c.problems) lines.push(`          - ${p}`);
    }
    const ok = checks.every((c) => c.pass);
    lines.push('', ok ? 'All checks passed.' : 'Some checks FAILED.');
    if (!ok) for (const n of nodes) lines.push(`--- node ${n.name} log (last lines)`, n.tail(15));
    failed = !ok;
    return { ok, checks, report: lines.join('\n') };
  } catch (error) {
    for (const n of nodes) log(`--- node ${n.name} log (last lines)\n${n.tail(20)}`);
    throw error;
  } finally {
    await Promise.all(nodes.map((n) => n.kill()));
    await cluster.destroy();
    if (process.env.CHAOS_KEEP_LOGS) log(`node logs kept in ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}

/** An integer option from the environment, or `fallback`; refused outside min–max. */
export const integer = (name: string, fallback: number, min: number, max: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}`);
  return n;
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const seed = integer('CHAOS_SEED', Math.floor(Math.random() * 1e9), 0, 2 ** 31);
  const seconds = integer('CHAOS_SECONDS', 120, 10, 600);
  const kills = integer('CHAOS_KILLS', 3 + (seed % 3), 0, 10);
  const pgRestart = process.env.CHAOS_PG_RESTART !== 'false';
  const result = await runChaos({ seconds, kills, pgRestart, seed, maxRequests: integer('CHAOS_MAX_REQUESTS', 5000, 10, 100_000), log: (l) => console.log(l) });
  console.log(result.report);
  process.exit(result.ok ? 0 : 1);
}
