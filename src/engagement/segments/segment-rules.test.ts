import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchFeelin } from '../../platform/feel/feel-test-contexts.ts';
import { emptyFacts, FACT_SCOPE, quintileScore, type CustomerFacts } from '../facts/facts.ts';
import { classifier, classify, compileSegment, compileSegments, DEFAULT_SEGMENTS } from './segment-rules.ts';

const shipped = classifier(compileSegments(DEFAULT_SEGMENTS));

function facts(change: Partial<Omit<CustomerFacts, 'holdings' | 'rfm'>> & { holdings?: Partial<CustomerFacts['holdings']> } = {}): CustomerFacts {
  const f = emptyFacts();
  const { holdings, ...rest } = change;
  Object.assign(f, { tenureDays: 400, recency: 3, age: 40 }, rest);
  Object.assign(f.holdings, holdings);
  return f;
}

describe('segment rules: the shipped tiers on their boundaries', () => {
  // AUM, tier: each threshold exactly, and a cent below it
  const rows: [number, string][] = [
    [0, 'standard'],
    [49_999.99, 'standard'],
    [50_000, 'gold'],
    [499_999.99, 'gold'],
    [500_000, 'platinum'],
    [5_999_999.99, 'platinum'],
    [6_000_000, 'private'],
  ];
  for (const [aum, tier] of rows) {
    it(`AUM ${aum} is ${tier}`, () => assert.equal(classify(facts({ aum }), shipped).tier, tier));
  }
});

describe('segment rules: the shipped groups', () => {
  // facts, groups
  const rows: [string, Parameters<typeof facts>[0], string[]][] = [
    ['active, middle-aged', {}, []],
    ['no activity for exactly 180 days', { recency: 180 }, ['dormant']],
    ['no activity for 179 days', { recency: 179 }, []],
    ['never active, registered long ago', { recency: null }, ['dormant']],
    ['never active, registered 100 days ago', { recency: null, tenureDays: 100 }, []],
    ['active days halved from 6', { frequencyBefore: 6, frequency: 3 }, ['at-risk']],
    ['active days down from 6 to 4', { frequencyBefore: 6, frequency: 4 }, []],
    ['active days halved from 5: too few to tell', { frequencyBefore: 5, frequency: 2 }, []],
    ['AUM down exactly 30%', { aumBefore: 100_000, aum: 70_000 }, ['at-risk']],
    ['AUM down 29.99%', { aumBefore: 100_000, aum: 70_010 }, []],
    ['AUM down from below 10,000', { aumBefore: 9_999, aum: 0 }, []],
    ['aged 22 with salary credited', { age: 22, payroll: true }, ['young-professionals']],
    ['aged 35 with a salary account opened', { age: 35, salaryAccountOpened: true }, ['young-professionals']],
    ['aged 36 with salary credited', { age: 36, payroll: true }, []],
    ['aged 30 with neither', { age: 30 }, []],
    ['a company', { age: null, kind: 'corporate', payroll: true }, []],
    ['dormant and losing assets', { recency: 200, aumBefore: 50_000, aum: 10_000 }, ['dormant', 'at-risk']],
  ];
  for (const [what, change, groups] of rows) {
    it(`${what}: ${groups.join(', ') || 'none'}`, () => assert.deepEqual(classify(facts(change), shipped).groups, groups));
  }
});

describe('segment rules: classifying and checking', () => {
  it('gives the highest-ranked matching tier, whatever the order they come in', () => {
    const tiers = classifier(compileSegments([
      { code: 'b', kind: 'tier', rank: 5, expression: 'aum > 10' },
      { code: 'c', kind: 'tier', rank: 9, expression: 'aum > 100' },
      { code: 'a', kind: 'tier', rank: 1, expression: 'aum > 1' },
    ]));
    assert.deepEqual([5, 50, 500].map((aum) => classify(facts({ aum }), tiers).tier), ['a', 'b', 'c']);
    assert.equal(classify(facts({ aum: 0 }), tiers).tier, null, 'no tier matches: none is given');
  });

  it('refuses a rule that names no fact, is no condition, or compares text with a number', () => {
    const refused = (expression: string) => {
      const outcome = compileSegment({ code: 'x', kind: 'group', rank: 0, expression });
      assert.equal(outcome.ok, false, expression);
      return outcome.ok ? '' : outcome.error.en;
    };
    assert.match(refused('aum > 1 and balanse > 2'), /'balanse' \(index 12\) is not a customer fact/);
    assert.match(refused('holdings > 1'), /group of values/);
    assert.match(refused('aum * 2'), /must be a condition/);
    assert.match(refused('preferredChannel = 3'), /never equal/);
    assert.equal(compileSegment({ code: 'x', kind: 'group', rank: 0, expression: 'preferredChannel = "mobile" and holdings.card >= 1 and rfm.total >= 12' }).ok, true);
  });

  it('scores a value by the quintile bounds it exceeds, ties together', () => {
    assert.deepEqual([0, 1, 2, 5, 9].map((v) => quintileScore(v, [0, 0, 2, 5])), [1, 3, 3, 4, 5]);
    assert.equal(quintileScore(7, []), 1, 'no bounds yet: the lowest score');
  });
});

describe('segment rules: the same answers as feelin', () => {
  for (const s of DEFAULT_SEGMENTS.filter((d) => d.expression !== 'true')) {
    it(`${s.code}: ${s.expression}`, () => {
      const seen = matchFeelin(s.expression, FACT_SCOPE, 1000);
      assert.ok(seen.has('true') && seen.has('false'), `only ${[...seen].join()}`);
    });
  }
});
