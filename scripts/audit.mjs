// Audits the dependencies: `npm audit` for what runs in production (--omit=dev) and for the whole
// tree. Fails on any high or critical advisory that scripts/audit-exceptions.json does not explain.
// When the registry's audit endpoint cannot be reached (offline, a mirror without it), says so and
// exits 0, or 2 with --strict: there is then no result, and a pass would be a claim without one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const strict = process.argv.includes('--strict');
const exceptions = JSON.parse(fs.readFileSync(path.join(root, 'scripts/audit-exceptions.json'), 'utf8'));
const explained = new Map(exceptions.map((e) => [e.advisory, e]));

/** One `npm audit --json` run: its vulnerabilities, or why there is no answer. */
function audit(args) {
  const run = spawnSync('npm', ['audit', '--json', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    return { unavailable: (run.stderr || run.stdout || `npm audit exited ${run.status}`).trim().split('\n')[0] };
  }
  if (!report.vulnerabilities) return { unavailable: report.message ?? report.error?.summary ?? 'no audit report in the answer' };
  return { report };
}

/** High and critical advisories of a report, one per advisory and package. */
function serious(report) {
  const found = new Map();
  for (const [name, v] of Object.entries(report.vulnerabilities)) {
    for (const via of v.via) {
      if (typeof via !== 'object' || !['high', 'critical'].includes(via.severity)) continue;
      const advisory = String(via.url ?? via.source).replace('https://github.com/advisories/', '');
      found.set(`${advisory} ${via.name}`, { advisory, package: via.name, severity: via.severity, title: via.title, range: via.range, through: name });
    }
  }
  return [...found.values()];
}

let failed = false;
let unavailable = false;
for (const [label, args] of [['production dependencies', ['--omit=dev']], ['all dependencies', []]]) {
  const { report, unavailable: why } = audit(args);
  if (!report) {
    unavailable = true;
    console.log(`audit (${label}): no result, the registry's audit endpoint did not answer: ${why}`);
    continue;
  }
  const counts = report.metadata?.vulnerabilities ?? {};
  console.log(`audit (${label}): ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  for (const a of serious(report)) {
    const known = explained.get(a.advisory);
    console.log(`  ${a.severity} ${a.advisory} ${a.package} ${a.range ?? ''}: ${a.title}${known ? ` — explained: ${known.why}` : ' — NOT EXPLAINED'}`);
    if (!known) failed = true;
  }
}
if (failed) {
  console.log('audit: fix each advisory marked NOT EXPLAINED, or explain it in scripts/audit-exceptions.json and docs/SECURITY.md');
  process.exit(1);
}
if (unavailable && strict) process.exit(2);
