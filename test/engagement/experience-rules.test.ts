import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { churnScore, scoresOf } from '../../src/engagement/experience/experience.ts';

const steady = { frequency: 12, frequencyBefore: 12, monetary: 6000, monetaryBefore: 6000, aum: 100_000, aumBefore: 100_000, recency: 3 };

describe('NPS and CSAT', () => {
  it('counts promoters 9–10 against detractors 0–6 over the NPS answers, and CSAT as the share of 4–5', () => {
    const s = scoresOf({ responses: 5, npsAnswers: 4, promoters: 2, detractors: 1, csatAnswers: 3, satisfied: 2 });
    assert.deepEqual([s.nps, s.passives, s.csat], [25, 1, 66.7]);
    assert.deepEqual([scoresOf({ responses: 1, npsAnswers: 0, promoters: 0, detractors: 0, csatAnswers: 1, satisfied: 0 }).nps, scoresOf({ responses: 0, npsAnswers: 0, promoters: 0, detractors: 0, csatAnswers: 0, satisfied: 0 }).csat], [null, null], 'no answers: no figure, not zero');
  });
});

describe('Churn score', () => {
  // [what, facts, score, reason codes largest first]
  const rows: [string, Partial<Omit<typeof steady, 'aumBefore'>> & { aumBefore?: number | null }, number, string[]][] = [
    ['a steady customer', {}, 0, []],
    ['active days 12 → 4 (−67%: 35 × 0.67/0.8)', { frequency: 4 }, 29, ['activity_down']],
    ['AUM 100,000 → 40,000 (−60%: the full 35)', { aum: 40_000 }, 35, ['aum_outflow']],
    ['AUM down 10%: counted, no reason given', { aum: 90_000 }, 6, []],
    ['everything falls, 45 days without activity', { frequency: 4, monetary: 0, aum: 40_000, recency: 45 }, 83, ['aum_outflow', 'activity_down', 'amount_down', 'inactive']],
    ['too little before to tell a trend', { frequency: 0, frequencyBefore: 5, monetary: 0, monetaryBefore: 900, aum: 0, aumBefore: 9000, recency: 100 }, 15, ['inactive']],
    ['no AUM 90 days ago', { aumBefore: null, aum: 0 }, 0, []],
  ];
  for (const [what, change, score, reasons] of rows) {
    it(`${what}: ${score}`, () => {
      const churn = churnScore({ ...steady, ...change });
      assert.equal(churn.score, score);
      assert.deepEqual(churn.reasons.map((r) => r.code), reasons);
    });
  }

  it('says what fell and by how much, in English and Chinese, and grades the score', () => {
    const churn = churnScore({ ...steady, frequency: 4, aum: 40_000 });
    assert.equal(churn.level, 'high');
    assert.equal(churn.reasons[0]!.en, 'AUM down 60% (¥100,000 → ¥40,000) against 90 days ago');
    assert.equal(churn.reasons[0]!.zh, '管理资产较 90 天前流出 60%（¥100,000 → ¥40,000）');
    assert.equal(churn.reasons[1]!.en, 'Active days down 67% (12 → 4) against the 90 days before');
    assert.equal(churnScore({ ...steady, frequency: 4 }).level, 'low');
    assert.equal(churnScore({ ...steady, aum: 40_000 }).level, 'medium');
  });
});
