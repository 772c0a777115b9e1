import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countersNeeded, erlangA, erlangB, erlangC, expectedAt, mmc, type StaffingTarget } from './erlang.ts';

/**
 * Reference Erlang B and C by direct summation in exact rational arithmetic (BigInt), for a
 * load a = p/q. Scaling every term a^k/k! by q^c·c! makes them integers T_k = p^k·q^(c−k)·c!/k!:
 *   B = T_c / Σ_{k≤c} T_k,   C = T_c·cq / (Σ_{k<c} T_k·(cq − p) + T_c·cq)   (needs p < cq).
 * A different method from the recursion under test, and free of rounding.
 */
function exactErlang(c: number, p: number, q: number): { b: number; c: number } {
  const [P, Q, C] = [BigInt(p), BigInt(q), BigInt(c)];
  const terms: bigint[] = [];
  let falling = 1n; // c!/k!, built from k = c downwards
  for (let k = c; k >= 0; k--) {
    terms[k] = P ** BigInt(k) * Q ** BigInt(c - k) * falling;
    falling *= BigInt(k === 0 ? 1 : k);
  }
  const top = terms[c] ?? 0n;
  const below = terms.slice(0, c).reduce((s, t) => s + t, 0n);
  const ratio = (num: bigint, den: bigint): number => Number((num * 10n ** 30n) / den) / 1e30;
  return { b: ratio(top, below + top), c: ratio(top * C * Q, below * (C * Q - P) + top * C * Q) };
}

const close = (actual: number, expected: number, relative: number, what = ''): void =>
  assert.ok(Math.abs(actual - expected) <= relative * Math.abs(expected), `${what} ${actual} vs ${expected}`);

describe('Erlang B and C', () => {
  it('match exact rational summation, small to large c', () => {
    // [servers, load numerator, load denominator]
    const rows: [number, number, number][] = [
      [1, 1, 2], [2, 1, 1], [3, 2, 1], [5, 3, 1], [10, 5, 1], [10, 19, 2], [20, 37, 2], [50, 45, 1],
      [100, 95, 1], [200, 190, 1], [300, 2999, 10],
    ];
    for (const [c, p, q] of rows) {
      const exact = exactErlang(c, p, q);
      close(erlangB(c, p / q), exact.b, 1e-12, `B(${c}, ${p}/${q})`);
      close(erlangC(c, p / q), exact.c, 1e-12, `C(${c}, ${p}/${q})`);
    }
  });

  it('reproduce textbook figures', () => {
    // M/M/1 (any queueing text, e.g. Gross & Harris, Fundamentals of Queueing Theory): an arrival
    // waits with probability ρ and Wq = ρ/(μ − λ). λ = 0.8/min, μ = 1/min: P(wait) = 0.8, Wq = 4 min.
    const single = mmc(0.8, 1, 1);
    assert.ok(single.stable);
    close(single.probWait, 0.8, 1e-12);
    close(single.meanWait, 4, 1e-12);
    // M/M/c closed form, worked by hand: c = 2, a = 1 → C = 1/3; c = 3, a = 2 → C = 4/9.
    close(erlangC(2, 1), 1 / 3, 1e-12);
    close(erlangC(3, 2), 4 / 9, 1e-12);
    // Erlang B, by hand: B(5, 3) = (3^5/5!) / Σ_{k≤5} 3^k/k! = 2.025 / 18.4 = 0.110054…
    assert.equal(erlangB(5, 3).toFixed(4), '0.1101');
    // Erlang B tables (traffic engineering, e.g. ITU-T E-series tables): 10 circuits carry 4.46
    // Erlangs at 1 % blocking and 5.08 Erlangs at 2 % (table values are rounded to 0.01 Erlang).
    assert.equal(erlangB(10, 4.46).toFixed(3), '0.010');
    assert.equal(erlangB(10, 5.08).toFixed(3), '0.020');
  });

  it('stay finite and strictly between 0 and 1 for large c', () => {
    for (const [c, a] of [[200, 190], [1000, 980], [10_000, 9_900]] as const) {
      const value = erlangC(c, a);
      assert.ok(Number.isFinite(value) && value > 0 && value < 1, `C(${c}, ${a}) = ${value}`);
    }
  });

  it('say every arrival waits once the load reaches the counters, and none with no load', () => {
    assert.equal(erlangC(3, 3), 1);
    assert.equal(erlangC(3, 4.5), 1);
    assert.equal(erlangC(3, 0), 0);
  });
});

describe('M/M/c', () => {
  it('reports no steady state when ρ ≥ 1', () => {
    assert.deepEqual(mmc(3, 1, 3), { stable: false, servers: 3, offeredLoad: 3, utilisation: 1 });
  });

  it('has a service level that starts at 1 − C and integrates to the mean wait', () => {
    const q = mmc(2.4, 1, 3);
    assert.ok(q.stable);
    close(q.serviceLevel(0), 1 - q.probWait, 1e-12);
    // E[W] = ∫ P(W > t) dt, by the trapezoid rule on a fine grid.
    const step = 0.001;
    let integral = 0;
    for (let t = 0; t < 60; t += step) integral += ((2 - q.serviceLevel(t) - q.serviceLevel(t + step)) / 2) * step;
    close(integral, q.meanWait, 1e-6);
  });
});

describe('Erlang A (with abandonment)', () => {
  it('converges to Erlang C as patience grows', () => {
    for (const [lambda, c] of [[0.8, 1], [2.4, 3], [5.4, 6]] as const) {
      const withC = mmc(lambda, 1, c);
      assert.ok(withC.stable);
      const withA = erlangA(lambda, 1, c, 1e8);
      close(withA.probWait, withC.probWait, 1e-5, 'P(wait)');
      close(withA.meanWait, withC.meanWait, 1e-5, 'mean wait');
      for (const t of [0, 0.5, 2, 5]) close(withA.serviceLevel(t), withC.serviceLevel(t), 1e-5, `SL(${t})`);
      assert.ok(withA.probAbandon < 1e-6);
    }
  });

  it('equals M/M/∞ when patience equals service time (number present is Poisson(a))', () => {
    // With θ = μ every customer present leaves at rate μ whether served or not.
    const a = 3;
    const c = 2;
    const q = erlangA(a, 1, c, 1);
    const poisson = (k: number): number => (Math.exp(-a) * a ** k) / [1, 1, 2, 6][k]!;
    close(q.probWait, 1 - poisson(0) - poisson(1), 1e-12);
    // E[(N − c)+] = E[N] − c + Σ_{k<c} (c − k)·P(N = k)
    close(q.meanWait * a, a - c + 2 * poisson(0) + poisson(1), 1e-12);
  });

  it('waits less than Erlang C, and loses more customers as load grows', () => {
    let previous = 0;
    for (const lambda of [1.5, 2.4, 2.85, 3, 4.5, 9]) {
      const q = erlangA(lambda, 1, 3, 2);
      const c = mmc(lambda, 1, 3);
      if (c.stable) assert.ok(q.meanWait < c.meanWait);
      assert.ok(q.probAbandon > previous && q.probAbandon < 1, `P(abandon) at λ = ${lambda}`);
      previous = q.probAbandon;
    }
  });

  it('balances its books: everyone not abandoning is served, using counter time', () => {
    for (const [lambda, c, patience] of [[2.4, 3, 2], [4.5, 3, 5], [12, 10, 0.5]] as const) {
      const q = erlangA(lambda, 1, c, patience);
      // Served throughput λ(1 − P(ab)) = busy counters · μ.
      close(q.utilisation * c, lambda * (1 - q.probAbandon), 1e-9, 'throughput');
      // The service level starts at 1 − P(wait) and tends to 1 − P(abandon) (computed separately).
      close(q.serviceLevel(0), 1 - q.probWait, 1e-12, 'SL(0)');
      close(q.serviceLevel(200), 1 - q.probAbandon, 1e-9, 'SL(∞)');
      assert.ok(q.serviceLevel(0.5) < q.serviceLevel(1) && q.serviceLevel(1) < q.serviceLevel(2));
    }
  });
});

describe('countersNeeded', () => {
  const targets: StaffingTarget[] = [
    { arrivalRate: 2, meanServiceTime: 5, targetWait: 5, targetShare: 0.8, maxCounters: 40 },
    { arrivalRate: 0.3, meanServiceTime: 8, targetWait: 10, targetShare: 0.9, maxCounters: 40 },
    { arrivalRate: 2, meanServiceTime: 5, targetWait: 5, targetShare: 0.8, meanPatience: 10, maxCounters: 40 },
    { arrivalRate: 1.2, meanServiceTime: 6, targetWait: 3, targetShare: 0.7, meanPatience: 4, maxCounters: 40 },
  ];

  it('returns the fewest counters that meet the target', () => {
    for (const target of targets) {
      const answer = countersNeeded(target);
      assert.equal(answer.type, 'met');
      if (answer.type !== 'met') continue;
      assert.ok(answer.figures.serviceLevel >= target.targetShare);
      assert.deepEqual(expectedAt(answer.servers, target), { stable: true, ...answer.figures });
      const fewer = expectedAt(answer.servers - 1, target);
      assert.ok(!fewer.stable || fewer.serviceLevel < target.targetShare, `c − 1 = ${answer.servers - 1}`);
    }
  });

  it('never asks for fewer counters when more customers come', () => {
    for (const meanPatience of [undefined, 10]) {
      let previous = 0;
      for (let arrivalRate = 0.2; arrivalRate <= 4; arrivalRate += 0.2) {
        const answer = countersNeeded({ arrivalRate, meanServiceTime: 5, targetWait: 5, targetShare: 0.8, meanPatience, maxCounters: 60 });
        assert.equal(answer.type, 'met');
        if (answer.type !== 'met') continue;
        assert.ok(answer.servers >= previous, `λ = ${arrivalRate}: ${answer.servers} < ${previous}`);
        previous = answer.servers;
      }
    }
  });

  it('says when even every counter is not enough, with the figures at the maximum', () => {
    const answer = countersNeeded({ arrivalRate: 2, meanServiceTime: 5, targetWait: 5, targetShare: 0.8, maxCounters: 8 });
    assert.deepEqual(answer, { type: 'unreachable', maxCounters: 8, atMax: { stable: false, servers: 8, offeredLoad: 10 } });
    const patient = countersNeeded({ ...targets[2]!, maxCounters: 8 });
    assert.equal(patient.type, 'unreachable');
    assert.ok(patient.type === 'unreachable' && patient.atMax.stable && patient.atMax.serviceLevel < 0.8);
  });
});
