import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bpmn, flows } from '../../engine/model/bpmn-fixture.ts';
import { applyOverrides } from './parameters.ts';
import { defaultParameters, outline } from './simulation-model.ts';
import { modelOf } from './test-fixtures.ts';

const o = outline(await modelOf(bpmn('p', `
    <bpmn:startEvent id="s"/><bpmn:userTask id="a" camunda:candidateGroups="clerk"/>
    <bpmn:exclusiveGateway id="x"/><bpmn:serviceTask id="b" camunda:type="external" camunda:topic="b"/><bpmn:serviceTask id="c" camunda:type="external" camunda:topic="c"/>
    <bpmn:inclusiveGateway id="o"/><bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/><bpmn:endEvent id="e3"/>
${flows('s->a', 'a->x', 'x->b:${p}', 'x->c:${!p}', 'b->e1', 'c->o', 'o->e2:${q}', 'o->e3:${r}')}`)));
const base = defaultParameters(o);
const fields = (overrides: Parameters<typeof applyOverrides>[2]) => applyOverrides(o, base, overrides, '/p').errors.map((e) => e.field);

describe('a scenario changing the parameters', () => {
  test('the probabilities of an exclusive split must add up to 1 ± 0.001', () => {
    assert.deepEqual(fields({ branchProbabilities: { f_x_b: 0.3, f_x_c: 0.6995 } }), []);
    assert.deepEqual(fields({ branchProbabilities: { f_x_b: 0.3, f_x_c: 0.698 } }), ['/p/branchProbabilities/f_x_b']);
    assert.deepEqual(fields({ branchProbabilities: { f_x_c: 0.7 } }), ['/p/branchProbabilities/f_x_c'], 'one flow changed alone leaves the others as they were: 0.5 + 0.7');
  });

  test('an inclusive split needs one branch that can be taken; its branches need not add up to 1', () => {
    assert.deepEqual(fields({ branchProbabilities: { f_o_e2: 0.9, f_o_e3: 0.9 } }), []);
    assert.deepEqual(fields({ branchProbabilities: { f_o_e2: 0, f_o_e3: 0 } }), ['/p/branchProbabilities/f_o_e2']);
  });

  test('what a scenario changes is marked as set by hand; the rest keeps its origin', () => {
    const r = applyOverrides(o, base, { arrivalsPerHour: 3, pools: { clerk: { size: 4 } }, durations: { a: { kind: 'fixed', value: 90 } } }, '/p');
    assert.deepEqual(r.parameters.pools.clerk, { size: 4, calendar: '24x7' });
    assert.deepEqual([r.provenance.arrivalsPerHour.source, r.provenance.pools.clerk!.source, r.provenance.durations.a!.source, r.provenance.durations.b!.source], ['hand', 'hand', 'hand', 'default']);
    assert.equal(base.parameters.pools.clerk!.size, 1, 'the base set is left as it was');
  });

  test('ids that are not in the model are named, escaped as JSON pointers', () => {
    assert.deepEqual(fields({ durations: { 'x/y': { kind: 'fixed', value: 1 } }, pools: { 'a~b': { size: 2 } }, removedActivities: ['a', 'x'] }), ['/p/durations/x~1y', '/p/pools/a~0b', '/p/removedActivities/1']);
  });
});
