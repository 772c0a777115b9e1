import { DEFAULT_UTC_OFFSET_MINUTES, checkUtcOffset } from './calendar.ts';
import { nextCronTime } from './cron.ts';
import { parseCron } from './cron.parser.ts';
import type { CronSpec } from './cron.parser.ts';
import { addDuration, approximateMs, parseDuration, scaleDuration } from './duration.ts';
import type { IsoDuration } from './duration.ts';
import { parseIsoDateTime } from './iso-date.ts';

export type TimerKind = 'timeDuration' | 'timeDate' | 'timeCycle';

/**
 * An ISO 8601 repeating interval. With `start`, occurrence k (from 0) is start + period × k,
 * so a monthly cycle from Jan 31 stays on month ends instead of drifting to the 28th.
 * Without it, each occurrence is the previous one + period, the first being armed-at + period.
 */
export type RepeatSchedule = {
  type: 'repeat';
  /** null: unbounded (`R/…`). */
  repetitions: number | null;
  period: IsoDuration;
  /** ISO instants (UTC), or null. */
  start: string | null;
  end: string | null;
};

export type CronSchedule = { type: 'cron'; cron: CronSpec };

/** A parsed timer definition; plain JSON, stored with the compiled process model. */
export type TimerSpec =
  | { kind: 'timeDuration'; source: string; duration: IsoDuration; utcOffsetMinutes: number }
  | { kind: 'timeDate'; source: string; /** ISO instant, UTC */ at: string }
  | { kind: 'timeCycle'; source: string; schedule: RepeatSchedule | CronSchedule; utcOffsetMinutes: number };

type Parsed<T> = { ok: true; spec: T } | { ok: false; error: string };

/**
 * Parses a timer definition after expression evaluation: an ISO 8601 duration (`timeDuration`),
 * date or date-time (`timeDate`), or a repeating interval or Quartz cron (`timeCycle`).
 * `utcOffsetMinutes` (default +480, China) is the clock for dates without an offset, for
 * calendar arithmetic (P1M) and for cron. The error says what is wrong with the text.
 */
export function parseTimer(
  kind: TimerKind,
  text: string,
  options: { utcOffsetMinutes?: number } = {},
): Parsed<TimerSpec> {
  const utcOffsetMinutes = options.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES;
  const badOffset = checkUtcOffset(utcOffsetMinutes);
  if (badOffset) return { ok: false, error: badOffset };
  const source = text.trim();
  if (source === '') return { ok: false, error: `the ${kind} of a timer is empty` };
  switch (kind) {
    case 'timeDuration': {
      const parsed = parseDuration(source);
      return parsed.ok ? { ok: true, spec: { kind, source, duration: parsed.duration, utcOffsetMinutes } } : parsed;
    }
    case 'timeDate': {
      const parsed = parseIsoDateTime(source, utcOffsetMinutes);
      return parsed.ok ? { ok: true, spec: { kind, source, at: parsed.instant.toISOString() } } : parsed;
    }
    case 'timeCycle': {
      if (/^P/i.test(source)) {
        const error = `invalid timeCycle '${source}': a cycle needs a repeat count, e.g. R/${source} or R3/${source}, or a cron expression`;
        return { ok: false, error };
      }
      const parsed = /^R/i.test(source) ? parseRepeat(source, utcOffsetMinutes) : parseCronSchedule(source);
      return parsed.ok ? { ok: true, spec: { kind, source, schedule: parsed.spec, utcOffsetMinutes } } : parsed;
    }
  }
}

function parseCronSchedule(source: string): Parsed<CronSchedule> {
  const parsed = parseCron(source);
  return parsed.ok ? { ok: true, spec: { type: 'cron', cron: parsed.spec } } : parsed;
}

function parseRepeat(source: string, utcOffsetMinutes: number): Parsed<RepeatSchedule> {
  const fail = (why: string) => ({
    ok: false as const,
    error: `invalid repeating interval '${source}': ${why} (e.g. R3/PT10M, R/PT1H, R5/2026-01-01T09:00:00+08:00/P1D or R/P1D/2026-12-31T00:00:00Z)`,
  });
  const [head = '', ...parts] = source.split('/');
  const count = /^R(\d*)$/i.exec(head);
  if (!count) return fail(`'${head}' should be R or R followed by a number`);
  const repetitions = count[1] ? Number(count[1]) : null;
  const isDuration = (part: string) => /^P/i.test(part);
  let periodText: string;
  let startText: string | null = null;
  let endText: string | null = null;
  if (parts.length === 1 && isDuration(parts[0] ?? '')) {
    periodText = parts[0] ?? '';
  } else if (parts.length === 2 && isDuration(parts[1] ?? '') && !isDuration(parts[0] ?? '')) {
    [startText = '', periodText = ''] = parts;
  } else if (parts.length === 2 && isDuration(parts[0] ?? '') && !isDuration(parts[1] ?? '')) {
    [periodText = '', endText = ''] = parts;
  } else {
    return fail('expected R/duration, R/start/duration or R/duration/end');
  }
  const period = parseDuration(periodText);
  if (!period.ok) return fail(period.error);
  if (approximateMs(period.duration) <= 0) return fail('the period must be longer than zero');
  const instant = (text: string | null) => (text === null ? null : parseIsoDateTime(text, utcOffsetMinutes));
  const start = instant(startText);
  const end = instant(endText);
  if (start && !start.ok) return fail(start.error);
  if (end && !end.ok) return fail(end.error);
  return {
    ok: true,
    spec: {
      type: 'repeat',
      repetitions,
      period: period.duration,
      start: start ? start.instant.toISOString() : null,
      end: end ? end.instant.toISOString() : null,
    },
  };
}

/**
 * The first due instant of a timer armed at `armedAt`, or null when it can never fire (R0, a
 * cycle whose occurrences all lie before `armedAt`, a cron that matches no future second).
 * A `timeDate` in the past is still returned: the timer is due at once. Occurrences of a
 * repeating interval that lie before `armedAt` are skipped, not caught up.
 */
export function firstDue(spec: TimerSpec, armedAt: Date): Date | null {
  switch (spec.kind) {
    case 'timeDuration':
      return addDuration(armedAt, spec.duration, spec.utcOffsetMinutes);
    case 'timeDate':
      return new Date(spec.at);
    case 'timeCycle': {
      const { schedule, utcOffsetMinutes } = spec;
      if (schedule.type === 'cron') return nextCronTime(schedule.cron, armedAt, utcOffsetMinutes);
      if (schedule.repetitions === 0) return null;
      if (schedule.start !== null) return scheduledOccurrence(schedule, armedAt, false, utcOffsetMinutes);
      return withinEnd(schedule, addDuration(armedAt, schedule.period, utcOffsetMinutes));
    }
  }
}

/**
 * For a cycle, the due instant after `lastDue`; `fired` counts the firings so far, from 1.
 * null when the cycle is over (its count or end is reached) and for one-shot timers.
 */
export function nextDue(spec: TimerSpec, lastDue: Date, fired: number): Date | null {
  if (spec.kind !== 'timeCycle') return null;
  const { schedule, utcOffsetMinutes } = spec;
  if (schedule.type === 'cron') return nextCronTime(schedule.cron, lastDue, utcOffsetMinutes);
  if (schedule.start !== null) return scheduledOccurrence(schedule, lastDue, true, utcOffsetMinutes);
  if (schedule.repetitions !== null && fired >= schedule.repetitions) return null;
  return withinEnd(schedule, addDuration(lastDue, schedule.period, utcOffsetMinutes));
}

function withinEnd(schedule: RepeatSchedule, due: Date): Date | null {
  return schedule.end !== null && due.getTime() > Date.parse(schedule.end) ? null : due;
}

/** The first occurrence start + period × k at (or, when `strictlyAfter`, after) `t`, within the count. */
function scheduledOccurrence(schedule: RepeatSchedule, t: Date, strictlyAfter: boolean, utcOffsetMinutes: number): Date | null {
  const start = new Date(schedule.start ?? t.toISOString());
  const at = (k: number) => addDuration(start, scaleDuration(schedule.period, k), utcOffsetMinutes);
  const ok = (k: number) => (strictlyAfter ? at(k).getTime() > t.getTime() : at(k).getTime() >= t.getTime());
  // Jump close to the answer (periods may be months of unequal length), then step to it exactly.
  let k = Math.max(0, Math.floor((t.getTime() - start.getTime()) / approximateMs(schedule.period)) - 2);
  while (k > 0 && ok(k - 1)) k -= 1;
  while (!ok(k)) k += 1;
  return schedule.repetitions !== null && k >= schedule.repetitions ? null : at(k);
}
