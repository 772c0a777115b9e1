import type { BilingualName } from '../../i18n/i18n';
import { minutesBetween } from '../queue-display';
import type { BoardState, BranchQueue, LiveTicket, QueueKpis, TicketStatus } from '../queue.api';

/**
 * What the "today" tab shows, from either source: today's tickets (for those who serve at the
 * branch) or, for those who only manage or watch its queue, the public board and today's figures.
 * Null where the source cannot tell.
 */
export type TodayView = {
  issued: number | null;
  waiting: number;
  /** Phone tickets not yet confirmed at the branch. */
  remote: number | null;
  atCounters: number;
  done: number | null;
  noShows: number | null;
  /** Minutes. */
  averageWait: number | null;
  /** 0–1 */
  withinTarget: number | null;
  categories: (BilingualName & { code: string; active: boolean; waiting: number; remote: number | null; longestMinutes: number | null })[];
  /** The ticket called to or served at each counter, by counter number. */
  atCounter: Map<number, { number: string; status: TicketStatus }>;
};

const atCounterNow = (status: TicketStatus) => status === 'called' || status === 'serving';

/** From today's tickets: everything, to the minute. */
export function viewFromTickets(setup: BranchQueue, tickets: LiveTicket[]): TodayView {
  const waits = tickets.filter((tk) => tk.calledAt !== null).map((tk) => minutesBetween(tk.queuedAt, tk.calledAt));
  const target = setup.setting.targetWaitMinutes;
  // a closed category matters only while someone still waits in it
  const categories = setup.categories
    .filter((c) => c.active || tickets.some((tk) => tk.category === c.code && tk.status === 'waiting'))
    .map((c) => {
      const waiting = tickets.filter((tk) => tk.category === c.code && tk.status === 'waiting');
      return {
        ...c,
        waiting: waiting.length,
        remote: tickets.filter((tk) => tk.category === c.code && tk.status === 'remote').length,
        longestMinutes: waiting.length ? Math.max(...waiting.map((tk) => minutesBetween(tk.queuedAt))) : null,
      };
    });
  return {
    issued: tickets.length,
    waiting: tickets.filter((tk) => tk.status === 'waiting').length,
    remote: tickets.filter((tk) => tk.status === 'remote').length,
    atCounters: tickets.filter((tk) => atCounterNow(tk.status)).length,
    done: tickets.filter((tk) => tk.status === 'done').length,
    noShows: tickets.filter((tk) => tk.status === 'no_show').length,
    averageWait: waits.length ? Math.round(waits.reduce((a, b) => a + b, 0) / waits.length) : null,
    withinTarget: waits.length ? waits.filter((w) => w <= target).length / waits.length : null,
    categories,
    atCounter: new Map(tickets.filter((tk) => tk.counter !== null && atCounterNow(tk.status)).map((tk) => [tk.counter!, { number: tk.number, status: tk.status }])),
  };
}

/** From the board (waiting counts, current calls) and today's figures; `kpis` undefined while loading. */
export function viewFromBoard(setup: BranchQueue, board: BoardState, kpis: QueueKpis | undefined): TodayView {
  const waiting = new Map(board.categories.map((c) => [c.code, c.waiting]));
  const calls = board.calls.filter((c) => atCounterNow(c.status));
  return {
    issued: kpis?.issued ?? null,
    waiting: board.categories.reduce((sum, c) => sum + c.waiting, 0),
    remote: null,
    atCounters: calls.length,
    done: kpis?.served ?? null,
    noShows: kpis?.noShows ?? null,
    averageWait: kpis?.wait.meanSeconds == null ? null : Math.round(kpis.wait.meanSeconds / 60),
    withinTarget: kpis?.wait.withinTarget ?? null,
    categories: setup.categories
      .filter((c) => c.active || (waiting.get(c.code) ?? 0) > 0)
      .map((c) => ({ ...c, waiting: waiting.get(c.code) ?? 0, remote: null, longestMinutes: null })),
    atCounter: new Map(calls.map((c) => [c.counter, { number: c.number, status: c.status }])),
  };
}
