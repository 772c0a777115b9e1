import os from 'node:os';
import { parseArgs } from 'node:util';
import type { BenchConfig, BenchRow, BenchSuite } from './bench-suite.ts';
import { MODEL } from './model.ts';
import { analyticsVerdicts, databaseVerdicts, formatTable, merchantRuleVerdicts, queueVerdicts, serviceVerdicts, targetVerdict } from './report.ts';
import { analyticsSuite } from './suites/analytics.ts';
import { BPMN_ENGINE_ROW, bpmnEngineSuite } from './suites/bpmn-engine.ts';
import { CORE_ROW, coreSuite } from './suites/core.ts';
import { databaseSuite } from './suites/database.ts';
import { merchantRulesSuite } from './suites/merchant-rules.ts';
import { offersSuite, offerVerdicts } from './suites/offers.ts';
import { queueSuite } from './suites/queue.ts';
import { segmentsSuite, segmentVerdicts } from './suites/segments.ts';
import { servicesSuite } from './suites/services.ts';
import { simulationSuite } from './suites/simulation.ts';

/**
 * In memory: the pure core and the bpmn-engine baseline every ratio is taken against, the what-if
 * simulator, and the merchant early-warning rules over 1 M merchant-days.
 */
const IN_MEMORY_SUITES: BenchSuite[] = [coreSuite, bpmnEngineSuite, simulationSuite, merchantRulesSuite];

/**
 * Banklane through the service layer on PGlite and PostgreSQL: the engine (suites/database.ts),
 * service operations — opening cases, get next work (suites/services.ts) — and the branch
 * counter queue — tickets, SSE fan-out to display boards (suites/queue.ts) — and process mining on
 * a generated 1.2 M event log: XES import, DFG and variants (suites/analytics.ts) — and customer
 * segments refreshed over 1 M customers on PostgreSQL (suites/segments.ts).
 */
const DATABASE_SUITES: BenchSuite[] = [databaseSuite, servicesSuite, queueSuite, analyticsSuite, segmentsSuite, offersSuite];

const SUITES = [...IN_MEMORY_SUITES, ...DATABASE_SUITES];

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '2' },
    only: { type: 'string', multiple: true },
  },
});

const config: BenchConfig = Object.freeze({
  rounds: positive('rounds', args.rounds),
  minSeconds: positive('seconds', args.seconds),
  warmupSeconds: positive('warmup', args.warmup),
});

function positive(name: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, got "${text}"`);
  return value;
}

const selected = args.only ? SUITES.filter((s) => args.only!.includes(s.name)) : SUITES;
if (selected.length === 0) throw new Error(`--only matches no suite; the suites are: ${SUITES.map((s) => s.name).join(', ')}`);

const load = os.loadavg()[0]!.toFixed(2);
console.log(`Banklane engine benchmark — ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, Node ${process.version}, load average ${load} at start`);
console.log(`Model: bench/models/${MODEL.file} (start → exclusive gateway → user task → end); one instance = start + complete its user task until completed.`);
console.log(`bpmn-engine runs bench/models/${MODEL.bpmnEngineFile}: the same XML with only the condition text changed,`);
console.log('  ${amount > 50000} → ${environment.services.isAbove(environment.variables.amount,50000)}: its expressions resolve paths and');
console.log('  service calls but have no operators (with the Camunda text every instance silently took the default flow).');
console.log(`Each row: ${config.warmupSeconds} s warm-up, then the median of ${config.rounds} rounds of at least ${config.minSeconds} s each.\n`);

const rows: BenchRow[] = [];
for (const suite of selected) {
  const started = performance.now();
  process.stdout.write(`running ${suite.name} … `);
  const found = await suite.run(config);
  rows.push(...found);
  console.log(`${found.length} row(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

console.log(`\n${formatTable(rows, BPMN_ENGINE_ROW)}\n`);
console.log(targetVerdict(rows, CORE_ROW, BPMN_ENGINE_ROW));
for (const line of [...databaseVerdicts(rows), ...serviceVerdicts(rows), ...queueVerdicts(rows), ...analyticsVerdicts(rows), ...merchantRuleVerdicts(rows), ...segmentVerdicts(rows), ...offerVerdicts(rows)]) console.log(line);
console.log(`load average ${os.loadavg()[0]!.toFixed(2)} at the end (${os.availableParallelism()} cores): above 1, other work shared the CPU and the numbers are low.`);
