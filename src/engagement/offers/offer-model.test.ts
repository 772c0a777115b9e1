import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Product } from '../products/product.ts';
import { fitLogistic, fitModels, type Observation } from './offer-model.ts';
import { featuresOf, RULES_BASE, scoreOffer } from './offer-score.ts';
import type { OfferFacts } from './offer.ts';

const product = (p: Partial<Product> = {}): Product => ({ code: 'CARD-X', kind: 'card', nameZh: '测试卡', nameEn: 'Test card', riskLevel: 1, risk: 'R1', eligibility: null, minAmount: null, termMonths: null, rateText: null, salaryAccount: false, status: 'active', version: 1, updatedAt: '2026-01-01T00:00:00.000Z', ...p });
const facts = (f: Partial<OfferFacts> = {}): OfferFacts => ({ age: 40, aum: 10_000, frequency: 2, recency: 10, preferredChannel: 'counter', salary: false, holdings: { deposit: 0, wealth: 0, card: 0, loan: 0, insurance: 0 }, tier: 'standard', segments: [], level: null, ...f });

/** n observations with `features`, `accepted` of them accepted (in a fixed order). */
const batch = (features: string[], n: number, accepted: number): Observation[] => Array.from({ length: n }, (_, i) => ({ features, accepted: i < accepted }));

describe('offer score and model', () => {
  it('scores by the rules with each rule a reason in plain words, and names its method', () => {
    const s = scoreOffer(facts({ salary: true }), ['salary'], product(), undefined);
    assert.equal(s.method, 'rules');
    assert.deepEqual(s.reasons.map((r) => r.code), ['card_salary', 'card_none', 'rules']);
    assert.equal(s.reasons[0]!.zh, '代发工资客户，适合工资卡配套产品（+0.8）');
    assert.equal(s.score, Math.round((1 / (1 + Math.exp(-(RULES_BASE + 0.8 + 0.6)))) * 10_000) / 10_000);
    // the same card for a customer who holds one already and has no payroll: only the base
    assert.ok(scoreOffer(facts({ holdings: { deposit: 0, wealth: 0, card: 1, loan: 0, insurance: 0 } }), [], product(), undefined).score < s.score);
  });

  it('marks a minimum purchase above the customer’s assets against the product', () => {
    const s = scoreOffer(facts({ aum: 5000 }), [], product({ kind: 'deposit', code: 'DEP-LDC', minAmount: '200000.00' }), undefined);
    assert.deepEqual(s.reasons.map((r) => [r.code, r.weight]), [['below_minimum', -1.2], ['rules', null]]);
  });

  it('lists the features that hold, by name', () => {
    assert.deepEqual(featuresOf(facts({ salary: true, aum: 600_000, age: 30, segments: ['at-risk'], recency: null })), ['salary', 'aum50k', 'aum500k', 'under35', 'inactive', 'atRisk']);
  });

  it('learns a positive weight for a feature whose holders accept, and a negative one for a feature whose holders refuse', () => {
    const observations = [...batch(['salary'], 40, 30), ...batch([], 40, 6), ...batch(['over55'], 20, 0)];
    const model = fitModels(new Map([['CARD-X', observations]]))['CARD-X']!;
    assert.equal(model.samples, 100);
    assert.equal(model.accepted, 36);
    assert.ok(model.weights!.salary! > 1, `salary ${model.weights!.salary}`);
    assert.ok(model.weights!.over55! < -0.5, `over55 ${model.weights!.over55}`);
    assert.equal(model.weights!.holdsLoan, 0, 'a feature never seen learns nothing');
    // the learned weight is the reason, with its figure
    const s = scoreOffer(facts({ salary: true }), ['salary'], product(), model);
    assert.equal(s.method, 'model');
    assert.equal(s.reasons[0]!.code, 'salary');
    assert.match(s.reasons[0]!.zh, /^持有代发工资账户（\+\d\.\d）$/);
    assert.equal(s.reasons.at(-1)!.en, 'Accepted 36 of 100 times offered');
    assert.ok(s.score > scoreOffer(facts(), [], product(), model).score);
  });

  it('keeps a product with fewer than the minimum outcomes on the rules', () => {
    const model = fitModels(new Map([['CARD-X', batch(['salary'], 29, 20)]]))['CARD-X']!;
    assert.deepEqual(model, { samples: 29, accepted: 20, intercept: null, weights: null });
    assert.equal(scoreOffer(facts(), [], product(), model).method, 'rules');
  });

  it('fits the same coefficients from the same history, and finite ones when every offer was refused', () => {
    const observations = [...batch(['salary', 'aum50k'], 35, 20), ...batch(['aum50k'], 35, 5)];
    assert.deepEqual(fitModels(new Map([['A', observations]])), fitModels(new Map([['A', observations]])));
    const never = fitModels(new Map([['A', batch(['salary'], 40, 0)]]))['A']!;
    assert.ok(Number.isFinite(never.intercept) && never.intercept! < -3, String(never.intercept));
  });

  it('recovers a known logistic relation', () => {
    // y = 1 with probability 0.8 when x = 1 and 0.2 when x = 0: log-odds ±1.386, little ridge
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 1000; i++) {
      x.push([1, i % 2]);
      y.push(i % 2 === 1 ? (i % 10 < 8 ? 1 : 0) : i % 10 < 2 ? 1 : 0);
    }
    const [b0, b1] = fitLogistic(x, y, 1e-6);
    assert.ok(Math.abs(b0! + Math.log(4)) < 0.01 && Math.abs(b1! - 2 * Math.log(4)) < 0.02, `${b0} ${b1}`);
  });
});
