import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bpmn, flows } from '../model/bpmn-fixture.ts';
import { engineWith, taskAt } from './test-support.ts';

describe('gateways', () => {
  const exclusive = bpmn('xor', `
    <bpmn:startEvent id="s"/>
    <bpmn:exclusiveGateway id="x" default="f_x_small"/>
    <bpmn:userTask id="big"/>
    <bpmn:userTask id="medium"/>
    <bpmn:userTask id="small"/>
    <bpmn:endEvent id="e"/>
${flows('s->x', 'x->big:${amount >= 1000000}', 'x->medium:${amount >= 50000}', 'x->small', 'big->e', 'medium->e', 'small->e')}`);

  for (const [amount, expected] of [[2_000_000, 'big'], [60_000, 'medium'], [100, 'small']] as const) {
    it(`exclusive: takes the first true condition, else the default (amount ${amount} → ${expected})`, async () => {
      const engine = await engineWith(exclusive);
      const id = engine.start('xor', { amount });
      assert.deepEqual(engine.waitingAt(id), [expected]);
    });
  }

  it('exclusive: an unknown variable in a condition raises an incident at the gateway, and retry resumes', async () => {
    const engine = await engineWith(exclusive);
    const id = engine.start('xor', {});
    const incident = [...engine.incidents.values()][0]!;
    assert.equal(incident.elementId, 'x');
    assert.match(incident.message, /amount/);
    assert.deepEqual(engine.waitingAt(id), ['x']);
    engine.send(id, { type: 'setVariables', variables: { amount: 70_000 } });
    engine.send(id, { type: 'retryIncident', incidentId: incident.id });
    assert.deepEqual(engine.waitingAt(id), ['medium']);
  });

  it('parallel: forks to every branch and joins only when all have arrived', async () => {
    const engine = await engineWith(bpmn('and', `
      <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
      <bpmn:userTask id="a"/><bpmn:userTask id="b"/><bpmn:userTask id="c"/>
      <bpmn:parallelGateway id="join"/><bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
${flows('s->fork', 'fork->a', 'fork->b', 'fork->c', 'a->join', 'b->join', 'c->join', 'join->after', 'after->e')}`));
    const id = engine.start('and');
    assert.deepEqual(engine.waitingAt(id), ['a', 'b', 'c']);
    engine.completeTask(taskAt(engine, id, 'b'));
    engine.completeTask(taskAt(engine, id, 'a'));
    assert.deepEqual(engine.waitingAt(id), ['c']);
    engine.completeTask(taskAt(engine, id, 'c'));
    assert.deepEqual(engine.waitingAt(id), ['after']);
    assert.equal(engine.path(id).filter((e) => e === 'join').length, 1, 'the join fires once');
  });

  const inclusive = bpmn('or', `
    <bpmn:startEvent id="s"/><bpmn:inclusiveGateway id="split" default="f_split_c"/>
    <bpmn:userTask id="a"/><bpmn:userTask id="b"/><bpmn:userTask id="c"/>
    <bpmn:userTask id="a2"/>
    <bpmn:inclusiveGateway id="join"/><bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
${flows('s->split', 'split->a:${needsA}', 'split->b:${needsB}', 'split->c', 'a->a2', 'a2->join', 'b->join', 'c->join', 'join->after', 'after->e')}`);

  it('inclusive: takes every true branch and waits for exactly those at the join', async () => {
    const engine = await engineWith(inclusive);
    const id = engine.start('or', { needsA: true, needsB: true });
    assert.deepEqual(engine.waitingAt(id), ['a', 'b']);
    engine.completeTask(taskAt(engine, id, 'b'));
    assert.deepEqual(engine.waitingAt(id), ['a'], 'b waits at the join while a can still arrive');
    engine.completeTask(taskAt(engine, id, 'a'));
    assert.deepEqual(engine.waitingAt(id), ['a2'], 'the token moving on from a can still reach the join');
    engine.completeTask(taskAt(engine, id, 'a2'));
    assert.deepEqual(engine.waitingAt(id), ['after']);
  });

  it('inclusive: with no condition true it takes the default, and the join does not wait for dead branches', async () => {
    const engine = await engineWith(inclusive);
    const id = engine.start('or', { needsA: false, needsB: false });
    assert.deepEqual(engine.waitingAt(id), ['c']);
    engine.completeTask(taskAt(engine, id, 'c'));
    assert.deepEqual(engine.waitingAt(id), ['after']);
  });

  it('a loop back through an exclusive gateway runs until its condition turns false', async () => {
    const engine = await engineWith(bpmn('loop', `
      <bpmn:startEvent id="s"/><bpmn:userTask id="work"/>
      <bpmn:exclusiveGateway id="again" default="f_again_e"/><bpmn:endEvent id="e"/>
${flows('s->work', 'work->again', 'again->work:${count < 3}', 'again->e')}`));
    const id = engine.start('loop', { count: 0 });
    for (let i = 1; i <= 3; i++) engine.completeTask(taskAt(engine, id, 'work'), { count: i });
    assert.equal(engine.instances.get(id)!.status, 'completed');
    assert.equal(engine.path(id).filter((e) => e === 'work').length, 3);
  });

  it('a loop without any wait state is stopped, not run forever', async () => {
    const engine = await engineWith(bpmn('spin', `
      <bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="a"/><bpmn:exclusiveGateway id="b"/>
${flows('s->a', 'a->b', 'b->a')}`));
    assert.throws(() => engine.start('spin'), /without reaching a wait state/);
  });
});
