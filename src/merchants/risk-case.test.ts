import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MerchantStatus } from './merchant.table.ts';
import { controlsAfter, measuresText, noticeFor, proposalOf, proposalProblems, statusAfter } from './risk-case.ts';
import type { RiskAction } from './risk-case.table.ts';

// The rules of a risk case that need no database: what a proposal of actions must hold (each
// fault named by its variable), what the actions do to a merchant's status and controls, and what
// the merchant is told.

const ACTIVE = { status: 'active', controls: {}, kind: 'fraud' } as const;
const fieldsOf = (v: Record<string, unknown>, controls = {}) => proposalProblems({ riskRating: 'high', ...v }, { ...ACTIVE, controls }).map((e) => e.field);

describe('a proposal of actions', () => {
  const faults: [label: string, answers: Record<string, unknown>, current: Record<string, unknown>, fields: string[]][] = [
    ['nothing but the rating', {}, {}, []],
    ['every action at once', { settlementDelayDays: 7, dailyLimit: '50000.00', singleLimit: '5000', restrictedCardTypes: ['credit', 'foreign'], suspend: true, recoverTerminals: true, terminate: true, blacklistReason: '套现', actionNote: 'x' }, {}, []],
    ['no rating', { riskRating: null }, {}, ['/variables/riskRating']],
    ['a rating not in the list', { riskRating: 'severe' }, {}, ['/variables/riskRating']],
    ['delay of 0 days', { settlementDelayDays: 0 }, {}, ['/variables/settlementDelayDays']],
    ['delay of 2.5 days', { settlementDelayDays: 2.5 }, {}, ['/variables/settlementDelayDays']],
    ['delay of 31 days', { settlementDelayDays: 31 }, {}, ['/variables/settlementDelayDays']],
    ['delay as text', { settlementDelayDays: '7' }, {}, ['/variables/settlementDelayDays']],
    ['delay no longer than the one in force (T+3)', { settlementDelayDays: 3 }, { settlementDelayDays: 3 }, ['/variables/settlementDelayDays']],
    ['delay longer than the one in force', { settlementDelayDays: 4 }, { settlementDelayDays: 3 }, []],
    ['a limit as a number', { dailyLimit: 5000 }, {}, ['/variables/dailyLimit']],
    ['a limit with a thousands separator', { dailyLimit: '5,000.00' }, {}, ['/variables/dailyLimit']],
    ['a limit with three decimals', { singleLimit: '10.005' }, {}, ['/variables/singleLimit']],
    ['a zero limit', { singleLimit: '0.00' }, {}, ['/variables/singleLimit']],
    ['a single limit above the daily one', { dailyLimit: '1000.00', singleLimit: '1000.01' }, {}, ['/variables/singleLimit']],
    ['a single limit above the daily one in force', { singleLimit: '2000' }, { dailyLimit: '1500.00' }, ['/variables/singleLimit']],
    ['a daily limit not lower than the one in force', { dailyLimit: '30000.00' }, { dailyLimit: '30000.00' }, ['/variables/dailyLimit']],
    ['an unknown card type', { restrictedCardTypes: ['credit', 'gold'] }, {}, ['/variables/restrictedCardTypes']],
    ['card types not a list', { restrictedCardTypes: 'credit' }, {}, ['/variables/restrictedCardTypes']],
    ['an empty list of card types (a form left unticked)', { restrictedCardTypes: [] }, {}, []],
    ['suspend as text', { suspend: 'yes' }, {}, ['/variables/suspend']],
    ['termination without a reason for the list', { terminate: true }, {}, ['/variables/blacklistReason']],
  ];
  for (const [label, answers, current, fields] of faults) {
    it(`${label}: ${fields.length ? fields.join(', ') : 'accepted'}`, () => {
      assert.deepEqual(fieldsOf(answers, current), fields);
    });
  }

  it('says what is wrong in both languages', () => {
    const [fault] = proposalProblems({ riskRating: 'high', settlementDelayDays: 3 }, { ...ACTIVE, controls: { settlementDelayDays: 3 } });
    assert.match(fault!.message.en, /already settled T\+3/);
    assert.match(fault!.message.zh, /T\+3/);
  });

  it('amounts to the actions it names, in a fixed order, limits as exact text', () => {
    const proposal = proposalOf({ riskRating: 'high', terminate: true, blacklistReason: ' 套现 ', restrictedCardTypes: ['foreign', 'credit', 'credit'], singleLimit: '5000.00', settlementDelayDays: 7, suspend: false, actionNote: '', liftControls: [] }, ACTIVE);
    assert.deepEqual(proposal, {
      riskRating: 'high',
      note: null,
      actions: [
        { type: 'settlement_delay', days: 7 },
        { type: 'limits', dailyLimit: null, singleLimit: '5000.00' },
        { type: 'restrict_card_types', cardTypes: ['credit', 'foreign'] },
        { type: 'terminate', blacklistReason: '套现' },
      ],
    });
  });
});

describe('what the actions do to the merchant', () => {
  const delay: RiskAction = { type: 'settlement_delay', days: 7 };
  const statuses: [from: MerchantStatus, actions: RiskAction[], to: MerchantStatus][] = [
    ['active', [], 'active'],
    ['active', [delay], 'restricted'],
    ['active', [{ type: 'recover_terminals' }], 'restricted'],
    ['active', [delay, { type: 'suspend' }], 'suspended'],
    ['restricted', [{ type: 'terminate', blacklistReason: 'x' }], 'terminated'],
    ['suspended', [delay], 'suspended'],
    ['suspended', [], 'suspended'],
    ['suspended', [{ type: 'terminate', blacklistReason: 'x' }], 'terminated'],
  ];
  for (const [from, actions, to] of statuses) {
    it(`${from} with ${actions.map((a) => a.type).join(' + ') || 'no action'} → ${to}`, () => {
      assert.equal(statusAfter(from, actions, {}), to);
    });
  }

  it('replaces the delay and the limits given, keeps the rest, adds card types', () => {
    const controls = controlsAfter({ settlementDelayDays: 1, dailyLimit: '80000.00', restrictedCardTypes: ['foreign'] }, [delay, { type: 'limits', dailyLimit: null, singleLimit: '5000.00' }, { type: 'restrict_card_types', cardTypes: ['credit', 'foreign'] }]);
    assert.deepEqual(controls, { settlementDelayDays: 7, dailyLimit: '80000.00', singleLimit: '5000.00', restrictedCardTypes: ['credit', 'foreign'] });
  });

  it('tells the merchant of the heaviest change, in words it reads', () => {
    assert.equal(noticeFor([], 'active'), null);
    assert.equal(noticeFor([delay], 'restricted'), 'merchant_restricted');
    assert.equal(noticeFor([delay, { type: 'suspend' }], 'suspended'), 'merchant_suspended');
    assert.equal(noticeFor([{ type: 'suspend' }, { type: 'terminate', blacklistReason: 'x' }], 'terminated'), 'merchant_terminated');
    const actions: RiskAction[] = [delay, { type: 'limits', dailyLimit: '50000.00', singleLimit: '5000.00' }, { type: 'restrict_card_types', cardTypes: ['credit', 'foreign'] }, { type: 'recover_terminals' }];
    assert.equal(measuresText(actions, 'zh'), '结算周期调整为 T+7。单笔限额 5000.00 元、单日限额 50000.00 元。暂停受理贷记卡、境外卡。受理终端将由我行回收。');
    assert.equal(measuresText(actions, 'en'), 'Settlement moves to T+7. Limits: 5000.00 yuan a transaction, 50000.00 yuan a day. Credit cards, foreign cards are no longer accepted. The bank will collect the card terminals.');
  });
});
