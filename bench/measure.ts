import { performance } from 'node:perf_hooks';
import type { BenchConfig } from './bench-suite.ts';

/**
 * Runs `count` instances from index `first` on, each one to completion, and throws if any did
 * not complete as expected. May return a promise (asynchronous engines); it is awaited once per
 * batch, so a synchronous engine pays no per-instance await.
 */
export type RunBatch = (first: number, count: number) => void | Promise<void>;

export type Throughput = {
  /** Median of the rounds, instances per second. */
  median: number;
  rounds: { instances: number; seconds: number; perSecond: number }[];
};

/**
 * Measures throughput: a warm-up, then `config.rounds` rounds, each of whole batches of
 * `batchSize` instances until at least `config.minSeconds` have passed. Instance numbers keep
 * counting across rounds so that every instance is a new one.
 */
export async function measureThroughput(runBatch: RunBatch, batchSize: number, config: BenchConfig): Promise<Throughput> {
  let next = 0;
  const runFor = async (seconds: number) => {
    const start = performance.now();
    let instances = 0;
    do {
      await runBatch(next, batchSize);
      next += batchSize;
      instances += batchSize;
    } while (performance.now() - start < seconds * 1000);
    return { instances, seconds: (performance.now() - start) / 1000 };
  };
  await runFor(config.warmupSeconds);
  const rounds = [];
  for (let i = 0; i < config.rounds; i++) {
    const { instances, seconds } = await runFor(config.minSeconds);
    rounds.push({ instances, seconds, perSecond: instances / seconds });
  }
  return { median: median(rounds.map((r) => r.perSecond)), rounds };
}

/** The spread of the rounds, for a row's notes: a wide one says the machine was busy. */
export function roundSpread(throughput: Throughput): string {
  const rates = throughput.rounds.map((r) => Math.round(r.perSecond));
  return `rounds ${Math.min(...rates).toLocaleString('en')}–${Math.max(...rates).toLocaleString('en')}/s`;
}

/** Latency samples in milliseconds, one per call of `runOne`, after `warmup` untimed calls. */
export async function sampleLatency(runOne: (index: number) => void | Promise<void>, samples: number, warmup: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await runOne(i);
  const times = new Array<number>(samples);
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    const pending = runOne(warmup + i);
    // a synchronous run is not awaited: an await would add a microtask turn to what is measured
    if (pending) await pending;
    times[i] = performance.now() - start;
  }
  return times;
}

/** The q-quantile (0…1) of the samples, nearest rank. */
export function percentile(samples: number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(values: number[]): number {
  return percentile(values, 0.5);
}
