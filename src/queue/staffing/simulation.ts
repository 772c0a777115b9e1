/**
 * Discrete-event simulation of one branch queue: c identical counters, one FIFO line, Poisson
 * arrivals, exponential counter times, optionally exponential patience (customers who give up).
 * It checks the formulas in erlang.ts and answers what they cannot (percentiles, daily patterns).
 *
 * Deterministic: every draw comes from the seeded generator, so the same input gives the same
 * result. Units as in erlang.ts: minutes and customers per minute.
 */
import { exponential, mulberry32, type Random } from './random.ts';

/** One stretch of a repeating day: `minutes` long, with Poisson arrivals at `arrivalRate`/minute. */
export type RateSegment = { minutes: number; arrivalRate: number };

export type SimulationInput = {
  /**
   * Customers per minute; or a pattern of segments (e.g. one per opening hour) that repeats
   * until enough customers have arrived. A segment may have rate 0 (no arrivals).
   */
  arrivalRate: number | readonly RateSegment[];
  /** Mean counter time per customer, minutes. */
  meanServiceTime: number;
  /** Number of counters, integer ≥ 1. */
  servers: number;
  /** Mean patience, minutes; omit for customers who never leave. */
  meanPatience?: number;
  /** The wait `shareWithinTarget` is measured against, minutes. */
  targetWait: number;
  /** Customers measured, after the warm-up. */
  customers: number;
  /** Customers simulated first and discarded, so the empty start does not flatter the figures. */
  warmUp: number;
  /** Seed of the pseudo-random generator (32 bits used). */
  seed: number;
};

/** Figures over the measured customers. Times in minutes, shares in [0, 1]. */
export type SimulationResult = {
  customers: number;
  /** Time in the queue, over all customers; abandoners count until they leave. */
  meanWait: number;
  /** Nearest-rank median of the same waits. */
  p50Wait: number;
  /** Nearest-rank 90th percentile of the same waits. */
  p90Wait: number;
  /** Share of all customers who reached a counter within `targetWait` (abandoners never do). */
  shareWithinTarget: number;
  /** Share of customers who left before reaching a counter. */
  abandonmentShare: number;
  /**
   * Counter time used by measured customers / (servers × time from first to last measured
   * arrival). Slightly approximate at the window's ends; exact as the run grows.
   */
  utilisation: number;
};

/**
 * Runs the simulation. With one FIFO line and identical counters, a customer starts at the
 * earliest moment a counter is free after everyone ahead has started (Kiefer–Wolfowitz), so a
 * min-heap of counter-free times replaces an event list: O(log c) per customer. A customer whose
 * patience ends before that moment leaves and takes no counter.
 * @param random the generator; defaults to mulberry32(input.seed). Draw order per customer:
 *   inter-arrival gap, counter time, patience (drawn even when unused, so runs stay comparable).
 */
export function simulate(input: SimulationInput, random: Random = mulberry32(input.seed)): SimulationResult {
  const { meanServiceTime, servers, meanPatience, targetWait, customers, warmUp } = input;
  validate(input);
  const nextArrival = arrivalClock(input.arrivalRate, random);
  const counterFree = new Float64Array(servers); // a min-heap; every counter is free at time 0
  const waits = new Float64Array(customers);
  let within = 0;
  let abandoned = 0;
  let busy = 0;
  let firstArrival = 0;
  let lastArrival = 0;
  for (let i = 0; i < warmUp + customers; i++) {
    const arrival = nextArrival();
    const service = exponential(random, meanServiceTime);
    const patience = meanPatience === undefined ? Infinity : exponential(random, meanPatience);
    const wait = Math.max(0, (counterFree[0] ?? 0) - arrival);
    const leaves = wait > patience;
    if (!leaves) replaceMin(counterFree, arrival + wait + service);
    const j = i - warmUp;
    if (j < 0) continue;
    if (j === 0) firstArrival = arrival;
    lastArrival = arrival;
    waits[j] = leaves ? patience : wait;
    if (leaves) abandoned++;
    else {
      busy += service;
      if (wait <= targetWait) within++;
    }
  }
  const span = lastArrival - firstArrival;
  const sorted = waits.slice().sort();
  return {
    customers,
    meanWait: waits.reduce((sum, w) => sum + w, 0) / customers,
    p50Wait: nearestRank(sorted, 0.5),
    p90Wait: nearestRank(sorted, 0.9),
    shareWithinTarget: within / customers,
    abandonmentShare: abandoned / customers,
    utilisation: span > 0 ? busy / (servers * span) : 0,
  };
}

/**
 * Returns a function giving successive arrival times (minutes from 0). With a pattern, a gap that
 * would cross a segment's end is redrawn from that end at the next rate: exact for Poisson
 * arrivals, because the exponential is memoryless.
 */
function arrivalClock(rate: number | readonly RateSegment[], random: Random): () => number {
  let now = 0;
  if (typeof rate === 'number') {
    return () => (now += exponential(random, 1 / rate));
  }
  let index = 0;
  let segmentEnd = rate[0]?.minutes ?? 0;
  return () => {
    for (;;) {
      const segment = rate[index];
      if (segment === undefined) throw new Error('unreachable: validated non-empty pattern');
      const candidate = segment.arrivalRate > 0 ? now + exponential(random, 1 / segment.arrivalRate) : Infinity;
      if (candidate < segmentEnd) return (now = candidate);
      now = segmentEnd;
      index = (index + 1) % rate.length;
      segmentEnd += rate[index]?.minutes ?? 0;
    }
  };
}

/** Replaces the smallest element of a binary min-heap with `value` and restores heap order. */
function replaceMin(heap: Float64Array, value: number): void {
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const child = right < heap.length && (heap[right] ?? 0) < (heap[left] ?? 0) ? right : left;
    const childValue = heap[child] ?? 0;
    if (childValue >= value) break;
    heap[i] = childValue;
    i = child;
  }
  heap[i] = value;
}

/** Nearest-rank percentile of an ascending array: the smallest value with ≥ q of the data at or below. */
function nearestRank(sorted: Float64Array, q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

function validate(input: SimulationInput): void {
  const { arrivalRate, meanServiceTime, servers, meanPatience, targetWait, customers, warmUp } = input;
  const fail = (what: string): never => {
    throw new RangeError(`simulate: ${what}`);
  };
  if (!Number.isInteger(servers) || servers < 1) fail('servers must be an integer ≥ 1');
  if (!Number.isInteger(customers) || customers < 1) fail('customers must be an integer ≥ 1');
  if (!Number.isInteger(warmUp) || warmUp < 0) fail('warmUp must be an integer ≥ 0');
  if (!(meanServiceTime > 0) || !Number.isFinite(meanServiceTime)) fail('meanServiceTime must be finite and > 0');
  if (meanPatience !== undefined && !(meanPatience > 0)) fail('meanPatience must be > 0');
  if (!(targetWait >= 0)) fail('targetWait must be ≥ 0');
  if (typeof arrivalRate === 'number') {
    if (!(arrivalRate > 0) || !Number.isFinite(arrivalRate)) fail('arrivalRate must be finite and > 0');
    return;
  }
  if (arrivalRate.length === 0) fail('the arrival pattern must have at least one segment');
  for (const { minutes, arrivalRate: rate } of arrivalRate) {
    if (!(minutes > 0) || !Number.isFinite(minutes)) fail('every segment needs finite minutes > 0');
    if (!(rate >= 0) || !Number.isFinite(rate)) fail('every segment needs a finite arrivalRate ≥ 0');
  }
  if (!arrivalRate.some((s) => s.arrivalRate > 0)) fail('some segment must have arrivalRate > 0');
}
