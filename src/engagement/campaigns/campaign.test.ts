import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { controlGroup, drawWinners, entrantsDigest, quietHoursEnd, seedCommitment, uplift, wilson } from './campaign.ts';

describe('campaign rules', () => {
  it('gives Newcombe’s published interval for 56/70 against 48/80 (his example: 0.0524 to 0.3339)', () => {
    const u = uplift(56, 70, 48, 80)!;
    assert.equal(u.difference.toFixed(4), '0.2000');
    assert.equal(u.low.toFixed(4), '0.0524');
    assert.equal(u.high.toFixed(4), '0.3339');
  });

  it('keeps the interval within [-1, 1] at the edges, and has none for an empty arm', () => {
    const u = uplift(10, 10, 0, 10)!;
    assert.ok(u.low > 0 && u.high <= 1);
    assert.equal(uplift(1, 10, 0, 0), null);
    const [low, high] = wilson(0, 20);
    assert.equal(low, 0);
    assert.equal(high.toFixed(4), '0.1611');
  });

  it('holds out exactly the share asked for, the same customers every time, different ones per campaign', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `c-${i}`);
    const a = controlGroup('campaign-1', ids, 10);
    assert.equal(a.size, 20);
    assert.deepEqual([...controlGroup('campaign-1', [...ids].reverse(), 10)].sort(), [...a].sort(), 'order of the audience does not matter');
    const b = controlGroup('campaign-2', ids, 10);
    assert.notDeepEqual([...b].sort(), [...a].sort());
    assert.equal(controlGroup('campaign-1', ids, 0).size, 0);
    assert.equal(controlGroup('campaign-1', ['only'], 10).size, 0, 'round(0.1) holds out nobody');
  });

  it('defers SMS and e-mail from 21:00 to 08:00 China time to the next 08:00', () => {
    const cases: [string, string | null][] = [
      ['2026-11-20T00:00:00Z', null], // 08:00 China
      ['2026-11-20T12:59:59Z', null], // 20:59:59
      ['2026-11-20T13:00:00Z', '2026-11-21T00:00:00.000Z'], // 21:00 → next morning
      ['2026-11-20T16:30:00Z', '2026-11-21T00:00:00.000Z'], // 00:30 China on the 21st
      ['2026-11-20T23:59:00Z', '2026-11-21T00:00:00.000Z'], // 07:59 China
    ];
    for (const [at, expected] of cases) assert.equal(quietHoursEnd(new Date(at))?.toISOString() ?? null, expected, at);
  });

  it('draws winners anyone can recompute from the seed: HMAC-SHA256 ranking, prizes in order', () => {
    const seed = 'ab'.repeat(32);
    const entrants = ['d', 'a', 'c', 'b', 'e'];
    const winners = drawWinners(seed, entrants, [{ count: 1 }, { count: 2 }]);
    const ranked = [...entrants].sort().sort((x, y) => (createHmac('sha256', seed).update(x).digest('hex') < createHmac('sha256', seed).update(y).digest('hex') ? -1 : 1));
    assert.deepEqual(winners, [{ customerId: ranked[0], prize: 0 }, { customerId: ranked[1], prize: 1 }, { customerId: ranked[2], prize: 1 }]);
    assert.deepEqual(drawWinners(seed, [...entrants].reverse(), [{ count: 1 }, { count: 2 }]), winners, 'entrant order does not matter');
    assert.equal(drawWinners(seed, ['a'], [{ count: 3 }]).length, 1, 'no more winners than entrants');
    assert.equal(seedCommitment(seed), createHash('sha256').update(seed).digest('hex'));
    assert.equal(entrantsDigest(entrants), createHash('sha256').update('a\nb\nc\nd\ne').digest('hex'));
  });
});
