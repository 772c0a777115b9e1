import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkDistribution, fitDistribution, meanOf, normalCdf, sampler, type Distribution } from './distributions.ts';
import { stream } from './random.ts';

const N = 200_000;
const draws = (d: Distribution, seed = 1) => {
  const draw = sampler(d, stream(seed, 'test'));
  return Array.from({ length: N }, draw);
};
const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const sd = (v: number[]) => {
  const m = mean(v);
  return Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1));
};
const within = (actual: number, expected: number, relative: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= relative * expected, `${what}: ${actual}, expected ${expected} ± ${relative * 100}%`);

describe('drawing durations', () => {
  // With 200,000 draws the standard error of a mean is at most sd/447: 0.22% of the mean for an
  // exponential, less for the others; 1% leaves a wide margin.
  const cases: [Distribution, number, number, string][] = [
    [{ kind: 'exponential', mean: 600 }, 600, 600, 'exponential: sd = mean'],
    [{ kind: 'normal', mean: 600, sd: 100 }, 600, 100, 'normal far from 0'],
    [{ kind: 'lognormal', mean: 600, sd: 300 }, 600, 300, 'lognormal by its own mean and sd'],
    [{ kind: 'uniform', min: 300, max: 900 }, 600, 600 / Math.sqrt(12), 'uniform: sd = (max − min)/√12'],
  ];
  for (const [d, m, s, why] of cases) {
    test(why, () => {
      const v = draws(d);
      within(mean(v), m, 0.01, 'mean');
      within(sd(v), s, 0.02, 'sd');
      assert.ok(v.every((x) => x >= 0), 'no negative duration');
      assert.equal(meanOf(d), m);
    });
  }

  test('a normal truncated at 0 never draws below it: N(0, 100²) gives the half-normal mean 100·√(2/π) = 79.79', () => {
    const v = draws({ kind: 'normal', mean: 0, sd: 100 });
    assert.ok(v.every((x) => x >= 0));
    within(mean(v), 100 * Math.sqrt(2 / Math.PI), 0.015, 'mean');
  });

  test('fixed is always its value; empirical draws its values equally often', () => {
    assert.ok(draws({ kind: 'fixed', value: 42 }).slice(0, 1000).every((x) => x === 42));
    const v = draws({ kind: 'empirical', values: [10, 20, 60] });
    within(mean(v), 30, 0.01, 'mean');
    for (const value of [10, 20, 60]) within(v.filter((x) => x === value).length / N, 1 / 3, 0.02, `share of ${value}`);
  });
});

describe('fitting a distribution to observed durations', () => {
  const cases: [Distribution, Distribution['kind']][] = [
    [{ kind: 'exponential', mean: 900 }, 'exponential'],
    [{ kind: 'lognormal', mean: 1500, sd: 600 }, 'lognormal'],
    [{ kind: 'normal', mean: 600, sd: 50 }, 'normal'],
    [{ kind: 'uniform', min: 300, max: 900 }, 'uniform'],
  ];
  for (const [truth, kind] of cases) {
    test(`5,000 ${truth.kind} durations are fitted as ${kind}, with their mean`, () => {
      const v = draws(truth, 5).slice(0, 5000);
      const fit = fitDistribution(v);
      assert.equal(fit.distribution.kind, kind);
      within(fit.mean, meanOf(truth), 0.03, 'mean');
      assert.ok(fit.ksDistance < 0.03, `Kolmogorov–Smirnov distance ${fit.ksDistance}`);
    });
  }

  test('durations that do not vary are fixed', () => {
    assert.deepEqual(fitDistribution([120, 120, 120]).distribution, { kind: 'fixed', value: 120 });
    assert.deepEqual(fitDistribution([75]).distribution, { kind: 'fixed', value: 75 });
  });

  test('Φ, the normal distribution function, at known points', () => {
    for (const [z, p] of [[0, 0.5], [1.96, 0.975], [-1.96, 0.025], [1, 0.8413]] as const) assert.ok(Math.abs(normalCdf(z) - p) < 1e-4, `Φ(${z})`);
  });
});

describe('checking a distribution a person sent', () => {
  const cases: [unknown, string | null][] = [
    [{ kind: 'lognormal', mean: 600, sd: 120 }, null],
    [{ kind: 'empirical', values: [1, 2, 3] }, null],
    [{ kind: 'gamma', shape: 2 }, '/d/kind'],
    [{ kind: 'normal', mean: 600 }, '/d/sd'],
    [{ kind: 'exponential', mean: -5 }, '/d/mean'],
    [{ kind: 'fixed', value: 60, sd: 3 }, '/d/sd'],
    [{ kind: 'uniform', min: 900, max: 300 }, '/d/max'],
    [{ kind: 'empirical', values: [] }, '/d/values'],
    [{ kind: 'empirical', values: [1, 'x'] }, '/d/values/1'],
    [42, '/d'],
  ];
  for (const [value, field] of cases) {
    test(`${JSON.stringify(value)} → ${field ?? 'accepted'}`, () => {
      const checked = checkDistribution(value, '/d');
      assert.equal(checked.ok ? null : checked.errors[0]!.field, field);
    });
  }
});
