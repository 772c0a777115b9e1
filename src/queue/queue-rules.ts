import type { BusinessCalendar } from '../platform/calendar/business-calendar.ts';
import type { QueueWeights, TicketClass } from './queue.table.ts';

/*
 * The queue's rules that need no database: a ticket's head start, the estimate of the wait, whether
 * the branch is open, and the branch settings' defaults. The calling order itself is one SQL
 * statement (`callNext` in counter.service.ts); QUEUE.md explains it.
 */

/** A branch that has set nothing. */
export const DEFAULT_QUEUE_SETTING = {
  /** Minutes of head start: by class, and by customer segment (the VIP tiers). */
  weights: { normal: 0, appointment: 10, priority: 15, gold: 5, platinum: 10, private: 15 } as QueueWeights,
  /** No head start exceeds this: nobody is overtaken by someone who came more than this much later. */
  maxOvertakeMinutes: 15,
  /** A ticket that has waited this long is called before any other, oldest first. */
  maxWaitMinutes: 30,
  /** Calls without the customer coming before the ticket counts as a no-show. */
  noShowAfterCalls: 3,
  /** The branch's service target: `targetShare` of customers called within `targetWaitMinutes`. */
  targetWaitMinutes: 10,
  targetShare: 0.8,
  /** A mobile ticket not confirmed at the branch within this time is cancelled. */
  remoteHoldMinutes: 60,
};

export type QueueSetting = typeof DEFAULT_QUEUE_SETTING;

/** Minutes an appointment may check in before its slot and still keep its priority (and any time within the slot). */
export const APPOINTMENT_EARLY_MINUTES = 30;

/**
 * A new ticket's class and head start (minutes): an appointment checked in around its slot, a
 * customer needing priority (elderly, disabled), a VIP by segment; the largest applies, capped
 * by `maxOvertakeMinutes`.
 */
export function ticketCredit(setting: Pick<QueueSetting, 'weights' | 'maxOvertakeMinutes'>, claims: { appointmentInSlot: boolean; priority: boolean; segment: string | null }): { class: TicketClass; credit: number } {
  const w = setting.weights;
  const options: { class: TicketClass; credit: number }[] = [{ class: 'normal', credit: w.normal ?? 0 }];
  if (claims.appointmentInSlot) options.push({ class: 'appointment', credit: w.appointment ?? 0 });
  if (claims.priority) options.push({ class: 'priority', credit: w.priority ?? 0 });
  if (claims.segment && (w[claims.segment] ?? 0) > 0) options.push({ class: 'vip', credit: w[claims.segment]! });
  const best = options.reduce((a, b) => (b.credit > a.credit ? b : a));
  return { class: best.class, credit: Math.max(0, Math.min(best.credit, setting.maxOvertakeMinutes)) };
}

/**
 * The wait a new ticket can expect (seconds). `ahead` tickets will be called before it; of the
 * `servers` open counters of its category, `busy` are serving. While a counter is free the wait is
 * nothing; otherwise it needs `ahead − free + 1` counters to finish, and with service times that
 * vary like a bank's (memoryless), busy counters finish one every `meanServiceSeconds / servers`.
 * No open counter: counted as one, since one will open.
 */
export function estimateWaitSeconds(input: { ahead: number; servers: number; busy: number; meanServiceSeconds: number }): number {
  const servers = Math.max(1, input.servers);
  const free = Math.max(0, servers - input.busy);
  if (input.ahead < free) return 0;
  return Math.round(((input.ahead - free + 1) * input.meanServiceSeconds) / servers);
}

/** Whether the branch takes tickets at `now`: a working day of the calendar, within its opening hours. */
export function isOpen(calendar: BusinessCalendar, hours: { opens: string; closes: string }, now: Date): boolean {
  const local = new Date(now.getTime() + calendar.utcOffsetMinutes * 60_000).toISOString();
  const time = local.slice(11, 16);
  return calendar.isWorkingDay(local.slice(0, 10)) && time >= hours.opens && time < hours.closes;
}

/** Until a branch has history: five minutes a customer. */
export const DEFAULT_SERVICE_SECONDS = 300;
