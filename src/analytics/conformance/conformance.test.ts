import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flows } from '../../engine/model/bpmn-fixture.ts';
import { checkConformance } from './conformance.ts';
import { netOf, tasks } from './test-helpers.ts';

describe('conformance of a log', () => {
  // s → A → B → C → e
  const sequence = netOf('sequence', `<bpmn:startEvent id="s"/>${tasks('a', 'b', 'c')}<bpmn:endEvent id="e"/>${flows('s->a', 'a->b', 'b->c', 'c->e')}`);
  const log = [
    { activities: ['A', 'B', 'C'], cases: 3, caseIds: ['c1', 'c2', 'c3'] },
    { activities: ['A', 'C'], cases: 2, caseIds: ['c4', 'c5'] },
    { activities: ['A', 'B', 'X', 'C'], cases: 1, caseIds: ['c6'] },
  ];

  it('sums the tokens of every case (a variant replayed once counts for all its cases)', async () => {
    const answer = checkConformance(await sequence, log);
    // A B C: p = c = 6 (three cases: 18); A C: p = c = 5, m = r = 1 (two cases: 10, 10, 2, 2);
    // A B X C replays as A B C: 6. p = c = 34, m = r = 2: fitness = 1 − 2/34 = 0.9412
    assert.deepEqual(
      { fitness: answer.fitness, cases: answer.cases, fittingCases: answer.fittingCases, produced: answer.produced, consumed: answer.consumed, missing: answer.missing, remaining: answer.remaining, unmapped: answer.unmappedActivities },
      { fitness: 0.9412, cases: 6, fittingCases: 3, produced: 34, consumed: 34, missing: 2, remaining: 2, unmapped: ['X'] },
    );
  });

  it('lists the deviations by the cases that show them, with the places they sit between', async () => {
    const answer = checkConformance(await sequence, log);
    assert.deepEqual(answer.deviations, [
      { kind: 'missing', place: 'f_b_c', after: 'B', before: 'C', tokens: 2, cases: 2 },
      { kind: 'remaining', place: 'f_a_b', after: 'A', before: 'B', tokens: 2, cases: 2 },
      { kind: 'notInModel', activity: 'X', tokens: 1, cases: 1 },
    ]);
  });

  it('lists the cases that do not fit, least fitting first, then by id, up to the limit', async () => {
    const net = await sequence;
    const worst = checkConformance(net, log).worst;
    assert.deepEqual(worst.map((w) => [w.caseId, w.fitness, w.missing, w.remaining]), [['c4', 0.8, 1, 1], ['c5', 0.8, 1, 1], ['c6', 1, 0, 0]]);
    assert.deepEqual(worst[2]!.deviations, [{ kind: 'notInModel', activity: 'X', tokens: 1 }]);
    assert.deepEqual(checkConformance(net, log, 1).worst.map((w) => w.caseId), ['c4']);
  });

  it('a log without cases has no fitness', async () => {
    assert.deepEqual(checkConformance(await sequence, []), { fitness: null, cases: 0, fittingCases: 0, produced: 0, consumed: 0, missing: 0, remaining: 0, unmappedActivities: [], deviations: [], worst: [] });
  });
});
