import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flows } from '../../engine/model/bpmn-fixture.ts';
import { netOf, tasks } from './test-helpers.ts';
import { fitness, replayer, type TraceReplay } from './token-replay.ts';
import type { WorkflowNet } from './workflow-net.ts';

/*
 * Small nets replayed by hand. Counting as the replay does: the source's token is produced (p = 1
 * at the start), every transition fired — silent ones too — consumes its inputs and produces its
 * outputs, and the end consumes the sink's token. Activities are tasks named A, B, … (ids a, b, …).
 */

/** The counts, and the deviations as `kind place` strings (a place by its id), sorted. */
function summary(net: WorkflowNet, r: TraceReplay) {
  const places = (kind: string, at: Map<number, number>) => [...at].map(([p, n]) => `${kind} ${net.places[p]!.id}${n > 1 ? ` ×${n}` : ''}`);
  return {
    p: r.produced,
    c: r.consumed,
    m: r.missing,
    r: r.remaining,
    fitness: Math.round(fitness(r) * 10_000) / 10_000,
    deviations: [...places('missing', r.missingAt), ...places('remaining', r.remainingAt), ...[...r.notInModel].map(([a, n]) => `notInModel ${a} ×${n}`)].sort(),
  };
}

const fits = (p: number) => ({ p, c: p, m: 0, r: 0, fitness: 1, deviations: [] });

describe('token replay', () => {
  // s → A → B → C → e: five transitions, each one token in and one out
  const sequence = netOf('sequence', `<bpmn:startEvent id="s"/>${tasks('a', 'b', 'c')}<bpmn:endEvent id="e"/>${flows('s->a', 'a->b', 'b->c', 'c->e')}`);

  it('a fitting trace: fitness 1, nothing missing or remaining', async () => {
    const net = await sequence;
    // p = 1 + 5 transitions; c = 5 transitions + the sink
    assert.deepEqual(summary(net, replayer(net)(['A', 'B', 'C'])), fits(6));
  });

  it('a trace skipping B: one token missing before C, one left before B', async () => {
    const net = await sequence;
    // s, A, C (its input f_b_c created: m = 1), e; then the sink: p = 1 + 4 = 5, c = 4 + 1 = 5;
    // the token A put before B stays: r = 1. fitness = ½(1 − 1/5) + ½(1 − 1/5) = 0.8
    assert.deepEqual(summary(net, replayer(net)(['A', 'C'])), { p: 5, c: 5, m: 1, r: 1, fitness: 0.8, deviations: ['missing f_b_c', 'remaining f_a_b'] });
  });

  it('an activity the model lacks is skipped and reported, without changing the tokens', async () => {
    const net = await sequence;
    assert.deepEqual(summary(net, replayer(net)(['A', 'B', 'X', 'C', 'X'])), { ...fits(6), deviations: ['notInModel X ×2'] });
  });

  it('an activity matches by name, else by element id', async () => {
    const net = await sequence;
    assert.deepEqual(summary(net, replayer(net)(['a', 'B', 'c'])), fits(6));
  });

  // s → A → AND split → (B ‖ C) → AND join → D → e
  const parallel = netOf('and', `<bpmn:startEvent id="s"/>${tasks('a', 'b', 'c', 'd')}<bpmn:parallelGateway id="split"/><bpmn:parallelGateway id="join"/><bpmn:endEvent id="e"/>
    ${flows('s->a', 'a->split', 'split->b', 'split->c', 'b->join', 'c->join', 'join->d', 'd->e')}`);

  it('AND split and join: both orders fit', async () => {
    const net = await parallel;
    // s, A, split (1 in, 2 out), B, C, join (2 in, 1 out), D, e: p = 1 + 9 = 10, c = 9 + 1 = 10
    assert.deepEqual(summary(net, replayer(net)(['A', 'B', 'C', 'D'])), fits(10));
    assert.deepEqual(summary(net, replayer(net)(['A', 'C', 'B', 'D'])), fits(10));
  });

  it('AND: a trace without C misses the join and leaves two tokens', async () => {
    const net = await parallel;
    // s (p 2, c 1), A (p 3, c 2), split (p 5, c 3), B (p 6, c 4); D: the join lacks C's token, so
    // D's own input is created (m = 1; p 7, c 5); e (p 8, c 6); the sink (c 7). Left: the token
    // before C and B's token at the join, r = 2. fitness = ½(1 − 1/7) + ½(1 − 2/8) = 45/56 = 0.8036
    assert.deepEqual(summary(net, replayer(net)(['A', 'B', 'D'])), { p: 8, c: 7, m: 1, r: 2, fitness: 0.8036, deviations: ['missing f_join_d', 'remaining f_b_join', 'remaining f_split_c'] });
  });

  // s → A → XOR → (B | C) → XOR → D → e
  const choice = netOf('xor', `<bpmn:startEvent id="s"/>${tasks('a', 'b', 'c', 'd')}<bpmn:exclusiveGateway id="x1"/><bpmn:exclusiveGateway id="x2"/><bpmn:endEvent id="e"/>
    ${flows('s->a', 'a->x1', 'x1->b', 'x1->c', 'b->x2', 'c->x2', 'x2->d', 'd->e')}`);

  it('XOR: either branch fits', async () => {
    const net = await choice;
    // s, A, x1, B or C, x2, D, e: p = 1 + 7 = 8, c = 7 + 1 = 8
    assert.deepEqual(summary(net, replayer(net)(['A', 'B', 'D'])), fits(8));
    assert.deepEqual(summary(net, replayer(net)(['A', 'C', 'D'])), fits(8));
  });

  it('XOR: both branches in one case miss a token for the second and leave one at the join', async () => {
    const net = await choice;
    // s, A, x1 (to B), B; C: x1's token is gone, C's input is created (m = 1); x2 takes B's token
    // (the first of two equally short ways), D, e, sink: p = 1 + 8 = 9, c = 8 + 1 = 9; C's token
    // stays at the join, r = 1. fitness = 1 − 1/9 = 0.8889
    assert.deepEqual(summary(net, replayer(net)(['A', 'B', 'C', 'D'])), { p: 9, c: 9, m: 1, r: 1, fitness: 0.8889, deviations: ['missing f_x1_c', 'remaining f_c_x2'] });
  });

  // s → A → XOR merge → B → XOR split → (back to the merge | C) → e
  const loop = netOf('loop', `<bpmn:startEvent id="s"/>${tasks('a', 'b', 'c')}<bpmn:exclusiveGateway id="merge"/><bpmn:exclusiveGateway id="again"/><bpmn:endEvent id="e"/>
    ${flows('s->a', 'a->merge', 'merge->b', 'b->again', 'again->merge', 'again->c', 'c->e')}`);

  it('a loop: B three times fits', async () => {
    const net = await loop;
    // s, A, merge, B, then twice (again, merge, B), again, C, e: 13 transitions of one in, one out
    assert.deepEqual(summary(net, replayer(net)(['A', 'B', 'B', 'B', 'C'])), fits(14));
  });

  it('a loop: skipping B misses the token before C and leaves A’s', async () => {
    const net = await loop;
    // s, A, C (input created, m = 1), e, sink: p = 1 + 4 = 5, c = 4 + 1 = 5, r = 1; fitness 0.8
    assert.deepEqual(summary(net, replayer(net)(['A', 'C'])), { p: 5, c: 5, m: 1, r: 1, fitness: 0.8, deviations: ['missing f_again_c', 'remaining f_a_merge'] });
  });

  it('an empty trace: the end is missing and the start remains', async () => {
    const net = await sequence;
    // nothing fires; the sink's token is created (m = 1, c = 1); the source's stays (r = 1, p = 1)
    assert.deepEqual(summary(net, replayer(net)([])), { p: 1, c: 1, m: 1, r: 1, fitness: 0, deviations: ['missing sink', 'remaining source'] });
  });
});
