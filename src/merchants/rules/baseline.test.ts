import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Random } from '../../demo/random.ts';
import { BASELINE_DAYS, MerchantDaysOutOfOrder, RollingBaseline, type Baseline } from './baseline.ts';
import { FIGURES, ratiosOf, type Figure, type MerchantDay, type Ratios } from './merchant-day.ts';
import { merchantDays, merchantProfile } from './test-merchant-days.ts';

const ZERO: Omit<MerchantDay, 'merchantId' | 'day'> = {
  count: 0, amount: 0, refunds: 0, chargebacks: 0, declined: 0, nightShare: 0, cnpShare: 0, foreignShare: 0, maxAmount: 0, nearLimitCount: 0, outsideRegionCount: 0,
};
const day = (merchantId: string, date: string, figures: Partial<MerchantDay> = {}): MerchantDay => ({ ...ZERO, merchantId, day: date, ...figures });
const copy = (b: Baseline) => structuredClone(b);

/** The baseline computed the slow, obvious way: filter the 30 days before, two-pass mean and sd. */
function naive(history: MerchantDay[], today: MerchantDay): Baseline {
  const time = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  const window = history.filter((d) => d.merchantId === today.merchantId && time(d.day) < time(today.day) && time(d.day) >= time(today.day) - BASELINE_DAYS);
  const baseline = { days: window.length } as Baseline;
  for (const figure of FIGURES) {
    const values = window.map((d) => valueOf(d, figure)).filter((v): v is number => v !== null);
    const mean = values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
    const sd = values.length < 2 ? null : Math.sqrt(values.reduce((s, v) => s + (v - mean!) ** 2, 0) / (values.length - 1));
    baseline[figure] = { mean, sd };
  }
  return baseline;
}

function valueOf(d: MerchantDay, figure: Figure): number | null {
  const ratios: Ratios = ratiosOf(d, { chargebackRatio: null, refundRatio: null, declineRatio: null, averageAmount: null });
  return figure in ratios ? ratios[figure as keyof Ratios] : d[figure as keyof MerchantDay] as number;
}

/**
 * Sliding sums of squares lose about half the digits of the figure's size where the true
 * deviation is near 0 (1e-7 of it): the sd is held to that, the mean to 1e-9.
 */
function assertClose(actual: Baseline, expected: Baseline, scale: Record<Figure, number>, where: string) {
  assert.equal(actual.days, expected.days, `${where}: days`);
  for (const figure of FIGURES) {
    for (const stat of ['mean', 'sd'] as const) {
      const a = actual[figure][stat];
      const e = expected[figure][stat];
      const tolerance = (stat === 'mean' ? 1e-9 : 1e-7) * Math.max(1, scale[figure]);
      if (a === null || e === null) assert.equal(a, e, `${where}: ${figure}.${stat}`);
      else assert.ok(Math.abs(a - e) <= tolerance, `${where}: ${figure}.${stat} ${a}, expected ${e}`);
    }
  }
}

/** The largest magnitude of each figure in the data. */
function scaleOf(days: MerchantDay[]): Record<Figure, number> {
  const scale = {} as Record<Figure, number>;
  for (const figure of FIGURES) scale[figure] = Math.max(...days.map((d) => Math.abs(valueOf(d, figure) ?? 0)));
  return scale;
}

describe('rolling baseline', () => {
  it('equals the obvious computation over generated merchants, with closed days, gaps and days without sales', () => {
    const random = new Random(11);
    const days: MerchantDay[] = [];
    for (let m = 0; m < 12; m++) {
      const profile = { ...merchantProfile(random, `M${m}`), closedOnSundays: m % 3 === 0 };
      // a few merchants sell little enough to have days without a sale (their ratios are null)
      if (m % 4 === 1) profile.dailyCount = 1.5;
      // some lose weeks of data: a gap longer than the window empties it
      days.push(...merchantDays(random, profile, 120).filter((d, i) => m % 5 !== 2 || i < 40 || i > 80));
    }
    assert.ok(days.some((d) => d.count === 0), 'the data has days without sales');
    const baselines = new RollingBaseline();
    const scale = scaleOf(days);
    days.forEach((d, i) => assertClose(baselines.advance(d), naive(days.slice(0, i), d), scale, `${d.merchantId} ${d.day}`));
  });

  it('starts empty, gives a mean from one day and a standard deviation from two', () => {
    const baselines = new RollingBaseline();
    const first = copy(baselines.advance(day('A', '2026-03-01', { count: 10, amount: 1000 })));
    assert.equal(first.days, 0);
    assert.deepEqual(first.amount, { mean: null, sd: null });
    const second = copy(baselines.advance(day('A', '2026-03-02', { count: 20, amount: 3000 })));
    assert.equal(second.days, 1);
    assert.deepEqual(second.amount, { mean: 1000, sd: null });
    const third = baselines.advance(day('A', '2026-03-03'));
    assert.deepEqual(third.amount, { mean: 2000, sd: Math.sqrt(2_000_000) });
  });

  it('looks back exactly 30 calendar days, not counting the day itself', () => {
    const baselines = new RollingBaseline();
    baselines.advance(day('A', '2026-01-01', { amount: 500 }));
    baselines.advance(day('A', '2026-01-02', { amount: 100 }));
    // 2026-01-31 − 30 days = 2026-01-01: still inside
    assert.deepEqual(copy(baselines.advance(day('A', '2026-01-31', { amount: 999 }))).amount.mean, 300);
    // 2026-02-01 − 30 days = 2026-01-02: the first day has left; 01-31 has come in
    const next = baselines.advance(day('A', '2026-02-01'));
    assert.equal(next.days, 2);
    assert.equal(next.amount.mean, (100 + 999) / 2);
  });

  it('leaves a ratio out of its statistics on a day without sales, and counts the day', () => {
    const baselines = new RollingBaseline();
    baselines.advance(day('A', '2026-01-01', { count: 100, chargebacks: 2 }));
    baselines.advance(day('A', '2026-01-02'));
    const b = baselines.advance(day('A', '2026-01-03'));
    assert.equal(b.days, 2);
    assert.deepEqual(b.chargebackRatio, { mean: 0.02, sd: null });
    assert.deepEqual(b.count, { mean: 50, sd: Math.sqrt(5000) });
  });

  it('keeps the spread of large amounts that barely vary', () => {
    const baselines = new RollingBaseline();
    const amounts = Array.from({ length: 400 }, (_, i) => 123_456_789.01 + (i % 3) * 0.01);
    const history: MerchantDay[] = [];
    amounts.forEach((amount, i) => {
      const d = day('A', new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10), { count: 1, amount });
      const b = baselines.advance(d);
      if (i === amounts.length - 1) {
        const expected = naive(history, d).amount;
        assert.ok(Math.abs(b.amount.sd! - expected.sd!) < 1e-6, `sd ${b.amount.sd}, expected ${expected.sd}`);
        assert.ok(Math.abs(b.amount.mean! - expected.mean!) < 1e-6);
      }
      history.push(d);
    });
  });

  it('starts afresh for the next merchant, who may come in any order', () => {
    const baselines = new RollingBaseline();
    baselines.advance(day('B', '2026-01-01', { amount: 100 }));
    const a = baselines.advance(day('A', '2026-01-02', { amount: 5 }));
    assert.equal(a.days, 0);
  });

  describe('refuses input out of order', () => {
    const cases: [string, MerchantDay[], RegExp][] = [
      ['the same day twice', [day('A', '2026-01-02'), day('A', '2026-01-02')], /increasing order/],
      ['an earlier day after a later one', [day('A', '2026-01-02'), day('A', '2026-01-01')], /2026-01-01 comes after 2026-01-02/],
      ['a merchant coming back after another', [day('A', '2026-01-01'), day('B', '2026-01-01'), day('A', '2026-01-02')], /merchant A appears again/],
    ];
    for (const [what, days, message] of cases) {
      it(what, () => {
        const baselines = new RollingBaseline();
        assert.throws(() => days.forEach((d) => baselines.advance(d)), (error: unknown) => error instanceof MerchantDaysOutOfOrder && message.test(error.message));
      });
    }
    it('a day that is not a date', () => {
      assert.throws(() => new RollingBaseline().advance(day('A', '1 March')), RangeError);
    });
  });
});
