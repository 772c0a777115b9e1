import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MerchantDaysOutOfOrder } from './baseline.ts';
import { compileRule, compileRules, dryRun, evaluateRules } from './evaluate-rules.ts';
import type { MerchantDay, RuleDefinition } from './merchant-day.ts';

const ZERO: Omit<MerchantDay, 'merchantId' | 'day'> = {
  count: 0, amount: 0, refunds: 0, chargebacks: 0, declined: 0, nightShare: 0, cnpShare: 0, foreignShare: 0, maxAmount: 0, nearLimitCount: 0, outsideRegionCount: 0,
};
const day = (merchantId: string, date: string, figures: Partial<MerchantDay> = {}): MerchantDay => ({ ...ZERO, merchantId, day: date, ...figures });
const rule = (code: string, expression: string): RuleDefinition => ({ code, nameZh: code, nameEn: code, expression, severity: 'medium' });
const firings = (days: MerchantDay[], definitions: RuleDefinition[], from?: string) => [...evaluateRules(days, compileRules(definitions), from)];

describe('compiling a rule', () => {
  it('refuses a name rules do not know, naming it and where it is', () => {
    const outcome = compileRule(rule('X', 'count > 10 and chargebackRatoi > 0.01'));
    assert.equal(outcome.ok, false);
    if (outcome.ok) return;
    assert.equal(outcome.error.text, 'chargebackRatoi');
    assert.equal(outcome.error.index, 15);
    assert.match(outcome.error.en, /'chargebackRatoi' \(index 15\) is not a name rules know; they know count, amount/);
    assert.match(outcome.error.zh, /「chargebackRatoi」（位置 15）不是规则可用的名称/);
  });

  it('refuses an expression that is not a condition', () => {
    const outcome = compileRule(rule('X', 'amount / count'));
    assert.equal(outcome.ok, false);
    if (!outcome.ok) assert.match(outcome.error.en, /must be a condition/);
  });

  it('passes on the FEEL compiler’s refusals', () => {
    const outcome = compileRule(rule('X', 'count > "10"'));
    assert.equal(outcome.ok, false);
    if (!outcome.ok) assert.equal(outcome.error.text, '"10"');
  });

  it('knows every metric, every derived ratio and the baseline of each', () => {
    const names = ['count', 'amount', 'refunds', 'chargebacks', 'declined', 'nightShare', 'cnpShare', 'foreignShare', 'maxAmount', 'nearLimitCount', 'outsideRegionCount', 'chargebackRatio', 'refundRatio', 'declineRatio', 'averageAmount'];
    for (const name of names) {
      assert.ok(compileRule(rule('X', `${name} = null or baseline.${name}.mean > baseline.${name}.sd or baseline.days > 0`)).ok, name);
    }
  });
});

describe('evaluating rules over merchant-days', () => {
  it('yields a firing with the figures the expression mentions', () => {
    const days = [day('A', '2026-03-01', { count: 100, chargebacks: 0 }), day('A', '2026-03-02', { count: 100, chargebacks: 4 })];
    assert.deepEqual(firings(days, [rule('CB', 'chargebackRatio > 0.01 and chargebackRatio > 3 * baseline.chargebackRatio.mean')]), [
      { merchantId: 'A', day: '2026-03-02', ruleCode: 'CB', severity: 'medium', values: { chargebackRatio: 0.04, 'baseline.chargebackRatio.mean': 0 } },
    ]);
  });

  it('derives the ratios, null on a day without sales (and refundRatio without an amount)', () => {
    const days = [
      day('A', '2026-03-01', { count: 4, amount: 200, refunds: 50, chargebacks: 1, declined: 1 }),
      day('A', '2026-03-02', { count: 0, declined: 3 }),
      day('A', '2026-03-03', { count: 3 }),
    ];
    const found = firings(days, [
      rule('R', 'chargebackRatio = 0.25 and refundRatio = 0.25 and declineRatio = 0.2 and averageAmount = 50'),
      rule('NULLS', 'chargebackRatio = null and refundRatio = null and declineRatio = null and averageAmount = null'),
      rule('NO_AMOUNT', 'refundRatio = null and chargebackRatio = 0 and averageAmount = 0'),
    ]);
    assert.deepEqual(found.map((f) => [f.day, f.ruleCode]), [['2026-03-01', 'R'], ['2026-03-02', 'NULLS'], ['2026-03-03', 'NO_AMOUNT']]);
  });

  it('compares a day with its merchant’s earlier days only', () => {
    const days = [
      day('A', '2026-03-01', { amount: 100 }),
      day('A', '2026-03-02', { amount: 100 }),
      day('A', '2026-03-03', { amount: 250 }),
      day('B', '2026-03-03', { amount: 250 }),
    ];
    const found = firings(days, [rule('UP', 'amount > baseline.amount.mean')]);
    assert.deepEqual(found.map((f) => [f.merchantId, f.day, f.values]), [['A', '2026-03-03', { amount: 250, 'baseline.amount.mean': 100 }]]);
  });

  it('fires only from `from` on; earlier days feed the baseline', () => {
    const days = ['01', '02', '03', '04'].map((d) => day('A', `2026-03-${d}`, { count: 10 }));
    const found = firings(days, [rule('ANY', 'count > 0 and baseline.days >= 0')], '2026-03-03');
    assert.deepEqual(found.map((f) => [f.day, f.values['baseline.days']]), [['2026-03-03', 2], ['2026-03-04', 3]]);
  });

  it('fires on true only, not on null', () => {
    // on the first day the baseline is empty: the comparison is null
    const found = firings([day('A', '2026-03-01', { amount: 5 }), day('A', '2026-03-02', { amount: 5 })], [rule('N', 'amount >= baseline.amount.mean')]);
    assert.deepEqual(found.map((f) => f.day), ['2026-03-02']);
  });

  it('refuses days out of order', () => {
    assert.throws(() => firings([day('A', '2026-03-02'), day('A', '2026-03-01')], [rule('N', 'count > 0')]), MerchantDaysOutOfOrder);
  });
});

describe('a dry run', () => {
  it('counts firings per rule, per day (zeros included) and the merchants they were on', () => {
    const days = [
      day('A', '2026-03-01', { count: 5 }),
      day('A', '2026-03-02', { count: 50 }),
      day('A', '2026-03-03', { count: 60 }),
      day('B', '2026-03-01', { count: 70 }),
      day('B', '2026-03-03', { count: 1 }),
    ];
    const result = dryRun(days, compileRules([rule('BUSY', 'count > 40'), rule('QUIET', 'count < 2'), rule('NEVER', 'count < 0')]), '2026-03-02');
    assert.equal(result.merchantDays, 3);
    assert.deepEqual(result.rules, [
      { code: 'BUSY', firings: 2, merchants: 1, byDay: [{ day: '2026-03-02', firings: 1 }, { day: '2026-03-03', firings: 1 }] },
      { code: 'QUIET', firings: 1, merchants: 1, byDay: [{ day: '2026-03-02', firings: 0 }, { day: '2026-03-03', firings: 1 }] },
      { code: 'NEVER', firings: 0, merchants: 0, byDay: [{ day: '2026-03-02', firings: 0 }, { day: '2026-03-03', firings: 0 }] },
    ]);
  });
});
