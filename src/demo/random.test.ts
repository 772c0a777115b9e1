import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hash32, Random } from './random.ts';

describe('demo history randomness', () => {
  it('gives the same sequence for the same seed, another for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, (() => { const r = new Random(seed); return () => r.int(1000); })());
    assert.deepEqual(draw(42), draw(42));
    assert.notDeepEqual(draw(42), draw(43));
  });

  it('draws Poisson counts and log-normal times with the asked mean and median', () => {
    const r = new Random(7);
    const n = 20_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += r.poisson(3);
    assert.ok(Math.abs(sum / n - 3) < 0.05, `mean ${sum / n}`);
    const times = Array.from({ length: n }, () => r.lognormal(10, 0.5)).sort((a, b) => a - b);
    assert.ok(Math.abs(times[n / 2]! - 10) < 0.3, `median ${times[n / 2]}`);
    assert.ok(times.every((t) => t > 0));
  });

  it('picks by weight', () => {
    const r = new Random(1);
    let a = 0;
    for (let i = 0; i < 10_000; i++) if (r.weighted([['a', 3], ['b', 1]] as const) === 'a') a++;
    assert.ok(a > 7300 && a < 7700, `${a} of 10000`);
  });

  it('hashes text to a stable number', () => {
    assert.equal(hash32(''), 0x811c9dc5);
    assert.equal(hash32('BJ-HD'), hash32('BJ-HD'));
    assert.notEqual(hash32('BJ-HD'), hash32('BJ-CY'));
  });
});
