import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Random } from '../../demo/random.ts';
import { DEFAULT_RULES } from './default-rules.ts';
import { compileRule, compileRules, evaluateRules } from './evaluate-rules.ts';
import { ANOMALIES, ANOMALY_RULE, merchantDays, normalMerchantDays, type Anomaly, type MerchantProfile } from './test-merchant-days.ts';

const rules = compileRules(DEFAULT_RULES);

/** A mid-sized shop: 300 sales on a weekday, 150 yuan each, a busy weekend. */
const SHOP: MerchantProfile = {
  merchantId: 'SHOP',
  kind: 'store',
  dailyCount: 300,
  ticket: 150,
  weekendFactor: 1.4,
  trend: 0.05,
  swing: 0.15,
  refundRate: 0.01,
  chargebackRate: 0.0003,
  declineRate: 0.05,
  nightRate: 0.03,
  cnpRate: 0.02,
  foreignRate: 0.01,
  nearLimitRate: 0.002,
  closedOnSundays: false,
};

describe('the shipped rules', () => {
  it('compile, with unique codes and names in both languages', () => {
    for (const definition of DEFAULT_RULES) {
      const outcome = compileRule(definition);
      assert.ok(outcome.ok, `${definition.code}: ${outcome.ok ? '' : outcome.error.en}`);
      assert.ok(definition.nameEn.length > 0 && /[\u4e00-\u9fff]/.test(definition.nameZh), definition.code);
    }
    assert.equal(new Set(DEFAULT_RULES.map((r) => r.code)).size, DEFAULT_RULES.length);
  });

  it('stay quiet over 90 days of normal data for 1,000 merchants', () => {
    const days = normalMerchantDays({ merchants: 1000, days: 90, seed: 2026 });
    const found = [...evaluateRules(days, rules)];
    assert.deepEqual(found, [], `${found.length} firings on normal days, the first: ${JSON.stringify(found[0])}`);
    // the quiet is the thresholds' doing, not flat data: a bare 3σ rule fires on the same days
    const bare = compileRules([{ ...DEFAULT_RULES.find((r) => r.code === 'VOLUME_SPIKE')!, expression: 'baseline.days >= 20 and amount > baseline.amount.mean + 3 * baseline.amount.sd' }]);
    assert.ok([...evaluateRules(days, bare)].length > 20);
  });

  // each anomaly planted on day 60 of an otherwise normal series of the shop; the shop is a
  // store, so that its card-not-present share is low enough to jump
  for (const anomaly of Object.keys(ANOMALIES) as Anomaly[]) {
    const code = ANOMALY_RULE[anomaly];
    it(`${code} fires on a planted ${anomaly} anomaly, and nothing else fires`, () => {
      const days = merchantDays(new Random(60), SHOP, 90);
      const planted = days[60]!;
      days[60] = ANOMALIES[anomaly](planted);
      const found = [...evaluateRules(days, rules)];
      assert.deepEqual(found.map((f) => [f.day, f.ruleCode]), [[planted.day, code]], JSON.stringify(found));
    });
  }
});
