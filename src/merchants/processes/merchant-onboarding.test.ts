import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { compileBpmn } from '../../engine/model/bpmn-compile.ts';
import type { MemoryEngine } from '../../engine/runtime/memory-engine.ts';
import { bank, complete, decisionsOf, endedAt, refusedAsMakerChecker, taskAt, vars } from '../../services/processes/process-test-support.ts';
import { describeDiagram } from '../../services/processes/diagram-checks.ts';

// merchantOnboarding driven through the engine's core on the memory engine, with
// merchant-decisions.dmn as its decision service and stubs for `merchantStage` (records the stages
// it is called for) and `merchantRiskListCheck` (answers the hits a test gives): every path an
// application can take, who each step goes to, who may not approve, and where the instance ends.

const text = fs.readFileSync(new URL('merchant-onboarding.bpmn', import.meta.url), 'utf8');
const compiled = await compileBpmn(text);
if (!compiled.ok) throw new Error(`merchant-onboarding.bpmn is refused: ${JSON.stringify(compiled.problems)}`);
const model = compiled.value.processes.find((p) => p.id === 'merchantOnboarding')!;
const decide = await decisionsOf(new URL('merchant-decisions.dmn', import.meta.url));

/** A grocery store in Shanghai (Huangpu), as the API starts it. */
const STORE = { merchantId: 'm1', merchantCode: 'M310101000001', merchantKind: 'store', region: '310101', mcc: '5411', scale: 'small' };
/** An established small business with good credit: what the KYC check records. */
const KYC = { kycPassed: true, annualRevenue: 1_200_000, yearsInBusiness: 6, creditRecord: 'good', kycNote: null };
const INSPECTION = {
  inspectionFindings: 'none',
  addressConfirmed: true,
  inspectionChecklist: { premises: true, licenceDisplayed: true, goodsMatchIndustry: true },
  inspectionPhotos: 4,
  inspectionLocation: '31.2304,121.4737',
  inspectionNote: null,
};
const AGREEMENT = { feeRate: '0.38', agreementStartsOn: '2026-01-12' };

type Hits = { listHits: number; listHitKinds: string[] };
const NO_HITS: Hits = { listHits: 0, listHitKinds: [] };

/** A memory engine with the process deployed and started; `stages` lists what `merchantStage` was called for, `seen` what each call saw. */
function onboarding(start: Record<string, unknown> = {}, hits: Hits = NO_HITS) {
  const { engine } = bank({}, decide);
  engine.deploy(model);
  const stages: string[] = [];
  const seen: Record<string, unknown>[] = [];
  let listChecks = 0;
  engine.handlers.set('merchantStage', (variables) => {
    stages.push(String(variables.stage));
    seen.push(variables);
  });
  engine.handlers.set('merchantRiskListCheck', () => {
    listChecks++;
    return hits;
  });
  const merchant = { ...STORE, ...start };
  const id = engine.start('merchantOnboarding', merchant, { businessKey: merchant.merchantCode });
  return { engine, id, stages, seen, listChecks: () => listChecks };
}

/** The user tasks the instance opened, in order. */
const opened = (engine: MemoryEngine, id: string) => engine.history.filter((h) => h.instanceId === id && h.elementType === 'userTask' && h.event === 'start').map((h) => h.elementId);

/** Where a task goes and who may not complete it. */
function routing(engine: MemoryEngine, id: string, elementId: string) {
  const t = taskAt(engine, id, elementId);
  return { candidateGroups: t.candidateGroups, assignee: t.assignee, notCompletedBy: t.notCompletedBy };
}

const MANAGER = { candidateGroups: ['merchant_manager'], assignee: null, notCompletedBy: [] };

/** KYC checked by mm1, inspected by mm2 (after any risk-list review): waiting for the approval. */
function toApproval(start: Record<string, unknown> = {}, kyc: Record<string, unknown> = {}, inspection: Record<string, unknown> = {}, hits: Hits = NO_HITS) {
  const run = onboarding(start, hits);
  const { engine, id } = run;
  assert.deepEqual(routing(engine, id, 'kycReview'), MANAGER);
  complete(engine, id, 'kycReview', { ...KYC, ...kyc }, 'mm1');
  if (hits.listHits > 0) complete(engine, id, 'reviewListHit', { listDecision: 'proceed' }, 'risk1');
  assert.deepEqual(routing(engine, id, 'siteInspection'), MANAGER);
  complete(engine, id, 'siteInspection', { ...INSPECTION, ...inspection }, 'mm2');
  return run;
}

/** Approved by `approver`, the agreement signed: waiting for terminals (a store) or active (online). */
function approveAndSign(run: ReturnType<typeof onboarding>, approver: string) {
  complete(run.engine, run.id, 'approve', { approval: 'approve', approvalNote: 'conditions met' }, approver);
  assert.deepEqual(routing(run.engine, run.id, 'signAgreement'), MANAGER);
  complete(run.engine, run.id, 'signAgreement', AGREEMENT, 'mm1');
}

describe('merchantOnboarding (merchant-onboarding.bpmn)', () => {
  it('compiles without warnings, names every node and lane in Chinese and English', () => {
    assert.deepEqual([...compiled.value.warnings, ...compiled.value.unsupported], []);
    for (const node of Object.values(model.nodes)) {
      assert.match(node.name ?? '', /^\P{ASCII}.* \/ [A-Z]/u, `${node.id} name "${node.name}"`);
      assert.match(node.lane ?? '', /^\P{ASCII}.* \/ [A-Z]/u, `${node.id} lane "${node.lane}"`);
    }
  });

  it('gives every user task a due date in working days and a priority, the review points above routine work', () => {
    const tasks = Object.values(model.nodes).filter((n) => n.type === 'userTask');
    const due = Object.fromEntries(tasks.map((n) => [n.id, [n.task!.dueDate?.kind === 'literal' ? n.task!.dueDate.text : null, n.task!.workingTime]]));
    assert.deepEqual(due, { kycReview: ['P2D', true], reviewListHit: ['P1D', true], siteInspection: ['P3D', true], approve: ['P2D', true], signAgreement: ['P5D', true], installTerminals: ['P5D', true] });
    const priorities = Object.fromEntries(tasks.map((n) => [n.id, n.task!.priority?.kind === 'literal' ? Number(n.task!.priority.text) : null]));
    assert.deepEqual(priorities, { kycReview: 50, reviewListHit: 70, siteInspection: 50, approve: 60, signAgreement: 50, installTerminals: 50 });
  });

  it('a store: checked, screened, inspected, rated low, approved by the branch manager, agreement, terminals, active', () => {
    const run = toApproval();
    const { engine, id, stages, seen } = run;
    assert.equal(run.listChecks(), 1);
    assert.equal(vars(engine, id).riskRating, 'low');
    assert.deepEqual(routing(engine, id, 'approve'), { candidateGroups: ['branch_manager'], assignee: null, notCompletedBy: ['kycReview', 'siteInspection', 'reviewListHit'] });
    approveAndSign(run, 'manager1');
    assert.deepEqual(routing(engine, id, 'installTerminals'), MANAGER);
    complete(engine, id, 'installTerminals', { terminalsInstalled: 2 }, 'mm2');
    assert.deepEqual(stages, ['rated', 'agreement', 'installed', 'activated']);
    const [rated, agreement, installed, activated] = seen;
    assert.deepEqual([rated!.merchantId, rated!.riskRating, rated!.inspectionFindings, rated!.inspectionChecklist], ['m1', 'low', 'none', INSPECTION.inspectionChecklist]);
    assert.deepEqual([agreement!.feeRate, agreement!.agreementStartsOn, agreement!.approval], ['0.38', '2026-01-12', 'approve']);
    assert.equal(installed!.terminalsInstalled, 2);
    assert.deepEqual([activated!.merchantCode, activated!.approverRole], ['M310101000001', 'branch_manager']);
    assert.deepEqual(opened(engine, id), ['kycReview', 'siteInspection', 'approve', 'signAgreement', 'installTerminals']);
    assert.equal(engine.instances.get(id)!.businessKey, 'M310101000001');
    assert.equal(endedAt(engine, id), 'active');
  });

  it('an online merchant has no terminals to install: activated after the agreement', () => {
    const run = toApproval({ merchantKind: 'online', mcc: '5999' }, {}, { inspectionChecklist: { websiteReachable: true, icpFiling: true, goodsMatchIndustry: true }, inspectionLocation: null });
    approveAndSign(run, 'manager1');
    assert.deepEqual(run.stages, ['rated', 'agreement', 'activated']);
    assert.deepEqual(opened(run.engine, run.id), ['kycReview', 'siteInspection', 'approve', 'signAgreement']);
    assert.equal(endedAt(run.engine, run.id), 'active');
  });

  const ratings: [label: string, start: Record<string, unknown>, kyc: Record<string, unknown>, inspection: Record<string, unknown>, rating: string, role: string, approver: string][] = [
    ['an established grocery store with good credit', {}, {}, {}, 'low', 'branch_manager', 'manager1'],
    ['an online shop open eight months', { merchantKind: 'online', mcc: '5999' }, { yearsInBusiness: 0.7, annualRevenue: 300_000 }, {}, 'medium', 'ops_manager', 'ops1'],
    ['a store with a fair credit record and minor findings', {}, { creditRecord: 'fair' }, { inspectionFindings: 'minor' }, 'medium', 'ops_manager', 'ops1'],
    ['a pawn shop (MCC 5933)', { mcc: '5933' }, {}, {}, 'high', 'risk_officer', 'risk2'],
    ['a store whose inspection found major problems', {}, {}, { inspectionFindings: 'major', addressConfirmed: false }, 'high', 'risk_officer', 'risk2'],
  ];
  for (const [label, start, kyc, inspection, rating, role, approver] of ratings) {
    it(`${label}: rated ${rating}, approved by ${role}, never by the checker or the inspector`, () => {
      const run = toApproval(start, kyc, inspection);
      const { engine, id, stages } = run;
      assert.deepEqual([vars(engine, id).riskRating, vars(engine, id).approverRole], [rating, role]);
      assert.deepEqual(stages, ['rated']);
      assert.deepEqual(routing(engine, id, 'approve').candidateGroups, [role]);
      assert.throws(() => complete(engine, id, 'approve', { approval: 'approve' }, 'mm1'), refusedAsMakerChecker, 'the KYC checker may not approve');
      assert.throws(() => complete(engine, id, 'approve', { approval: 'approve' }, 'mm2'), refusedAsMakerChecker, 'the inspector may not approve');
      complete(engine, id, 'approve', { approval: 'approve' }, approver);
      assert.equal(opened(engine, id).at(-1), 'signAgreement');
    });
  }

  it('KYC not passed: refused, never screened nor inspected', () => {
    const { engine, id, stages, seen, listChecks } = onboarding();
    complete(engine, id, 'kycReview', { ...KYC, kycPassed: false, kycNote: 'the licence has expired' }, 'mm1');
    assert.deepEqual(stages, ['refused']);
    assert.deepEqual([seen[0]!.kycPassed, seen[0]!.kycNote], [false, 'the licence has expired']);
    assert.equal(listChecks(), 0);
    assert.deepEqual(opened(engine, id), ['kycReview']);
    assert.equal(endedAt(engine, id), 'refusedKyc');
  });

  it('on the risk list and refused by risk management: refused, never inspected', () => {
    const { engine, id, stages, seen } = onboarding({}, { listHits: 1, listHitKinds: ['uscc'] });
    complete(engine, id, 'kycReview', KYC, 'mm1');
    assert.deepEqual(routing(engine, id, 'reviewListHit'), { candidateGroups: ['risk_officer'], assignee: null, notCompletedBy: [] });
    assert.deepEqual(vars(engine, id).listHitKinds, ['uscc']);
    complete(engine, id, 'reviewListHit', { listDecision: 'refuse' }, 'risk1');
    assert.deepEqual(stages, ['refused']);
    assert.equal(seen[0]!.listDecision, 'refuse');
    assert.deepEqual(opened(engine, id), ['kycReview', 'reviewListHit']);
    assert.equal(endedAt(engine, id), 'refusedListed');
  });

  it('on the risk list and let through with caution: inspected, rated high whatever else, approved by risk management', () => {
    const run = toApproval({}, {}, {}, { listHits: 2, listHitKinds: ['id_number', 'account'] });
    const { engine, id } = run;
    assert.deepEqual([vars(engine, id).listDecision, vars(engine, id).riskRating, vars(engine, id).approverRole], ['proceed', 'high', 'risk_officer']);
    assert.throws(() => complete(engine, id, 'approve', { approval: 'approve' }, 'risk1'), refusedAsMakerChecker, 'who let the hit through is not the one to approve');
    approveAndSign(run, 'risk2');
    complete(engine, id, 'installTerminals', { terminalsInstalled: 1 }, 'mm2');
    assert.deepEqual(opened(engine, id), ['kycReview', 'reviewListHit', 'siteInspection', 'approve', 'signAgreement', 'installTerminals']);
    assert.equal(endedAt(engine, id), 'active');
  });

  it('approval refused: rated, then refused; no agreement', () => {
    const { engine, id, stages, seen } = toApproval();
    complete(engine, id, 'approve', { approval: 'refuse', approvalNote: 'turnover not credible' }, 'manager1');
    assert.deepEqual(stages, ['rated', 'refused']);
    assert.deepEqual([seen[1]!.approval, seen[1]!.approvalNote], ['refuse', 'turnover not credible']);
    assert.equal(endedAt(engine, id), 'refusedApproval');
  });

  it('a step completed without its answer stops at its gateway with an incident', () => {
    const kyc = onboarding();
    complete(kyc.engine, kyc.id, 'kycReview', {}, 'mm1');
    assert.deepEqual([...kyc.engine.incidents.values()].map((i) => i.elementId), ['gwKyc']);
    const approval = toApproval();
    complete(approval.engine, approval.id, 'approve', { approvalNote: 'forgot the answer' }, 'manager1');
    assert.deepEqual([...approval.engine.incidents.values()].map((i) => i.elementId), ['gwApproval']);
    assert.deepEqual(approval.stages, ['rated']);
  });
});

describe('merchant decisions (merchant-decisions.dmn)', () => {
  const BASE = { ...STORE, ...KYC, inspectionFindings: 'none', listHits: 0 };
  const rate = (changes: Record<string, unknown>) => decide('merchantRiskRating', { ...BASE, ...changes });
  const cases: [label: string, changes: Record<string, unknown>, rating: string | null][] = [
    ['nothing of note', {}, 'low'],
    ['a large supermarket', { scale: 'large', annualRevenue: 300_000_000 }, 'low'],
    ['listHits 0', { listHits: 0 }, 'low'],
    ['listHits 1', { listHits: 1 }, 'high'],
    ['credit poor', { creditRecord: 'poor' }, 'high'],
    ['credit fair', { creditRecord: 'fair' }, 'medium'],
    ['findings major', { inspectionFindings: 'major' }, 'high'],
    ['findings minor', { inspectionFindings: 'minor' }, 'medium'],
    ...['4829', '5933', '5967', '6051', '6211', '7273', '7995'].map((mcc): [string, Record<string, unknown>, string] => [`MCC ${mcc}`, { mcc }, 'high']),
    ['MCC 5812 (restaurants)', { mcc: '5812' }, 'low'],
    ['online, 0.9 years', { merchantKind: 'online', yearsInBusiness: 0.9 }, 'medium'],
    ['online, 1 year', { merchantKind: 'online', yearsInBusiness: 1 }, 'low'],
    ['store, small, 0.5 years', { yearsInBusiness: 0.5 }, 'low'],
    ['micro, 0.5 years', { scale: 'micro', yearsInBusiness: 0.5, annualRevenue: 200_000 }, 'medium'],
    ['micro, 2 years', { scale: 'micro', yearsInBusiness: 2, annualRevenue: 200_000 }, 'low'],
    ['micro declaring 4,999,999 yuan', { scale: 'micro', annualRevenue: 4_999_999 }, 'low'],
    ['micro declaring 5,000,000 yuan', { scale: 'micro', annualRevenue: 5_000_000 }, 'medium'],
    ['region 532801 (Xishuangbanna)', { region: '532801' }, 'medium'],
    ['region 533102 (Dehong)', { region: '533102' }, 'medium'],
    ['region 450602 (Fangchenggang)', { region: '450602' }, 'medium'],
    ['region 451481 (Chongzuo)', { region: '451481' }, 'medium'],
    ['region 532901 (Dali, not watched)', { region: '532901' }, 'low'],
    ['region 110105 (Beijing)', { region: '110105' }, 'low'],
    ['fair credit in a watched region and a high-risk industry: the worst wins', { creditRecord: 'fair', region: '532801', mcc: '7995' }, 'high'],
    ['credit not recorded', { creditRecord: null }, 'medium'],
    ['findings not recorded', { inspectionFindings: null }, 'medium'],
    ['revenue not recorded', { annualRevenue: null }, 'medium'],
    ['years not recorded', { yearsInBusiness: null }, 'medium'],
    ['a misspelt credit record: no rating rather than low', { creditRecord: 'Good' }, null],
    ['an unknown scale: no rating', { scale: 'tiny' }, null],
  ];
  for (const [label, changes, rating] of cases) {
    it(`merchantRiskRating: ${label} → ${rating}`, () => {
      assert.deepEqual(rate(changes), { ok: true, value: rating });
    });
  }

  const authorities: [rating: string | null, role: string][] = [
    ['low', 'branch_manager'],
    ['medium', 'ops_manager'],
    ['high', 'risk_officer'],
    [null, 'risk_officer'],
  ];
  for (const [riskRating, role] of authorities) {
    it(`merchantApprovalAuthority: ${riskRating} → ${role}`, () => {
      assert.deepEqual(decide('merchantApprovalAuthority', { riskRating }), { ok: true, value: role });
    });
  }
});

describeDiagram('merchant-onboarding.bpmn', text, model, ['participant_merchantOnboarding', 'laneMerchantManager', 'laneRisk', 'laneApprover', 'laneSystem']);
