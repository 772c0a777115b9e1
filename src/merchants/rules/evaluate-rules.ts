import { RollingBaseline, type Baseline } from './baseline.ts';
import { compileFeel, type FeelCompileError, type FeelContext, type FeelScope } from '../../platform/feel/feel-compile.ts';
import { FIGURES, METRICS, RATIOS, ratiosOf, type Firing, type MerchantDay, type Metric, type Ratios, type RuleDefinition } from './merchant-day.ts';

/** What a rule expression sees for a merchant-day: its metrics, its ratios and its baseline. */
export type RuleContext = Record<Metric, number> & Ratios & { baseline: Baseline };

/** The names a rule may use: every metric and ratio, `baseline.days`, `baseline.<figure>.mean` and `.sd`. */
export const RULE_SCOPE: FeelScope = ruleScope();

function ruleScope(): FeelScope {
  const baseline: Record<string, FeelScope | 'number'> = { days: 'number' };
  for (const figure of FIGURES) baseline[figure] = { mean: 'number', sd: 'number' };
  const scope: Record<string, FeelScope | 'number'> = { baseline };
  for (const name of [...METRICS, ...RATIOS]) scope[name] = 'number';
  return scope;
}

export type CompiledRule = {
  readonly definition: RuleDefinition;
  /** Whether the rule fires: its expression is true (null and false do not fire). */
  readonly fires: (context: RuleContext) => boolean;
  /** The figures its expression mentions, by dotted path (`baseline.amount.mean`), for an alert to show. */
  readonly values: (context: RuleContext) => Record<string, number | null>;
};

export type CompileRuleOutcome = { ok: true; rule: CompiledRule } | { ok: false; error: FeelCompileError };

/**
 * Compiles a rule's expression. Besides what the FEEL compiler refuses, a rule must be a
 * condition, and every name it uses must be one of RULE_SCOPE: FEEL would read a misspelt name
 * as null, and the rule would silently never fire.
 */
export function compileRule(definition: RuleDefinition): CompileRuleOutcome {
  const outcome = compileFeel(definition.expression, RULE_SCOPE);
  if (!outcome.ok) return outcome;
  const { compiled } = outcome;
  const unknown = compiled.unknownNames[0];
  if (unknown) {
    const names = `${[...METRICS, ...RATIOS].join(', ')}, baseline.days, baseline.<name>.mean, baseline.<name>.sd`;
    return refuse(unknown.index, unknown.path, `'${unknown.path}' (index ${unknown.index}) is not a name rules know; they know ${names}`, `「${unknown.path}」（位置 ${unknown.index}）不是规则可用的名称；可用的名称有 ${names}`);
  }
  if (compiled.yields.length !== 1 || compiled.yields[0] !== 'boolean') {
    return refuse(0, definition.expression, 'a rule must be a condition that is true or false, such as chargebackRatio > 0.01', '规则必须是结果为真或假的条件，例如 chargebackRatio > 0.01');
  }
  const evaluate = compiled.evaluate;
  const readers = compiled.paths.map((path) => [path, readerOf(path)] as const);
  return {
    ok: true,
    rule: {
      definition,
      fires: (context) => evaluate(context as FeelContext) === true,
      values: (context) => {
        const values: Record<string, number | null> = {};
        for (const [path, read] of readers) values[path] = read(context as FeelContext) as number | null;
        return values;
      },
    },
  };
}

/** Compiles rules that are known to be valid (stored or shipped ones); throws on the first that is not. */
export function compileRules(definitions: readonly RuleDefinition[]): CompiledRule[] {
  return definitions.map((definition) => {
    const outcome = compileRule(definition);
    if (!outcome.ok) throw new Error(`rule ${definition.code}: ${outcome.error.en}`);
    return outcome.rule;
  });
}

function refuse(index: number, text: string, en: string, zh: string): CompileRuleOutcome {
  return { ok: false, error: { en, zh, index, text } };
}

function readerOf(path: string): (context: FeelContext) => unknown {
  const outcome = compileFeel(path, RULE_SCOPE);
  if (!outcome.ok) throw new Error(`path ${path}: ${outcome.error.en}`);
  return outcome.compiled.evaluate;
}

/**
 * Runs the rules over merchant-days and yields a Firing for each rule that fires on a day on or
 * after `from` (YYYY-MM-DD); earlier days only feed the baselines, so pass the 30 days before
 * `from` as well. The days must come grouped by merchant, each merchant's in day order
 * (RollingBaseline throws otherwise). Nothing is allocated per day but the firings.
 */
export function* evaluateRules(days: Iterable<MerchantDay>, rules: readonly CompiledRule[], from?: string): Generator<Firing> {
  const baselines = new RollingBaseline();
  const context = emptyContext();
  for (const day of days) {
    ratiosOf(day, context);
    context.baseline = baselines.advance(day, context);
    if (from !== undefined && day.day < from) continue;
    context.count = day.count;
    context.amount = day.amount;
    context.refunds = day.refunds;
    context.chargebacks = day.chargebacks;
    context.declined = day.declined;
    context.nightShare = day.nightShare;
    context.cnpShare = day.cnpShare;
    context.foreignShare = day.foreignShare;
    context.maxAmount = day.maxAmount;
    context.nearLimitCount = day.nearLimitCount;
    context.outsideRegionCount = day.outsideRegionCount;
    for (const rule of rules) {
      if (!rule.fires(context)) continue;
      const { code, severity } = rule.definition;
      yield { merchantId: day.merchantId, day: day.day, ruleCode: code, severity, values: rule.values(context) };
    }
  }
}

function emptyContext(): RuleContext {
  const context = { chargebackRatio: null, refundRatio: null, declineRatio: null, averageAmount: null } as RuleContext;
  for (const metric of METRICS) context[metric] = 0;
  return context;
}

/** How often one rule would have fired: in all, on how many merchants, and on each day. */
export type DryRunCount = { code: string; firings: number; merchants: number; byDay: { day: string; firings: number }[] };

export type DryRunResult = {
  /** Merchant-days evaluated (on or after `from`). */
  merchantDays: number;
  /** Per rule, in the order given; `byDay` lists every evaluated day, in order, zeros included. */
  rules: DryRunCount[];
};

/**
 * What the rules would have done over past data ("this rule would have fired 12 times on 5
 * merchants last month"): the same evaluation as evaluateRules, counted instead of kept.
 */
export function dryRun(days: Iterable<MerchantDay>, rules: readonly CompiledRule[], from?: string): DryRunResult {
  const evaluatedDays = new Set<string>();
  let merchantDays = 0;
  const counted = function* (): Generator<MerchantDay> {
    for (const day of days) {
      if (from === undefined || day.day >= from) {
        merchantDays++;
        evaluatedDays.add(day.day);
      }
      yield day;
    }
  };
  const counts = new Map(rules.map((r) => [r.definition.code, { firings: 0, merchants: 0, lastMerchant: '', byDay: new Map<string, number>() }]));
  for (const firing of evaluateRules(counted(), rules, from)) {
    const count = counts.get(firing.ruleCode)!;
    count.firings++;
    // the days come grouped by merchant: a merchant is new when it differs from the last one
    if (count.merchants === 0 || count.lastMerchant !== firing.merchantId) count.merchants++;
    count.lastMerchant = firing.merchantId;
    count.byDay.set(firing.day, (count.byDay.get(firing.day) ?? 0) + 1);
  }
  const ordered = [...evaluatedDays].sort();
  return {
    merchantDays,
    rules: [...counts].map(([code, c]) => ({ code, firings: c.firings, merchants: c.merchants, byDay: ordered.map((day) => ({ day, firings: c.byDay.get(day) ?? 0 })) })),
  };
}
