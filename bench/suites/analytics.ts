import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'kysely';
import { importLog } from '../../src/analytics/event-log.service.ts';
import type { LogEvent } from '../../src/analytics/import/log-event.ts';
import { readXes } from '../../src/analytics/import/xes-reader.ts';
import { dfg, summary, variants } from '../../src/analytics/mining.service.ts';
import type { App } from '../../src/app.ts';
import type { DatabaseKind } from '../../src/platform/db/database.ts';
import { postgresReachable } from '../../test/support/databases.ts';
import { signIn, withApp } from '../bench-app.ts';
import type { BenchRow, BenchSuite } from '../bench-suite.ts';
import { median } from '../measure.ts';
import { ANALYTICS_ROWS } from '../report.ts';
import { conformanceRows } from './analytics-conformance.ts';

/**
 * Process mining on a large event log: a generated XES log the size of a large real bank log
 * (31,509 loan applications, about 1.2 million events), gzipped in a temp file. Its import
 * (`importLog` over `readXes`, one transaction) on PostgreSQL and PGlite, and the directly-follows
 * graph, variants and summary on PostgreSQL — each next to a baseline in the same run: the parse
 * alone, and the same DFG and variants computed in JS over the parsed events, whose counts must
 * equal the SQL answer's.
 */
export const analyticsSuite: BenchSuite = {
  name: 'analytics',
  async run() {
    const file = path.join(os.tmpdir(), `banklane-bench-${process.pid}-${Date.now().toString(36)}.xes.gz`);
    try {
      const generated = await generateLog(file);
      const size = `${mb(generated.xmlBytes)} MB XES, ${mb(fs.statSync(file).size)} MB gzipped, written in ${generated.seconds.toFixed(1)} s`;
      const parse = await parseRow(file, generated);
      const pgReachable = !process.env.BENCH_SKIP_PG && (await postgresReachable());
      const rows: BenchRow[] = [];
      if (pgReachable) {
        rows.push(...(await withApp('postgres', async (app) => {
          const imported = await importRow(app, 'postgres', file, generated, size);
          return [imported.row, ...(await queryRows(app, imported.logId, generated, file)), ...(await conformanceRows(app, imported.logId, file, generated))];
        })));
      } else {
        const notes = 'PostgreSQL not reachable (TEST_DATABASE_URL) or BENCH_SKIP_PG set: skipped';
        rows.push({ name: ANALYTICS_ROWS.importPostgres, instancesPerSecond: Number.NaN, operation: 'event', notes }, { name: ANALYTICS_ROWS.queryPostgres, instancesPerSecond: Number.NaN, operation: 'event', notes }, { name: ANALYTICS_ROWS.summaryPostgres, instancesPerSecond: Number.NaN, operation: 'event', notes }, { name: ANALYTICS_ROWS.conformancePostgres, instancesPerSecond: Number.NaN, operation: 'event', notes });
      }
      if (!process.env.BENCH_PG_ONLY) rows.push(await withApp('pglite', async (app) => (await importRow(app, 'pglite', file, generated, size)).row));
      rows.push(parse);
      if (!pgReachable) rows.push(await memoryRow(file, generated, null));
      return order(rows);
    } finally {
      fs.rmSync(file, { force: true });
    }
  },
};

/** Rows in the order of ANALYTICS_ROWS: each measure next to its baseline. */
function order(rows: BenchRow[]): BenchRow[] {
  const names: string[] = Object.values(ANALYTICS_ROWS);
  return [...rows].sort((a, b) => names.indexOf(a.name) - names.indexOf(b.name));
}

/** The size of BPI Challenge 2017 (a Dutch bank's loan applications): 31,509 cases, 1,202,267 events. */
export const LOG_CASES = 31_509;
const TARGET_EVENTS = 1_200_000;
/** PGlite's import is skipped when it would take longer than this (projected from its first events). */
const PGLITE_LIMIT_S = 90;
const PGLITE_PROBE_EVENTS = 60_000;
/** Runs of each query; the row reports their median. */
const QUERY_RUNS = 3;

const SEP = '\u001f';
const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
const fmt = (n: number) => Math.round(n).toLocaleString('en');

// ---------------------------------------------------------------------------------------------
// The generated log

/** mulberry32: a small seeded PRNG, so every run writes the same log. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The activities (21) and where each comes from (the one extra attribute every event carries). */
const ORIGIN: Record<string, string> = {
  'Register application': 'Application',
  'Check completeness': 'Workflow',
  'Request missing documents': 'Workflow',
  'Receive missing documents': 'Application',
  'Verify identity': 'Workflow',
  'Check credit bureau': 'Application',
  'Assess risk': 'Workflow',
  'Review application': 'Workflow',
  'Request clarification': 'Workflow',
  'Receive clarification': 'Application',
  'Update application': 'Application',
  'Senior review': 'Workflow',
  Decide: 'Application',
  'Notify rejection': 'Application',
  'Prepare offer': 'Offer',
  'Send offer': 'Offer',
  'Call customer': 'Workflow',
  'Receive signed offer': 'Offer',
  'Disburse funds': 'Application',
  'Cancel offer': 'Offer',
  'Close case': 'Application',
};
/** Activities a system does; the rest are done by one of the clerks. */
const AUTOMATED = new Set(['Register application', 'Check credit bureau', 'Decide', 'Notify rejection', 'Close case']);
const CLERKS = 140;

/** One variant's shape: missing-document rounds, clarification (rework) rounds, senior review, outcome, customer calls. */
type Shape = { docs: number; rework: number; senior: boolean; outcome: 'accept' | 'reject' | 'cancel'; calls: number };

function trace(s: Shape): string[] {
  const a = ['Register application', 'Check completeness'];
  for (let i = 0; i < s.docs; i++) a.push('Request missing documents', 'Receive missing documents');
  a.push('Verify identity', 'Check credit bureau', 'Assess risk');
  for (let i = 0; i < s.rework; i++) a.push('Review application', 'Request clarification', 'Receive clarification', 'Update application');
  a.push('Review application');
  if (s.senior) a.push('Senior review');
  a.push('Decide');
  if (s.outcome === 'reject') a.push('Notify rejection');
  else {
    a.push('Prepare offer', 'Send offer');
    for (let i = 0; i < s.calls; i++) a.push('Call customer');
    a.push(s.outcome === 'accept' ? 'Receive signed offer' : 'Cancel offer');
    if (s.outcome === 'accept') a.push('Disburse funds');
  }
  a.push('Close case');
  return a;
}

/**
 * A few dozen variants with Zipf-like frequencies, and each case's variant. The first seed whose
 * cases total within 0.5% of 1.2 million events is taken: the same one every run.
 */
function plan(): { variants: string[][]; caseVariant: Uint8Array; events: number } {
  for (let seed = 1; ; seed++) {
    const random = prng(seed);
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
    const seen = new Set<string>();
    const variants: string[][] = [];
    while (variants.length < 40) {
      const shape: Shape = { docs: pick([0, 0, 1, 1, 2, 3]), rework: pick([3, 4, 5, 5, 6, 6, 7, 8]), senior: random() < 0.3, outcome: pick(['accept', 'accept', 'accept', 'cancel', 'reject']), calls: pick([0, 1, 2, 3, 4]) };
      const t = trace(shape);
      if (seen.has(t.join(SEP))) continue;
      seen.add(t.join(SEP));
      variants.push(t);
    }
    const weights = variants.map((_, i) => 1 / (i + 1) ** 1.1);
    const total = weights.reduce((x, y) => x + y, 0);
    const cumulative: number[] = [];
    weights.reduce((sum, w, i) => (cumulative[i] = sum + w / total), 0);
    const caseVariant = new Uint8Array(LOG_CASES);
    let events = 0;
    for (let c = 0; c < LOG_CASES; c++) {
      const r = random();
      let v = cumulative.findIndex((x) => r < x);
      if (v < 0) v = variants.length - 1;
      caseVariant[c] = v;
      events += variants[v]!.length;
    }
    if (Math.abs(events - TARGET_EVENTS) <= TARGET_EVENTS * 0.005) return { variants, caseVariant, events };
  }
}

type Generated = { cases: number; events: number; xmlBytes: number; seconds: number };

/** Streams the log to `file` as gzipped XES, case by case in chunks (never the whole text at once). */
async function generateLog(file: string): Promise<Generated> {
  const started = performance.now();
  const { variants: shapes, caseVariant, events } = plan();
  const random = prng(2017);
  const yearMs = 365 * 86_400_000;
  const first = Date.parse('2016-01-01T08:00:00.000Z');
  let xmlBytes = 0;
  let written = 0;
  async function* text(): AsyncGenerator<string> {
    let chunk = `<?xml version="1.0" encoding="UTF-8" ?>
<log xes.version="1849-2016" xes.features="nested-attributes" openxes.version="1.0RC7">
\t<extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
\t<extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>
\t<extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>
\t<extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
\t<global scope="trace">
\t\t<string key="concept:name" value="__INVALID__"/>
\t</global>
\t<global scope="event">
\t\t<string key="concept:name" value="__INVALID__"/>
\t\t<string key="lifecycle:transition" value="complete"/>
\t</global>
\t<classifier name="Activity" keys="concept:name"/>
\t<classifier name="Activity classifier" keys="concept:name lifecycle:transition"/>
\t<string key="concept:name" value="Banklane bench loan applications"/>
`;
    for (let c = 0; c < LOG_CASES; c++) {
      let at = first + Math.floor((c / LOG_CASES) * yearMs + random() * 3_600_000);
      chunk += `\t<trace>\n\t\t<string key="concept:name" value="Application_${String(100_000_000 + c * 7919)}"/>\n`;
      for (const activity of shapes[caseVariant[c]!]!) {
        // minutes for system steps, up to a few days for people and customers
        at += AUTOMATED.has(activity) ? 1000 + Math.floor(random() * 120_000) : 60_000 + Math.floor(-Math.log(1 - random()) * 8 * 3_600_000);
        const resource = AUTOMATED.has(activity) ? 'System' : `User_${1 + Math.floor(random() * CLERKS)}`;
        chunk += `\t\t<event>\n\t\t\t<string key="concept:name" value="${activity}"/>\n\t\t\t<string key="lifecycle:transition" value="complete"/>\n\t\t\t<date key="time:timestamp" value="${new Date(at).toISOString()}"/>\n\t\t\t<string key="org:resource" value="${resource}"/>\n\t\t\t<string key="EventOrigin" value="${ORIGIN[activity]}"/>\n\t\t</event>\n`;
        written++;
      }
      chunk += '\t</trace>\n';
      if (chunk.length > 1 << 16) {
        xmlBytes += Buffer.byteLength(chunk);
        yield chunk;
        chunk = '';
      }
    }
    chunk += '</log>\n';
    xmlBytes += Buffer.byteLength(chunk);
    yield chunk;
  }
  await pipeline(Readable.from(text()), createGzip(), fs.createWriteStream(file));
  if (written !== events) throw new Error(`the generator wrote ${written} events, its plan says ${events}`);
  return { cases: LOG_CASES, events, xmlBytes, seconds: (performance.now() - started) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// Rows



/** The baseline of the import: `readXes` over the same file, counting events, no database. */
async function parseRow(file: string, generated: Generated): Promise<BenchRow> {
  const started = performance.now();
  let events = 0;
  const cases = new Set<string>();
  for await (const e of readXes(fs.createReadStream(file))) {
    events++;
    cases.add(e.caseId);
  }
  const seconds = (performance.now() - started) / 1000;
  if (events !== generated.events || cases.size !== generated.cases) throw new Error(`readXes read ${events} events in ${cases.size} cases, the generator wrote ${generated.events} in ${generated.cases}`);
  return { name: ANALYTICS_ROWS.parse, instancesPerSecond: events / seconds, operation: 'event', notes: `events/s; ${fmt(events)} events in ${seconds.toFixed(1)} s (gunzip + XML scan + events, counted)` };
}

class Abandoned extends Error {}

/**
 * `importLog` of the whole file as user `ops`: events/s from the call to its commit. The answer's
 * cases and events must be the generated ones. On PGlite the import is abandoned (rolled back)
 * when its first events project a time past PGLITE_LIMIT_S.
 */
async function importRow(app: App, kind: DatabaseKind, file: string, generated: Generated, size: string): Promise<{ row: BenchRow; logId: string }> {
  const name = kind === 'postgres' ? ANALYTICS_ROWS.importPostgres : ANALYTICS_ROWS.importPglite;
  const ctx = await signIn(app, 'ops');
  const started = performance.now();
  const events = kind === 'pglite' ? probed(readXes(fs.createReadStream(file)), started, generated.events) : readXes(fs.createReadStream(file));
  let answer: Awaited<ReturnType<typeof importLog>>;
  try {
    answer = await importLog(app.deps, ctx, { name: () => 'bench', format: 'xes', fileName: null, events });
  } catch (error) {
    if (error instanceof Abandoned) return { row: { name, instancesPerSecond: Number.NaN, operation: 'event', notes: `skipped: ${error.message}` }, logId: '' };
    throw error;
  }
  const seconds = (performance.now() - started) / 1000;
  if (answer.events !== generated.events || answer.cases !== generated.cases) throw new Error(`${name}: importLog answered ${answer.events} events in ${answer.cases} cases, the file holds ${generated.events} in ${generated.cases}`);
  return { row: { name, instancesPerSecond: answer.events / seconds, operation: 'event', notes: `events/s; ${fmt(answer.events)} events, ${fmt(answer.cases)} cases in ${seconds.toFixed(1)} s, start to commit (${size})` }, logId: answer.id };
}

/** The events, abandoned after the first PGLITE_PROBE_EVENTS when the whole would take longer than PGLITE_LIMIT_S. */
async function* probed(events: AsyncIterable<LogEvent>, started: number, total: number): AsyncGenerator<LogEvent> {
  let n = 0;
  for await (const e of events) {
    if (++n === PGLITE_PROBE_EVENTS) {
      const seconds = (performance.now() - started) / 1000;
      const projected = (seconds / n) * total;
      if (projected > PGLITE_LIMIT_S) throw new Abandoned(`its first ${fmt(n)} events took ${seconds.toFixed(1)} s (${fmt(n / seconds)} events/s): the whole log would take ~${projected.toFixed(0)} s, over the ${PGLITE_LIMIT_S} s limit (rolled back)`);
    }
    yield e;
  }
}

/**
 * DFG + variants and the summary on PostgreSQL, each the median of QUERY_RUNS runs after `analyze`
 * (as autovacuum would have done after the import); then the in-memory baseline, checked against
 * the SQL answer.
 */
async function queryRows(app: App, logId: string, generated: Generated, file: string): Promise<BenchRow[]> {
  await sql`analyze mining_event`.execute(app.deps.db);
  const runs: { dfg: number; variants: number }[] = [];
  let graph: Awaited<ReturnType<typeof dfg>> | undefined;
  let top: Awaited<ReturnType<typeof variants>> | undefined;
  for (let i = 0; i < QUERY_RUNS; i++) {
    const t0 = performance.now();
    graph = await dfg(app.deps, logId);
    const t1 = performance.now();
    top = await variants(app.deps, logId);
    runs.push({ dfg: t1 - t0, variants: performance.now() - t1 });
  }
  const totals = runs.map((r) => r.dfg + r.variants);
  const mid = median(totals);
  const summaries: number[] = [];
  let sum: Awaited<ReturnType<typeof summary>> | undefined;
  for (let i = 0; i < QUERY_RUNS; i++) {
    const t0 = performance.now();
    sum = await summary(app.deps, logId);
    summaries.push(performance.now() - t0);
  }
  if (sum!.events !== generated.events || sum!.cases !== generated.cases) throw new Error(`summary answered ${sum!.events} events in ${sum!.cases} cases, the log holds ${generated.events} in ${generated.cases}`);
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const query: BenchRow = {
    name: ANALYTICS_ROWS.queryPostgres,
    instancesPerSecond: generated.events / (mid / 1000),
    operation: 'event',
    p50Ms: mid,
    notes: `events/s; p50 = median of ${QUERY_RUNS} runs of dfg() then variants(): ${s(mid)} s (dfg ${s(median(runs.map((r) => r.dfg)))} s + variants ${s(median(runs.map((r) => r.variants)))} s; runs ${totals.map(s).join(', ')} s); ${graph!.nodes.length} activities, ${graph!.edges.length} edges, ${top!.items.length} variants listed`,
  };
  const midSummary = median(summaries);
  const summaryRow: BenchRow = { name: ANALYTICS_ROWS.summaryPostgres, instancesPerSecond: generated.events / (midSummary / 1000), operation: 'event', p50Ms: midSummary, notes: `events/s; p50 = median of ${QUERY_RUNS} runs: ${s(midSummary)} s (runs ${summaries.map(s).join(', ')} s); ${sum!.variants} variants, ${sum!.activities} activities` };
  return [query, summaryRow, await memoryRow(file, generated, { graph: graph!, top: top! })];
}

type SqlAnswer = { graph: Awaited<ReturnType<typeof dfg>>; top: Awaited<ReturnType<typeof variants>> };

/**
 * The baseline of the queries: the same DFG (node counts, edge counts and their mean, median and
 * 90th-percentile times) and variants (counts, mean duration) in JS, over the parsed events held
 * in memory in file order — grouped into a Map per case, then counted. The events are read first
 * (untimed; the parse has its own row); the computation is timed, median of QUERY_RUNS runs. Its
 * edge counts and top-10 variants must equal the SQL answer's.
 */
async function memoryRow(file: string, generated: Generated, answer: SqlAnswer | null): Promise<BenchRow> {
  const caseIds: string[] = new Array(generated.events);
  const classes: string[] = new Array(generated.events);
  const at = new Float64Array(generated.events);
  const interned = new Map<string, string>();
  let n = 0;
  for await (const e of readXes(fs.createReadStream(file))) {
    const cls = e.activity + (e.lifecycle === null ? '' : `+${e.lifecycle}`);
    let shared = interned.get(cls);
    if (shared === undefined) interned.set(cls, (shared = cls));
    caseIds[n] = e.caseId;
    classes[n] = shared;
    at[n++] = e.timestamp?.getTime() ?? Number.NaN;
  }
  let result: ReturnType<typeof mineInMemory> | undefined;
  const times: number[] = [];
  for (let i = 0; i < QUERY_RUNS; i++) {
    const t0 = performance.now();
    result = mineInMemory(caseIds, classes, at, n);
    times.push(performance.now() - t0);
  }
  const mismatch = answer ? compare(result!, answer) : null;
  if (mismatch) throw new Error(`the in-memory DFG/variants differ from PostgreSQL's: ${mismatch}`);
  const mid = median(times);
  const checked = answer ? `edge counts and top-10 variants equal PostgreSQL's` : 'not compared (PostgreSQL skipped)';
  return { name: ANALYTICS_ROWS.queryMemory, instancesPerSecond: n / (mid / 1000), operation: 'event', p50Ms: mid, notes: `events/s; p50 = median of ${QUERY_RUNS} runs: ${(mid / 1000).toFixed(2)} s (group by case + DFG with edge times + variants; runs ${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s); ${result!.edges.size} edges, ${result!.variants.size} variants; ${checked}` };
}

/** `percentile_cont`: linear interpolation between the closest ranks of the sorted values. */
function percentileCont(sorted: Float64Array, q: number): number {
  const rank = q * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

function mineInMemory(caseIds: string[], classes: string[], at: Float64Array, n: number) {
  const cases = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const list = cases.get(caseIds[i]!);
    if (list) list.push(i);
    else cases.set(caseIds[i]!, [i]);
  }
  const nodes = new Map<string, { count: number; starts: number; ends: number }>();
  const edgeTimes = new Map<string, number[]>();
  const variantStats = new Map<string, { count: number; seconds: number }>();
  for (const events of cases.values()) {
    for (let k = 0; k < events.length; k++) {
      const cls = classes[events[k]!]!;
      let node = nodes.get(cls);
      if (!node) nodes.set(cls, (node = { count: 0, starts: 0, ends: 0 }));
      node.count++;
      if (k === 0) node.starts++;
      if (k === events.length - 1) node.ends++;
      if (k > 0) {
        const key = classes[events[k - 1]!]! + SEP + cls;
        const d = (at[events[k]!]! - at[events[k - 1]!]!) / 1000;
        const times = edgeTimes.get(key);
        if (times) times.push(d);
        else edgeTimes.set(key, [d]);
      }
    }
    let key = '';
    let min = Infinity;
    let max = -Infinity;
    for (const i of events) {
      key = key ? key + SEP + classes[i]! : classes[i]!;
      if (at[i]! < min) min = at[i]!;
      if (at[i]! > max) max = at[i]!;
    }
    let v = variantStats.get(key);
    if (!v) variantStats.set(key, (v = { count: 0, seconds: 0 }));
    v.count++;
    v.seconds += (max - min) / 1000;
  }
  const edges = new Map<string, { count: number; mean: number; median: number; p90: number }>();
  for (const [key, times] of edgeTimes) {
    const sorted = Float64Array.from(times).sort();
    edges.set(key, { count: sorted.length, mean: times.reduce((x, y) => x + y, 0) / sorted.length, median: percentileCont(sorted, 0.5), p90: percentileCont(sorted, 0.9) });
  }
  const variants = new Map([...variantStats].sort((a, b) => b[1].count - a[1].count));
  return { nodes, edges, variants };
}

/** A description of the first difference between the in-memory and the SQL counts, or null. */
function compare(memory: ReturnType<typeof mineInMemory>, answer: SqlAnswer): string | null {
  const sqlEdges = new Map(answer.graph.edges.map((e) => [e.from + SEP + e.to, e.count]));
  if (sqlEdges.size !== memory.edges.size) return `${sqlEdges.size} edges in SQL, ${memory.edges.size} in memory`;
  for (const [key, e] of memory.edges) if (sqlEdges.get(key) !== e.count) return `edge ${key.replace(SEP, ' → ')}: ${sqlEdges.get(key)} in SQL, ${e.count} in memory`;
  for (const node of answer.graph.nodes) {
    const m = memory.nodes.get(node.activity);
    if (!m || m.count !== node.count || m.starts !== node.starts || m.ends !== node.ends) return `activity ${node.activity}: ${JSON.stringify(node)} in SQL, ${JSON.stringify(m)} in memory`;
  }
  if (answer.top.cases !== LOG_CASES) return `variants() counts ${answer.top.cases} cases`;
  // the top 10 by count: each SQL variant's count must be the in-memory count of that sequence,
  // and the ten counts the ten largest in memory (ties may be ordered differently)
  const top = answer.top.items.slice(0, 10);
  const memoryTop = [...memory.variants.values()].slice(0, 10).map((v) => v.count);
  for (const v of top) {
    const m = memory.variants.get(v.activities.join(SEP));
    if (m?.count !== v.cases) return `variant of ${v.activities.length} activities: ${v.cases} cases in SQL, ${m?.count} in memory`;
  }
  if (top.map((v) => v.cases).join() !== memoryTop.join()) return `top-10 variant counts ${top.map((v) => v.cases).join()} in SQL, ${memoryTop.join()} in memory`;
  return null;
}
