import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { compileBpmn } from '../../engine/model/bpmn-compile.ts';
import type { MemoryEngine } from '../../engine/runtime/memory-engine.ts';
import { bank, complete, decisionsOf, endedAt, refusedAsMakerChecker, taskAt, timesEntered, vars } from '../../services/processes/process-test-support.ts';
import { describeDiagram } from '../../services/processes/diagram-checks.ts';

// complaintHandling driven through the engine's core on the memory engine, with
// complaint-decisions.dmn as its decision service and `complaintStage` as a stub that records the
// stages it is called for: every path a complaint can take, who each step goes to, who is kept
// out of it (回避, maker-checker), and where the instance ends.

const text = fs.readFileSync(new URL('complaint-handling.bpmn', import.meta.url), 'utf8');
const compiled = await compileBpmn(text);
if (!compiled.ok) throw new Error(`complaint-handling.bpmn is refused: ${JSON.stringify(compiled.problems)}`);
const model = compiled.value.processes.find((p) => p.id === 'complaintHandling')!;
const decide = await decisionsOf(new URL('complaint-decisions.dmn', import.meta.url));

/** The start variables intake gives the process; `recused` are the staff the complaint is about. */
const START = { complaintId: 'k1', complaintRef: 'TS20260105-0001', recused: ['teller1', 'teller2'], channel: 'counter' };
const PROPOSAL = { decisionOutcome: 'partly_upheld', decisionText: 'The fee is refunded.', compensation: 5000 };

/** A memory engine with the process deployed; `stages` lists what `complaintStage` was called for, `seen` what each call saw. */
function complaints() {
  const { engine } = bank({}, decide);
  engine.deploy(model);
  const stages: string[] = [];
  const seen: Record<string, unknown>[] = [];
  engine.handlers.set('complaintStage', (variables) => {
    stages.push(String(variables.stage));
    seen.push(variables);
  });
  const id = engine.start('complaintHandling', START, { businessKey: START.complaintRef });
  return { engine, id, stages, seen };
}

/** The user tasks the instance opened, in order (a step entered twice appears twice). */
const opened = (engine: MemoryEngine, id: string) => engine.history.filter((h) => h.instanceId === id && h.elementType === 'userTask' && h.event === 'start').map((h) => h.elementId);

/** Where a task goes and whom it keeps out, as the task spec says. */
function routing(engine: MemoryEngine, id: string, elementId: string) {
  const t = taskAt(engine, id, elementId);
  return { assignee: t.assignee, candidateGroups: t.candidateGroups, excludedUsers: t.excludedUsers, notCompletedBy: t.notCompletedBy, gates: t.gates };
}

/** Accepted, assigned to handler1, investigated with `proposal`: waiting for the approval. */
function toApproval(proposal: Record<string, unknown> = PROPOSAL) {
  const run = complaints();
  const { engine, id } = run;
  complete(engine, id, 'accept', { accepted: true }, 'manager1');
  assert.deepEqual(routing(engine, id, 'assign'), { assignee: null, candidateGroups: ['complaint_handler', 'branch_manager'], excludedUsers: ['teller1', 'teller2'], notCompletedBy: [], gates: ['complaintHandler', 'complaintApi'] });
  complete(engine, id, 'assign', { handler: 'handler1' }, 'manager1');
  const investigate = routing(engine, id, 'investigate');
  assert.deepEqual([investigate.assignee, investigate.excludedUsers, investigate.gates], ['handler1', ['teller1', 'teller2'], ['complaintDecision', 'complaintApi']]);
  complete(engine, id, 'investigate', proposal, 'handler1');
  return run;
}

/** Approved by `approver` (a user of the role the compensation calls for): waiting for the complainant's response. */
function toResponse(proposal: Record<string, unknown> = PROPOSAL, approver = 'manager2') {
  const run = toApproval(proposal);
  const { engine, id } = run;
  complete(engine, id, 'approveDecision', { decision: 'approve', comment: 'agreed' }, approver);
  const response = routing(engine, id, 'recordResponse');
  assert.deepEqual([response.assignee, response.excludedUsers], ['handler1', ['teller1', 'teller2']]);
  return run;
}

/** Root cause recorded by the handler: the complaint closes. */
function close({ engine, id, stages }: ReturnType<typeof complaints>, stagesBefore: string[]) {
  assert.deepEqual(stages, stagesBefore);
  const rootCause = routing(engine, id, 'rootCause');
  assert.deepEqual([rootCause.assignee, rootCause.gates], ['handler1', ['complaintRootCause', 'complaintApi']]);
  complete(engine, id, 'rootCause', {}, 'handler1');
  assert.deepEqual(stages, [...stagesBefore, 'closed']);
  assert.equal(endedAt(engine, id), 'closed');
}

describe('complaintHandling (complaint-handling.bpmn)', () => {
  it('compiles without warnings, names every node and lane in Chinese and English', () => {
    assert.deepEqual([...compiled.value.warnings, ...compiled.value.unsupported], []);
    for (const node of Object.values(model.nodes)) {
      assert.match(node.name ?? '', /^\P{ASCII}.* \/ [A-Z]/u, `${node.id} name "${node.name}"`);
      assert.match(node.lane ?? '', /^\P{ASCII}.* \/ [A-Z]/u, `${node.id} lane "${node.lane}"`);
    }
  });

  it('gives every user task a due date: working days, except the complainant\'s response and the review (calendar days)', () => {
    const due = Object.fromEntries(Object.values(model.nodes).filter((n) => n.type === 'userTask').map((n) => [n.id, [n.task!.dueDate?.kind === 'literal' ? n.task!.dueDate.text : null, n.task!.workingTime]]));
    assert.deepEqual(due, { accept: ['P1D', true], assign: ['P1D', true], investigate: ['P5D', true], approveDecision: ['P2D', true], recordResponse: ['P10D', false], review: ['P10D', false], rootCause: ['P5D', true] });
  });

  it('a declined complaint is told so and ends declined', () => {
    const { engine, id, stages, seen } = complaints();
    assert.deepEqual(routing(engine, id, 'accept'), { assignee: null, candidateGroups: ['complaint_handler', 'branch_manager'], excludedUsers: ['teller1', 'teller2'], notCompletedBy: [], gates: ['complaintApi'] });
    complete(engine, id, 'accept', { accepted: false, declineReason: 'duplicate' }, 'manager1');
    assert.deepEqual(stages, ['declined']);
    assert.deepEqual([seen[0]!.complaintId, seen[0]!.declineReason], ['k1', 'duplicate']);
    assert.deepEqual(opened(engine, id), ['accept']);
    assert.equal(endedAt(engine, id), 'declined');
  });

  const levels: [compensation: number, role: string, approver: string][] = [
    [0, 'supervisor,branch_manager', 'super1'],
    [500, 'supervisor,branch_manager', 'manager2'],
    [5000, 'branch_manager', 'manager2'],
    [50_000, 'ops_manager', 'ops1'],
  ];
  for (const [compensation, role, approver] of levels) {
    it(`compensation ${compensation}: approved by the ${role} role (by ${approver}), communicated, accepted by the complainant, root cause, closed`, () => {
      const run = toApproval({ ...PROPOSAL, compensation });
      const { engine, id, stages, seen } = run;
      assert.equal(vars(engine, id).approverRole, role);
      assert.deepEqual(routing(engine, id, 'approveDecision'), { assignee: null, candidateGroups: role.split(','), excludedUsers: ['teller1', 'teller2'], notCompletedBy: ['investigate', 'review'], gates: ['complaintApi'] });
      assert.throws(() => complete(engine, id, 'approveDecision', { decision: 'approve' }, 'handler1'), refusedAsMakerChecker, 'the handler may not approve their own proposal');
      complete(engine, id, 'approveDecision', { decision: 'approve' }, approver);
      assert.deepEqual(stages, ['decided']);
      const { decisionOutcome, decisionText, compensation: offered, handler } = seen[0]!;
      assert.deepEqual({ decisionOutcome, decisionText, compensation: offered, handler }, { ...PROPOSAL, compensation, handler: 'handler1' });
      complete(engine, id, 'recordResponse', { response: 'accepted' }, 'handler1');
      close(run, ['decided']);
      assert.deepEqual(opened(engine, id), ['accept', 'assign', 'investigate', 'approveDecision', 'recordResponse', 'rootCause']);
    });
  }

  it('an approval returned goes back to investigate; the new proposal is approved at its own level, the earlier decision not reused', () => {
    const run = toApproval();
    const { engine, id, stages } = run;
    complete(engine, id, 'approveDecision', { decision: 'return', comment: 'evidence missing' }, 'manager2');
    assert.deepEqual(stages, []);
    assert.equal(routing(engine, id, 'investigate').assignee, 'handler1');
    complete(engine, id, 'investigate', { compensation: 500 }, 'handler1');
    assert.deepEqual(routing(engine, id, 'approveDecision').candidateGroups, ['supervisor', 'branch_manager']);
    complete(engine, id, 'approveDecision', {}, 'super1');
    assert.match([...engine.incidents.values()][0]!.message, /gwApproval/, 'no decision given: the earlier "return" is not reused');
    assert.deepEqual(stages, []);
    assert.equal(timesEntered(engine, id, 'investigate'), 2);
    assert.deepEqual(opened(engine, id), ['accept', 'assign', 'investigate', 'approveDecision', 'investigate', 'approveDecision']);
  });

  it('a disputed decision is reviewed by another handler: confirmed, communicated, root cause, closed', () => {
    const run = toResponse();
    const { engine, id, stages } = run;
    complete(engine, id, 'recordResponse', { response: 'disputed' }, 'handler1');
    assert.deepEqual(routing(engine, id, 'review'), { assignee: null, candidateGroups: ['complaint_handler'], excludedUsers: ['teller1', 'teller2', 'handler1'], notCompletedBy: ['investigate'], gates: ['complaintReview', 'complaintApi'] });
    assert.throws(() => complete(engine, id, 'review', { reviewOutcome: 'confirm' }, 'handler1'), refusedAsMakerChecker, 'the handler may not review their own decision');
    complete(engine, id, 'review', { reviewOutcome: 'confirm' }, 'handler2');
    assert.deepEqual(stages, ['decided', 'reviewed']);
    assert.deepEqual([vars(engine, id).decisionOutcome, vars(engine, id).compensation], [PROPOSAL.decisionOutcome, PROPOSAL.compensation], 'the decision stands');
    close(run, ['decided', 'reviewed']);
    assert.deepEqual(opened(engine, id), ['accept', 'assign', 'investigate', 'approveDecision', 'recordResponse', 'review', 'rootCause']);
  });

  it('a review that revises the decision sends it to approval again at the new level, then to the complainant again', () => {
    const run = toResponse();
    const { engine, id, stages } = run;
    complete(engine, id, 'recordResponse', { response: 'disputed' }, 'handler1');
    complete(engine, id, 'review', { reviewOutcome: 'revise', decisionOutcome: 'upheld', decisionText: 'Fee refunded and the loss made good.', compensation: 50_000 }, 'handler2');
    assert.deepEqual(stages, ['decided']);
    assert.deepEqual(routing(engine, id, 'approveDecision').candidateGroups, ['ops_manager']);
    assert.throws(() => complete(engine, id, 'approveDecision', { decision: 'approve' }, 'handler2'), refusedAsMakerChecker, 'the reviewer may not approve their own revision');
    complete(engine, id, 'approveDecision', { decision: 'approve' }, 'ops1');
    assert.deepEqual(stages, ['decided', 'decided']);
    const { decisionOutcome, decisionText, compensation } = vars(engine, id);
    assert.deepEqual({ decisionOutcome, decisionText, compensation }, { decisionOutcome: 'upheld', decisionText: 'Fee refunded and the loss made good.', compensation: 50_000 });
    complete(engine, id, 'recordResponse', { response: 'accepted' }, 'handler1');
    close(run, ['decided', 'decided']);
    assert.equal(timesEntered(engine, id, 'approvalLevel'), 2);
    assert.deepEqual(opened(engine, id), ['accept', 'assign', 'investigate', 'approveDecision', 'recordResponse', 'review', 'approveDecision', 'recordResponse', 'rootCause']);
  });

  it('a step completed without its answer stops at its gateway with an incident: the earlier answer is not reused', () => {
    const declined = complaints();
    complete(declined.engine, declined.id, 'accept', {}, 'manager1');
    assert.deepEqual([...declined.engine.incidents.values()].map((i) => i.elementId), ['gwAccepted']);
    const run = toResponse();
    complete(run.engine, run.id, 'recordResponse', { response: 'disputed' }, 'handler1');
    complete(run.engine, run.id, 'review', { reviewOutcome: 'revise' }, 'handler2');
    complete(run.engine, run.id, 'approveDecision', { decision: 'approve' }, 'manager3');
    complete(run.engine, run.id, 'recordResponse', {}, 'handler1');
    assert.deepEqual([...run.engine.incidents.values()].map((i) => i.elementId), ['gwResponse'], 'the earlier "disputed" is not reused');
  });

  it('a recused user made the handler: an incident at investigate, no task for them', () => {
    const { engine, id } = complaints();
    complete(engine, id, 'accept', { accepted: true }, 'manager1');
    complete(engine, id, 'assign', { handler: 'teller2' }, 'manager1');
    const incidents = [...engine.incidents.values()].filter((i) => i.instanceId === id);
    assert.deepEqual(incidents.map((i) => [i.elementId, i.kind]), [['investigate', 'expression']]);
    assert.match(incidents[0]!.message, /teller2 is excluded/);
    assert.deepEqual(engine.openTasks(id), []);
    assert.deepEqual([engine.instances.get(id)!.status, engine.waitingAt(id)], ['active', ['investigate']]);
  });
});

describe('complaint decisions (complaint-decisions.dmn)', () => {
  const levels: [compensation: number | null, role: string][] = [
    [null, 'supervisor,branch_manager'],
    [0, 'supervisor,branch_manager'],
    [1000, 'supervisor,branch_manager'],
    [1000.5, 'branch_manager'],
    [20_000, 'branch_manager'],
    [20_001, 'ops_manager'],
  ];
  for (const [compensation, role] of levels) {
    it(`complaintApprovalLevel: compensation ${compensation} → ${role}`, () => {
      assert.deepEqual(decide('complaintApprovalLevel', { compensation }), { ok: true, value: role });
    });
  }

  const texts: [description: string, request: string, category: string | null, cause: string | null][] = [
    ['信用卡年费被重复扣费', '退还年费', 'credit_card', 'fees'],
    ['My mortgage contract has a clause I was not told about', 'cancel it', 'housing_loan', 'contract'],
    ['柜台工作人员态度不好', '道歉', 'counter_service', 'attitude'],
    ['nothing matches here', 'hello', null, null],
  ];
  for (const [description, request, category, cause] of texts) {
    it(`complaintCategory and complaintCause: "${description}" → ${category}, ${cause}`, () => {
      assert.deepEqual(decide('complaintCategory', { description, request }), { ok: true, value: category });
      assert.deepEqual(decide('complaintCause', { description, request }), { ok: true, value: cause });
    });
  }

  const priorities: [channel: string, subjectType: string, description: string, priority: string, handlingLevel: string][] = [
    ['regulator', 'product', 'fee', 'urgent', 'region'],
    ['phone', 'case', '我要找媒体曝光', 'urgent', 'region'],
    ['counter', 'staff', 'rude', 'high', 'branch'],
    ['online', 'product', 'returns', 'normal', 'head_office'],
    ['counter', 'none', 'queue', 'normal', 'branch'],
  ];
  for (const [channel, subjectType, description, priority, handlingLevel] of priorities) {
    it(`complaintPriority: ${channel}, ${subjectType}, "${description}" → ${priority} at ${handlingLevel}`, () => {
      assert.deepEqual(decide('complaintPriority', { channel, subjectType, description, request: '' }), { ok: true, value: { priority, handlingLevel } });
    });
  }
});

describeDiagram('complaint-handling.bpmn', text, model, ['participant_complaintHandling', 'laneHandler', 'laneReviewer', 'laneApprover', 'laneSystem']);
