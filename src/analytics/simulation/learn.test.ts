import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bpmn, flows } from '../../engine/model/bpmn-fixture.ts';
import { learnParameters, type LogRecord } from './learn.ts';
import { outline } from './simulation-model.ts';
import { modelOf } from './test-fixtures.ts';

// Every expected value below is worked out by hand from the few events written here.

/** Start, an activity A of the clerks, then B or C. */
const XML = bpmn('small', `
    <bpmn:startEvent id="s" name="Start"/>
    <bpmn:userTask id="a" name="A" camunda:candidateGroups="clerk"/>
    <bpmn:exclusiveGateway id="x"/>
    <bpmn:serviceTask id="b" name="B" camunda:type="external" camunda:topic="b"/>
    <bpmn:serviceTask id="c" name="C" camunda:type="external" camunda:topic="c"/>
    <bpmn:endEvent id="e"/>
${flows('s->a', 'a->x', 'x->b:${ok}', 'x->c:${!ok}', 'b->e', 'c->e')}`);

const at = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00+08:00`);

/** A case as the engine logs it: each activity's start and complete. */
function engineCase(id: string, steps: [string, string, string, string | null][]): LogRecord[] {
  return steps.flatMap(([activity, from, to, resource]) => [
    { caseId: id, activity, lifecycle: 'start', at: at(from), resource: null },
    { caseId: id, activity, lifecycle: 'complete', at: at(to), resource },
  ]);
}

describe('learning parameters from a log', () => {
  test('with lifecycles: arrivals, start→complete durations, branch shares, pool size', async () => {
    const o = outline(await modelOf(XML));
    const log = [
      ...engineCase('c1', [['Start', '09:00', '09:00', 'u9'], ['A', '09:00', '09:10', 'u1'], ['B', '09:10', '09:30', null]]),
      ...engineCase('c2', [['Start', '10:00', '10:00', 'u9'], ['A', '10:00', '10:20', 'u2'], ['C', '10:20', '10:25', null]]),
      ...engineCase('c3', [['Start', '11:00', '11:00', 'u9'], ['A', '11:00', '11:30', 'u1'], ['B', '11:30', '11:50', null]]),
      ...engineCase('c4', [['Start', '12:00', '12:00', 'u9'], ['A', '12:00', '12:20', 'u1'], ['B', '12:20', '12:40', null]]),
      { caseId: 'c4', activity: 'Somewhere else', lifecycle: 'complete', at: at('12:41'), resource: null },
    ];
    const learned = learnParameters(o, log);
    // 4 cases starting over 3 hours: 3 intervals in 3 h
    assert.equal(learned.parameters.arrivalsPerHour, 1);
    assert.equal(learned.provenance.arrivalsPerHour.source, 'log');
    // A took 10, 20, 30, 20 min: mean 1200 s, sd √((600² + 0 + 600² + 0)/3) = 489.9 s
    const a = learned.provenance.durations.a!;
    assert.deepEqual([a.source, a.method, a.observations, a.meanSeconds, Math.round(a.sdSeconds as number * 10) / 10], ['log', 'lifecycle', 4, 1200, 489.9]);
    // B always 20 min: fixed
    assert.deepEqual(learned.parameters.durations.b, { kind: 'fixed', value: 1200 });
    assert.deepEqual(learned.parameters.durations.c, { kind: 'fixed', value: 300 });
    // after A: B three times, C once
    assert.deepEqual([learned.parameters.branchProbabilities.f_x_b, learned.parameters.branchProbabilities.f_x_c], [0.75, 0.25]);
    assert.deepEqual(learned.provenance.branchProbabilities.f_x_b, { source: 'log', observations: 3, of: 4 });
    // u1 and u2 completed A; u9 started the cases and is no clerk
    assert.deepEqual(learned.parameters.pools.clerk, { size: 2, calendar: '24x7' });
    assert.deepEqual(learned.provenance.pools.clerk!.resources, ['u1', 'u2']);
    assert.deepEqual(learned.unmatched, ['Somewhere else']);
    assert.equal(learned.cases, 4);
  });

  test('without lifecycles: a duration runs from the previous event of the case', async () => {
    const o = outline(await modelOf(XML));
    const event = (caseId: string, activity: string, time: string): LogRecord => ({ caseId, activity, lifecycle: null, at: at(time), resource: null });
    const log = [event('c1', 'A', '09:10'), event('c1', 'B', '09:40'), event('c2', 'A', '10:05'), event('c2', 'B', '10:45')];
    const learned = learnParameters(o, log);
    // B: 30 and 40 min after A; A is each case's first event, so nothing is known of it
    assert.equal(learned.provenance.durations.b!.method, 'previousEvent');
    assert.equal(learned.provenance.durations.b!.meanSeconds, 2100);
    assert.equal(learned.provenance.durations.a!.source, 'default');
    assert.equal(learned.provenance.durations.c!.source, 'default');
    // arrivals: 2 cases 55 minutes apart
    assert.equal(learned.parameters.arrivalsPerHour, Math.round((60 / 55) * 10_000) / 10_000);
    assert.deepEqual([learned.parameters.branchProbabilities.f_x_b, learned.parameters.branchProbabilities.f_x_c], [1, 0]);
  });

  test('a split right after an unlogged start counts from the beginning of each case', async () => {
    const o = outline(await modelOf(bpmn('first', `
      <bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="x"/>
      <bpmn:userTask id="a" name="A"/><bpmn:userTask id="b" name="B"/><bpmn:endEvent id="e"/>
      ${flows('s->x', 'x->a:${ok}', 'x->b:${!ok}', 'a->e', 'b->e')}`)));
    const log: LogRecord[] = ['A', 'B', 'A'].map((activity, i) => ({ caseId: `c${i}`, activity, lifecycle: 'complete', at: at(`0${i + 1}:00`), resource: null }));
    const learned = learnParameters(o, log);
    assert.deepEqual([learned.parameters.branchProbabilities.f_x_a, learned.parameters.branchProbabilities.f_x_b], [0.6667, 0.3333]);
    // a user task without lane or group is a pool of its own, named after it
    assert.deepEqual(o.pools, ['A', 'B']);
  });

  test('a model the log knows nothing of keeps its defaults, each marked so', async () => {
    const o = outline(await modelOf(XML));
    const learned = learnParameters(o, []);
    assert.deepEqual(learned.parameters.arrivalsPerHour, 1);
    assert.deepEqual(learned.parameters.durations.a, { kind: 'exponential', mean: 600 });
    assert.deepEqual([learned.parameters.branchProbabilities.f_x_b, learned.parameters.branchProbabilities.f_x_c], [0.5, 0.5]);
    assert.deepEqual(learned.parameters.pools, { clerk: { size: 1, calendar: '24x7' } });
    for (const origin of [learned.provenance.arrivalsPerHour, learned.provenance.durations.a, learned.provenance.branchProbabilities.f_x_b, learned.provenance.pools.clerk]) assert.equal(origin!.source, 'default');
  });
});
