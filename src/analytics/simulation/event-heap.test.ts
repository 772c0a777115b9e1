import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventHeap } from './event-heap.ts';
import { stream } from './random.ts';

describe('the future events heap', () => {
  it('hands events out in time order, same-time events in the order they came', () => {
    const heap = new EventHeap<string>();
    for (const [time, label] of [[30, 'c'], [10, 'a1'], [20, 'b'], [10, 'a2']] as const) heap.push(time, label);
    assert.equal(heap.peekTime(), 10);
    const order: string[] = [];
    for (let e = heap.pop(); e; e = heap.pop()) order.push(e.item);
    assert.deepEqual(order, ['a1', 'a2', 'b', 'c']);
    assert.equal(heap.size, 0);
    assert.equal(heap.peekTime(), Infinity);
    heap.push(5, 'x');
    heap.clear();
    assert.equal(heap.pop(), undefined);
  });

  it('sorts many random times', () => {
    const heap = new EventHeap<number>();
    const random = stream(3, 'heap');
    const times = Array.from({ length: 500 }, () => Math.floor(random() * 10_000));
    for (const t of times) heap.push(t, t);
    const out: number[] = [];
    for (let e = heap.pop(); e; e = heap.pop()) out.push(e.time);
    assert.deepEqual(out, [...times].sort((a, b) => a - b));
  });
});
