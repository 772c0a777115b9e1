/** One line of the benchmark table. */
export type BenchRow = {
  name: string;
  /** Median over the rounds of completed instances per second (start → complete task → end). */
  instancesPerSecond: number;
  notes?: string;
  /**
   * What one counted operation is, for rows that count something other than process instances
   * (`instancesPerSecond` then holds operations per second, e.g. claims or cases); such rows show
   * no ratio to the baseline, which runs a different workload.
   */
  operation?: string;
  /** Latency percentiles in milliseconds, for rows that measure them. */
  p50Ms?: number;
  p99Ms?: number;
};

/** How long and how often each suite measures; the same for every suite of one run. */
export type BenchConfig = {
  /** Measured rounds per row; the row reports their median. */
  rounds: number;
  /** A round lasts at least this long (seconds), in whole batches. */
  minSeconds: number;
  /** Untimed run-in before the rounds (seconds): lets the JIT settle. */
  warmupSeconds: number;
};

/** A group of rows that share a setup (an engine, a database). */
export interface BenchSuite {
  readonly name: string;
  run(config: BenchConfig): Promise<BenchRow[]>;
}
