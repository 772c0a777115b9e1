import type { BenchRow } from './bench-suite.ts';

/** The issue's target: the pure core runs at least this many times as fast as bpmn-engine. */
export const CORE_TARGET_RATIO = 10;

/** One plain-text table of all rows, with each row's throughput as a multiple of the baseline's. */
export function formatTable(rows: BenchRow[], baselineName: string): string {
  const baseline = rows.find((r) => r.name === baselineName)?.instancesPerSecond;
  const header = ['engine', 'instances/s', `× ${baselineName}`, 'p50 ms', 'p99 ms', 'notes'];
  const body = rows.map((r) => [
    r.name,
    Math.round(r.instancesPerSecond).toLocaleString('en'),
    r.operation ? '' : baseline ? `${(r.instancesPerSecond / baseline).toFixed(1)}×` : 'n/a',
    r.p50Ms === undefined ? '' : r.p50Ms.toFixed(3),
    r.p99Ms === undefined ? '' : r.p99Ms.toFixed(3),
    r.notes ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
  const numeric = new Set([1, 2, 3, 4]);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** Whether the core row reaches the target ratio over the baseline row, as one printable line. */
export function targetVerdict(rows: BenchRow[], coreName: string, baselineName: string): string {
  const core = rows.find((r) => r.name === coreName);
  const baseline = rows.find((r) => r.name === baselineName);
  if (!core || !baseline) return `target "pure core ≥ ${CORE_TARGET_RATIO}× bpmn-engine": not checked (a row is missing)`;
  const ratio = core.instancesPerSecond / baseline.instancesPerSecond;
  const met = ratio >= CORE_TARGET_RATIO;
  return `target "pure core ≥ ${CORE_TARGET_RATIO}× bpmn-engine": ${met ? 'MET' : 'NOT MET'} (${ratio.toFixed(1)}×)`;
}

/** The issue's database targets: PostgreSQL ≥ 1,000 instances/s; PGlite ≥ half of PostgreSQL. */
export function databaseVerdicts(rows: BenchRow[]): string[] {
  const pg = rows.find((r) => r.name === 'Banklane on PostgreSQL');
  const lite = rows.find((r) => r.name === 'Banklane on PGlite');
  const lines: string[] = [];
  if (pg && Number.isFinite(pg.instancesPerSecond)) {
    lines.push(`target "PostgreSQL ≥ 1,000 instances/s": ${pg.instancesPerSecond >= 1000 ? 'MET' : 'NOT MET'} (${Math.round(pg.instancesPerSecond).toLocaleString('en')}/s)`);
    if (lite) {
      const share = lite.instancesPerSecond / pg.instancesPerSecond;
      lines.push(`target "PGlite ≥ half of PostgreSQL": ${share >= 0.5 ? 'MET' : 'NOT MET'} (${Math.round(share * 100)}%)`);
    }
  }
  return lines;
}

/** Case creation rows of the services suite, by database. */
export const CASE_ROWS = { pglite: 'Open a case on PGlite', postgres: 'Open a case on PostgreSQL' } as const;

/** The issue's get-next-work target: p99 below this with 20 users and 100,000 open tasks on PostgreSQL. */
export const NEXT_WORK_TARGET = { p99Ms: 20, users: 20, openTasks: 100_000 } as const;

/**
 * The get-next-work row's name, which carries its workload (a run may change it). `thinkMs` 0 is
 * the saturation row (users ask again at once); otherwise users pause about that long between tasks.
 */
export function nextWorkRowName(users: number, openTasks: number, thinkMs: number): string {
  return `Get next work on PostgreSQL (${users} users, ${openTasks.toLocaleString('en')} open tasks${thinkMs > 0 ? `, ~${thinkMs} ms apart` : ', no pause'})`;
}

/** The services suite's target (get next work p99) and its case creation figures, as printable lines. */
export function serviceVerdicts(rows: BenchRow[]): string[] {
  const lines: string[] = [];
  const target = NEXT_WORK_TARGET;
  const label = `target "get next work p99 < ${target.p99Ms} ms (${target.users} users, ${target.openTasks.toLocaleString('en')} open tasks, PostgreSQL)"`;
  const workload = `Get next work on PostgreSQL (${target.users} users, ${target.openTasks.toLocaleString('en')} open tasks, ~`;
  const next = rows.find((r) => r.name.startsWith(workload));
  const other = rows.find((r) => r.name.startsWith('Get next work') && r !== next && !r.name.endsWith('no pause)'));
  const saturated = rows.find((r) => r.name === nextWorkRowName(target.users, target.openTasks, 0));
  if (next?.p99Ms !== undefined) lines.push(`${label}: ${next.p99Ms < target.p99Ms ? 'MET' : 'NOT MET'} (${next.p99Ms.toFixed(1)} ms with users pausing between tasks${saturated?.p99Ms !== undefined ? `; at saturation ${Math.round(saturated.instancesPerSecond)} claims/s, p99 ${saturated.p99Ms.toFixed(1)} ms` : ''})`);
  else if (other?.p99Ms !== undefined) lines.push(`${label}: not checked (measured another workload: ${other.name})`);
  else if (next || other) lines.push(`${label}: not checked (${(next ?? other)!.notes ?? 'not measured'})`);
  const pg = rows.find((r) => r.name === CASE_ROWS.postgres);
  const lite = rows.find((r) => r.name === CASE_ROWS.pglite);
  const rate = (r: BenchRow | undefined) => (r && Number.isFinite(r.instancesPerSecond) ? `${Math.round(r.instancesPerSecond).toLocaleString('en')} cases/s` : 'not measured');
  if (pg || lite) lines.push(`case creation (the issue sets no number): PostgreSQL ${rate(pg)}, PGlite ${rate(lite)}`);
  return lines;
}

/** The queue suite's rows (all on PostgreSQL): one ticket workload seen from issue and from call, the SSE fan-out, an idle SSE client's memory. */
export const QUEUE_ROWS = {
  issue: 'Issue a ticket on PostgreSQL',
  call: 'Call the next ticket on PostgreSQL',
  fanOut: 'Fan a call out to 500 SSE clients on PostgreSQL',
  idle: 'Hold an idle SSE client on PostgreSQL (1,000 clients)',
} as const;

/** The issue's live-screen target: one call event reaches each of 500 SSE clients with a p99 under 100 ms. */
export const SSE_TARGET = { p99Ms: 100, clients: 500 } as const;

/** Idle SSE clients the memory row opens. */
export const IDLE_SSE_CLIENTS = 1000;

/** A row whose own check failed (an event missed, repeated or out of order) says so first in its notes. */
export const FAILED = 'FAILED';

/** The queue suite's target (SSE fan-out p99) and its figures without a target (tickets/s, memory per client), as printable lines. */
export function queueVerdicts(rows: BenchRow[]): string[] {
  const lines: string[] = [];
  const fanOut = rows.find((r) => r.name === QUEUE_ROWS.fanOut);
  const label = `target "SSE fan-out p99 < ${SSE_TARGET.p99Ms} ms (${SSE_TARGET.clients} clients)"`;
  if (fanOut?.notes?.startsWith(FAILED)) lines.push(`${label}: NOT MET (${fanOut.notes})`);
  else if (fanOut?.p99Ms !== undefined) lines.push(`${label}: ${fanOut.p99Ms < SSE_TARGET.p99Ms ? 'MET' : 'NOT MET'} (p99 ${fanOut.p99Ms.toFixed(1)} ms, p50 ${fanOut.p50Ms?.toFixed(1)} ms, every event delivered)`);
  else if (fanOut) lines.push(`${label}: not checked (${fanOut.notes ?? 'not measured'})`);
  const issue = rows.find((r) => r.name === QUEUE_ROWS.issue);
  const call = rows.find((r) => r.name === QUEUE_ROWS.call);
  if (issue && Number.isFinite(issue.instancesPerSecond)) {
    const ms = (r: BenchRow | undefined) => (r?.p99Ms === undefined ? 'n/a' : `${r.p99Ms.toFixed(1)} ms`);
    lines.push(`tickets (the issue sets no number): ${Math.round(issue.instancesPerSecond).toLocaleString('en')} tickets/s issued → called → served on PostgreSQL; p99 issue ${ms(issue)}, call next ${ms(call)}`);
  }
  const idle = rows.find((r) => r.name === QUEUE_ROWS.idle);
  if (idle && Number.isFinite(idle.instancesPerSecond)) lines.push(`idle SSE client (the issue sets no number): ${idle.instancesPerSecond.toFixed(1)} KiB each of JS heap and external memory (the process's rss in the row's notes)`);
  return lines;
}

/** The analytics suite's rows: each measure next to its baseline (events/s in the instances/s column). */
export const ANALYTICS_ROWS = {
  importPostgres: 'XES import on PostgreSQL (1.2 M events)',
  importPglite: 'XES import on PGlite (1.2 M events)',
  parse: 'Baseline: XES parse only (no database)',
  queryPostgres: 'DFG + variants on PostgreSQL',
  summaryPostgres: 'Summary on PostgreSQL',
  queryMemory: 'Baseline: DFG + variants in memory (JS)',
  conformancePostgres: 'Conformance (token replay) on PostgreSQL',
  conformanceMemory: 'Baseline: token replay of every trace in memory (JS)',
} as const;

/** The issue's event-log targets on the generated 1.2 M event log: XES import ≥ 100,000 events/s; DFG + variants under 2 s on PostgreSQL. */
export const ANALYTICS_TARGET = { importEventsPerSecond: 100_000, querySeconds: 2 } as const;

/** The analytics suite's targets (import rate, DFG + variants time), each with its baselines, as printable lines. */
export function analyticsVerdicts(rows: BenchRow[]): string[] {
  const lines: string[] = [];
  const row = (name: string) => rows.find((r) => r.name === name);
  const measured = (r: BenchRow | undefined): boolean => r !== undefined && Number.isFinite(r.instancesPerSecond);
  const rate = (r: BenchRow | undefined) => (measured(r) ? `${Math.round(r!.instancesPerSecond).toLocaleString('en')} events/s` : 'not measured');
  const seconds = (r: BenchRow | undefined) => (measured(r) && r!.p50Ms !== undefined ? `${(r!.p50Ms / 1000).toFixed(2)} s` : 'not measured');
  const pg = row(ANALYTICS_ROWS.importPostgres);
  const lite = row(ANALYTICS_ROWS.importPglite);
  const parse = row(ANALYTICS_ROWS.parse);
  const target = ANALYTICS_TARGET.importEventsPerSecond.toLocaleString('en');
  if (pg && measured(pg)) lines.push(`XES import on PostgreSQL: ${rate(pg)} — target ${target} ${pg.instancesPerSecond >= ANALYTICS_TARGET.importEventsPerSecond ? 'MET' : 'NOT MET'} (baseline parse only: ${rate(parse)}; PGlite: ${measured(lite) ? rate(lite) : (lite?.notes ?? 'not run')})`);
  else if (pg) lines.push(`XES import: target ${target} events/s not checked (${pg.notes ?? 'not measured'}; parse only: ${rate(parse)})`);
  const query = row(ANALYTICS_ROWS.queryPostgres);
  const memory = row(ANALYTICS_ROWS.queryMemory);
  const summary = row(ANALYTICS_ROWS.summaryPostgres);
  if (query && measured(query) && query.p50Ms !== undefined) lines.push(`DFG + variants on PostgreSQL: ${seconds(query)} — target ${ANALYTICS_TARGET.querySeconds} s ${query.p50Ms < ANALYTICS_TARGET.querySeconds * 1000 ? 'MET' : 'NOT MET'} (baseline in memory: ${seconds(memory)}; summary on PostgreSQL: ${seconds(summary)})`);
  else if (query) lines.push(`DFG + variants: target ${ANALYTICS_TARGET.querySeconds} s not checked (${query.notes ?? 'not measured'})`);
  return lines;
}

/** The merchant early-warning rules suite's rows (merchant-days/s in the instances/s column; p50 ms holds a whole run's time). */
export const MERCHANT_RULE_ROWS = {
  compiled: 'Merchant rules, compiled (1 M merchant-days)',
  feelin: 'Baseline: feelin evaluate per rule (sample, extrapolated)',
} as const;

/** The issue's rules target: every shipped rule over 1 M merchant-days, baselines included, in under 10 s. */
export const MERCHANT_RULES_TARGET = { merchantDays: 1_000_000, seconds: 10 } as const;

/** The merchant rules target, with the feelin baseline, as a printable line. */
export function merchantRuleVerdicts(rows: BenchRow[]): string[] {
  const compiled = rows.find((r) => r.name === MERCHANT_RULE_ROWS.compiled);
  if (!compiled?.p50Ms) return [];
  const feelin = rows.find((r) => r.name === MERCHANT_RULE_ROWS.feelin);
  const seconds = compiled.p50Ms / 1000;
  const met = seconds < MERCHANT_RULES_TARGET.seconds;
  const against = feelin?.p50Ms ? `; feelin per rule ~${Math.round(feelin.p50Ms / 1000).toLocaleString('en')} s extrapolated, ${Math.round(feelin.p50Ms / compiled.p50Ms).toLocaleString('en')}× slower` : '';
  return [`target "rule evaluation over 1 M merchant-days < ${MERCHANT_RULES_TARGET.seconds} s": ${met ? 'MET' : 'NOT MET'} (${seconds.toFixed(2)} s, ${Math.round(compiled.instancesPerSecond).toLocaleString('en')} merchant-days/s${against})`];
}
