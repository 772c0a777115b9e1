import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { erlangA, mmc } from './erlang.ts';
import { mulberry32 } from './random.ts';
import { simulate, type SimulationInput } from './simulation.ts';

// Tolerances were set from the spread over 30 seeds, not from one lucky seed. Worst seen:
// mean wait 6 % (Erlang C) and 4 % (Erlang A) against 10 % allowed; abandonment 5 % against 10 %;
// service level and percentile shares 0.012 against 0.02; utilisation 0.6 % against 2 %;
// peaky-over-flat wait ratio 1.62 against 1.3 required.
const base = { meanServiceTime: 1, targetWait: 0.5, warmUp: 20_000, seed: 20261128 } as const;

const within = (actual: number, expected: number, relative: number, what: string): void =>
  assert.ok(Math.abs(actual / expected - 1) <= relative, `${what}: simulated ${actual}, formula ${expected}`);

describe('mulberry32', () => {
  it('replays the same stream from the same seed, in [0, 1)', () => {
    const [a, b] = [mulberry32(7), mulberry32(7)];
    const draws = Array.from({ length: 1000 }, () => a());
    assert.deepEqual(Array.from({ length: 1000 }, () => b()), draws);
    assert.ok(draws.every((u) => u >= 0 && u < 1));
    assert.notEqual(mulberry32(8)(), draws[0]);
  });
});

describe('branch queue simulation', () => {
  it('gives the same result for the same seed, and a different one for another', () => {
    const input: SimulationInput = { ...base, arrivalRate: 2.4, servers: 3, meanPatience: 3, customers: 20_000 };
    assert.deepEqual(simulate(input), simulate(input));
    assert.notDeepEqual(simulate({ ...input, seed: input.seed + 1 }), simulate(input));
  });

  it('simulates 200 000 customers well under a second', () => {
    const started = performance.now();
    simulate({ ...base, arrivalRate: 5.4, servers: 6, meanPatience: 2, customers: 200_000 });
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 1000, `took ${elapsed.toFixed(0)} ms`);
  });

  it('agrees with Erlang C on mean wait, service level, percentiles and utilisation', () => {
    for (const servers of [1, 3, 6]) {
      for (const rho of [0.5, 0.7, 0.9]) {
        const arrivalRate = rho * servers;
        const q = mmc(arrivalRate, 1, servers);
        assert.ok(q.stable);
        // Near saturation the waits are strongly correlated; a longer run keeps the error down.
        const customers = rho > 0.8 ? 1_000_000 : 400_000;
        const r = simulate({ ...base, arrivalRate, servers, customers });
        const label = `c = ${servers}, ρ = ${rho}`;
        within(r.meanWait, q.meanWait, 0.1, `${label} mean wait`);
        within(r.utilisation, rho, 0.02, `${label} utilisation`);
        assert.ok(Math.abs(r.shareWithinTarget - q.serviceLevel(base.targetWait)) < 0.02, `${label} service level`);
        // Percentiles through the formula's distribution: P(W ≤ simulated p90) should be 0.9.
        // (Comparing quantiles directly is ill-conditioned where P(W = 0) is close to the share.)
        for (const [share, wait] of [[0.5, r.p50Wait], [0.9, r.p90Wait]] as const) {
          const cdf = q.serviceLevel(wait);
          assert.ok(wait > 0 ? Math.abs(cdf - share) < 0.02 : cdf >= share - 0.02, `${label} p${share * 100} = ${wait}`);
        }
        assert.equal(r.abandonmentShare, 0);
      }
    }
  });

  it('agrees with Erlang A when customers give up, including overload', () => {
    for (const servers of [1, 3, 6]) {
      for (const rho of [0.7, 1.0, 1.3]) {
        const arrivalRate = rho * servers;
        const q = erlangA(arrivalRate, 1, servers, 2);
        const r = simulate({ ...base, arrivalRate, servers, meanPatience: 2, customers: 200_000 });
        const label = `c = ${servers}, ρ = ${rho}`;
        within(r.meanWait, q.meanWait, 0.1, `${label} mean wait`);
        within(r.abandonmentShare, q.probAbandon, 0.1, `${label} abandonment`);
        within(r.utilisation, q.utilisation, 0.02, `${label} utilisation`);
        assert.ok(Math.abs(r.shareWithinTarget - q.serviceLevel(base.targetWait)) < 0.02, `${label} service level`);
      }
    }
  });

  it('makes a peaky day wait longer than a flat day with the same customers', () => {
    // Two hours repeating: 0.95 and 0.45 customers/min on 1 counter average 0.7, like the flat day.
    const peaky = simulate({ ...base, servers: 1, customers: 400_000, arrivalRate: [
      { minutes: 60, arrivalRate: 0.95 },
      { minutes: 60, arrivalRate: 0.45 },
    ] });
    const flat = simulate({ ...base, servers: 1, customers: 400_000, arrivalRate: [{ minutes: 60, arrivalRate: 0.7 }] });
    const formula = mmc(0.7, 1, 1);
    assert.ok(formula.stable);
    within(flat.meanWait, formula.meanWait, 0.1, 'single-segment pattern vs M/M/1');
    within(peaky.utilisation, 0.7, 0.02, 'peaky utilisation');
    assert.ok(peaky.meanWait > 1.3 * flat.meanWait, `peaky ${peaky.meanWait} vs flat ${flat.meanWait}`);
  });

  it('rejects inputs it cannot simulate', () => {
    const ok: SimulationInput = { ...base, arrivalRate: 1, servers: 2, customers: 10 };
    for (const bad of [
      { servers: 0 }, { servers: 1.5 }, { customers: 0 }, { warmUp: -1 }, { meanServiceTime: 0 },
      { arrivalRate: 0 }, { arrivalRate: [] }, { arrivalRate: [{ minutes: 60, arrivalRate: 0 }] },
      { arrivalRate: [{ minutes: 0, arrivalRate: 1 }] }, { meanPatience: 0 },
    ]) {
      assert.throws(() => simulate({ ...ok, ...bad }), RangeError, JSON.stringify(bad));
    }
  });
});
