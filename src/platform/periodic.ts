/**
 * Background work repeated every interval on this node: one round at a time (a slow round is not
 * overlapped by the next), errors reported, and `stop` waiting for the round in progress.
 */
export class Periodic {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private busy = false;

  constructor(private readonly round: () => Promise<unknown>) {}

  start(intervalMs: number, onError: (error: unknown) => void): void {
    this.timer = setInterval(() => {
      if (this.busy) return;
      this.busy = true;
      this.running = this.round()
        .catch(onError)
        .finally(() => {
          this.busy = false;
        });
    }, intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
