import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertTask, bank, complete, decide, diagramOf, endedAt, expectTask, formFields, LOAN, models, overlap, refusedAsMakerChecker, start, START, taskAt, timesEntered, vars, warnings, xml, type Outcomes } from './process-test-support.ts';

// The shipped models driven through the engine's core with stub handlers: every path a case can
// take, what each step asks of whom, which handlers run, and where the instance ends.

const SIZES: Record<string, [number, number]> = { Task: [100, 80], Event: [36, 36], Gateway: [50, 50] };

describe('the shipped models', () => {
  it('compile without warnings', () => {
    for (const [file, found] of warnings) assert.deepEqual(found, [], file);
  });

  it('name every node and lane in Chinese and English, and give every user task explicit groups and a working-time due date', () => {
    for (const model of models) {
      for (const node of Object.values(model.nodes)) {
        assert.match(node.name ?? '', /^\P{ASCII}.* \/ [A-Z]/u, `${model.id}.${node.id} name "${node.name}"`);
        assert.match(node.lane ?? '', /^\P{ASCII}.* \/ [A-Z]/u, `${model.id}.${node.id} lane "${node.lane}"`);
        if (node.type !== 'userTask') continue;
        const task = node.task!;
        assert.ok(task.candidateGroups.length > 0 && task.candidateGroups.every((g) => g.kind === 'literal'), `${model.id}.${node.id} candidate groups`);
        assert.ok(task.dueDate?.kind === 'literal' && /^P/.test(task.dueDate.text), `${model.id}.${node.id} due date`);
        assert.equal(task.workingTime, true, `${model.id}.${node.id} due date counts working time`);
      }
    }
  });

  it('notify the customer right before every rejected end', () => {
    for (const model of models) {
      for (const end of Object.values(model.nodes).filter((n) => n.type === 'endEvent' && n.id.startsWith('rejected'))) {
        const before = model.nodes[model.flows[end.incoming[0]!]!.source]!;
        assert.deepEqual(before.implementation, { kind: 'handler', name: 'notifyCustomer', retries: 3 }, `${model.id}.${end.id}`);
      }
    }
  });

  it('carry a diagram: shapes of the right size for the participant, every lane and node, an edge for every flow, no shapes overlapping', () => {
    for (const [file, text] of xml) {
      const { nodes, shapes, waypoints, lanes, flows } = diagramOf(text);
      for (const { type, id } of nodes) {
        const size = SIZES[/Task$/.test(type) ? 'Task' : /Event$/.test(type) ? 'Event' : 'Gateway']!;
        assert.deepEqual(shapes.get(id)?.slice(2), size, `${file}: shape of ${id}`);
      }
      for (const id of lanes) assert.ok(shapes.has(id), `${file}: shape of ${id}`);
      for (const id of flows) assert.ok((waypoints.get(id) ?? 0) >= 2, `${file}: edge of ${id}`);
      for (const a of nodes) for (const b of nodes) assert.ok(a === b || !overlap(shapes.get(a.id)!, shapes.get(b.id)!), `${file}: ${a.id} overlaps ${b.id}`);
    }
  });
});

describe('loan decisions (loan-decisions.dmn)', () => {
  const scores: [income: number, debt: number, history: string, amount: number, riskLevel: string, score: number][] = [
    [20_000, 2_000, 'good', 100_000, 'low', 800],
    [0, 0, 'good', 50_000, 'decline', 0],
    [10_000, 5_000, 'poor', 50_000, 'decline', 150],
    [10_000, 3_000, 'poor', 50_000, 'high', 350],
    [10_000, 6_000, 'good', 50_000, 'high', 400],
    [10_000, 1_000, 'good', 700_000, 'high', 450],
    [10_000, 1_000, 'fair', 100_000, 'low', 720],
    [10_000, 2_500, 'fair', 150_000, 'medium', 650],
    [10_000, 3_500, 'good', 300_000, 'medium', 650],
    [10_000, 2_000, 'none', 200_000, 'medium', 600],
    [10_000, 4_500, 'none', 400_000, 'medium', 550],
    [10_000, 4_500, 'fair', 500_000, 'high', 500],
  ];
  for (const [monthlyIncome, monthlyDebt, creditHistory, amount, riskLevel, score] of scores) {
    it(`loanCreditScore: income ${monthlyIncome}, debt ${monthlyDebt}, ${creditHistory} history, ${amount} → ${riskLevel} (${score})`, () => {
      assert.deepEqual(decide('loanCreditScore', { monthlyIncome, monthlyDebt, creditHistory, amount, termMonths: 36 }), { ok: true, value: { riskLevel, score } });
    });
  }
  const authorities: [amount: number, riskLevel: string | null, authority: string][] = [
    [200_000, 'low', 'branch'],
    [200_000, 'medium', 'branch'],
    [200_001, 'low', 'region'],
    [1_000_000, 'medium', 'region'],
    [1_000_001, 'low', 'committee'],
    [50_000, 'high', 'committee'],
    [50_000, null, 'committee'],
  ];
  for (const [amount, riskLevel, authority] of authorities) {
    it(`loanApprovalAuthority: ${amount} at ${riskLevel} risk → ${authority}`, () => {
      assert.deepEqual(decide('loanApprovalAuthority', { amount, riskLevel }), { ok: true, value: authority });
    });
  }
});

describe('personalAccountOpening', () => {
  /** Up to the checker: materials and input by one teller. */
  function toChecker() {
    const { engine, calls, seen } = bank();
    const id = start(engine, 'personalAccountOpening');
    expectTask(engine, id, 'checkMaterials', { candidateGroups: ['teller'], gates: ['materials'] });
    complete(engine, id, 'checkMaterials', {}, 'teller1');
    expectTask(engine, id, 'makerInput', { candidateGroups: ['teller'] });
    complete(engine, id, 'makerInput', { accountType: 'debit_card', purpose: 'salary', smsAlerts: true }, 'teller1');
    expectTask(engine, id, 'checkerApproval', { candidateGroups: ['supervisor'], notCompletedBy: ['makerInput'], gates: ['materials'] });
    return { engine, calls, seen, id };
  }

  it('opens the account once a supervisor other than the maker approves', () => {
    const { engine, calls, seen, id } = toChecker();
    assert.throws(() => complete(engine, id, 'checkerApproval', { decision: 'approve' }, 'teller1'), refusedAsMakerChecker);
    complete(engine, id, 'checkerApproval', { decision: 'approve', comment: 'ok' }, 'super1');
    assert.deepEqual(calls, ['identityCheck', 'coreOpenAccount', 'notifyCustomer:account_opened']);
    assert.equal(endedAt(engine, id), 'completed');
    const { accountType, purpose, smsAlerts, decision, comment, accountNumber } = seen.get('notifyCustomer:account_opened')!;
    assert.deepEqual({ accountType, purpose, smsAlerts, decision, comment, accountNumber }, { accountType: 'debit_card', purpose: 'salary', smsAlerts: true, decision: 'approve', comment: 'ok', accountNumber: '6217000012345678901' });
  });

  it('the maker task carries its form: account type, purpose, SMS alerts', () => {
    const { engine } = bank();
    const id = start(engine, 'personalAccountOpening');
    complete(engine, id, 'checkMaterials');
    assert.deepEqual(formFields(taskAt(engine, id, 'makerInput')), [['accountType', 'select', ['debit_card', 'passbook']], ['purpose', 'textfield', undefined], ['smsAlerts', 'checkbox', undefined]]);
  });

  it('a return goes back to the maker; the next decision is needed afresh', () => {
    const { engine, calls, id } = toChecker();
    complete(engine, id, 'checkerApproval', { decision: 'return', comment: 'wrong purpose' }, 'super1');
    complete(engine, id, 'makerInput', { purpose: 'savings' }, 'teller1');
    complete(engine, id, 'checkerApproval', {}, 'super1');
    assert.equal(engine.instances.get(id)!.status, 'active', 'no decision: the earlier "return" is not reused');
    assert.match([...engine.incidents.values()][0]!.message, /gwChecker/);
    assert.equal(timesEntered(engine, id, 'makerInput'), 2);
    assert.deepEqual(calls, ['identityCheck']);
  });

  it('a rejection notifies the customer and ends rejected', () => {
    const { engine, calls, id } = toChecker();
    complete(engine, id, 'checkerApproval', { decision: 'reject' }, 'super1');
    assert.deepEqual(calls, ['identityCheck', 'notifyCustomer:case_rejected']);
    assert.equal(endedAt(engine, id), 'rejected');
  });

  it('a failed identity check notifies the customer and ends rejected before any task', () => {
    const { engine, calls } = bank({ identityVerified: false });
    const id = start(engine, 'personalAccountOpening');
    assert.deepEqual(calls, ['identityCheck', 'notifyCustomer:case_rejected']);
    assert.equal(endedAt(engine, id), 'rejectedIdentity');
    assert.equal(engine.history.filter((h) => h.elementType === 'userTask').length, 0);
  });
});

describe('personalLoanApplication', () => {
  /** Through identity, materials, both decisions and the credit review. */
  function reviewed(loan: Partial<typeof LOAN> = {}, outcomes: Outcomes = {}) {
    const { engine, calls, seen } = bank(outcomes);
    const id = start(engine, 'personalLoanApplication', { ...LOAN, ...loan });
    expectTask(engine, id, 'checkMaterials', { candidateGroups: ['teller'], gates: ['materials'] });
    complete(engine, id, 'checkMaterials', {}, 'teller1');
    const declined = engine.instances.get(id)!.status === 'completed';
    if (!declined) {
      expectTask(engine, id, 'creditReview', { candidateGroups: ['risk_officer'], pool: 'central' });
      complete(engine, id, 'creditReview', {}, 'risk1');
    }
    return { engine, calls, seen, id };
  }
  const APPROVER = { notCompletedBy: ['checkMaterials', 'creditReview'], gates: ['materials'] };
  const DISBURSED = ['identityCheck', 'coreDisburseLoan', 'notifyCustomer:loan_approved'];

  function signAndCheck({ engine, id, calls, seen }: ReturnType<typeof reviewed>, expectedCalls: string[]) {
    expectTask(engine, id, 'signContract', { candidateGroups: ['teller'] });
    complete(engine, id, 'signContract', {}, 'teller1');
    assert.deepEqual(calls, expectedCalls);
    assert.equal(endedAt(engine, id), 'completed');
    assert.equal(seen.get('notifyCustomer:loan_approved')!.disbursementRef, 'LN000000000001');
  }

  it('low risk up to 200,000: the branch approves, then contract and disbursement', () => {
    const run = reviewed();
    const { engine, id } = run;
    assert.deepEqual(vars(engine, id).creditAssessment, { riskLevel: 'low', score: 800 });
    assert.equal(vars(engine, id).authority, 'branch');
    expectTask(engine, id, 'branchApproval', { candidateGroups: ['branch_manager'], ...APPROVER });
    assert.throws(() => complete(engine, id, 'branchApproval', { decision: 'approve' }, 'teller1'), refusedAsMakerChecker);
    complete(engine, id, 'branchApproval', { decision: 'approve' }, 'manager1');
    signAndCheck(run, DISBURSED);
  });

  it('up to 1,000,000 at low or medium risk: the region approves', () => {
    const run = reviewed({ amount: 500_000, monthlyIncome: 30_000, monthlyDebt: 3_000 });
    const { engine, id } = run;
    assert.equal(vars(engine, id).authority, 'region');
    expectTask(engine, id, 'regionApproval', { candidateGroups: ['ops_manager'], ...APPROVER });
    complete(engine, id, 'regionApproval', { decision: 'approve' }, 'ops1');
    signAndCheck(run, DISBURSED);
  });

  /** Above 1,000,000: the credit committee, one vote per member. */
  function committee(members?: string[]) {
    const run = reviewed({ amount: 1_500_000, monthlyIncome: 50_000, monthlyDebt: 5_000 }, members ? { committee: members } : {});
    const { engine, id } = run;
    assert.equal(vars(engine, id).authority, 'committee');
    const votes = engine.openTasks(id);
    assert.deepEqual(votes.map((t) => t.assignee), members ?? ['li', 'wang', 'zhao']);
    for (const t of votes) assertTask(t, { candidateGroups: ['risk_officer', 'ops_manager', 'branch_manager'], assignee: t.assignee, qualification: 'credit-approval', gates: ['materials'] });
    const vote = (member: string, v: string) => engine.completeTask(votes.find((t) => t.assignee === member)!.id, { vote: v }, member);
    return { ...run, vote };
  }

  it('the committee approves on a majority: the remaining vote is withdrawn', () => {
    const run = committee();
    const { engine, id, vote } = run;
    vote('li', 'approve');
    vote('wang', 'approve');
    assert.deepEqual(vars(engine, id).committeeVotes, [{ member: 'li', vote: 'approve' }, { member: 'wang', vote: 'approve' }]);
    assert.equal(vars(engine, id).committeeDecision, 'approve');
    assert.deepEqual(engine.openTasks(id).map((t) => t.elementId), ['signContract'], 'zhao\'s vote is withdrawn');
    signAndCheck(run, ['identityCheck', 'creditCommittee', 'coreDisburseLoan', 'notifyCustomer:loan_approved']);
  });

  it('the committee declines on a majority against', () => {
    const { engine, calls, id, vote } = committee();
    vote('li', 'reject');
    vote('wang', 'approve');
    assert.equal(engine.openTasks(id).length, 1, 'one against, one for: not decided yet');
    vote('zhao', 'reject');
    assert.deepEqual(calls, ['identityCheck', 'creditCommittee', 'notifyCustomer:loan_declined']);
    assert.equal(endedAt(engine, id), 'rejectedByCommittee');
  });

  it('a tie in an even committee is no majority: the loan is declined', () => {
    const { engine, id, vote } = committee(['li', 'wang', 'zhao', 'zhou']);
    vote('li', 'approve');
    vote('wang', 'approve');
    vote('zhao', 'reject');
    assert.equal(engine.openTasks(id).length, 1);
    vote('zhou', 'reject');
    assert.equal(endedAt(engine, id), 'rejectedByCommittee');
  });

  it('a declining credit assessment ends the application before any review', () => {
    const { engine, calls, seen, id } = reviewed({ monthlyIncome: 0 });
    assert.deepEqual(seen.get('notifyCustomer:loan_declined')!.creditAssessment, { riskLevel: 'decline', score: 0 });
    assert.deepEqual(calls, ['identityCheck', 'notifyCustomer:loan_declined']);
    assert.equal(endedAt(engine, id), 'rejectedByScore');
    assert.equal(timesEntered(engine, id, 'creditReview'), 0);
  });

  it('a return goes back to the materials check; the corrected application is assessed again', () => {
    const run = reviewed();
    const { engine, id } = run;
    complete(engine, id, 'branchApproval', { decision: 'return', comment: 'income proof is old' }, 'manager1');
    complete(engine, id, 'checkMaterials', { amount: 300_000 }, 'teller1');
    complete(engine, id, 'creditReview', {}, 'risk1');
    assert.equal(vars(engine, id).authority, 'region', 'the larger amount needs the region');
    complete(engine, id, 'regionApproval', { decision: 'approve' }, 'ops1');
    signAndCheck(run, DISBURSED);
  });

  it('an approver rejection declines the loan', () => {
    const { engine, calls, id } = reviewed();
    complete(engine, id, 'branchApproval', { decision: 'reject' }, 'manager1');
    assert.deepEqual(calls, ['identityCheck', 'notifyCustomer:loan_declined']);
    assert.equal(endedAt(engine, id), 'rejectedByApprover');
  });

  it('a failed identity check ends the application rejected', () => {
    const { engine, calls } = bank({ identityVerified: false });
    const id = start(engine, 'personalLoanApplication', LOAN);
    assert.deepEqual(calls, ['identityCheck', 'notifyCustomer:case_rejected']);
    assert.equal(endedAt(engine, id), 'rejectedIdentity');
  });
});

describe('cardLossReplacement', () => {
  it('blocks the card before anything else, then issues a replacement within two hours', () => {
    const { engine, calls, seen } = bank();
    const id = start(engine, 'cardLossReplacement', { channel: 'phone' });
    assert.deepEqual(calls, ['coreBlockCard', 'identityCheck']);
    const issue = expectTask(engine, id, 'issueCard', { candidateGroups: ['teller'], gates: ['materials'] });
    assert.equal(issue.priority, 80);
    assert.equal(issue.dueAt, new Date(engine.now.getTime() + 2 * 3_600_000).toISOString(), 'two hours (working hours on the server)');
    complete(engine, id, 'issueCard', {}, 'teller1');
    assert.deepEqual(calls, ['coreBlockCard', 'identityCheck', 'coreReplaceCard', 'notifyCustomer:card_replaced']);
    assert.deepEqual([seen.get('notifyCustomer:card_replaced')!.cardBlocked, seen.get('notifyCustomer:card_replaced')!.newCardMasked], [true, '6217 **** **** 4321']);
    assert.equal(endedAt(engine, id), 'completed');
  });

  it('a failed identity check leaves the card blocked and ends rejected', () => {
    const { engine, calls } = bank({ identityVerified: false });
    const id = start(engine, 'cardLossReplacement');
    assert.deepEqual(calls, ['coreBlockCard', 'identityCheck', 'notifyCustomer:case_rejected']);
    assert.equal(endedAt(engine, id), 'rejectedIdentity');
  });
});

describe('largeValueTransfer', () => {
  /** Prepared by teller1 and confirmed on the phone by teller2. */
  function toAuthorisation() {
    const { engine, calls, seen } = bank();
    const id = start(engine, 'largeValueTransfer', { amount: 2_000_000 });
    assert.equal(expectTask(engine, id, 'prepareTransfer', { candidateGroups: ['teller'] }).priority, 80);
    complete(engine, id, 'prepareTransfer', {}, 'teller1');
    expectTask(engine, id, 'callBack', { candidateGroups: ['teller', 'supervisor'], notCompletedBy: ['prepareTransfer'] });
    assert.throws(() => complete(engine, id, 'callBack', { confirmed: true }, 'teller1'), refusedAsMakerChecker);
    complete(engine, id, 'callBack', { confirmed: true }, 'teller2');
    expectTask(engine, id, 'authorise', { candidateGroups: ['supervisor'], notCompletedBy: ['prepareTransfer'], qualification: 'large-value-authorisation', gates: ['materials'] });
    return { engine, calls, seen, id };
  }

  it('a qualified supervisor authorises, then the core books it', () => {
    const { engine, calls, seen, id } = toAuthorisation();
    assert.throws(() => complete(engine, id, 'authorise', { decision: 'approve' }, 'teller1'), refusedAsMakerChecker);
    complete(engine, id, 'authorise', { decision: 'approve' }, 'super1');
    assert.deepEqual(calls, ['identityCheck', 'coreTransfer', 'notifyCustomer:transfer_done']);
    assert.equal(seen.get('notifyCustomer:transfer_done')!.transferRef, 'TR000000000001');
    assert.equal(endedAt(engine, id), 'completed');
  });

  it('a transfer the customer does not confirm on the phone is rejected', () => {
    const { engine, calls } = bank();
    const id = start(engine, 'largeValueTransfer', { amount: 2_000_000 });
    complete(engine, id, 'prepareTransfer', {}, 'teller1');
    complete(engine, id, 'callBack', { confirmed: false }, 'super1');
    assert.deepEqual(calls, ['identityCheck', 'notifyCustomer:case_rejected']);
    assert.equal(endedAt(engine, id), 'rejectedNotConfirmed');
    assert.equal(timesEntered(engine, id, 'authorise'), 0);
  });

  it('a return goes back to the teller, and the customer is called again', () => {
    const { engine, calls, id } = toAuthorisation();
    complete(engine, id, 'authorise', { decision: 'return', comment: 'wrong beneficiary' }, 'super1');
    complete(engine, id, 'prepareTransfer', {}, 'teller1');
    complete(engine, id, 'callBack', { confirmed: true }, 'teller2');
    complete(engine, id, 'authorise', { decision: 'approve' }, 'super1');
    assert.deepEqual([timesEntered(engine, id, 'prepareTransfer'), timesEntered(engine, id, 'callBack')], [2, 2]);
    assert.deepEqual(calls, ['identityCheck', 'coreTransfer', 'notifyCustomer:transfer_done']);
    assert.equal(endedAt(engine, id), 'completed');
  });

  it('a supervisor rejection ends rejected', () => {
    const { engine, calls, id } = toAuthorisation();
    complete(engine, id, 'authorise', { decision: 'reject' }, 'super1');
    assert.deepEqual(calls, ['identityCheck', 'notifyCustomer:case_rejected']);
    assert.equal(endedAt(engine, id), 'rejected');
  });

  it('a failed identity check ends rejected', () => {
    const { engine, calls } = bank({ identityVerified: false });
    const id = start(engine, 'largeValueTransfer', { amount: 2_000_000 });
    assert.deepEqual(calls, ['identityCheck', 'notifyCustomer:case_rejected']);
    assert.equal(endedAt(engine, id), 'rejectedIdentity');
  });
});

describe('corporateAccountOpening', () => {
  /** Materials checked by teller1, then the central review. */
  function toCentralReview() {
    const { engine, calls } = bank();
    const id = start(engine, 'corporateAccountOpening', { customerSegment: 'sme' });
    expectTask(engine, id, 'checkMaterials', { candidateGroups: ['teller'], gates: ['materials'] });
    complete(engine, id, 'checkMaterials', {}, 'teller1');
    expectTask(engine, id, 'centralReview', { candidateGroups: ['supervisor'], pool: 'central' });
    return { engine, calls, id };
  }
  /** Reviewed centrally and visited on site. */
  function toFinalApproval() {
    const run = toCentralReview();
    const { engine, id } = run;
    complete(engine, id, 'centralReview', { decision: 'approve' }, 'central1');
    expectTask(engine, id, 'siteVisit', { candidateGroups: ['branch_manager'] });
    complete(engine, id, 'siteVisit', { siteConfirmed: true }, 'manager1');
    expectTask(engine, id, 'checkerApproval', { candidateGroups: ['branch_manager'], notCompletedBy: ['checkMaterials'], gates: ['materials'] });
    return run;
  }

  it('central review, site visit and final approval open the account', () => {
    const { engine, calls, id } = toFinalApproval();
    assert.throws(() => complete(engine, id, 'checkerApproval', { decision: 'approve' }, 'teller1'), refusedAsMakerChecker);
    complete(engine, id, 'checkerApproval', { decision: 'approve' }, 'manager1');
    assert.deepEqual(calls, ['identityCheck', 'coreOpenAccount', 'notifyCustomer:corporate_account_opened']);
    assert.equal(endedAt(engine, id), 'completed');
  });

  it('a return from the central review goes back to the materials check', () => {
    const { engine, id } = toCentralReview();
    complete(engine, id, 'centralReview', { decision: 'return' }, 'central1');
    complete(engine, id, 'checkMaterials', {}, 'teller1');
    expectTask(engine, id, 'centralReview', { candidateGroups: ['supervisor'], pool: 'central' });
    assert.equal(timesEntered(engine, id, 'checkMaterials'), 2);
  });

  it('a rejection by the central review ends rejected', () => {
    const { engine, calls, id } = toCentralReview();
    complete(engine, id, 'centralReview', { decision: 'reject' }, 'central1');
    assert.deepEqual(calls, ['identityCheck', 'notifyCustomer:case_rejected']);
    assert.equal(endedAt(engine, id), 'rejectedByCentral');
  });

  it('premises not found on the site visit end rejected', () => {
    const { engine, calls, id } = toCentralReview();
    complete(engine, id, 'centralReview', { decision: 'approve' }, 'central1');
    complete(engine, id, 'siteVisit', { siteConfirmed: false }, 'manager1');
    assert.deepEqual(calls, ['identityCheck', 'notifyCustomer:case_rejected']);
    assert.equal(endedAt(engine, id), 'rejectedSiteVisit');
  });

  it('the final approval returns to the materials check, or rejects', () => {
    const { engine, calls, id } = toFinalApproval();
    complete(engine, id, 'checkerApproval', { decision: 'return' }, 'manager1');
    assert.deepEqual(engine.openTasks(id).map((t) => t.elementId), ['checkMaterials']);
    complete(engine, id, 'checkMaterials', {}, 'teller1');
    complete(engine, id, 'centralReview', { decision: 'approve' }, 'central1');
    complete(engine, id, 'siteVisit', { siteConfirmed: true }, 'manager1');
    complete(engine, id, 'checkerApproval', { decision: 'reject' }, 'manager1');
    assert.deepEqual(calls, ['identityCheck', 'notifyCustomer:case_rejected']);
    assert.equal(endedAt(engine, id), 'rejected');
  });

  it('a failed identity check ends rejected', () => {
    const { engine, calls } = bank({ identityVerified: false });
    const id = start(engine, 'corporateAccountOpening');
    assert.deepEqual(calls, ['identityCheck', 'notifyCustomer:case_rejected']);
    assert.equal(endedAt(engine, id), 'rejectedIdentity');
  });
});

describe('surveyFollowUp', () => {
  it('the branch manager follows up within a working day with the outcome and a resolution', () => {
    const { engine, calls } = bank();
    const id = engine.start('surveyFollowUp', { caseRef: START.caseRef, csat: 1, nps: 2, comment: 'queue too long' }, { businessKey: START.caseRef });
    const t = expectTask(engine, id, 'followUp', { candidateGroups: ['branch_manager'] });
    assert.deepEqual(formFields(t), [['outcome', 'textarea', undefined], ['resolution', 'select', ['apologised', 'fixed', 'escalated']]]);
    complete(engine, id, 'followUp', { outcome: 'Apologised; a second window opens at noon.', resolution: 'fixed' }, 'manager1');
    assert.deepEqual(calls, []);
    assert.equal(endedAt(engine, id), 'completed');
  });
});
