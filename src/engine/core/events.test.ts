import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bpmn, flows } from '../model/bpmn-fixture.ts';
import { BpmnError } from '../runtime/memory-engine.ts';
import { engineWith, HOUR, MINUTE, taskAt } from './test-support.ts';

const messages = `
  <bpmn:message id="m_docs" name="documentsReceived"/>
  <bpmn:message id="m_cancel" name="customerCancelled"/>
  <bpmn:signal id="sig_close" name="branchClosed"/>
  <bpmn:error id="err_reject" errorCode="REJECTED"/>
  <bpmn:escalation id="esc_late" escalationCode="LATE"/>`;

describe('timer events', () => {
  const withBoundary = (interrupting: boolean, timer: string) => bpmn('t', `
    <bpmn:startEvent id="s"/><bpmn:userTask id="review"/>
    <bpmn:boundaryEvent id="remind" attachedToRef="review" cancelActivity="${interrupting}">
      <bpmn:timerEventDefinition>${timer}</bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:userTask id="escalated"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
${flows('s->review', 'review->e', 'remind->escalated', 'escalated->e2')}`);

  it('an interrupting timer boundary cancels the task when due, not before', async () => {
    const engine = await engineWith(withBoundary(true, '<bpmn:timeDuration>PT1H</bpmn:timeDuration>'));
    const id = engine.start('t');
    engine.advance(59 * MINUTE);
    assert.deepEqual(engine.waitingAt(id), ['review']);
    engine.advance(1 * MINUTE);
    assert.deepEqual(engine.waitingAt(id), ['escalated']);
    assert.equal(engine.openTasks(id).length, 1, 'the review task is gone');
  });

  it('a non-interrupting timer cycle fires each time and leaves the task open; completing the task stops it', async () => {
    const engine = await engineWith(withBoundary(false, '<bpmn:timeCycle>R3/PT10M</bpmn:timeCycle>'));
    const id = engine.start('t');
    engine.advance(10 * MINUTE);
    engine.advance(10 * MINUTE);
    assert.deepEqual(engine.waitingAt(id), ['escalated', 'escalated', 'review']);
    engine.completeTask(taskAt(engine, id, 'review'));
    engine.advance(HOUR);
    assert.equal(engine.path(id).filter((e) => e === 'remind').length, 2, 'no reminder after the task is done');
  });

  it('an intermediate timer waits for its duration', async () => {
    const engine = await engineWith(bpmn('wait', `
      <bpmn:startEvent id="s"/>
      <bpmn:intermediateCatchEvent id="cool"><bpmn:timerEventDefinition><bpmn:timeDuration>\${coolingOff}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="e"/>
${flows('s->cool', 'cool->e')}`));
    const id = engine.start('wait', { coolingOff: 'P1D' });
    engine.advance(23 * HOUR);
    assert.equal(engine.instances.get(id)!.status, 'active');
    engine.advance(HOUR);
    assert.equal(engine.instances.get(id)!.status, 'completed');
  });
});

describe('message and signal events', () => {
  const waitForDocs = bpmn('docs', `
    <bpmn:startEvent id="s"/>
    <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="m_docs"/></bpmn:intermediateCatchEvent>
    <bpmn:userTask id="check"/><bpmn:endEvent id="e"/>
${flows('s->wait', 'wait->check', 'check->e')}`, messages);

  it('a message is correlated by business key and brings its variables', async () => {
    const engine = await engineWith(waitForDocs);
    const a = engine.start('docs', {}, { businessKey: 'CASE-1' });
    const b = engine.start('docs', {}, { businessKey: 'CASE-2' });
    engine.correlate('documentsReceived', { businessKey: 'CASE-2', variables: { pages: 4 } });
    assert.deepEqual(engine.waitingAt(a), ['wait']);
    assert.deepEqual(engine.waitingAt(b), ['check']);
    assert.equal(engine.instances.get(b)!.scopes[b]!.variables.pages, 4);
  });

  it('a message nobody waits for is refused, not dropped', async () => {
    const engine = await engineWith(waitForDocs);
    engine.start('docs', {}, { businessKey: 'CASE-1' });
    assert.throws(() => engine.correlate('documentsReceived', { businessKey: 'CASE-9' }), /no process instance waits/);
  });

  it('an event-based gateway takes whichever event comes first', async () => {
    const xml = bpmn('race', `
      <bpmn:startEvent id="s"/><bpmn:eventBasedGateway id="g"/>
      <bpmn:intermediateCatchEvent id="docs"><bpmn:messageEventDefinition messageRef="m_docs"/></bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="timeout"><bpmn:timerEventDefinition><bpmn:timeDuration>P5D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="ok"/><bpmn:endEvent id="lapsed"/>
${flows('s->g', 'g->docs', 'g->timeout', 'docs->ok', 'timeout->lapsed')}`, messages);
    const engine = await engineWith(xml);
    const first = engine.start('race', {}, { businessKey: 'A' });
    engine.correlate('documentsReceived', { businessKey: 'A' });
    assert.deepEqual(engine.path(first).slice(-2), ['ok', 'race']);
    assert.equal(engine.jobs.size, 0, 'the timer branch is withdrawn');
    const second = engine.start('race', {}, { businessKey: 'B' });
    engine.advance(5 * 24 * HOUR);
    assert.ok(engine.path(second).includes('lapsed'));
    assert.equal(engine.subscriptions.size, 0, 'the message branch is withdrawn');
  });

  it('a thrown signal reaches every instance waiting for it', async () => {
    const engine = await engineWith(
      bpmn('waiter', `<bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="w"><bpmn:signalEventDefinition signalRef="sig_close"/></bpmn:intermediateCatchEvent><bpmn:endEvent id="e"/>${flows('s->w', 'w->e')}`, messages),
      bpmn('closer', `<bpmn:startEvent id="s"/><bpmn:intermediateThrowEvent id="t"><bpmn:signalEventDefinition signalRef="sig_close"/></bpmn:intermediateThrowEvent><bpmn:endEvent id="e"/>${flows('s->t', 't->e')}`, messages),
    );
    const waiters = [engine.start('waiter'), engine.start('waiter')];
    engine.start('closer');
    for (const id of waiters) assert.equal(engine.instances.get(id)!.status, 'completed');
  });
});

describe('errors, escalations, event sub-processes', () => {
  it('a BPMN error from a handler is caught by the boundary on its task, with code and message', async () => {
    const engine = await engineWith(bpmn('kyc', `
      <bpmn:startEvent id="s"/><bpmn:serviceTask id="check" camunda:delegateExpression="\${kycCheck}"/>
      <bpmn:boundaryEvent id="rejected" attachedToRef="check"><bpmn:errorEventDefinition errorRef="err_reject" camunda:errorCodeVariable="code" camunda:errorMessageVariable="why"/></bpmn:boundaryEvent>
      <bpmn:userTask id="manual"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
${flows('s->check', 'check->e', 'rejected->manual', 'manual->e2')}`, messages));
    engine.handlers.set('kycCheck', (vars) => {
      if (vars.blacklisted) throw new BpmnError('REJECTED', 'on the blacklist');
      return { kycOk: true };
    });
    const clean = engine.start('kyc', { blacklisted: false });
    assert.equal(engine.instances.get(clean)!.status, 'completed');
    const hit = engine.start('kyc', { blacklisted: true });
    assert.deepEqual(engine.waitingAt(hit), ['manual']);
    const vars = engine.instances.get(hit)!.scopes[hit]!.variables;
    assert.equal(vars.code, 'REJECTED');
    assert.equal(vars.why, 'on the blacklist');
  });

  it('an error end event in a sub-process is caught by the sub-process boundary; an uncaught one is an incident', async () => {
    const model = (code: string) => bpmn('sub', `
      <bpmn:startEvent id="s"/>
      <bpmn:subProcess id="review">
        <bpmn:startEvent id="rs"/><bpmn:userTask id="inner"/>
        <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="${code}"/></bpmn:endEvent>
        ${flows('rs->inner', 'inner->fail')}
      </bpmn:subProcess>
      <bpmn:boundaryEvent id="caught" attachedToRef="review"><bpmn:errorEventDefinition errorRef="err_reject"/></bpmn:boundaryEvent>
      <bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
${flows('s->review', 'review->e', 'caught->e2')}`, `${messages}<bpmn:error id="err_other" errorCode="OTHER"/>`);
    const engine = await engineWith(model('err_reject'));
    const id = engine.start('sub');
    engine.completeTask(taskAt(engine, id, 'inner'));
    assert.ok(engine.path(id).includes('e2'));
    assert.equal(engine.instances.get(id)!.status, 'completed');

    const other = await engineWith(model('err_other'));
    const stuck = other.start('sub');
    other.completeTask(taskAt(other, stuck, 'inner'));
    assert.equal(other.instances.get(stuck)!.status, 'active');
    assert.match([...other.incidents.values()][0]!.message, /OTHER.*not caught/);
  });

  it('an interrupting message event sub-process stops the work in its scope', async () => {
    const engine = await engineWith(bpmn('app', `
      <bpmn:startEvent id="s"/><bpmn:userTask id="a"/><bpmn:userTask id="b"/><bpmn:parallelGateway id="fork"/>
      <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
      <bpmn:subProcess id="onCancel" triggeredByEvent="true">
        <bpmn:startEvent id="cs"><bpmn:messageEventDefinition messageRef="m_cancel"/></bpmn:startEvent>
        <bpmn:userTask id="refund"/><bpmn:endEvent id="ce"/>
        ${flows('cs->refund', 'refund->ce')}
      </bpmn:subProcess>
${flows('s->fork', 'fork->a', 'fork->b', 'a->e1', 'b->e2')}`, messages));
    const id = engine.start('app', {}, { businessKey: 'APP-7' });
    assert.deepEqual(engine.waitingAt(id), ['a', 'b']);
    engine.correlate('customerCancelled', { businessKey: 'APP-7' });
    assert.deepEqual(engine.waitingAt(id), ['onCancel', 'refund'], 'a and b are cancelled; the event sub-process runs');
    assert.deepEqual(engine.openTasks(id).map((t) => t.elementId), ['refund']);
    engine.completeTask(taskAt(engine, id, 'refund'));
    assert.equal(engine.instances.get(id)!.status, 'completed');
  });

  it('a non-interrupting escalation boundary lets the sub-process go on', async () => {
    const engine = await engineWith(bpmn('esc', `
      <bpmn:startEvent id="s"/>
      <bpmn:subProcess id="handle">
        <bpmn:startEvent id="hs"/><bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="esc_late"/></bpmn:intermediateThrowEvent>
        <bpmn:userTask id="finish"/><bpmn:endEvent id="he"/>
        ${flows('hs->raise', 'raise->finish', 'finish->he')}
      </bpmn:subProcess>
      <bpmn:boundaryEvent id="notify" attachedToRef="handle" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="esc_late"/></bpmn:boundaryEvent>
      <bpmn:userTask id="manager"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
${flows('s->handle', 'handle->e', 'notify->manager', 'manager->e2')}`, messages));
    const id = engine.start('esc');
    assert.deepEqual(engine.openTasks(id).map((t) => t.elementId).sort(), ['finish', 'manager']);
  });

  it('a terminate end event ends the whole instance, cancelling parallel work', async () => {
    const engine = await engineWith(bpmn('term', `
      <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="a"/><bpmn:userTask id="b"/>
      <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition/></bpmn:endEvent><bpmn:endEvent id="e"/>
${flows('s->fork', 'fork->a', 'fork->b', 'a->stop', 'b->e')}`));
    const id = engine.start('term');
    engine.completeTask(taskAt(engine, id, 'a'));
    assert.equal(engine.instances.get(id)!.status, 'terminated');
    assert.equal(engine.openTasks(id).length, 0);
  });
});
