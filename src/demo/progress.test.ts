import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { progressLine, progressReporter } from './progress.ts';

describe('demo history progress on the terminal', () => {
  it('draws the bar, the days, the last day and the time left', () => {
    assert.equal(progressLine({ days: 60, daysDone: 15, day: '2026-10-14', requests: 0 }, 30_000, 20), 'Demo history [#####---------------] 15/60 days  through 2026-10-14  30s, about 1m30s left');
    assert.equal(progressLine({ days: 60, daysDone: 60, day: '2026-11-28', requests: 0 }, 125_000, 20), 'Demo history [####################] 60/60 days  through 2026-11-28  2m05s');
    assert.equal(progressLine({ days: 3, daysDone: 0, day: null, requests: 0 }, 0, 6), 'Demo history [------] 0/3 days  0s');
  });

  it('counts the time left from the days made by this start (a resumed history)', () => {
    assert.match(progressLine({ days: 60, daysDone: 40, day: '2026-11-08', requests: 0 }, 20_000, 20, 30), /about 40s left$/);
  });

  it('logs a line every tenth of the way when the output is not a terminal', () => {
    const lines: string[] = [];
    const report = progressReporter({ isTTY: false } as NodeJS.WriteStream, (l) => lines.push(l), () => 0);
    for (let d = 0; d <= 60; d++) report({ days: 60, daysDone: d, day: null, requests: 0 });
    assert.equal(lines.length, 11, lines.join('\n'));
    assert.match(lines[0]!, / 0\/60 days/);
    assert.match(lines[10]!, /60\/60 days/);
  });

  it('redraws one line in place on a terminal, ending it when done', () => {
    let written = '';
    const report = progressReporter({ isTTY: true, write: (s: string) => ((written += s), true) } as unknown as NodeJS.WriteStream, () => undefined, () => 0);
    report({ days: 2, daysDone: 1, day: '2026-11-27', requests: 0 });
    report({ days: 2, daysDone: 2, day: '2026-11-28', requests: 0 });
    assert.equal(written.split('\r').length, 3);
    assert.ok(written.endsWith('\n'));
  });
});
