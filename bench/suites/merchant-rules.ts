import { performance } from 'node:perf_hooks';
import { evaluate } from 'feelin';
import { Random } from '../../src/demo/random.ts';
import { RollingBaseline } from '../../src/merchants/rules/baseline.ts';
import { DEFAULT_RULES } from '../../src/merchants/rules/default-rules.ts';
import { compileRules, evaluateRules } from '../../src/merchants/rules/evaluate-rules.ts';
import { ratiosOf, type Firing, type MerchantDay, type Ratios } from '../../src/merchants/rules/merchant-day.ts';
import { ANOMALIES, normalMerchantDays, type Anomaly } from '../../src/merchants/rules/test-merchant-days.ts';
import type { BenchRow, BenchSuite } from '../bench-suite.ts';
import { median } from '../measure.ts';
import { MERCHANT_RULE_ROWS, MERCHANT_RULES_TARGET } from '../report.ts';

/*
 * The merchant early-warning rules (src/merchants/rules): the shipped rules compiled and run over
 * 1,000,000 generated merchant-days with their 30-day baselines, the median of three runs — next
 * to feelin's `evaluate` per rule per day on a sample of whole merchants, extrapolated to 1 M.
 * Both must find the same firings on the sample. The data are generated once, untimed: ~11,300
 * merchants × 90 days (the rules' test generator: weekly rhythm, trend, day-to-day noise), with
 * an anomaly planted on one day in 500.
 */

const MERCHANT_DAYS = MERCHANT_RULES_TARGET.merchantDays;
const RUNS = 3;
const PLANTED_PER_DAY = 1 / 500;
/** feelin takes ~0.3 ms an evaluation: 5,000 merchant-days × 8 rules is about 12 s. */
const FEELIN_SAMPLE = Number(process.env.BENCH_FEELIN_SAMPLE ?? 5000);

export const merchantRulesSuite: BenchSuite = {
  name: 'merchant-rules',
  async run(): Promise<BenchRow[]> {
    const generating = performance.now();
    const { days, planted } = merchantDays();
    const generated = (performance.now() - generating) / 1000;

    // a short untimed run lets the JIT settle
    count(evaluateRules(days.slice(0, 100_000), compileRules(DEFAULT_RULES)));
    const times: number[] = [];
    let firings: Firing[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const rules = compileRules(DEFAULT_RULES);
      firings = [...evaluateRules(days, rules)];
      times.push(performance.now() - started);
    }
    const compiledMs = median(times);

    const sample = wholeMerchants(days, FEELIN_SAMPLE);
    const feelinStarted = performance.now();
    const feelinFirings = withFeelin(sample);
    const feelinMs = performance.now() - feelinStarted;
    const sampleMerchants = new Set(sample.map((d) => d.merchantId));
    const expected = firings.filter((f) => sampleMerchants.has(f.merchantId)).map(key);
    const found = feelinFirings.map(key);
    if (expected.join('\n') !== found.join('\n')) {
      const differs = expected.find((k, i) => k !== found[i]) ?? found[expected.length];
      throw new Error(`compiled rules and feelin disagree on the sample: ${expected.length} against ${found.length} firings, first difference at ${differs}`);
    }

    const byRule = new Map<string, number>();
    for (const f of firings) byRule.set(f.ruleCode, (byRule.get(f.ruleCode) ?? 0) + 1);
    const perRule = [...byRule].map(([code, n]) => `${code} ${n}`).join(', ');
    const extrapolatedMs = (feelinMs / sample.length) * MERCHANT_DAYS;
    return [
      {
        name: MERCHANT_RULE_ROWS.compiled,
        instancesPerSecond: MERCHANT_DAYS / (compiledMs / 1000),
        operation: 'merchant-day',
        p50Ms: compiledMs,
        notes: `median of ${RUNS} runs (${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s), compiling included; ${DEFAULT_RULES.length} rules; ${firings.length.toLocaleString('en')} firings (${planted.toLocaleString('en')} anomalies planted): ${perRule}; data generated in ${generated.toFixed(1)} s, untimed`,
      },
      {
        name: MERCHANT_RULE_ROWS.feelin,
        instancesPerSecond: sample.length / (feelinMs / 1000),
        operation: 'merchant-day',
        p50Ms: extrapolatedMs,
        notes: `${(feelinMs / 1000).toFixed(1)} s for ${sample.length.toLocaleString('en')} merchant-days (${sampleMerchants.size} merchants) × ${DEFAULT_RULES.length} rules, same baselines; p50 column extrapolated to 1 M; same ${found.length} firings as compiled`,
      },
    ];
  },
};

/** 1,000,000 generated merchant-days with anomalies planted at random. */
function merchantDays(): { days: MerchantDay[]; planted: number } {
  // 90 days a merchant, less the days a merchant is closed: a few more merchants than 1 M / 90
  const days = normalMerchantDays({ merchants: Math.ceil(MERCHANT_DAYS / 87), days: 90, seed: 1 }).slice(0, MERCHANT_DAYS);
  if (days.length < MERCHANT_DAYS) throw new Error(`generated ${days.length} merchant-days, fewer than ${MERCHANT_DAYS}`);
  const random = new Random(2);
  const kinds = Object.keys(ANOMALIES) as Anomaly[];
  let planted = 0;
  for (let i = 0; i < days.length; i++) {
    if (!random.chance(PLANTED_PER_DAY)) continue;
    days[i] = ANOMALIES[random.pick(kinds)](days[i]!);
    planted++;
  }
  return { days, planted };
}

/** The first merchants' days, at least `size` of them, whole merchants only (their baselines are complete). */
function wholeMerchants(days: MerchantDay[], size: number): MerchantDay[] {
  let end = Math.min(size, days.length);
  while (end < days.length && days[end]!.merchantId === days[end - 1]!.merchantId) end++;
  return days.slice(0, end);
}

/** The same evaluation with feelin: a context object a day, `evaluate` for each rule. */
function withFeelin(days: MerchantDay[]): Firing[] {
  const baselines = new RollingBaseline();
  const firings: Firing[] = [];
  for (const day of days) {
    const ratios: Ratios = ratiosOf(day, { chargebackRatio: null, refundRatio: null, declineRatio: null, averageAmount: null });
    const baseline = baselines.advance(day, ratios);
    const { merchantId: _merchant, day: _day, ...metrics } = day;
    const context = { ...metrics, ...ratios, baseline };
    for (const rule of DEFAULT_RULES) {
      if (evaluate(rule.expression, context).value === true) firings.push({ merchantId: day.merchantId, day: day.day, ruleCode: rule.code, severity: rule.severity, values: {} });
    }
  }
  return firings;
}

function key(f: Firing): string {
  return `${f.merchantId} ${f.day} ${f.ruleCode}`;
}

function count(items: Iterable<unknown>): number {
  let n = 0;
  for (const _ of items) n++;
  return n;
}
