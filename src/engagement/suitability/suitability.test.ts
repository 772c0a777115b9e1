import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Product } from '../products/product.ts';
import { ageOn, judgeSuitability, needsAssessment, type CustomerFacts, type EligibilityAnswer } from './suitability.ts';

const product = (p: Partial<Product> = {}): Product => {
  const riskLevel = p.riskLevel ?? 3;
  return { code: 'WM-X', kind: 'wealth', nameZh: '测试理财', nameEn: 'Test fund', riskLevel, risk: `R${riskLevel}`, eligibility: null, minAmount: null, termMonths: null, rateText: null, salaryAccount: false, status: 'active', version: 1, updatedAt: '2026-01-01T00:00:00.000Z', ...p };
};
const customer = (c: Partial<CustomerFacts> = {}): CustomerFacts => ({ id: 'c1', kind: 'individual', age: 40, blacklisted: false, salaryAccount: false, assessment: { id: 'a1', level: 'C3', validUntil: '2026-11-30', assessedAt: '2025-12-01T02:00:00.000Z' }, ...c });
const YES: EligibilityAnswer = { eligible: true };
const DAY = '2026-11-30';
const codes = (c: CustomerFacts, p: Product, day = DAY, e: EligibilityAnswer = YES) => judgeSuitability(c, p, day, e).reasons.map((r) => r.code);

describe('suitability', () => {
  // level against risk: C_m may buy up to R_m
  for (const [level, risk, ok] of [['C1', 1, true], ['C1', 2, false], ['C3', 3, true], ['C3', 4, false], ['C4', 4, true], ['C4', 5, false], ['C5', 5, true]] as const) {
    it(`${level} ${ok ? 'may' : 'may not'} buy R${risk}`, () => {
      assert.deepEqual(codes(customer({ assessment: { id: 'a', level, validUntil: DAY, assessedAt: '' } }), product({ riskLevel: risk })), ok ? [] : ['risk_above_tolerance']);
    });
  }

  it('holds the assessment on its last day and refuses the day after', () => {
    assert.deepEqual(codes(customer(), product(), '2026-11-30'), []);
    assert.deepEqual(codes(customer(), product(), '2026-12-01'), ['assessment_expired']);
  });

  it('refuses an investment without an assessment; a plain deposit, card or loan at R1 needs none', () => {
    assert.deepEqual(codes(customer({ assessment: null }), product({ riskLevel: 1 })), ['no_assessment']);
    assert.deepEqual(codes(customer({ assessment: null }), product({ kind: 'insurance', riskLevel: 1 })), ['no_assessment']);
    assert.deepEqual(codes(customer({ assessment: null }), product({ kind: 'deposit', riskLevel: 2 })), ['no_assessment'], 'a structured deposit is an investment');
    for (const kind of ['deposit', 'card', 'loan'] as const) assert.deepEqual(codes(customer({ assessment: null }), product({ kind, riskLevel: 1 })), [], kind);
    assert.deepEqual([needsAssessment({ kind: 'loan', riskLevel: 1 }), needsAssessment({ kind: 'wealth', riskLevel: 1 })], [false, true]);
  });

  it('does not sell above R3 from 65 on, however bold the assessment', () => {
    const bold = { id: 'a', level: 'C5' as const, validUntil: DAY, assessedAt: '' };
    assert.deepEqual(codes(customer({ age: 65, assessment: bold }), product({ riskLevel: 4 })), ['senior_high_risk']);
    assert.deepEqual(codes(customer({ age: 65, assessment: bold }), product({ riskLevel: 3 })), []);
    assert.deepEqual(codes(customer({ age: 64, assessment: bold }), product({ riskLevel: 5 })), []);
    assert.deepEqual(codes(customer({ age: null, assessment: bold }), product({ riskLevel: 5 })), [], 'no birth date: the eligibility decision decides');
  });

  it('carries the eligibility decision’s own words, and refuses when the decision cannot be taken', () => {
    const no = judgeSuitability(customer(), product(), DAY, { eligible: false, en: 'Adults only.', zh: '仅限成年人。' });
    assert.deepEqual(no.reasons, [{ code: 'not_eligible', en: 'Adults only.', zh: '仅限成年人。' }]);
    assert.deepEqual(codes(customer(), product(), DAY, { unavailable: 'decision "x" is not deployed' }), ['eligibility_unavailable']);
  });

  it('gives every reason at once, in both languages', () => {
    const v = judgeSuitability(customer({ blacklisted: true, age: 70, assessment: null }), product({ status: 'withdrawn', riskLevel: 5 }), DAY, { eligible: false, en: 'No.', zh: '否。' });
    assert.equal(v.suitable, false);
    assert.deepEqual(v.reasons.map((r) => r.code), ['product_withdrawn', 'customer_blacklisted', 'no_assessment', 'senior_high_risk', 'not_eligible']);
    assert.ok(v.reasons.every((r) => r.en && r.zh));
  });

  for (const [birth, day, age] of [['1961-12-01', '2026-11-30', 64], ['1961-12-01', '2026-12-01', 65], ['2008-02-29', '2026-02-28', 17], ['2008-02-29', '2026-03-01', 18], [null, '2026-01-01', null]] as const) {
    it(`born ${birth}: ${age} on ${day}`, () => assert.equal(ageOn(birth, day), age));
  }
});
