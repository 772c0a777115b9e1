import type { BusinessCalendar } from '../../platform/calendar/business-calendar.ts';

/**
 * When a resource pool works: around the clock, or in the working hours (09:00–17:00 by default)
 * of the working days of the business calendar (holidays off, 调休 make-up days on). Work is
 * counted only inside working time and carries over: a task started at 16:50 that needs 30
 * minutes is done at 09:20 the next working day. Work never starts outside working time, so even
 * a task of no duration waits for the next opening. Instants are epoch milliseconds.
 */
export type WorkCalendar = {
  readonly kind: '24x7' | 'working';
  /** The first instant at or after `t` at which work can go on. */
  nextOpen(t: number): number;
  /** When `ms` of work begun at `t` (or at the next opening after it) is done. */
  finish(t: number, ms: number): number;
  /** Working time (ms) between `a` and `b`. */
  workingMs(a: number, b: number): number;
};

export const ALWAYS_OPEN: WorkCalendar = Object.freeze({
  kind: '24x7' as const,
  nextOpen: (t: number) => t,
  finish: (t: number, ms: number) => t + ms,
  workingMs: (a: number, b: number) => Math.max(0, b - a),
});

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** A calendar without a working day in ten years is a mistake: work then never finishes. */
const MAX_DAYS_AHEAD = 3660;

const minuteOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** The working time of a business calendar: its working days, its daily working hours, its offset. */
export function workingTime(calendar: BusinessCalendar): WorkCalendar {
  const offsetMs = calendar.utcOffsetMinutes * MINUTE_MS;
  const open = minuteOf(calendar.workingHours.start) * MINUTE_MS;
  const close = minuteOf(calendar.workingHours.end) * MINUTE_MS;
  const working = new Map<number, boolean>();
  const isWorking = (day: number) => {
    let answer = working.get(day);
    if (answer === undefined) {
      answer = calendar.isWorkingDay(new Date(day * DAY_MS).toISOString().slice(0, 10));
      working.set(day, answer);
    }
    return answer;
  };
  const localDay = (t: number) => Math.floor((t + offsetMs) / DAY_MS);
  const dayStart = (day: number) => day * DAY_MS - offsetMs;

  const finish = (t: number, ms: number) => {
    let remaining = ms;
    let cursor = t;
    const first = localDay(t);
    for (let day = first; day <= first + MAX_DAYS_AHEAD; day++) {
      if (!isWorking(day)) continue;
      const opening = dayStart(day) + open;
      const closing = dayStart(day) + close;
      cursor = Math.max(cursor, opening);
      if (cursor >= closing) continue;
      if (remaining <= closing - cursor) return cursor + remaining;
      remaining -= closing - cursor;
    }
    return Infinity;
  };

  return Object.freeze({
    kind: 'working' as const,
    nextOpen: (t: number) => finish(t, 0),
    finish,
    workingMs(a: number, b: number) {
      let total = 0;
      for (let day = localDay(a); day <= localDay(b); day++) {
        if (!isWorking(day)) continue;
        const from = Math.max(a, dayStart(day) + open);
        const to = Math.min(b, dayStart(day) + close);
        if (to > from) total += to - from;
      }
      return total;
    },
  });
}
