import { FIGURES, ratiosOf, type Figure, type MerchantDay, type Ratios } from './merchant-day.ts';

/** How far back a baseline looks: the 30 calendar days before the day, not the day itself. */
export const BASELINE_DAYS = 30;

/** Mean (null without days) and sample standard deviation (null with fewer than two) of one figure. */
export type FigureStats = { mean: number | null; sd: number | null };

/**
 * A merchant's figures over its previous 30 calendar days. Only days present in the data count:
 * `days` says how many there were. A ratio's statistics are over the days on which it is
 * defined (it is null on a day without transactions).
 */
export type Baseline = { days: number } & { [F in Figure]: FigureStats };

/** The days of the input were not grouped by merchant and in increasing day order. */
export class MerchantDaysOutOfOrder extends Error {
  readonly code = 'merchant_days_out_of_order';
  constructor(message: string) {
    super(message);
    this.name = 'MerchantDaysOutOfOrder';
  }
}

const FIGURE_COUNT = FIGURES.length;
/** A window holds at most 30 earlier days and the day itself. */
const CAPACITY = BASELINE_DAYS + 1;
const MS_PER_DAY = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Each merchant's rolling baseline, in O(1) amortised per day: a sliding window of running sums
 * and sums of squares per figure. Days must come grouped by merchant (merchants in any order,
 * so that a database collation does not matter) and in strictly increasing day order within a
 * merchant; anything else throws MerchantDaysOutOfOrder.
 *
 * Sums are kept of each value minus a shift near the window's mean, so that the variance of
 * large amounts with a small spread does not cancel away; every 31 days the sums are recomputed
 * from the window around its current mean (amortised O(1) too), so rounding cannot build up
 * over a long series. What remains is an error of about 1e-7 of the figure's size in the
 * standard deviation where the true one is near 0 — nothing a 3σ threshold can notice.
 */
export class RollingBaseline {
  private readonly current: Baseline = emptyBaseline();
  private readonly seen = new Set<string>();
  private readonly ratios: Ratios = { chargebackRatio: null, refundRatio: null, declineRatio: null, averageAmount: null };
  private readonly dayNumbers = new DayNumbers();
  private merchantId: string | null = null;
  private lastDay = '';
  // ring buffer of the window's days: day numbers, and each figure's value (NaN for null)
  private readonly windowDays = new Int32Array(CAPACITY);
  private readonly windowValues = new Float64Array(CAPACITY * FIGURE_COUNT);
  private head = 0;
  private size = 0;
  private addedSinceRecentre = 0;
  private readonly n = new Float64Array(FIGURE_COUNT);
  private readonly shift = new Float64Array(FIGURE_COUNT);
  private readonly sum = new Float64Array(FIGURE_COUNT);
  private readonly sumOfSquares = new Float64Array(FIGURE_COUNT);

  /**
   * The baseline of `day` (its merchant's previous 30 calendar days), then counts the day in for
   * the days after it. Returns the same object on every call, overwritten by the next: copy
   * what must outlive it. `ratios` are the day's ratios when the caller has them already.
   */
  advance(day: MerchantDay, ratios: Ratios = ratiosOf(day, this.ratios)): Baseline {
    const today = this.enter(day);
    // days before today − 30 leave the window
    while (this.size > 0 && this.windowDays[this.head]! < today - BASELINE_DAYS) this.removeOldest();
    this.fill();
    this.add(today, day, ratios);
    return this.current;
  }

  /** Checks the order, moves to a new merchant when it changes; the day's number. */
  private enter(day: MerchantDay): number {
    if (day.merchantId !== this.merchantId) {
      if (this.seen.has(day.merchantId)) {
        throw new MerchantDaysOutOfOrder(`merchant ${day.merchantId} appears again after other merchants (at ${day.day}): the days must come grouped by merchant`);
      }
      this.seen.add(day.merchantId);
      this.merchantId = day.merchantId;
      this.size = 0;
      this.addedSinceRecentre = 0;
      this.n.fill(0);
    } else if (day.day <= this.lastDay) {
      throw new MerchantDaysOutOfOrder(`merchant ${day.merchantId}: day ${day.day} comes after ${this.lastDay}; the days of a merchant must be in increasing order, each once`);
    }
    this.lastDay = day.day;
    return this.dayNumbers.of(day.day);
  }

  private add(today: number, day: MerchantDay, ratios: Ratios): void {
    const slot = (this.head + this.size) % CAPACITY;
    this.windowDays[slot] = today;
    this.size++;
    const base = slot * FIGURE_COUNT;
    const values = this.windowValues;
    // in the order of FIGURES; NaN stands for null
    values[base] = day.count;
    values[base + 1] = day.amount;
    values[base + 2] = day.refunds;
    values[base + 3] = day.chargebacks;
    values[base + 4] = day.declined;
    values[base + 5] = day.nightShare;
    values[base + 6] = day.cnpShare;
    values[base + 7] = day.foreignShare;
    values[base + 8] = day.maxAmount;
    values[base + 9] = day.nearLimitCount;
    values[base + 10] = day.outsideRegionCount;
    values[base + 11] = ratios.chargebackRatio ?? Number.NaN;
    values[base + 12] = ratios.refundRatio ?? Number.NaN;
    values[base + 13] = ratios.declineRatio ?? Number.NaN;
    values[base + 14] = ratios.averageAmount ?? Number.NaN;
    for (let f = 0; f < FIGURE_COUNT; f++) {
      const value = values[base + f]!;
      if (value !== value) continue;
      if (this.n[f] === 0) {
        // an empty window starts its sums afresh: no drift carries over
        this.shift[f] = value;
        this.sum[f] = 0;
        this.sumOfSquares[f] = 0;
      }
      const d = value - this.shift[f]!;
      this.n[f]!++;
      this.sum[f]! += d;
      this.sumOfSquares[f]! += d * d;
    }
    if (++this.addedSinceRecentre === CAPACITY) this.recentre();
  }

  /** Recomputes every figure's sums from the window, shifted by the window's mean. */
  private recentre(): void {
    this.addedSinceRecentre = 0;
    for (let f = 0; f < FIGURE_COUNT; f++) {
      if (this.n[f] === 0) continue;
      const shift = this.shift[f]! + this.sum[f]! / this.n[f]!;
      let sum = 0;
      let sumOfSquares = 0;
      for (let i = 0; i < this.size; i++) {
        const value = this.windowValues[((this.head + i) % CAPACITY) * FIGURE_COUNT + f]!;
        if (value !== value) continue;
        const d = value - shift;
        sum += d;
        sumOfSquares += d * d;
      }
      this.shift[f] = shift;
      this.sum[f] = sum;
      this.sumOfSquares[f] = sumOfSquares;
    }
  }

  private removeOldest(): void {
    const base = this.head * FIGURE_COUNT;
    for (let f = 0; f < FIGURE_COUNT; f++) {
      const value = this.windowValues[base + f]!;
      if (value !== value) continue;
      const d = value - this.shift[f]!;
      this.n[f]!--;
      this.sum[f]! -= d;
      this.sumOfSquares[f]! -= d * d;
    }
    this.head = (this.head + 1) % CAPACITY;
    this.size--;
  }

  private fill(): void {
    const current = this.current;
    current.days = this.size;
    for (let f = 0; f < FIGURE_COUNT; f++) {
      const stats = current[FIGURES[f]!];
      const n = this.n[f]!;
      if (n === 0) {
        stats.mean = null;
        stats.sd = null;
        continue;
      }
      const sum = this.sum[f]!;
      stats.mean = this.shift[f]! + sum / n;
      // rounding can leave a tiny negative variance where all values are equal
      stats.sd = n < 2 ? null : Math.sqrt(Math.max(0, (this.sumOfSquares[f]! - (sum * sum) / n) / (n - 1)));
    }
  }
}

function emptyBaseline(): Baseline {
  const baseline = { days: 0 } as Baseline;
  for (const figure of FIGURES) baseline[figure] = { mean: null, sd: null };
  return baseline;
}

/** Day numbers (days since 1970-01-01) of YYYY-MM-DD dates; a data set has few distinct days. */
class DayNumbers {
  private readonly numbers = new Map<string, number>();

  of(day: string): number {
    let number = this.numbers.get(day);
    if (number === undefined) {
      const time = DAY_PATTERN.test(day) ? Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) : Number.NaN;
      if (Number.isNaN(time)) throw new RangeError(`day "${day}" is not a YYYY-MM-DD date`);
      number = time / MS_PER_DAY;
      if (this.numbers.size > 100_000) this.numbers.clear();
      this.numbers.set(day, number);
    }
    return number;
  }
}
