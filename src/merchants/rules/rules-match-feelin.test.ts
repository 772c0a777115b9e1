import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchFeelin } from '../../platform/feel/feel-test-contexts.ts';
import { DEFAULT_RULES } from './default-rules.ts';
import { RULE_SCOPE } from './evaluate-rules.ts';

/*
 * The shipped rules and expressions over the rule scope, compiled by src/platform/feel, give
 * feelin's own answers on random contexts.
 */

/** Expressions where FEEL's rules are easy to get wrong, over the rule scope. */
const TRICKY = [
  'count + refunds * 2 - amount / 3',
  'amount / count',
  'amount / (count - 100)',
  'chargebackRatio > 0.01',
  'chargebackRatio > 0.01 and count >= 100',
  'chargebackRatio > 0.01 or refundRatio > 0.3',
  'not(chargebackRatio > 0.01)',
  'not(chargebackRatio > 0.01) or not(refundRatio = null)',
  'count between 5 and 100',
  'count between 100 and 5',
  'averageAmount between baseline.averageAmount.mean and baseline.maxAmount.mean',
  'if count > 50 then (if refundRatio > 0.1 then 1 else 2) else if refundRatio = null then 3 else null',
  'if chargebackRatio > 0.01 then "high" else "low"',
  '-amount + -0.5',
  'refunds ** 2 > amount',
  '(declined - count) ** 0.5 >= 1',
  '(declined - count) ** 0.5 <= 1',
  '(declined - count) ** 0.5 between 0 and 2',
  'abs(refunds - amount) > 10',
  'min(count, declined, refunds) + max(nightShare, cnpShare)',
  'sqrt(amount - refunds)',
  'floor(amount / 3) = ceiling(amount / 3)',
  'floor(averageAmount, 1) + ceiling(refundRatio, 2)',
  'count = declined',
  'count != declined',
  'baseline.amount.sd = null',
  'baseline.days >= 14 and amount > baseline.amount.mean + 3 * baseline.amount.sd',
  'notAName = null and count > 1',
  'notAName > 1 or count > 1',
  '(count > 1) = (declined > 1)',
];

describe('compiled rules: the same answers as feelin', () => {
  const rules = new Set(DEFAULT_RULES.map((r) => r.expression));
  for (const source of [...rules, ...TRICKY]) {
    it(source, () => {
      // a rule's several conditions all hold in few random contexts: more of them
      const seen = matchFeelin(source, RULE_SCOPE, rules.has(source) ? 1000 : 400);
      // the contexts reach more than one answer (a rule: that it fires and that it does not),
      // or the comparison proves little
      assert.ok(seen.size > 1, `only ${[...seen].join()}`);
      if (rules.has(source)) assert.ok(seen.has('true') && seen.has('false'), `a rule that gives only ${[...seen].join()}`);
    });
  }
});
