/** A timed action of the simulated bank: runs at `at` (virtual epoch milliseconds). */
export type Scheduled = { at: number; seq: number; label: string; run: () => Promise<void> };

/**
 * The day's events in time order (a binary heap). Events at the same instant run in the order
 * they were scheduled, so a run is reproducible.
 */
export class EventQueue {
  private heap: Scheduled[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  schedule(at: number, label: string, run: () => Promise<void>): void {
    this.heap.push({ at: Math.round(at), seq: this.seq++, label, run });
    this.up(this.heap.length - 1);
  }

  /** The time of the next event, or null when none is left. */
  peek(): number | null {
    return this.heap[0]?.at ?? null;
  }

  pop(): Scheduled | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top && last && this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  clear(): void {
    this.heap = [];
  }

  private before(i: number, j: number): boolean {
    const a = this.heap[i]!;
    const b = this.heap[j]!;
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private swap(i: number, j: number): void {
    const t = this.heap[i]!;
    this.heap[i] = this.heap[j]!;
    this.heap[j] = t;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.heap.length && this.before(l, m)) m = l;
      if (r < this.heap.length && this.before(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
