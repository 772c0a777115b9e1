import { compileBpmn } from '../../src/engine/model/bpmn-compile.ts';
import { MemoryEngine } from '../../src/engine/runtime/memory-engine.ts';
import type { BenchRow, BenchSuite } from '../bench-suite.ts';
import { measureThroughput, percentile, roundSpread, sampleLatency } from '../measure.ts';
import { amountFor, expectedTask, MODEL, readModel } from '../model.ts';

export const CORE_ROW = 'Banklane core (in memory)';

const BATCH = 20_000;
const LATENCY_SAMPLES = 20_000;

/**
 * The pure core: `MemoryEngine` over the compiled model, no I/O. One engine serves the whole
 * suite; each finished instance is checked, then deleted, so the maps stay at steady-state size
 * instead of growing with every instance measured.
 */
export const coreSuite: BenchSuite = {
  name: 'core',
  async run(config) {
    const engine = await deployedEngine();
    const runOne = (index: number) => runInstance(engine, index);
    const runBatch = (first: number, count: number) => {
      for (let i = first; i < first + count; i++) runInstance(engine, i);
      checkDrained(engine);
    };
    const throughput = await measureThroughput(runBatch, BATCH, config);
    const latencies = await sampleLatency(runOne, LATENCY_SAMPLES, 2_000);
    checkDrained(engine);
    const row: BenchRow = {
      name: CORE_ROW,
      instancesPerSecond: throughput.median,
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      notes: `${roundSpread(throughput)}; history off; finished instances deleted after the check; p50/p99 of one start+complete over ${LATENCY_SAMPLES.toLocaleString('en')} samples`,
    };
    return [row];
  },
};

async function deployedEngine(): Promise<MemoryEngine> {
  const compiled = await compileBpmn(await readModel(MODEL.file));
  if (!compiled.ok) throw new Error(`the benchmark model does not compile: ${JSON.stringify(compiled.problems)}`);
  const engine = new MemoryEngine();
  engine.keepHistory = false;
  engine.deploy(...compiled.value.processes);
  return engine;
}

/** One instance: start, complete the one user task it waits in, check it completed, forget it. */
function runInstance(engine: MemoryEngine, index: number): void {
  const id = engine.start(MODEL.processId, { amount: amountFor(index) });
  const tasks = engine.openTasks(id);
  const task = tasks[0];
  if (tasks.length !== 1 || task?.elementId !== expectedTask(index)) {
    throw new Error(`instance ${index}: expected one open task "${expectedTask(index)}", found [${tasks.map((t) => t.elementId).join(', ')}]`);
  }
  engine.completeTask(task.id, {});
  const status = engine.instances.get(id)?.status;
  if (status !== 'completed') throw new Error(`instance ${index}: status "${status}" after completing its task, expected "completed"`);
  engine.instances.delete(id);
}

/** Nothing may be left behind by finished instances. */
function checkDrained(engine: MemoryEngine): void {
  const left = { instances: engine.instances.size, tasks: engine.tasks.size, jobs: engine.jobs.size, subscriptions: engine.subscriptions.size, incidents: engine.incidents.size };
  if (Object.values(left).some((n) => n > 0)) throw new Error(`finished instances left state behind: ${JSON.stringify(left)}`);
}
