import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { App } from '../../src/app.ts';
import type { RequestContext } from '../../src/platform/access/actor.ts';
import type { DatabaseKind } from '../../src/platform/db/database.ts';
import { openCase } from '../../src/services/cases/case.service.ts';
import { nextWork } from '../../src/services/work/work.service.ts';
import { postgresReachable } from '../../test/support/databases.ts';
import { signIn, withApp } from '../bench-app.ts';
import type { BenchConfig, BenchRow, BenchSuite } from '../bench-suite.ts';
import { measureThroughput, median, percentile, roundSpread } from '../measure.ts';
import { CASE_ROWS, nextWorkRowName } from '../report.ts';

/**
 * Service operations through the service layer (not HTTP), the way the counter uses them:
 * opening a case (`openCase`, which starts the case's process) on PGlite and PostgreSQL, and
 * get next work (`nextWork`) for many tellers at once over a large open-task pool on PostgreSQL.
 */
export const servicesSuite: BenchSuite = {
  name: 'services',
  async run(config) {
    const rows: BenchRow[] = [];
    if (!process.env.BENCH_PG_ONLY) rows.push(await withApp('pglite', (app) => caseRow(app, 'pglite', config)));
    if (process.env.BENCH_SKIP_PG || !(await postgresReachable())) {
      const notes = 'PostgreSQL not reachable (TEST_DATABASE_URL) or BENCH_SKIP_PG set: skipped';
      rows.push({ name: CASE_ROWS.postgres, instancesPerSecond: Number.NaN, operation: 'case', notes }, { name: nextWorkRowName(workers(), openTasks(), thinkMs()), instancesPerSecond: Number.NaN, operation: 'claim', notes });
      return rows;
    }
    // case creation first, so that both databases hold the same data when it is measured
    rows.push(...(await withApp('postgres', async (app) => [await caseRow(app, 'postgres', config), ...(await nextWorkRows(app, config))])));
    return rows;
  },
};

/** The demo service opened at the counter: it starts the shipped process `cardLossReplacement`. */
const SERVICE = 'report-lost-card';
/** The demo bank's branches; the seeded tasks and the bench tellers are spread over them. */
const BRANCHES = ['BJ-HD', 'BJ-CY', 'SH-PD', 'SH-JA'];

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${process.env[name]}"`);
  return value;
}
const clients = () => envNumber('BENCH_CLIENTS', 16);
const workers = () => envNumber('BENCH_WORKERS', 20);
const openTasks = () => envNumber('BENCH_OPEN_TASKS', 100_000);
/** A user's pause between one task handed out and asking for the next (ms, jittered ±50%). */
const thinkMs = () => envNumber('BENCH_THINK_MS', 200);



/**
 * Case creation: `clients` concurrent clients open cases as teller1, for demo customers whose
 * identity check passes (so every process takes the main path to its "issue the card" task).
 * Each batch checks that all its cases are open and have their process instance.
 */
async function caseRow(app: App, kind: DatabaseKind, config: BenchConfig): Promise<BenchRow> {
  const ctx = await signIn(app, 'teller1');
  const customers = (
    await app.deps.db.selectFrom('customer').select('id').where('kind', '=', 'individual').where('blacklisted', '=', false).where(sql<boolean>`id_expiry is null or id_expiry >= current_date`).orderBy('id').execute()
  ).map((c) => c.id);
  if (customers.length === 0) throw new Error('the demo bank has no individual customer with a valid identity document');
  const concurrency = clients();
  // by case number: the measured rounds are the last cases opened, the warm-up's come first
  const latencies: number[] = [];
  const batch = async (first: number, count: number) => {
    let next = first;
    const ids: string[] = [];
    const client = async () => {
      while (next < first + count) {
        const index = next++;
        const started = performance.now();
        const { body: opened } = await openCase(app.deps, app.engine, ctx, { serviceCode: SERVICE, customerId: customers[index % customers.length]!, channel: 'counter', materialsReceived: [0] });
        latencies[index] = performance.now() - started;
        ids.push(opened.id);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, client));
    const found = await app.deps.db
      .selectFrom('service_case as c')
      .innerJoin('process_instance as p', 'p.id', 'c.instance_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('c.id', 'in', ids)
      .where('c.status', '=', 'open')
      .executeTakeFirstOrThrow();
    if (Number(found.n) !== count) throw new Error(`${count - Number(found.n)} of ${count} cases are not open with a process instance`);
  };
  const throughput = await measureThroughput(batch, concurrency * 10, config);
  const measured = latencies.slice(latencies.length - throughput.rounds.reduce((sum, r) => sum + r.instances, 0));
  return {
    name: CASE_ROWS[kind],
    instancesPerSecond: throughput.median,
    operation: 'case',
    p50Ms: percentile(measured, 0.5),
    p99Ms: percentile(measured, 0.99),
    notes: `cases/s; openCase "${SERVICE}" as teller1, ${concurrency} concurrent clients; p50/p99 = one openCase; ${roundSpread(throughput)}`,
  };
}

/**
 * Get next work: `workers` tellers (spread over the four branches) call `nextWork` in a loop
 * each, all at once, over `openTasks` open tasks seeded by SQL. One steady run, timed like
 * `measureThroughput` (a warm-up, then rounds of a fixed time; the median round) with the rounds
 * as consecutive windows of it, so users do not all start together at each round. Checked at the end: no task claimed twice, each claimed by the
 * teller it was handed to, and each one that teller may take.
 */
async function nextWorkRows(app: App, config: BenchConfig): Promise<BenchRow[]> {
  const users = workers();
  const tasks = openTasks();
  await seedOpenTasks(app, tasks);
  const tellers = await addTellers(app, users);
  const paced = await nextWorkRow(app, config, tellers, tasks, thinkMs());
  const saturated = await nextWorkRow(app, config, tellers, tasks, 0);
  await checkClaims(app, [...paced.claims, ...saturated.claims]);
  return [paced.row, saturated.row];
}

async function nextWorkRow(app: App, config: BenchConfig, tellers: RequestContext[], tasks: number, think: number): Promise<{ row: BenchRow; claims: Claim[] }> {
  const users = tellers.length;
  // a p99 wants thousands of calls: paced users make about 100 a second, so their rounds are at least 10 s
  const seconds = think > 0 ? Math.max(config.minSeconds, 10) : config.minSeconds;
  const cpu = cpuShare();
  const claims = await claimFor(app, tellers, config.warmupSeconds + config.rounds * seconds, think);
  const share = cpu();
  // the rounds are consecutive windows of the one run, after the warm-up; a claim counts in the window it was asked in
  const windows = Array.from({ length: config.rounds }, (_, i) => claims.filter((c) => Math.floor((c.at / 1000 - config.warmupSeconds) / seconds) === i));
  const rates = windows.map((w) => w.length / seconds);
  const latencies = windows.flatMap((w) => w.map((c) => c.ms));
  const spread = `rounds ${Math.round(Math.min(...rates)).toLocaleString('en')}–${Math.round(Math.max(...rates)).toLocaleString('en')}/s`;
  const row: BenchRow = {
    name: nextWorkRowName(users, tasks, think),
    instancesPerSecond: median(rates),
    operation: 'claim',
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    notes: `claims/s; nextWork by ${users} tellers at once, ${think > 0 ? `each pausing ${think / 2}–${(think * 3) / 2} ms before asking again` : 'without pause (saturation: queueing, not the query, sets the latency)'}; ${claims.length.toLocaleString('en')} claims checked (none twice, each its claimer's); ${spread}; CPU during the run: this process (app and load generator) ${share.process}, the whole machine ${share.machine}`,
  };
  return { row, claims };
}

/**
 * Starts counting CPU time; the returned function says how much of it this process (the app and
 * the load generator: one Node.js process) and the whole machine (PostgreSQL and anything else
 * running) used since, in cores, so a reader sees whether other work shared the CPU.
 */
function cpuShare(): () => { process: string; machine: string } {
  const busy = () => os.cpus().reduce((sum, c) => sum + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0);
  const [started, own, machine] = [performance.now(), process.cpuUsage(), busy()];
  return () => {
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(own);
    return { process: `${((used.user + used.system) / 1e6 / seconds).toFixed(2)} cores`, machine: `${((busy() - machine) / 1000 / seconds).toFixed(2)} of ${os.cpus().length} cores` };
  };
}

/** One claim: the task, its claimer, when it was asked for (ms from the run's start) and how long the answer took (ms). */
type Claim = { taskId: string; username: string; at: number; ms: number };

/**
 * Each teller calls `nextWork` in a loop until `seconds` have passed; every answer must be a
 * task now assigned to its caller, with its case. Users arrive as people do, not in step: each
 * starts after a random part of the pause (and warm connections are not their first call's
 * cost: the pool is filled first). Returns the claims. One failing loop stops the others, so none
 * runs on when the app closes.
 */
async function claimFor(app: App, tellers: RequestContext[], seconds: number, thinkMs = 0): Promise<Claim[]> {
  await Promise.all(tellers.map(() => sql`select 1`.execute(app.deps.db)));
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const claims: Claim[] = [];
  let failed = false;
  // a person looks at the task before asking for the next: the pause, jittered so users do not march in step
  const pause = () => (thinkMs > 0 ? new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + Math.random()))) : undefined);
  const loop = async (ctx: RequestContext) => {
    const me = ctx.actor!.username;
    if (thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, thinkMs * Math.random()));
    while (!failed && performance.now() < deadline) {
      const started = performance.now();
      const item = await nextWork(app.deps, app.engine, ctx);
      const ms = performance.now() - started;
      if (!item) throw new Error(`get next work found nothing for ${me}: the open tasks ran out; raise BENCH_OPEN_TASKS`);
      if (item.assignee !== me || !item.case) throw new Error(`get next work handed ${me} task ${item.id} assigned to ${item.assignee}, case ${item.case?.ref ?? 'missing'}`);
      claims.push({ taskId: item.id, username: me, at: started - start, ms });
      await pause();
    }
  };
  const guarded = async (ctx: RequestContext) => {
    try {
      await loop(ctx);
    } catch (error) {
      failed = true;
      throw error;
    }
  };
  const results = await Promise.allSettled(tellers.map(guarded));
  for (const r of results) if (r.status === 'rejected') throw r.reason;
  return claims;
}

/**
 * `count` open tasks of `cardLossReplacement` ("issue the replacement card"), each with its
 * active instance (no engine state: claiming reads none) and its open case, written with three
 * `insert … select from generate_series` statements. Spread: the four branches in turn; 1 in 10
 * for supervisors, the rest for tellers; 1 in 20 in the central pool; 1 in 50 requiring a
 * qualification tellers lack; priority 40–90; due over the next five days; created over the last
 * day. Then `vacuum analyze`, as autovacuum would have done on a live database. Exported for looking
 * at the claim query with `EXPLAIN ANALYZE` on this data.
 */
export async function seedOpenTasks(app: App, count: number): Promise<void> {
  const { db } = app.deps;
  const units = await db.selectFrom('org_unit').select(['id', 'code']).where('code', 'in', BRANCHES).execute();
  const unitIds = BRANCHES.map((code) => units.find((u) => u.code === code)!.id);
  const definition = await db.selectFrom('process_definition').select('id').where('key', '=', 'cardLossReplacement').orderBy('version', 'desc').executeTakeFirstOrThrow();
  const service = await db.selectFrom('service').select('version').where('code', '=', SERVICE).executeTakeFirstOrThrow();
  const customers = (await db.selectFrom('customer').select('id').where('kind', '=', 'individual').orderBy('id').execute()).map((c) => c.id);
  const unit = sql`(${unitIds}::text[])[1 + g % 4]`;
  const created = sql`now() - (g % 86400) * interval '1 second'`;
  const due = sql`now() + (g * 37 % 7200) * interval '1 minute'`;
  await sql`
    insert into process_instance (id, definition_id, process_key, business_key, status, state, unit_id, started_by, started_at)
    select 'bench-pi-' || g, ${definition.id}, 'cardLossReplacement', 'BENCH-' || lpad(g::text, 7, '0'), 'active', '{}'::jsonb, ${unit}, 'bench', ${created}
    from generate_series(1, ${count}::int) g`.execute(db);
  await sql`
    insert into service_case (id, ref, service_code, service_version, customer_id, unit_id, channel, source, instance_id, status, clock_started_at, due_at, created_by, created_at)
    select 'bench-case-' || g, 'BENCH-' || lpad(g::text, 7, '0'), ${SERVICE}, ${service.version}::int, (${customers}::text[])[1 + g % ${customers.length}::int], ${unit}, 'counter', 'walk_in', 'bench-pi-' || g, 'open', ${created}, ${due}, 'bench', ${created}
    from generate_series(1, ${count}::int) g`.execute(db);
  await sql`
    insert into task (id, instance_id, token_id, element_id, name, process_key, business_key, unit_id, candidate_groups, due_at, priority, status, created_at, pool, qualification)
    select 'bench-task-' || g, 'bench-pi-' || g, 'bench-token-' || g, 'issueCard', '制卡补发 / Issue the replacement card', 'cardLossReplacement', 'BENCH-' || lpad(g::text, 7, '0'), ${unit},
      case when g % 10 = 0 then '["supervisor"]'::jsonb else '["teller"]'::jsonb end, ${due}, 40 + (g * 7 % 51), 'open', ${created},
      case when g % 20 = 1 then 'central' end, case when g % 50 = 3 then 'large-value-authorisation' end
    from generate_series(1, ${count}::int) g`.execute(db);
  await sql`vacuum analyze process_instance, service_case, task`.execute(db);
}

/** `count` tellers (`bench-teller-01`…), in the four branches in turn, with the demo password; each signed in. */
async function addTellers(app: App, count: number): Promise<RequestContext[]> {
  const { db } = app.deps;
  const units = (await db.selectFrom('org_unit').select('id').where('code', 'in', BRANCHES).orderBy('code').execute()).map((u) => u.id);
  await sql`
    insert into app_user (id, username, display_name, unit_id, password_hash)
    select 'bench-user-' || g, 'bench-teller-' || lpad(g::text, 2, '0'), 'Bench teller ' || g, (${units}::text[])[1 + g % 4], (select password_hash from app_user where username = 'teller1')
    from generate_series(1, ${count}::int) g`.execute(db);
  await sql`insert into user_role (user_id, role_key) select 'bench-user-' || g, 'teller' from generate_series(1, ${count}::int) g`.execute(db);
  const contexts: RequestContext[] = [];
  for (let i = 1; i <= count; i++) contexts.push(await signIn(app, `bench-teller-${String(i).padStart(2, '0')}`));
  return contexts;
}

/**
 * Every claim the loops saw is a distinct task, now assigned to the teller it was handed to, and
 * one that teller may take (offered to tellers, in their branch or a pool, no qualification);
 * and the database holds no claim the loops did not see.
 */
async function checkClaims(app: App, claims: Claim[]): Promise<void> {
  const distinct = new Set(claims.map((c) => c.taskId)).size;
  if (distinct !== claims.length) throw new Error(`${claims.length - distinct} task(s) were handed out twice`);
  const { db } = app.deps;
  const { rows } = await sql<{ ok: number; assigned: number }>`
    select
      (select count(*) from unnest(${claims.map((c) => c.taskId)}::text[], ${claims.map((c) => c.username)}::text[]) as c(task_id, username)
        join task t on t.id = c.task_id
        join app_user u on u.username = c.username
        where t.assignee = c.username and t.status = 'open' and t.candidate_groups ? 'teller' and t.qualification is null
          and (t.pool is not null or t.unit_id = u.unit_id))::int as ok,
      (select count(*) from task where assignee like 'bench-teller-%')::int as assigned`.execute(db);
  const { ok, assigned } = rows[0]!;
  if (ok !== claims.length) throw new Error(`${claims.length - ok} of ${claims.length} claimed tasks are not assigned to their claimer or were not theirs to take`);
  if (assigned !== claims.length) throw new Error(`${assigned} tasks are assigned to the bench tellers, but ${claims.length} claims were answered`);
}
