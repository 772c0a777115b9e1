import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventQueue } from './event-queue.ts';
import { Random } from './random.ts';

describe('demo history event queue', () => {
  it('hands events out in time order, same-time events in the order they came', () => {
    const q = new EventQueue();
    const noop = async () => undefined;
    q.schedule(30, 'c', noop);
    q.schedule(10, 'a1', noop);
    q.schedule(20, 'b', noop);
    q.schedule(10, 'a2', noop);
    assert.equal(q.peek(), 10);
    const order: string[] = [];
    for (let e = q.pop(); e; e = q.pop()) order.push(e.label);
    assert.deepEqual(order, ['a1', 'a2', 'b', 'c']);
    assert.equal(q.size, 0);
    assert.equal(q.peek(), null);
  });

  it('sorts many random times', () => {
    const q = new EventQueue();
    const r = new Random(3);
    const times = Array.from({ length: 500 }, () => r.int(10_000));
    for (const t of times) q.schedule(t, String(t), async () => undefined);
    const out: number[] = [];
    for (let e = q.pop(); e; e = q.pop()) out.push(e.at);
    assert.deepEqual(out, [...times].sort((a, b) => a - b));
  });
});
