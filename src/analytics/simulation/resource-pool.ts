import type { WorkCalendar } from './work-calendar.ts';

/** The measurement window (epoch ms): from the first measured arrival to the last arrival; open until known. */
export type Window = { from: number; to: number };

/**
 * The people of one pool: who is idle (longest idle first, so that every one of them works and a
 * log of the run shows them all), the FIFO queue of work waiting for them, and what is measured
 * inside the window — working time spent, and the time-weighted queue length.
 */
export class ResourcePool<T> {
  private readonly idle: number[];
  private readonly queue: T[] = [];
  private head = 0;
  private lastTick: number;
  private readonly names: string[];
  /** Work under way, by the item it is for: its start of work. */
  readonly running = new Map<T, number>();
  busyMs = 0;
  queueArea = 0;

  constructor(
    readonly name: string,
    readonly size: number,
    readonly calendar: WorkCalendar,
    private readonly window: Window,
    startAt: number,
  ) {
    this.idle = Array.from({ length: size }, (_, i) => i);
    this.names = this.idle.map((i) => `${name}-${i + 1}`);
    this.lastTick = startAt;
  }

  /** A resource's name in the simulated log: the pool's name and its number. */
  nameOf(resource: number): string {
    return this.names[resource]!;
  }

  /** An idle resource, taken; undefined when all are busy. */
  take(): number | undefined {
    return this.idle.shift();
  }

  release(resource: number): void {
    this.idle.push(resource);
  }

  enqueue(item: T, now: number): void {
    this.tick(now);
    this.queue.push(item);
  }

  /** The longest-waiting item that `skip` does not reject, taken off the queue. */
  dequeue(now: number, skip: (item: T) => boolean): T | undefined {
    this.tick(now);
    while (this.head < this.queue.length) {
      const item = this.queue[this.head++]!;
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      if (!skip(item)) return item;
    }
    return undefined;
  }

  /** Counts the working time between `from` and `to` that falls in the window as busy. */
  addWork(from: number, to: number): void {
    const a = Math.max(from, this.window.from);
    const b = Math.min(to, this.window.to);
    if (b > a) this.busyMs += this.calendar.workingMs(a, b);
  }

  /** Adds the queue length since the last change to the time-weighted sum, inside the window. */
  tick(now: number): void {
    const a = Math.max(this.lastTick, this.window.from);
    const b = Math.min(now, this.window.to);
    if (b > a) this.queueArea += (this.queue.length - this.head) * (b - a);
    this.lastTick = now;
  }
}
