import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EventHeap } from './event-heap.ts';
import { stream, xoshiro128 } from './random.ts';

describe('xoshiro128**', () => {
  test('draws what the reference C implementation draws from the same state', () => {
    // printed by Blackman and Vigna's xoshiro128starstar.c, compiled with gcc, from s = {1, 2, 3, 4}
    const g = xoshiro128([1, 2, 3, 4]);
    assert.deepEqual(Array.from({ length: 6 }, g.nextUint32), [11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  test('is uniform on [0, 1): mean 1/2, variance 1/12, every tenth equally full', () => {
    const random = stream(42, 'test');
    const n = 200_000;
    const tenths = new Array<number>(10).fill(0);
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const u = random();
      assert.ok(u >= 0 && u < 1);
      sum += u;
      squares += u * u;
      tenths[Math.floor(u * 10)]!++;
    }
    const mean = sum / n;
    // the standard error of the mean is √(1/12/n) = 0.00065
    assert.ok(Math.abs(mean - 0.5) < 0.003, `mean ${mean}`);
    assert.ok(Math.abs(squares / n - mean * mean - 1 / 12) < 0.002, 'variance');
    // each tenth holds 20,000 ± 134 (binomial sd)
    for (const count of tenths) assert.ok(Math.abs(count - 20_000) < 700, `a tenth holds ${count}`);
  });

  test('a seed and a name always give the same stream; another seed or name another', () => {
    const draw = (seed: number, name: string) => Array.from({ length: 5 }, stream(seed, name));
    assert.deepEqual(draw(7, 'arrivals'), draw(7, 'arrivals'));
    assert.notDeepEqual(draw(7, 'arrivals'), draw(8, 'arrivals'));
    assert.notDeepEqual(draw(7, 'arrivals'), draw(7, 'duration:review'));
  });

  test('two streams of one seed are uncorrelated', () => {
    const a = stream(1, 'arrivals');
    const b = stream(1, 'duration:review');
    const n = 100_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (a() - 0.5) * (b() - 0.5);
    // correlation = 12 × covariance; its standard error is 1/√n = 0.003
    assert.ok(Math.abs((12 * sum) / n) < 0.015, `correlation ${(12 * sum) / n}`);
  });
});

describe('the event heap', () => {
  test('gives events in time order, and those at the same time in the order they were scheduled', () => {
    const heap = new EventHeap<string>();
    const random = stream(3, 'heap');
    const expected: [number, string][] = [];
    for (let i = 0; i < 2000; i++) {
      const time = Math.floor(random() * 100); // many ties
      heap.push(time, `e${i}`);
      expected.push([time, `e${i}`]);
    }
    expected.sort((x, y) => x[0] - y[0]); // Array.prototype.sort is stable: ties keep insertion order
    const got: [number, string][] = [];
    while (heap.size) {
      const { time, item } = heap.pop()!;
      got.push([time, item]);
    }
    assert.deepEqual(got, expected);
    assert.equal(heap.pop(), undefined);
    assert.equal(heap.peekTime(), Infinity);
  });
});
