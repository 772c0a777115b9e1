import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bpmn, flows } from '../model/bpmn-fixture.ts';
import { StepRefusal } from './step.ts';
import { engineWith, HOUR, taskAt } from './test-support.ts';

describe('user tasks', () => {
  it('evaluates assignee, candidates, priority and due date; the lane stands for the candidate group', async () => {
    const engine = await engineWith(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="lanes" isExecutable="true">
    <bpmn:laneSet id="ls"><bpmn:lane id="l1" name="counter"><bpmn:flowNodeRef>t1</bpmn:flowNodeRef></bpmn:lane><bpmn:lane id="l2" name="backoffice"><bpmn:flowNodeRef>t2</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
    <bpmn:startEvent id="s"/>
    <bpmn:userTask id="t1" name="Check" camunda:assignee="\${initiator}" camunda:priority="\${amount > 100 ? 80 : 20}" camunda:dueDate="PT4H"/>
    <bpmn:userTask id="t2" name="Book" camunda:candidateUsers="li, wang"/>
    <bpmn:endEvent id="e"/>
    <bpmn:sequenceFlow id="a" sourceRef="s" targetRef="t1"/><bpmn:sequenceFlow id="b" sourceRef="t1" targetRef="t2"/><bpmn:sequenceFlow id="c" sourceRef="t2" targetRef="e"/>
  </bpmn:process>
</bpmn:definitions>`);
    const id = engine.start('lanes', { initiator: 'zhang', amount: 500 });
    const [t1] = engine.openTasks(id);
    assert.equal(t1!.assignee, 'zhang');
    assert.equal(t1!.priority, 80);
    assert.deepEqual(t1!.candidateGroups, ['counter']);
    assert.equal(t1!.dueAt, new Date(engine.now.getTime() + 4 * HOUR).toISOString());
    engine.completeTask(t1!.id);
    const [t2] = engine.openTasks(id);
    assert.deepEqual(t2!.candidateUsers, ['li', 'wang']);
    assert.deepEqual(t2!.candidateGroups, ['backoffice']);
  });

  it('maker-checker: whoever prepared may not approve; someone else may', async () => {
    const engine = await engineWith(bpmn('mc', `
      <bpmn:startEvent id="s"/><bpmn:userTask id="prepare" name="Prepare transfer"/>
      <bpmn:userTask id="approve" name="Approve transfer" banklane:notCompletedBy="prepare"/><bpmn:endEvent id="e"/>
${flows('s->prepare', 'prepare->approve', 'approve->e')}`));
    const id = engine.start('mc');
    engine.completeTask(taskAt(engine, id, 'prepare'), {}, 'teller1');
    assert.throws(
      () => engine.completeTask(taskAt(engine, id, 'approve'), {}, 'teller1'),
      (e: unknown) => e instanceof StepRefusal && e.code === 'maker_checker' && /Prepare transfer/.test(e.message),
    );
    assert.deepEqual(engine.waitingAt(id), ['approve'], 'the refusal changed nothing');
    engine.completeTask(taskAt(engine, id, 'approve'), {}, 'supervisor');
    assert.equal(engine.instances.get(id)!.status, 'completed');
  });

  it('input and output mappings keep task data local and map results out', async () => {
    const engine = await engineWith(bpmn('io', `
      <bpmn:startEvent id="s"/>
      <bpmn:userTask id="t"><bpmn:extensionElements><camunda:inputOutput>
        <camunda:inputParameter name="limit">\${amount * 2}</camunda:inputParameter>
        <camunda:outputParameter name="approvedLimit">\${decision == 'ok' ? limit : 0}</camunda:outputParameter>
      </camunda:inputOutput></bpmn:extensionElements></bpmn:userTask>
      <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
${flows('s->t', 't->after', 'after->e')}`));
    const id = engine.start('io', { amount: 100 });
    assert.deepEqual(engine.instances.get(id)!.scopes[id]!.variables, { amount: 100 }, 'the input mapping stays on the task');
    engine.completeTask(taskAt(engine, id, 't'), { decision: 'ok' });
    assert.deepEqual(engine.instances.get(id)!.scopes[id]!.variables, { amount: 100, approvedLimit: 200 }, 'only the output mapping lands on the process');
  });
});

describe('service tasks and continuations', () => {
  it('an external task waits for a worker on its topic, which completes it with variables', async () => {
    const engine = await engineWith(bpmn('ext', `
      <bpmn:startEvent id="s"/><bpmn:serviceTask id="score" camunda:type="external" camunda:topic="credit-score"/>
      <bpmn:exclusiveGateway id="x" default="f_x_no"/><bpmn:endEvent id="yes"/><bpmn:endEvent id="no"/>
${flows('s->score', 'score->x', 'x->yes:${score > 600}', 'x->no')}`));
    const id = engine.start('ext', { customer: 'C1' });
    const [job] = engine.externalTasks('credit-score');
    assert.equal(job!.payload!.customer, 'C1');
    engine.completeExternal(job!.id, { score: 720 });
    assert.ok(engine.path(id).includes('yes'));
  });

  it('a Camunda 7 Java delegate with no handler registered becomes an external task on its name', async () => {
    const engine = await engineWith(bpmn('java', `
      <bpmn:startEvent id="s"/><bpmn:serviceTask id="call" camunda:class="com.bank.CoreBankingDelegate"/><bpmn:endEvent id="e"/>
${flows('s->call', 'call->e')}`));
    engine.start('java');
    assert.equal(engine.externalTasks('com.bank.CoreBankingDelegate').length, 1);
  });

  it('asynchronous continuations wait for the job executor before and after', async () => {
    const engine = await engineWith(bpmn('async', `
      <bpmn:startEvent id="s"/><bpmn:serviceTask id="book" camunda:delegateExpression="\${booking}" camunda:asyncBefore="true" camunda:asyncAfter="true"/><bpmn:endEvent id="e"/>
${flows('s->book', 'book->e')}`));
    let calls = 0;
    engine.handlers.set('booking', () => {
      calls++;
      return { booked: true };
    });
    const id = engine.start('async');
    assert.equal(engine.instances.get(id)!.status, 'completed', 'the memory engine runs due jobs at once');
    assert.equal(calls, 1);
    const kinds = engine.history.filter((h) => h.instanceId === id && h.elementId === 'book').map((h) => h.event);
    assert.deepEqual(kinds, ['start', 'end']);
  });
});

describe('sub-processes, call activities, multi-instance', () => {
  it('an embedded sub-process runs its inner flow, then the outer flow continues', async () => {
    const engine = await engineWith(bpmn('emb', `
      <bpmn:startEvent id="s"/>
      <bpmn:subProcess id="sub"><bpmn:startEvent id="ss"/><bpmn:userTask id="inner"/><bpmn:endEvent id="se"/>${flows('ss->inner', 'inner->se')}</bpmn:subProcess>
      <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
${flows('s->sub', 'sub->after', 'after->e')}`));
    const id = engine.start('emb');
    engine.completeTask(taskAt(engine, id, 'inner'), { checked: true });
    assert.deepEqual(engine.waitingAt(id), ['after']);
    assert.equal(engine.instances.get(id)!.scopes[id]!.variables.checked, true, 'a new variable lands on the process');
  });

  it('a call activity passes variables in and out, and the child ends with the parent cancelled', async () => {
    const engine = await engineWith(
      bpmn('parent', `
        <bpmn:startEvent id="s"/>
        <bpmn:callActivity id="call" calledElement="child"><bpmn:extensionElements>
          <camunda:in source="amount" target="loanAmount"/><camunda:out source="verdict" target="childVerdict"/>
        </bpmn:extensionElements></bpmn:callActivity>
        <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
${flows('s->call', 'call->after', 'after->e')}`),
      bpmn('child', `<bpmn:startEvent id="s"/><bpmn:userTask id="decide"/><bpmn:endEvent id="e"/>${flows('s->decide', 'decide->e')}`),
    );
    const parent = engine.start('parent', { amount: 9000, secret: 'x' });
    const child = [...engine.instances.values()].find((i) => i.processId === 'child')!;
    assert.deepEqual(child.scopes[child.id]!.variables, { loanAmount: 9000 });
    engine.completeTask(taskAt(engine, child.id, 'decide'), { verdict: 'approve' });
    assert.deepEqual(engine.waitingAt(parent), ['after']);
    assert.equal(engine.instances.get(parent)!.scopes[parent]!.variables.childVerdict, 'approve');

    const again = engine.start('parent', { amount: 1 });
    const child2 = [...engine.instances.values()].find((i) => i.processId === 'child' && i.status === 'active')!;
    engine.send(again, { type: 'cancel' });
    assert.equal(engine.instances.get(child2.id)!.status, 'cancelled');
  });

  it('parallel multi-instance over a collection ends early on its completion condition', async () => {
    const engine = await engineWith(bpmn('mi', `
      <bpmn:startEvent id="s"/>
      <bpmn:userTask id="vote" camunda:assignee="\${approver}">
        <bpmn:multiInstanceLoopCharacteristics camunda:collection="\${approvers}" camunda:elementVariable="approver">
          <bpmn:completionCondition>\${nrOfCompletedInstances >= 2}</bpmn:completionCondition>
        </bpmn:multiInstanceLoopCharacteristics>
      </bpmn:userTask>
      <bpmn:endEvent id="e"/>
${flows('s->vote', 'vote->e')}`));
    const id = engine.start('mi', { approvers: ['li', 'wang', 'zhao'] });
    assert.deepEqual(engine.openTasks(id).map((t) => t.assignee), ['li', 'wang', 'zhao']);
    engine.completeTask(engine.openTasks(id)[0]!.id);
    engine.completeTask(engine.openTasks(id)[0]!.id);
    assert.equal(engine.instances.get(id)!.status, 'completed');
    assert.equal(engine.openTasks(id).length, 0, 'the third vote is withdrawn');
  });

  it('runs a multi-instance task’s output mappings once per inner instance, not again when the whole ends', async () => {
    const engine = await engineWith(bpmn('tally', `
      <bpmn:startEvent id="s"/>
      <bpmn:userTask id="vote" camunda:assignee="\${member}">
        <bpmn:extensionElements><camunda:inputOutput><camunda:outputParameter name="yes">\${vote == "approve" ? yes + 1 : yes}</camunda:outputParameter></camunda:inputOutput></bpmn:extensionElements>
        <bpmn:multiInstanceLoopCharacteristics camunda:collection="\${members}" camunda:elementVariable="member"/>
      </bpmn:userTask>
      <bpmn:userTask id="after"/>
${flows('s->vote', 'vote->after')}`));
    const id = engine.start('tally', { members: ['li', 'wang'], yes: 0 });
    for (const task of engine.openTasks(id)) engine.completeTask(task.id, { vote: 'approve' });
    assert.deepEqual([...engine.incidents.values()].map((i) => i.message), []);
    taskAt(engine, id, 'after'); // throws unless the instance moved on to "after"
    assert.equal(engine.instances.get(id)!.scopes[id]!.variables.yes, 2, 'two approvals counted twice, not three times');
  });

  it('a multi-instance sub-process runs its inner flow once per item, each with its own element variable', async () => {
    const engine = await engineWith(bpmn('misub', `
      <bpmn:startEvent id="s"/>
      <bpmn:subProcess id="check">
        <bpmn:multiInstanceLoopCharacteristics camunda:collection="\${documents}" camunda:elementVariable="doc"/>
        <bpmn:startEvent id="cs"/><bpmn:userTask id="verify" camunda:assignee="\${doc.owner}"/><bpmn:endEvent id="ce"/>
        ${flows('cs->verify', 'verify->ce')}
      </bpmn:subProcess>
      <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
${flows('s->check', 'check->after', 'after->e')}`));
    const id = engine.start('misub', { documents: [{ owner: 'li' }, { owner: 'wang' }] });
    assert.deepEqual(engine.openTasks(id).map((t) => t.assignee).sort(), ['li', 'wang']);
    engine.completeTask(engine.openTasks(id)[0]!.id);
    assert.deepEqual(engine.waitingAt(id).filter((e) => e === 'after'), []);
    engine.completeTask(engine.openTasks(id)[0]!.id);
    assert.deepEqual(engine.openTasks(id).map((t) => t.elementId), ['after']);
  });

  it('sequential multi-instance runs one instance after another', async () => {
    const engine = await engineWith(bpmn('seq', `
      <bpmn:startEvent id="s"/>
      <bpmn:userTask id="step"><bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
      <bpmn:endEvent id="e"/>
${flows('s->step', 'step->e')}`));
    const id = engine.start('seq');
    for (let i = 0; i < 3; i++) {
      assert.equal(engine.openTasks(id).length, 1);
      engine.completeTask(engine.openTasks(id)[0]!.id);
    }
    assert.equal(engine.instances.get(id)!.status, 'completed');
  });

  it('cancelling an instance withdraws its tasks, timers and subscriptions', async () => {
    const engine = await engineWith(bpmn('c', `
      <bpmn:startEvent id="s"/><bpmn:parallelGateway id="f"/><bpmn:userTask id="a"/>
      <bpmn:intermediateCatchEvent id="t"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
${flows('s->f', 'f->a', 'f->t', 'a->e', 't->e2')}`));
    const id = engine.start('c');
    engine.send(id, { type: 'cancel' });
    assert.equal(engine.instances.get(id)!.status, 'cancelled');
    assert.equal(engine.tasks.size + engine.jobs.size + engine.subscriptions.size, 0);
    assert.throws(() => engine.send(id, { type: 'cancel' }), /has ended/);
  });
});
