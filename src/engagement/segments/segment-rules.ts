import { compileFeel, type FeelCompileError, type FeelContext } from '../../platform/feel/feel-compile.ts';
import type { Localized } from '../../platform/errors.ts';
import { FACT_SCOPE, FACTS, type CustomerFacts } from '../facts/facts.ts';
import type { SegmentKind } from './segment.table.ts';

/*
 * Segment rules (客户分层规则): FEEL conditions over a customer's facts, compiled once to
 * closures (src/platform/feel), and the membership they give — the highest-ranked matching tier,
 * and every matching group. Pure: no database, no clock.
 */

/** What classifying needs of a segment. */
export type SegmentRule = { code: string; kind: SegmentKind; expression: string; rank: number };

export type CompiledSegment = SegmentRule & { matches: (facts: CustomerFacts) => boolean };

export type CompileSegmentOutcome = { ok: true; segment: CompiledSegment } | { ok: false; error: FeelCompileError };

/**
 * Compiles a segment's rule. Besides what the FEEL compiler refuses, the rule must be a condition
 * and name only facts: FEEL reads a misspelt name as null, and the segment would silently stay
 * empty.
 */
export function compileSegment(rule: SegmentRule): CompileSegmentOutcome {
  const outcome = compileFeel(rule.expression, FACT_SCOPE);
  if (!outcome.ok) return outcome;
  const { compiled } = outcome;
  const unknown = compiled.unknownNames[0];
  if (unknown) {
    const names = FACTS.map((f) => f.name).join(', ');
    return refuse(unknown.index, unknown.path, `'${unknown.path}' (index ${unknown.index}) is not a customer fact; the facts are ${names}`, `「${unknown.path}」（位置 ${unknown.index}）不是客户画像指标；可用的指标有 ${names}`);
  }
  if (compiled.yields.length !== 1 || compiled.yields[0] !== 'boolean') {
    return refuse(0, rule.expression, 'a segment rule must be a condition that is true or false, such as aum >= 50000', '分层规则必须是结果为真或假的条件，例如 aum >= 50000');
  }
  const evaluate = compiled.evaluate;
  return { ok: true, segment: { ...rule, matches: (facts) => evaluate(facts as unknown as FeelContext) === true } };
}

/** Compiles stored or shipped segments, which are known to be valid; throws on the first that is not. */
export function compileSegments(rules: readonly SegmentRule[]): CompiledSegment[] {
  return rules.map((rule) => {
    const outcome = compileSegment(rule);
    if (!outcome.ok) throw new Error(`segment ${rule.code}: ${outcome.error.en}`);
    return outcome.segment;
  });
}

function refuse(index: number, text: string, en: string, zh: string): CompileSegmentOutcome {
  return { ok: false, error: { en, zh, index, text } };
}

/** Active segments made ready to classify with: tiers highest rank first, then the groups. */
export type Classifier = { tiers: CompiledSegment[]; groups: CompiledSegment[] };

export function classifier(segments: readonly CompiledSegment[]): Classifier {
  return {
    tiers: segments.filter((s) => s.kind === 'tier').sort((a, b) => b.rank - a.rank || a.code.localeCompare(b.code)),
    groups: segments.filter((s) => s.kind === 'group'),
  };
}

/**
 * The segments a customer belongs to: the first matching tier (the highest rank; null when none
 * matches — the customer then keeps the tier they have), and every matching group, in order.
 */
export function classify(facts: CustomerFacts, { tiers, groups }: Classifier): { tier: string | null; groups: string[] } {
  let tier: string | null = null;
  for (const t of tiers) {
    if (t.matches(facts)) {
      tier = t.code;
      break;
    }
  }
  const matched: string[] = [];
  for (const g of groups) if (g.matches(facts)) matched.push(g.code);
  return { tier, groups: matched };
}

/** A segment the bank starts with. */
export type ShippedSegment = SegmentRule & { name: Localized; description: Localized };

/**
 * The shipped segments. The tiers are the customer tiers (`customer_segment`) the bank already
 * has, with thresholds common in Chinese retail banking: 金卡 from 50,000 yuan, 白金 from 500,000,
 * 私行 from 6,000,000 (the financial assets by which regulation has long defined a private-banking
 * customer). Groups are listed by rank.
 */
export const DEFAULT_SEGMENTS: readonly ShippedSegment[] = [
  { code: 'standard', kind: 'tier', rank: 0, expression: 'true', name: { en: 'Standard', zh: '普通' }, description: { en: 'Every customer not in a higher tier.', zh: '未达到更高层级的所有客户。' } },
  { code: 'gold', kind: 'tier', rank: 10, expression: 'aum >= 50000', name: { en: 'Gold', zh: '金卡' }, description: { en: 'Assets under management of 50,000 yuan or more.', zh: '管理资产 5 万元及以上。' } },
  { code: 'platinum', kind: 'tier', rank: 20, expression: 'aum >= 500000', name: { en: 'Platinum', zh: '白金' }, description: { en: 'Assets under management of 500,000 yuan or more.', zh: '管理资产 50 万元及以上。' } },
  { code: 'private', kind: 'tier', rank: 30, expression: 'aum >= 6000000', name: { en: 'Private banking', zh: '私行' }, description: { en: 'Assets under management of 6 million yuan or more.', zh: '管理资产 600 万元及以上。' } },
  {
    code: 'dormant', kind: 'group', rank: 10,
    // registered for half a year at least: a new customer who has not yet transacted is not dormant
    expression: 'tenureDays >= 180 and (recency = null or recency >= 180)',
    name: { en: 'Dormant', zh: '睡眠客户' },
    description: { en: 'No activity for 180 days or more (customers of at least 180 days).', zh: '连续 180 天及以上无交易（登记满 180 天的客户）。' },
  },
  {
    code: 'at-risk', kind: 'group', rank: 20,
    // activity: active days at least halved, from a customer who was active on 6 days or more
    // (about every two weeks) — fewer is too few to tell a trend from chance; assets: down by
    // 30% or more from at least 10,000 yuan
    expression: '(frequencyBefore >= 6 and frequency <= frequencyBefore * 0.5) or (aumBefore >= 10000 and aum <= aumBefore * 0.7)',
    name: { en: 'At risk of leaving', zh: '流失预警' },
    description: { en: 'Active days down by half or more against the 90 days before (from 6 days or more), or AUM down by 30% or more against 90 days ago (from 10,000 yuan or more).', zh: '近 90 天有交易天数较前 90 天下降一半及以上（前期不少于 6 天），或管理资产较 90 天前下降 30% 及以上（前期不少于 1 万元）。' },
  },
  {
    code: 'young-professionals', kind: 'group', rank: 30,
    expression: 'age between 22 and 35 and (salaryAccountOpened or payroll)',
    name: { en: 'Young professionals', zh: '年轻白领' },
    description: { en: 'Aged 22 to 35, with a salary account opened or salary credited in the last 90 days.', zh: '22 至 35 岁，近 90 天开立代发工资账户或有代发工资入账。' },
  },
];
