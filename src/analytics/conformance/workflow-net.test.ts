import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flows } from '../../engine/model/bpmn-fixture.ts';
import { netOf, tasks } from './test-helpers.ts';
import { replayer } from './token-replay.ts';
import type { WorkflowNet } from './workflow-net.ts';

/**
 * The translation of each BPMN construct, checked by what replay makes of it: the traces the
 * process allows fit (nothing missing, nothing remaining), and one it does not allow does not.
 */
function check(net: WorkflowNet, allowed: string[][], refused: string[][]) {
  const replay = replayer(net);
  for (const trace of allowed) {
    const r = replay(trace);
    assert.deepEqual([r.missing, r.remaining, r.produced - r.consumed], [0, 0, 0], `${trace.join(' ')} should fit`);
  }
  for (const trace of refused) {
    const r = replay(trace);
    assert.ok(r.missing + r.remaining > 0, `${trace.join(' ')} should not fit`);
  }
}

describe('BPMN to workflow net', () => {
  it('activities are visible transitions, everything else silent; each flow is a place', async () => {
    const net = await netOf('p', `<bpmn:startEvent id="s" name="Received"/><bpmn:userTask id="a" name=" Check "/><bpmn:exclusiveGateway id="x"/><bpmn:endEvent id="e"/>${flows('s->a', 'a->x', 'x->e')}`);
    assert.deepEqual(net.transitions.filter((t) => t.label !== null).map((t) => t.label), ['Check'], 'the name, trimmed');
    assert.deepEqual([...net.byId.keys()], ['a']);
    assert.deepEqual([...net.silent].sort(), ['Received', 'e', 'p', 's', 'x'], 'the process itself too');
    assert.deepEqual(net.places.map((p) => p.id), ['f_s_a', 'f_a_x', 'f_x_e', 'source', 'sink']);
    assert.deepEqual(net.places[1], { id: 'f_a_x', flow: 'f_a_x', after: 'Check', before: 'x' });
  });

  it('an activity with two incoming flows takes a token from either (a merge)', async () => {
    const net = await netOf('p', `<bpmn:startEvent id="s"/>${tasks('a', 'b', 'c')}<bpmn:exclusiveGateway id="x"/><bpmn:endEvent id="e"/>${flows('s->x', 'x->a', 'x->b', 'a->c', 'b->c', 'c->e')}`);
    check(net, [['A', 'C'], ['B', 'C']], [['A', 'B', 'C']]);
  });

  it('an interrupting boundary event replaces its activity; a non-interrupting one runs beside it (before it completes)', async () => {
    const content = (interrupting: boolean) => `<bpmn:startEvent id="s"/>${tasks('check', 'review', 'manual')}
      <bpmn:boundaryEvent id="late" attachedToRef="check" cancelActivity="${interrupting}"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
      <bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>${flows('s->check', 'check->review', 'review->e', 'late->manual', 'manual->e2')}`;
    check(await netOf('interrupting', content(true)), [['CHECK', 'REVIEW'], ['MANUAL']], [['CHECK', 'MANUAL']]);
    check(await netOf('beside', content(false)), [['CHECK', 'REVIEW'], ['MANUAL', 'CHECK', 'REVIEW']], [['MANUAL']]);
  });

  it('a sub-process is flattened: its activities replay in place, its own events are not replayed', async () => {
    const net = await netOf('p', `<bpmn:startEvent id="s"/>${tasks('a', 'c')}
      <bpmn:subProcess id="sub" name="Verify"><bpmn:startEvent id="ss"/><bpmn:task id="b" name="B"/><bpmn:endEvent id="se"/>${flows('ss->b', 'b->se')}</bpmn:subProcess>
      <bpmn:endEvent id="e"/>${flows('s->a', 'a->sub', 'sub->c', 'c->e')}`);
    check(net, [['A', 'B', 'C'], ['A', 'B', 'Verify', 'C']], [['A', 'C'], ['B', 'A', 'C']]);
  });

  it('parallel paths to two end events both end the process', async () => {
    const net = await netOf('p', `<bpmn:startEvent id="s"/>${tasks('a', 'b')}<bpmn:parallelGateway id="fork"/><bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>${flows('s->fork', 'fork->a', 'fork->b', 'a->e1', 'b->e2')}`);
    check(net, [['A', 'B'], ['B', 'A']], [['A']]);
  });

  it('an inclusive split and join: one branch or both (approximated: a branch may be skipped)', async () => {
    const net = await netOf('p', `<bpmn:startEvent id="s"/>${tasks('a', 'b', 'c')}<bpmn:inclusiveGateway id="i1"/><bpmn:inclusiveGateway id="i2"/><bpmn:endEvent id="e"/>
      ${flows('s->i1', 'i1->a:${x}', 'i1->b:${y}', 'a->i2', 'b->i2', 'i2->c', 'c->e')}`);
    check(net, [['A', 'C'], ['B', 'C'], ['A', 'B', 'C'], ['B', 'A', 'C']], [['A', 'C', 'B'], ['A', 'A', 'C']]);
  });

  it('conditional flows out of a task are an inclusive split', async () => {
    const net = await netOf('p', `<bpmn:startEvent id="s"/>${tasks('a', 'b', 'c')}<bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
      ${flows('s->a', 'a->b:${x}', 'a->c:${y}', 'b->e1', 'c->e2')}`);
    check(net, [['A', 'B'], ['A', 'C'], ['A', 'C', 'B']], [['B']]);
  });

  it('a multi-instance task completes one or more times in a row', async () => {
    const net = await netOf('p', `<bpmn:startEvent id="s"/><bpmn:userTask id="a" name="A"><bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
      ${tasks('b')}<bpmn:endEvent id="e"/>${flows('s->a', 'a->b', 'b->e')}`);
    check(net, [['A', 'B'], ['A', 'A', 'A', 'B']], [['B'], ['A', 'B', 'A']]);
  });

  it('an event-based gateway chooses one of the events that follow it', async () => {
    const net = await netOf('p', `<bpmn:startEvent id="s"/>${tasks('a', 'b')}<bpmn:eventBasedGateway id="g"/>
      <bpmn:intermediateCatchEvent id="msg"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="t"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>${flows('s->g', 'g->msg', 'g->t', 'msg->a', 't->b', 'a->e1', 'b->e2')}`, '<bpmn:message id="m" name="documents"/>');
    check(net, [['A'], ['B']], [['A', 'B']]);
  });

  it('an event sub-process may run at any time while the process runs', async () => {
    const net = await netOf('p', `<bpmn:startEvent id="s"/>${tasks('a')}<bpmn:endEvent id="e"/>${flows('s->a', 'a->e')}
      <bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="es" isInterrupting="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent><bpmn:task id="n" name="Notify"/><bpmn:endEvent id="ee"/>${flows('es->n', 'n->ee')}</bpmn:subProcess>`);
    check(net, [['A'], ['Notify', 'A'], ['A', 'Notify', 'Notify']], [['Notify']]);
  });

  it('a process without start events starts at every node without incoming flows', async () => {
    const net = await netOf('p', `${tasks('a', 'b', 'c')}<bpmn:parallelGateway id="join"/>${flows('a->join', 'b->join', 'join->c')}`);
    check(net, [['A', 'B', 'C'], ['B', 'A', 'C']], [['A', 'C']]);
  });
});
