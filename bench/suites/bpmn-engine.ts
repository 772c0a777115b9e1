import { EventEmitter } from 'node:events';
import { BpmnModdle } from 'bpmn-moddle';
import * as elements from 'bpmn-elements';
import { Engine } from 'bpmn-engine';
import serializer, { TypeResolver, type SerializableContext } from 'moddle-context-serializer';
import type { BenchRow, BenchSuite } from '../bench-suite.ts';
import { measureThroughput, percentile, roundSpread, sampleLatency } from '../measure.ts';
import { amountFor, expectedTask, MODEL, readModel } from '../model.ts';

export const BPMN_ENGINE_ROW = 'bpmn-engine (in memory)';

const BATCH = 200;
const LATENCY_SAMPLES = 1_000;

/** The service the rewritten condition calls: bpmn-engine's expressions have no `>` operator. */
const services = { isAbove: (value: number, limit: number) => value > limit };

/**
 * Logging off, as the core has none: the default logger builds a `debug` logger per element and
 * per instance, which costs time even when DEBUG is unset. Makes the baseline faster, not slower.
 */
const silent = () => {};
const Logger = () => ({ debug: silent, error: silent, warn: silent });

/** What bpmn-engine hands a listener with an activity event (the part used here). */
type ActivityApi = { id: string; signal(message?: unknown): void };

/**
 * bpmn-engine 25 on the same model, through its public API as its docs show: the XML is parsed
 * and serialized once (the `sourceContext` option, as in the docs' addSource example), then every
 * instance is a new `Engine` executed with a listener that signals the user task on 'wait'.
 */
export const bpmnEngineSuite: BenchSuite = {
  name: 'bpmn-engine',
  async run(config) {
    const sourceContext = await serializedModel();
    const runOne = (index: number) => runInstance(sourceContext, index);
    const runBatch = async (first: number, count: number) => {
      for (let i = first; i < first + count; i++) await runInstance(sourceContext, i);
    };
    const throughput = await measureThroughput(runBatch, BATCH, config);
    const latencies = await sampleLatency(runOne, LATENCY_SAMPLES, 100);
    const row: BenchRow = {
      name: BPMN_ENGINE_ROW,
      instancesPerSecond: throughput.median,
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      notes: `${roundSpread(throughput)}; XML parsed once, a new Engine per instance, logging off; condition rewritten (${MODEL.bpmnEngineFile}); p50/p99 over ${LATENCY_SAMPLES.toLocaleString('en')} samples`,
    };
    return [row];
  },
};

async function serializedModel(): Promise<SerializableContext> {
  const moddleContext = await new BpmnModdle().fromXML(await readModel(MODEL.bpmnEngineFile));
  if (moddleContext.warnings.length > 0) throw new Error(`bpmn-moddle warns about the benchmark model: ${moddleContext.warnings.map((w) => w.message).join('; ')}`);
  return serializer(moddleContext, TypeResolver(elements));
}

/** One instance: execute, signal the user task it waits in, wait for the end, check the path. */
async function runInstance(sourceContext: SerializableContext, index: number): Promise<void> {
  const listener = new EventEmitter();
  const waitedIn: string[] = [];
  let endEventReached = false;
  listener.on('wait', (api: ActivityApi) => {
    waitedIn.push(api.id);
    api.signal();
  });
  listener.on('activity.end', (api: ActivityApi) => {
    if (api.id === 'end') endEventReached = true;
  });
  const engine = new Engine({ name: `bench-${index}`, sourceContext, services, Logger });
  const ended = engine.waitFor('end');
  await engine.execute({ listener, variables: { amount: amountFor(index) } });
  await ended;
  if (waitedIn.length !== 1 || waitedIn[0] !== expectedTask(index) || !endEventReached) {
    throw new Error(`instance ${index}: expected to wait in "${expectedTask(index)}" once and reach the end event; waited in [${waitedIn.join(', ')}], end reached: ${endEventReached}`);
  }
}
