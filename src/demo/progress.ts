import type { HistoryProgress } from './history-generator.ts';

/** `1m05s`, `42s`. */
function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/**
 * The progress bar's line: `Demo history [#######-------------]  23/60 days  through 2026-10-22  1m12s, about 2m left`.
 */
export function progressLine(p: HistoryProgress, elapsedMs: number, width = 30, startedWith = 0): string {
  const share = p.days === 0 ? 1 : p.daysDone / p.days;
  const filled = Math.round(share * width);
  const made = p.daysDone - startedWith;
  const left = made > 0 && p.daysDone < p.days ? `, about ${duration((elapsedMs / made) * (p.days - p.daysDone))} left` : '';
  return `Demo history [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(p.daysDone).padStart(String(p.days).length)}/${p.days} days${p.day ? `  through ${p.day}` : ''}  ${duration(elapsedMs)}${left}`;
}

/**
 * Shows the history's progress on the terminal: a bar redrawn in place on a TTY (stderr), a log
 * line every tenth of the way otherwise.
 */
export function progressReporter(out: NodeJS.WriteStream, log: (message: string) => void, clock: () => number = () => performance.now()): (p: HistoryProgress) => void {
  const started = clock();
  let first: number | null = null;
  let tenth = -1;
  return (p) => {
    first ??= p.daysDone;
    const line = progressLine(p, clock() - started, 30, first);
    if (out.isTTY) {
      out.write(`\r${line}\u001b[K${p.daysDone >= p.days ? '\n' : ''}`);
      return;
    }
    const now = p.days === 0 ? 10 : Math.floor((p.daysDone / p.days) * 10);
    if (now > tenth) {
      tenth = now;
      log(line);
    }
  };
}
