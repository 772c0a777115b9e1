import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MerchantControls, MerchantStatus } from './merchant.table.ts';
import type { ProposalSubject } from './risk-case-lift.ts';
import { controlsAfter, measuresText, noticeFor, proposalOf, proposalProblems, statusAfter } from './risk-case.ts';

// Lifting controls (解除管控) in a rectification review (整改复查), without a database: what the
// answer `liftControls` may name on which merchant, and what a lift leaves of its controls and
// status. The merchant below was restricted by an earlier case: T+3 and a daily limit.

const RESTRICTED: ProposalSubject = { status: 'restricted', controls: { settlementDelayDays: 3, dailyLimit: '50000.00' }, kind: 'rectification' };
const SUSPENDED: ProposalSubject = { status: 'suspended', controls: { settlementDelayDays: 1, singleLimit: '2000.00' }, kind: 'rectification' };

const problemsOf = (v: Record<string, unknown>, subject: ProposalSubject) => proposalProblems({ riskRating: 'low', ...v }, subject);

describe('a proposal that lifts controls', () => {
  const cases: [label: string, answers: Record<string, unknown>, subject: ProposalSubject, fields: string[]][] = [
    ['the delay, rated low again (T+3 back to T+1)', { liftControls: ['settlementDelay'] }, RESTRICTED, []],
    ['the delay, still rated high (T+3 is its standard cycle)', { liftControls: ['settlementDelay'], riskRating: 'high' }, RESTRICTED, ['/variables/liftControls']],
    ['every control in force', { liftControls: ['all'] }, RESTRICTED, []],
    ['every control, as the text all', { liftControls: 'all' }, RESTRICTED, []],
    ['a limit not in force', { liftControls: ['dailyLimit', 'singleLimit'] }, RESTRICTED, ['/variables/liftControls']],
    ['a suspension on a restricted merchant', { liftControls: ['suspension'] }, RESTRICTED, ['/variables/liftControls']],
    ['a name not in the list', { liftControls: ['creditLine'] }, RESTRICTED, ['/variables/liftControls']],
    ['mixed with a longer delay', { liftControls: ['dailyLimit'], settlementDelayDays: 7 }, RESTRICTED, ['/variables/liftControls']],
    ['mixed with a suspension', { liftControls: ['dailyLimit'], suspend: true }, RESTRICTED, ['/variables/liftControls']],
    ['beside unticked restrictions (false, empty lists)', { liftControls: ['dailyLimit'], suspend: false, terminate: false, restrictedCardTypes: [] }, RESTRICTED, []],
    ['in a case that is not a rectification review', { liftControls: ['dailyLimit'] }, { ...RESTRICTED, kind: 'fraud' }, ['/variables/liftControls']],
    ['on a terminated merchant', { liftControls: ['all'] }, { ...RESTRICTED, status: 'terminated' }, ['/variables/liftControls']],
    ['everything, on an active merchant with nothing in force', { liftControls: ['all'] }, { status: 'active', controls: { settlementDelayDays: 1 }, kind: 'rectification' }, ['/variables/liftControls']],
    ['the suspension of a suspended merchant', { liftControls: ['suspension'] }, SUSPENDED, []],
    ['nothing (an empty list): no lift', { liftControls: [] }, RESTRICTED, []],
  ];
  for (const [label, answers, subject, fields] of cases) {
    it(`${label}: ${fields.length ? fields.join(', ') : 'accepted'}`, () => {
      assert.deepEqual(problemsOf(answers, subject).map((e) => e.field), fields);
    });
  }

  it('says in both languages why a lift is refused', () => {
    const [mixed] = problemsOf({ liftControls: ['dailyLimit'], singleLimit: '1000.00' }, RESTRICTED);
    assert.match(mixed!.message.en, /cannot be proposed together with new restrictions \(singleLimit\)/);
    assert.match(mixed!.message.zh, /不能与新的限制措施（singleLimit）同时提出/);
    const [standard] = problemsOf({ liftControls: ['settlementDelay'], riskRating: 'high' }, RESTRICTED);
    assert.match(standard!.message.en, /T\+3 is the standard cycle for a high-risk merchant/);
    assert.match(standard!.message.zh, /高风险商户的标准结算周期/);
  });

  it('names the controls in force for all, and drops a control lifted meanwhile', () => {
    assert.deepEqual(proposalOf({ riskRating: 'low', liftControls: 'all' }, RESTRICTED).actions, [{ type: 'lift_controls', controls: ['settlementDelay', 'dailyLimit'], settlementDelayDays: 1 }]);
    assert.deepEqual(proposalOf({ riskRating: 'medium', liftControls: ['suspension', 'singleLimit'] }, { ...SUSPENDED, controls: {} }).actions, [{ type: 'lift_controls', controls: ['suspension'], settlementDelayDays: 1 }]);
  });
});

describe('what a lift does to the merchant', () => {
  const lifts: [label: string, from: MerchantStatus, controls: MerchantControls, liftControls: unknown, rating: string, after: MerchantControls, to: MerchantStatus][] = [
    ['T+3 lifted, nothing else in force', 'restricted', { settlementDelayDays: 3 }, ['settlementDelay'], 'low', { settlementDelayDays: 1 }, 'active'],
    ['T+3 lifted, the daily limit stays', 'restricted', RESTRICTED.controls, ['settlementDelay'], 'low', { settlementDelayDays: 1, dailyLimit: '50000.00' }, 'restricted'],
    ['T+7 lifted on a high-risk merchant: back to its T+3', 'restricted', { settlementDelayDays: 7 }, ['settlementDelay'], 'high', { settlementDelayDays: 3 }, 'active'],
    ['everything lifted from a merchant restricted by terminal recovery alone', 'restricted', { settlementDelayDays: 1 }, 'all', 'low', { settlementDelayDays: 1 }, 'active'],
    ['a suspension lifted, a limit left', 'suspended', SUSPENDED.controls, ['suspension'], 'low', SUSPENDED.controls, 'restricted'],
    ['a suspension and its limit lifted', 'suspended', SUSPENDED.controls, 'all', 'low', { settlementDelayDays: 1 }, 'active'],
    ['a limit lifted, the suspension kept', 'suspended', SUSPENDED.controls, ['singleLimit'], 'low', { settlementDelayDays: 1 }, 'suspended'],
    ['card types lifted', 'restricted', { settlementDelayDays: 1, restrictedCardTypes: ['credit', 'foreign'] }, ['restrictedCardTypes'], 'medium', { settlementDelayDays: 1 }, 'active'],
    ['anything, on a merchant terminated meanwhile: nothing', 'terminated', { settlementDelayDays: 7 }, 'all', 'low', { settlementDelayDays: 7 }, 'terminated'],
  ];
  for (const [label, from, controls, liftControls, rating, after, to] of lifts) {
    it(`${label}: ${from} → ${to}`, () => {
      const { actions } = proposalOf({ riskRating: rating, liftControls }, { status: from, controls });
      const next = controlsAfter(controls, actions);
      assert.deepEqual(next, after);
      assert.equal(statusAfter(from, actions, next), to);
    });
  }

  it('tells the merchant it accepts cards again, or what was lifted', () => {
    const { actions } = proposalOf({ riskRating: 'low', liftControls: 'all' }, SUSPENDED);
    assert.equal(noticeFor(actions, 'active'), 'merchant_activated');
    assert.equal(noticeFor(actions, 'restricted'), 'merchant_restricted');
    assert.equal(measuresText(actions, 'zh'), '单笔限额取消。收单服务恢复。');
    const delay = proposalOf({ riskRating: 'low', liftControls: ['settlementDelay', 'dailyLimit'] }, RESTRICTED).actions;
    assert.equal(measuresText(delay, 'en'), 'Settlement returns to T+1. The daily limit is lifted.');
  });
});
