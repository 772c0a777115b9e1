import { bpmn, flows } from '../../src/engine/model/bpmn-fixture.ts';

/** A large-transfer process: a teller prepares, a supervisor (someone else) approves above a limit, a DMN table decides the limit. */
export const TRANSFER_BPMN = bpmn('largeTransfer', `
    <bpmn:startEvent id="start"/>
    <bpmn:businessRuleTask id="limit" name="Approval level" camunda:decisionRef="approvalLevel" camunda:resultVariable="level" camunda:mapDecisionResult="singleEntry"/>
    <bpmn:userTask id="prepare" name="Prepare transfer" camunda:candidateGroups="teller"/>
    <bpmn:exclusiveGateway id="needsApproval" default="f_needsApproval_book"/>
    <bpmn:userTask id="approve" name="Approve transfer" camunda:candidateGroups="supervisor,teller" banklane:notCompletedBy="prepare"/>
    <bpmn:serviceTask id="book" name="Book in core banking" camunda:type="external" camunda:topic="core-booking"/>
    <bpmn:intermediateCatchEvent id="confirmation" name="Customer confirms"><bpmn:messageEventDefinition messageRef="m_confirm"/></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="done"/>
${flows('start->limit', 'limit->prepare', 'prepare->needsApproval', "needsApproval->approve:${level == 'supervisor'}", 'needsApproval->book', 'approve->book', 'book->confirmation', 'confirmation->done')}`,
  '<bpmn:message id="m_confirm" name="transferConfirmed"/>');

export const APPROVAL_DMN = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="approval" name="Approval" namespace="https://banklane.dev/dmn">
  <decision id="approvalLevel" name="Approval level">
    <decisionTable id="dt" hitPolicy="FIRST">
      <input id="in1" label="Amount"><inputExpression id="ie1" typeRef="number"><text>amount</text></inputExpression></input>
      <output id="out1" name="level" typeRef="string"/>
      <rule id="r1"><inputEntry id="r1i"><text>&gt;= 50000</text></inputEntry><outputEntry id="r1o"><text>"supervisor"</text></outputEntry></rule>
      <rule id="r2"><inputEntry id="r2i"><text>-</text></inputEntry><outputEntry id="r2o"><text>"teller"</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>`;

/** A process that waits on a timer: for restart and two-node tests. */
export const REMINDER_BPMN = bpmn('reminder', `
    <bpmn:startEvent id="s"/>
    <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="e"/>
${flows('s->wait', 'wait->e')}`);

/** Waits for a message; for correlation tests. */
export const DOCS_BPMN = bpmn('awaitDocuments', `
    <bpmn:startEvent id="s"/>
    <bpmn:receiveTask id="docs" messageRef="m_docs"/>
    <bpmn:userTask id="review"/>
    <bpmn:endEvent id="e"/>
${flows('s->docs', 'docs->review', 'review->e')}`,
  '<bpmn:message id="m_docs" name="documentsArrived"/>');

/** A service task done by a built-in handler, and a signal catch. */
export const HANDLER_BPMN = bpmn('withHandler', `
    <bpmn:startEvent id="s"/>
    <bpmn:serviceTask id="score" camunda:delegateExpression="\${creditScore}"/>
    <bpmn:intermediateCatchEvent id="closing"><bpmn:signalEventDefinition signalRef="sig_eod"/></bpmn:intermediateCatchEvent>
    <bpmn:userTask id="review"/>
    <bpmn:endEvent id="e"/>
${flows('s->score', 'score->closing', 'closing->review', 'review->e')}`,
  '<bpmn:signal id="sig_eod" name="endOfDay"/>');

/** A user task due two days after it opens: calendar days, or working days on the business calendar. */
export function dueIn2Days(id: string, working: boolean): string {
  const props = working ? '<bpmn:extensionElements><camunda:properties><camunda:property name="banklane.dueDateCalendar" value="working"/></camunda:properties></bpmn:extensionElements>' : '';
  return bpmn(id, `
    <bpmn:startEvent id="s"/>
    <bpmn:userTask id="handle" camunda:dueDate="P2D" camunda:followUpDate="PT4H">${props}</bpmn:userTask>
    <bpmn:endEvent id="e"/>
${flows('s->handle', 'handle->e')}`);
}

/** A credit check done by an external worker; a rejection is a BPMN error caught on the task. */
export const CREDIT_CHECK_BPMN = bpmn('creditCheck', `
    <bpmn:startEvent id="s"/>
    <bpmn:serviceTask id="check" name="Credit check" camunda:type="external" camunda:topic="credit-check"/>
    <bpmn:boundaryEvent id="rejected" attachedToRef="check"><bpmn:errorEventDefinition errorRef="err_rejected"/></bpmn:boundaryEvent>
    <bpmn:userTask id="review" name="Review"/>
    <bpmn:userTask id="manual" name="Manual assessment"/>
    <bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
${flows('s->check', 'check->review', 'review->e', 'rejected->manual', 'manual->e2')}`,
  '<bpmn:error id="err_rejected" errorCode="REJECTED"/>');
