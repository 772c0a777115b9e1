import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { compileBpmn } from '../../engine/model/bpmn-compile.ts';
import type { MemoryEngine } from '../../engine/runtime/memory-engine.ts';
import { bank, complete, decisionsOf, endedAt, refusedAsMakerChecker, taskAt, vars } from '../../services/processes/process-test-support.ts';
import { describeDiagram } from '../../services/processes/diagram-checks.ts';

// merchantRiskCase driven through the engine's core on the memory engine, with
// merchant-risk-decisions.dmn as its decision service and a stub for `merchantRiskAction` (records
// the steps it is called for and what each saw): who investigates, proposes and approves each kind
// of action, who may not approve, the return for changes, and where the instance ends. What the
// steps write is tested through the API (test/merchants/risk-cases.db.test.ts).

const text = fs.readFileSync(new URL('merchant-risk-case.bpmn', import.meta.url), 'utf8');
const compiled = await compileBpmn(text);
if (!compiled.ok) throw new Error(`merchant-risk-case.bpmn is refused: ${JSON.stringify(compiled.problems)}`);
const model = compiled.value.processes.find((p) => p.id === 'merchantRiskCase')!;
const decide = await decisionsOf(new URL('merchant-risk-decisions.dmn', import.meta.url));

/** A case opened from a chargeback alert, as the API starts it. */
const CASE = { caseId: 'c1', caseRef: 'RC20261128-0001', merchantId: 'm1', merchantCode: 'MCH000001', merchantName: '海淀示范商户', kind: 'fraud', source: 'alert', alertId: 'a1', description: 'chargeback ratio 4%', ratingBefore: 'low' };
const FINDINGS = { findings: 'Cards tested in bursts at night; merchant cannot explain the sales.' };
/** No action: every answer of proposeActions left empty but the rating. */
const NOTHING = { settlementDelayDays: null, dailyLimit: null, singleLimit: null, restrictedCardTypes: null, suspend: null, recoverTerminals: null, terminate: null, blacklistReason: null, riskRating: 'medium', actionNote: null, liftControls: null };

function riskCase() {
  const { engine } = bank({}, decide);
  engine.deploy(model);
  const steps: string[] = [];
  const seen: Record<string, unknown>[] = [];
  engine.handlers.set('merchantRiskAction', (variables) => {
    steps.push(String(variables.step));
    seen.push(variables);
  });
  const id = engine.start('merchantRiskCase', CASE, { businessKey: CASE.caseRef });
  return { engine, id, steps, seen };
}

const opened = (engine: MemoryEngine, id: string) => engine.history.filter((h) => h.instanceId === id && h.elementType === 'userTask' && h.event === 'start').map((h) => h.elementId);

function routing(engine: MemoryEngine, id: string, elementId: string) {
  const t = taskAt(engine, id, elementId);
  return { candidateGroups: t.candidateGroups, assignee: t.assignee, notCompletedBy: t.notCompletedBy, gates: t.gates };
}

/** Investigated by risk1, actions proposed by risk2: waiting for the approval. */
function toApproval(proposal: Record<string, unknown>) {
  const run = riskCase();
  assert.deepEqual(routing(run.engine, run.id, 'investigate'), { candidateGroups: ['risk_officer'], assignee: null, notCompletedBy: [], gates: ['merchantRiskFindings'] });
  complete(run.engine, run.id, 'investigate', FINDINGS, 'risk1');
  assert.deepEqual(routing(run.engine, run.id, 'proposeActions'), { candidateGroups: ['risk_officer'], assignee: null, notCompletedBy: [], gates: ['merchantRiskActions'] });
  complete(run.engine, run.id, 'proposeActions', { ...NOTHING, ...proposal }, 'risk2');
  return run;
}

describe('merchantRiskCase (merchant-risk-case.bpmn)', () => {
  it('compiles without warnings, names every node and lane in Chinese and English', () => {
    assert.deepEqual([...compiled.value.warnings, ...compiled.value.unsupported], []);
    for (const node of Object.values(model.nodes)) {
      assert.match(node.name ?? '', /^\P{ASCII}.* \/ [A-Z]/u, `${node.id} name "${node.name}"`);
      assert.match(node.lane ?? '', /^\P{ASCII}.* \/ [A-Z]/u, `${node.id} lane "${node.lane}"`);
    }
  });

  it('gives every user task a due date in working days and a priority above routine work, the approval highest', () => {
    const tasks = Object.values(model.nodes).filter((n) => n.type === 'userTask');
    const due = Object.fromEntries(tasks.map((n) => [n.id, [n.task!.dueDate?.kind === 'literal' ? n.task!.dueDate.text : null, n.task!.workingTime, n.task!.priority?.kind === 'literal' ? Number(n.task!.priority.text) : null]]));
    assert.deepEqual(due, { investigate: ['P2D', true, 70], proposeActions: ['P1D', true, 70], approve: ['P1D', true, 75] });
  });

  const authorities: [label: string, proposal: Record<string, unknown>, role: string, approver: string][] = [
    ['a settlement delay', { settlementDelayDays: 7, riskRating: 'high' }, 'risk_officer', 'risk3'],
    ['lower limits and no credit cards', { dailyLimit: '50000.00', singleLimit: '5000.00', restrictedCardTypes: ['credit'] }, 'risk_officer', 'risk3'],
    ['no action at all', {}, 'risk_officer', 'risk3'],
    ['terminal recovery (a moved terminal)', { recoverTerminals: true, settlementDelayDays: 5 }, 'ops_manager', 'ops1'],
    ['suspension', { suspend: true, riskRating: 'high' }, 'ops_manager', 'ops1'],
    ['termination, with everything else', { terminate: true, blacklistReason: '套现', suspend: true, recoverTerminals: true, settlementDelayDays: 10, riskRating: 'high' }, 'executive', 'exec1'],
    ['lifting a delay and a limit (rectification review)', { liftControls: ['settlementDelay', 'dailyLimit'], riskRating: 'low' }, 'risk_officer', 'risk3'],
    ['lifting a suspension (rectification review)', { liftControls: ['suspension', 'singleLimit'], riskRating: 'medium' }, 'ops_manager', 'ops1'],
  ];
  for (const [label, proposal, role, approver] of authorities) {
    it(`${label}: approved by ${role}, never by who investigated or proposed; applied, told, closed`, () => {
      const { engine, id, steps, seen } = toApproval(proposal);
      assert.deepEqual(steps, ['proposed']);
      assert.equal(vars(engine, id).approverRole, role);
      assert.deepEqual(routing(engine, id, 'approve'), { candidateGroups: [role], assignee: null, notCompletedBy: ['investigate', 'proposeActions'], gates: ['merchantRiskApproval'] });
      assert.throws(() => complete(engine, id, 'approve', { approval: 'approve' }, 'risk1'), refusedAsMakerChecker, 'the investigator may not approve');
      assert.throws(() => complete(engine, id, 'approve', { approval: 'approve' }, 'risk2'), refusedAsMakerChecker, 'the proposer may not approve');
      complete(engine, id, 'approve', { approval: 'approve', approvalNote: null }, approver);
      assert.deepEqual(steps, ['proposed', 'apply', 'notify', 'close']);
      const apply = seen[1]!;
      assert.deepEqual([apply.caseRef, apply.findings, apply.approval], [CASE.caseRef, FINDINGS.findings, 'approve']);
      for (const [name, value] of Object.entries(proposal)) assert.deepEqual(apply[name], value, `${name} reaches the apply step`);
      assert.deepEqual(opened(engine, id), ['investigate', 'proposeActions', 'approve']);
      assert.equal(endedAt(engine, id), 'closed');
    });
  }

  it('returned for changes: recorded, proposed again (answers not reused), then approved', () => {
    const { engine, id, steps, seen } = toApproval({ suspend: true, riskRating: 'high' });
    complete(engine, id, 'approve', { approval: 'return', approvalNote: 'a delay is enough for now' }, 'ops1');
    assert.deepEqual(steps, ['proposed', 'returned']);
    assert.equal(seen[1]!.approvalNote, 'a delay is enough for now');
    assert.equal(vars(engine, id).suspend, true, 'the earlier proposal stays until proposed again');
    complete(engine, id, 'proposeActions', { settlementDelayDays: 7, riskRating: 'high' }, 'risk2');
    assert.equal(vars(engine, id).suspend, null, 'an answer not given again is no action');
    assert.deepEqual(routing(engine, id, 'approve').candidateGroups, ['risk_officer'], 'the lighter proposal goes to a risk officer');
    assert.throws(() => complete(engine, id, 'approve', { approval: 'approve' }, 'risk2'), refusedAsMakerChecker);
    complete(engine, id, 'approve', { approval: 'approve' }, 'risk3');
    assert.deepEqual(steps, ['proposed', 'returned', 'proposed', 'apply', 'notify', 'close']);
    assert.deepEqual(opened(engine, id), ['investigate', 'proposeActions', 'approve', 'proposeActions', 'approve']);
    assert.equal(endedAt(engine, id), 'closed');
  });

  it('offers the approval to its authority only: holders of process.manage do not stand in (strict candidates)', () => {
    const strict = Object.values(model.nodes).filter((n) => n.task?.strictCandidates).map((n) => n.id);
    assert.deepEqual(strict, ['approve']);
  });

  it('asks each step in a form whose every field is an answer the step keeps, lifting controls only in a rectification review', () => {
    type Field = { key?: string; type: string; values?: { value: string }[]; conditional?: { hide: string } };
    const fields = (elementId: string) => (model.nodes[elementId]!.task!.formSchema as { components: Field[] }).components.filter((c) => c.key !== undefined);
    for (const elementId of ['investigate', 'proposeActions', 'approve']) {
      const kept = model.nodes[elementId]!.outputs.map((o) => o.name);
      assert.deepEqual(fields(elementId).map((c) => c.key).filter((key) => !kept.includes(key!)), [], `${elementId} asks only what it keeps`);
    }
    const lift = fields('proposeActions').find((c) => c.key === 'liftControls')!;
    assert.deepEqual([lift.type, lift.values?.map((v) => v.value), lift.conditional?.hide], ['checklist', ['settlementDelay', 'dailyLimit', 'singleLimit', 'restrictedCardTypes', 'suspension', 'all'], '=kind != "rectification"']);
  });

  it('an approval completed without its answer stops at its gateway with an incident', () => {
    const { engine, id, steps } = toApproval({ settlementDelayDays: 7 });
    complete(engine, id, 'approve', { approvalNote: 'forgot the answer' }, 'risk3');
    assert.deepEqual([...engine.incidents.values()].map((i) => i.elementId), ['gwApproval']);
    assert.deepEqual(steps, ['proposed']);
  });
});

describe('merchant risk decisions (merchant-risk-decisions.dmn)', () => {
  const cases: [terminate: boolean | null, suspend: boolean | null, recoverTerminals: boolean | null, liftControls: string[] | null, role: string][] = [
    [null, null, null, null, 'risk_officer'],
    [false, false, false, [], 'risk_officer'],
    [null, null, true, null, 'ops_manager'],
    [null, true, null, null, 'ops_manager'],
    [false, true, true, null, 'ops_manager'],
    [true, null, null, null, 'executive'],
    [true, true, true, null, 'executive'],
    [null, null, null, ['settlementDelay', 'dailyLimit', 'singleLimit', 'restrictedCardTypes'], 'risk_officer'],
    [null, null, null, ['suspension'], 'ops_manager'],
    [false, false, false, ['dailyLimit', 'suspension'], 'ops_manager'],
  ];
  for (const [terminate, suspend, recoverTerminals, liftControls, role] of cases) {
    it(`merchantRiskActionAuthority: terminate ${terminate}, suspend ${suspend}, recover ${recoverTerminals}, lift ${JSON.stringify(liftControls)} → ${role}`, () => {
      assert.deepEqual(decide('merchantRiskActionAuthority', { terminate, suspend, recoverTerminals, liftControls, settlementDelayDays: 7 }), { ok: true, value: role });
    });
  }
});

describeDiagram('merchant-risk-case.bpmn', text, model, ['participant_merchantRiskCase', 'laneRisk', 'laneApprover', 'laneSystem']);
