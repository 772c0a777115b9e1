/**
 * Queueing formulas for branch counter staffing (人员配置). Pure functions, no I/O.
 *
 * Units, everywhere in this folder: times in MINUTES, rates in customers PER MINUTE.
 * Offered load a = λ · E[S] is in Erlangs (busy counters needed on average).
 * See README.md beside this file for the method and the definitions.
 */

/**
 * Erlang B: probability that an arrival finds all `servers` busy in a loss system (M/M/c/c).
 * Uses the recursion B(k) = a·B(k−1) / (k + a·B(k−1)), whose every step stays in [0, 1], so it is
 * stable for any c (no factorials, no powers).
 * @param servers integer ≥ 0
 * @param offeredLoad a ≥ 0, in Erlangs
 */
export function erlangB(servers: number, offeredLoad: number): number {
  requireCount('servers', servers, 0);
  requireNonNegative('offeredLoad', offeredLoad);
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
  return b;
}

/**
 * Erlang C: probability that an arrival has to wait in M/M/c (infinite patience, FIFO).
 * Converted from Erlang B as C = c·B / (c − a·(1 − B)), which is stable for large c.
 * @param servers integer ≥ 1
 * @param offeredLoad a ≥ 0, in Erlangs
 * @returns a value in [0, 1]; exactly 1 when a ≥ c (the queue grows without bound).
 */
export function erlangC(servers: number, offeredLoad: number): number {
  requireCount('servers', servers, 1);
  if (offeredLoad >= servers) return 1;
  const b = erlangB(servers, offeredLoad);
  return (servers * b) / (servers - offeredLoad * (1 - b));
}

/** Figures of a stable M/M/c queue. Times in minutes; shares in [0, 1]. */
export type MmcFigures = {
  stable: true;
  servers: number;
  /** λ·E[S], Erlangs. */
  offeredLoad: number;
  /** ρ = a / c: share of counter time that is busy. */
  utilisation: number;
  /** Erlang C: share of customers who wait at all. */
  probWait: number;
  /** Mean wait in the queue over all customers (those who do not wait count as 0), minutes. */
  meanWait: number;
  /** P(wait ≤ t) = 1 − C·e^{−(cμ−λ)t}, for t in minutes. */
  serviceLevel: (targetWait: number) => number;
};

/** An M/M/c queue with ρ ≥ 1 has no steady state: the queue grows without bound. */
export type MmcResult = MmcFigures | { stable: false; servers: number; offeredLoad: number; utilisation: number };

/**
 * M/M/c: Poisson arrivals, exponential service, `servers` identical counters, FIFO, nobody leaves.
 * @param arrivalRate λ, customers per minute (≥ 0)
 * @param meanServiceTime E[S] = 1/μ, minutes (> 0)
 * @param servers c, integer ≥ 1
 */
export function mmc(arrivalRate: number, meanServiceTime: number, servers: number): MmcResult {
  requireNonNegative('arrivalRate', arrivalRate);
  requirePositive('meanServiceTime', meanServiceTime);
  requireCount('servers', servers, 1);
  const offeredLoad = arrivalRate * meanServiceTime;
  const utilisation = offeredLoad / servers;
  if (utilisation >= 1) return { stable: false, servers, offeredLoad, utilisation };
  const probWait = erlangC(servers, offeredLoad);
  // Rate at which a queue of waiting customers drains: c·μ − λ (per minute).
  const drain = servers / meanServiceTime - arrivalRate;
  return {
    stable: true,
    servers,
    offeredLoad,
    utilisation,
    probWait,
    meanWait: probWait / drain,
    serviceLevel: (t) => (t < 0 ? 0 : 1 - probWait * Math.exp(-drain * t)),
  };
}

/** Figures of an Erlang A (M/M/c+M) queue. Times in minutes; shares in [0, 1]. */
export type ErlangAFigures = {
  servers: number;
  offeredLoad: number;
  /** Share of counter time that is busy (served customers only: abandoners use no counter). */
  utilisation: number;
  /** Share of arrivals who find every counter busy. */
  probWait: number;
  /** Share of arrivals who leave before reaching a counter. */
  probAbandon: number;
  /** Mean time in the queue over all arrivals; abandoners count until they leave. Minutes. */
  meanWait: number;
  /**
   * Share of ALL arrivals (served or abandoning) who reach a counter within t minutes.
   * Abandoners always count as missing the target, however early they left.
   */
  serviceLevel: (targetWait: number) => number;
};

/** Log-probability drop below the peak at which the chain is cut off (e^−40 ≈ 4·10^−18). */
const TAIL_LOG = 40;
/** Guard against a chain that cannot be cut off (overload with near-infinite patience). */
const MAX_STATES = 200_000;

/**
 * Erlang A, M/M/c+M: as M/M/c, but each waiting customer leaves after an exponential patience
 * with mean `meanPatience`. Stable for any load, because the queue sheds customers.
 *
 * Method: the number in the branch is a birth–death chain, birth rate λ, death rate n·μ up to c
 * and c·μ + (n−c)·θ above (θ = 1/meanPatience). Its stationary law is computed in log space and
 * cut off at the first state N above c where the terms decrease and are e^−40 below the peak.
 * @param arrivalRate λ, customers per minute (≥ 0)
 * @param meanServiceTime 1/μ, minutes (> 0)
 * @param servers c, integer ≥ 1
 * @param meanPatience 1/θ, minutes (> 0; Infinity is not allowed — use `mmc`)
 * @throws RangeError if the chain would need more than 200 000 states.
 */
export function erlangA(arrivalRate: number, meanServiceTime: number, servers: number, meanPatience: number): ErlangAFigures {
  requireNonNegative('arrivalRate', arrivalRate);
  requirePositive('meanServiceTime', meanServiceTime);
  requireCount('servers', servers, 1);
  requirePositive('meanPatience', meanPatience);
  const mu = 1 / meanServiceTime;
  const theta = 1 / meanPatience;
  const p = stationary(arrivalRate, mu, theta, servers);
  let probWait = 0;
  let queued = 0; // mean number waiting, Lq
  let busy = 0; // mean number of busy counters
  for (let n = 0; n < p.length; n++) {
    const pn = at(p, n);
    busy += Math.min(n, servers) * pn;
    if (n >= servers) {
      probWait += pn;
      queued += (n - servers) * pn;
    }
  }
  // By PASTA an arrival sees the stationary law; p[c + j] is "j customers ahead in the queue".
  const seenAhead = p.subarray(servers);
  return {
    servers,
    offeredLoad: arrivalRate * meanServiceTime,
    utilisation: busy / servers,
    probWait,
    // Little's law on the queue: Lq = λ·E[time in queue]; abandonments happen at rate θ·Lq.
    probAbandon: arrivalRate > 0 ? (theta * queued) / arrivalRate : 0,
    meanWait: arrivalRate > 0 ? queued / arrivalRate : 0,
    serviceLevel: (t) => (t < 0 ? 0 : 1 - probWait + servedWithin(seenAhead, servers * mu, theta, t)),
  };
}

/** Normalised stationary probabilities p[0..N] of the Erlang A birth–death chain. */
function stationary(lambda: number, mu: number, theta: number, c: number): Float64Array {
  const logs: number[] = [0];
  let peak = 0;
  let log = 0;
  for (let n = 1; ; n++) {
    const death = n <= c ? n * mu : c * mu + (n - c) * theta;
    log += Math.log(lambda) - Math.log(death);
    logs.push(log);
    peak = Math.max(peak, log);
    // From here death rates only grow, so the terms fall geometrically: the rest is negligible.
    if (n >= c && death > lambda && log < peak - TAIL_LOG) break;
    if (n >= MAX_STATES) {
      throw new RangeError(`Erlang A needs more than ${MAX_STATES} states: patience is too long for this overload`);
    }
  }
  const p = Float64Array.from(logs, (l) => Math.exp(l - peak));
  const total = p.reduce((sum, x) => sum + x, 0);
  return p.map((x) => x / total);
}

/**
 * Probability (unconditioned, summed over the arrival's view) that an arrival who finds j
 * customers ahead in the queue reaches a counter within t minutes before its own patience runs out.
 *
 * The tagged customer's view is a pure-death chain on "m ahead": m falls at rate cμ + m·θ (a
 * service ends or someone ahead gives up); from m = 0 a counter frees at rate cμ; the customer
 * itself leaves at rate θ. Its transient law is computed exactly by uniformisation: a discrete
 * chain stepped at the Poisson(Λt) number of events, Λ the largest exit rate.
 * @param seenAhead seenAhead[j] = P(arrival finds all busy and j waiting)
 * @param capacity c·μ, per minute
 */
function servedWithin(seenAhead: Float64Array, capacity: number, theta: number, t: number): number {
  const last = seenAhead.length - 1;
  const uniform = capacity + (last + 1) * theta;
  const events = uniform * t;
  let x = Float64Array.from(seenAhead);
  let next = new Float64Array(x.length);
  let served = 0; // mass served after k uniformised steps
  let result = 0;
  let weightUsed = 0;
  let logWeight = -events; // log of the Poisson(events) probability of k steps, built up in k
  const maxSteps = Math.ceil(events + 10 * Math.sqrt(events) + 20);
  for (let k = 0; k <= maxSteps; k++) {
    if (k > 0) logWeight += Math.log(events) - Math.log(k);
    const weight = Math.exp(logWeight);
    result += weight * served;
    weightUsed += weight;
    served += (at(x, 0) * capacity) / uniform;
    let remaining = 0;
    for (let m = 0; m <= last; m++) {
      const stay = 1 - (capacity + (m + 1) * theta) / uniform;
      const fromAbove = m < last ? (at(x, m + 1) * (capacity + (m + 1) * theta)) / uniform : 0;
      next[m] = at(x, m) * stay + fromAbove;
      remaining += next[m] ?? 0;
    }
    [x, next] = [next, x];
    // Everyone has been served or has left: later steps would add nothing new.
    if (remaining < 1e-15) break;
  }
  return result + Math.max(0, 1 - weightUsed) * served;
}

/** What the branch manager asks about: customers per minute, minutes, optional patience. */
export type StaffingInput = {
  /** λ, customers per minute. */
  arrivalRate: number;
  /** Mean counter time per customer, minutes. */
  meanServiceTime: number;
  /** The wait the service level is measured against, minutes. */
  targetWait: number;
  /** Mean patience, minutes. Omit for customers who never leave (Erlang C). */
  meanPatience?: number;
};

/** Expected figures at a given number of counters; shares in [0, 1], times in minutes. */
export type StaffingFigures = {
  servers: number;
  utilisation: number;
  probWait: number;
  /** 0 without abandonment. */
  probAbandon: number;
  meanWait: number;
  /** Share of all arrivals served within `targetWait` (see ErlangAFigures.serviceLevel). */
  serviceLevel: number;
};

/** Without patience and with load ≥ counters the queue has no steady state. */
export type StaffingEstimate =
  | ({ stable: true } & StaffingFigures)
  | { stable: false; servers: number; offeredLoad: number };

/**
 * What-if: "with N counters the expected wait is …". Erlang C without `meanPatience`, Erlang A
 * with it.
 */
export function expectedAt(servers: number, input: StaffingInput): StaffingEstimate {
  requireNonNegative('targetWait', input.targetWait);
  const { arrivalRate, meanServiceTime, targetWait, meanPatience } = input;
  if (meanPatience === undefined) {
    const q = mmc(arrivalRate, meanServiceTime, servers);
    return q.stable ? estimate(q, 0, targetWait) : { stable: false, servers, offeredLoad: q.offeredLoad };
  }
  const q = erlangA(arrivalRate, meanServiceTime, servers, meanPatience);
  return estimate(q, q.probAbandon, targetWait);
}

function estimate(q: Omit<ErlangAFigures, 'probAbandon'>, probAbandon: number, targetWait: number): StaffingEstimate {
  const { servers, utilisation, probWait, meanWait } = q;
  return { stable: true, servers, utilisation, probWait, probAbandon, meanWait, serviceLevel: q.serviceLevel(targetWait) };
}

/** A staffing target: `targetShare` of customers served within `targetWait` minutes. */
export type StaffingTarget = StaffingInput & {
  /** e.g. 0.8 for "80 % within targetWait"; in (0, 1]. */
  targetShare: number;
  /** The most counters the branch has; the search stops there. */
  maxCounters: number;
};

export type StaffingAnswer =
  | { type: 'met'; servers: number; figures: StaffingFigures }
  | { type: 'unreachable'; maxCounters: number; atMax: StaffingEstimate };

/**
 * The smallest number of counters c ≤ maxCounters whose service level reaches `targetShare`,
 * with the figures at that c; or 'unreachable' with the figures at maxCounters.
 * The service level rises with c, so the first c that meets the target is the answer.
 */
export function countersNeeded(target: StaffingTarget): StaffingAnswer {
  requireCount('maxCounters', target.maxCounters, 1);
  if (!(target.targetShare > 0 && target.targetShare <= 1)) throw new RangeError('targetShare must be in (0, 1]');
  // Without patience every c ≤ a is unstable; start just above the load.
  const first = target.meanPatience === undefined ? Math.floor(target.arrivalRate * target.meanServiceTime) + 1 : 1;
  for (let c = Math.max(1, first); c <= target.maxCounters; c++) {
    const estimate = expectedAt(c, target);
    if (estimate.stable && estimate.serviceLevel >= target.targetShare) {
      const { stable: _, ...figures } = estimate;
      return { type: 'met', servers: c, figures };
    }
  }
  return { type: 'unreachable', maxCounters: target.maxCounters, atMax: expectedAt(target.maxCounters, target) };
}

function at(values: Float64Array, index: number): number {
  return values[index] ?? 0;
}

function requireCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}`);
}

function requirePositive(name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
}

function requireNonNegative(name: string, value: number): void {
  if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
}
