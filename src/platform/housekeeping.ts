import { ensureEventLogPartitions } from './db/partitions.ts';
import type { DatabaseHandle } from './db/database.ts';
import type { Deps } from './deps.ts';
import { sweepIdempotencyKeys } from './idempotency.ts';

/**
 * The platform's own upkeep as background work of a node: the event log's partitions for the
 * months ahead, and idempotency keys past their keeping time forgotten. A round at once, then one
 * every `intervalMs`; a round still running is not overlapped, and `stop` waits for it. Each
 * chore fails on its own: one that fails does not keep the other from running.
 */
export class Housekeeping {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly deps: Deps,
  ) {}

  start(intervalMs: number, onError: (error: unknown, chore: string) => void): void {
    const chores: [string, () => Promise<unknown>][] = [
      ['event log partitioning', () => ensureEventLogPartitions(this.database, this.deps.clock())],
      ['idempotency key sweep', () => sweepIdempotencyKeys(this.deps)],
    ];
    const round = () => {
      if (this.running) return;
      this.running = Promise.all(chores.map(([name, chore]) => chore().catch((error: unknown) => onError(error, name)))).finally(() => {
        this.running = null;
      });
    };
    round();
    this.timer = setInterval(round, intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
