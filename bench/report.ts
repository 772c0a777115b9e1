import type { BenchRow } from './bench-suite.ts';

/** The target: the pure core runs at least this many times as fast as bpmn-engine. */
export const CORE_TARGET_RATIO = 10;

/** One plain-text table of all rows, with each row's throughput as a multiple of the baseline's. */
export function formatTable(rows: BenchRow[], baselineName: string): string {
  const baseline = rows.find((r) => r.name === baselineName)?.instancesPerSecond;
  const header = ['engine', 'instances/s', `× ${baselineName}`, 'p50 ms', 'p99 ms', 'notes'];
  const body = rows.map((r) => [
    r.name,
    Math.round(r.instancesPerSecond).toLocaleString('en'),
    baseline ? `${(r.instancesPerSecond / baseline).toFixed(1)}×` : 'n/a',
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

/** The database targets: PostgreSQL ≥ 1,000 instances/s; PGlite ≥ half of PostgreSQL. */
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
