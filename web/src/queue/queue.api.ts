import type { Case } from '../api/cases.api';
import { api, newIdempotencyKey, seg } from '../api/client';
import type { BilingualName } from '../i18n/i18n';

/*
 * The counter queue (排队叫号) as the web app sees it: the public side (kiosk, phone, display
 * board; no sign-in, `auth: false` so that a refusal never sends a customer to the staff login)
 * and the staff side (counter console, branch dashboard, set-up). Shapes follow `src/queue/`.
 */

export type TicketStatus = 'remote' | 'waiting' | 'called' | 'serving' | 'parked' | 'done' | 'no_show' | 'cancelled';
export const ticketStatuses: readonly TicketStatus[] = ['remote', 'waiting', 'called', 'serving', 'parked', 'done', 'no_show', 'cancelled'];
export type TicketClass = 'vip' | 'priority' | 'appointment' | 'normal';
export type TicketChannel = 'kiosk' | 'mobile' | 'appointment' | 'teller';
export type CounterKind = 'cash' | 'non_cash' | 'corporate' | 'vip' | 'assist';
export const counterKinds: readonly CounterKind[] = ['cash', 'non_cash', 'corporate', 'vip', 'assist'];
export type CounterStatus = 'closed' | 'open' | 'paused';

export type QueueBranch = BilingualName & { code: string };

/** What a board, kiosk or phone sees of a branch: no personal data. */
export type BoardState = {
  branch: QueueBranch;
  categories: (BilingualName & { code: string; serviceCodes: string[]; waiting: number })[];
  counters: { number: number; kind: CounterKind; status: CounterStatus; categories: string[] }[];
  /** Today's opening hours on the branch's clock (`09:00`), and whether tickets are taken now. */
  hours: { opens: string; closes: string; openNow: boolean };
  /** Minutes a phone's ticket is held for its arrival to be confirmed. */
  remoteHoldMinutes: number;
  /** The latest calls, newest first (at most 10). */
  calls: BoardCall[];
  /** The event number a live stream continues from. */
  seq: number;
};
export type BoardCall = { number: string; counter: number; status: TicketStatus; at: string };

/** The answer to taking a ticket; `token` is the customer's proof for following it. */
export type IssuedTicket = {
  id: string;
  token: string;
  number: string;
  category: string;
  class: TicketClass;
  status: TicketStatus;
  ahead: number;
  estimatedWaitMinutes: number;
  issuedAt: string;
  branch: QueueBranch;
};

/** A ticket as its holder sees it; `ahead` and the estimate only while it waits. */
export type CustomerTicket = {
  number: string;
  category: string;
  status: TicketStatus;
  class: TicketClass;
  issuedAt: string;
  ahead: number | null;
  estimatedWaitMinutes: number | null;
  counter: number | null;
  rated: boolean;
  branch: QueueBranch;
};

export type QueueSetting = {
  /** Minutes of head start by class (`normal`, `appointment`, `priority`) and by customer segment. */
  weights: Record<string, number>;
  maxOvertakeMinutes: number;
  maxWaitMinutes: number;
  noShowAfterCalls: number;
  targetWaitMinutes: number;
  /** 0.01–1 */
  targetShare: number;
  remoteHoldMinutes: number;
};
export type QueueCategory = BilingualName & { code: string; serviceCodes: string[]; active: boolean };
/** `staff` is the username of the teller signed in at the counter, `staffName` their display name. */
export type QueueCounter = { id: string; number: number; kind: CounterKind; categories: string[]; status: CounterStatus; staff: string | null; staffName: string | null };

/**
 * A branch's set-up as staff see it (those who serve, manage or watch its queue); the day's
 * arrival code for phone tickets only for those who serve there, else null.
 */
export type BranchQueue = { branch: QueueBranch; setting: QueueSetting; categories: QueueCategory[]; counters: QueueCounter[]; arrivalCode: string | null };

/** One of today's tickets in the staff lists; the customer's name comes masked. */
export type LiveTicket = {
  id: string;
  number: string;
  category: string;
  class: TicketClass;
  status: TicketStatus;
  channel: TicketChannel;
  counter: number | null;
  servedBy: string | null;
  caseId: string | null;
  customer: { id: string; name: string } | null;
  issuedAt: string;
  /** When it joined the line (its issue, or its arrival for a phone's ticket); kept across transfers. */
  queuedAt: string;
  /** Minutes it counts as having come earlier (class, segment), for the calling order. */
  headStartMinutes: number;
  /** The counter it was transferred to, if any. */
  targetCounter: number | null;
  calledAt: string | null;
  callCount: number;
  serveStartedAt: string | null;
  serveEndedAt: string | null;
  estimatedWaitSeconds: number | null;
};

/** A ticket as the counter console's actions return it. */
export type CounterTicket = {
  id: string;
  number: string;
  category: string;
  class: TicketClass;
  status: TicketStatus;
  channel: TicketChannel;
  customerId: string | null;
  caseId: string | null;
  counter: number | null;
  issuedAt: string;
  queuedAt: string;
  calledAt: string | null;
  callCount: number;
  serveStartedAt: string | null;
  serveEndedAt: string | null;
  transfers: number;
};

/** The branch's service target: `share` (0–1) of customers called within `waitMinutes`. */
export type ServiceTarget = { waitMinutes: number; share: number };

/** A branch's queue figures over China dates `from`…`to` (inclusive). Times in seconds, shares 0–1. */
export type QueueKpis = {
  branch: string;
  from: string;
  to: string;
  target: ServiceTarget;
  issued: number;
  served: number;
  noShows: number;
  /** No-shows over tickets issued; null without tickets. */
  abandonment: number | null;
  wait: { meanSeconds: number | null; p50Seconds: number | null; p90Seconds: number | null; withinTarget: number | null };
  meanServiceSeconds: number | null;
  /** 1–5 */
  meanRating: number | null;
  /** The estimate shown at issue against the wait that followed; bias > 0: estimates too long. */
  estimate: { tickets: number; meanAbsoluteErrorSeconds: number | null; biasSeconds: number | null };
  categories: { category: string; issued: number; meanWaitSeconds: number | null; p90WaitSeconds: number | null; meanServiceSeconds: number | null }[];
  tellers: { username: string; served: number; meanServiceSeconds: number | null; busySeconds: number | null; meanRating: number | null; ratings: number }[];
  /** `utilisation` = busy / open; null when the counter was never open. */
  counters: { number: number; openSeconds: number; busySeconds: number; utilisation: number | null }[];
  /** `weekday` ISO (1 = Monday … 7 = Sunday), `hour` 0–23 on the branch's clock; only hours with tickets. */
  byHour: { weekday: number; hour: number; arrivals: number; meanWaitSeconds: number | null }[];
};

/** Expected figures at a number of counters. Times in MINUTES, shares 0–1. */
export type StaffingFigures = { servers: number; utilisation: number; probWait: number; probAbandon: number; meanWait: number; serviceLevel: number };
/** Without patience a load at or above the counters has no steady state: the line grows all hour. */
export type StaffingEstimate = ({ stable: true } & StaffingFigures) | { stable: false; servers: number; offeredLoad: number };

/** Counters needed per hour of `date`, from the same weekday over `basedOnWeeks` weeks; only hours with recorded tickets. */
export type StaffingAdvice = {
  branch: string;
  date: string;
  basedOnWeeks: number;
  target: ServiceTarget;
  hours: {
    hour: number;
    arrivalsPerHour: number;
    meanServiceMinutes: number;
    /** Null when even 50 counters would miss the target. */
    countersNeeded: number | null;
    atNeeded: StaffingFigures | null;
    /** Present when the request named a number of counters. */
    whatIf?: StaffingEstimate;
  }[];
};

export type StaffingQuery = { date: string; weeks: number; counters?: number | null; patienceMinutes?: number | null };

export type TicketAction = 'recall' | 'no-show' | 'start' | 'finish' | 'park' | 'resume';

const open = { auth: false } as const;
const publicBranch = (code: string) => `/public/queue/branches/${seg(code)}`;
const staffBranch = (code: string) => `/queue/branches/${seg(code)}`;
const counterPath = (id: string) => `/queue/counters/${seg(id)}`;

export const queuePublicApi = {
  board: (branch: string, signal?: AbortSignal) => api.get<BoardState>(publicBranch(branch), { ...open, signal }),
  take: (branch: string, body: { channel: 'kiosk' | 'mobile'; category: string; priority?: boolean }) =>
    api.post<IssuedTicket>(`${publicBranch(branch)}/tickets`, body, { ...open, idempotencyKey: newIdempotencyKey() }),
  checkIn: (branch: string, appointmentCode: string) => api.post<IssuedTicket>(`${publicBranch(branch)}/check-in`, { appointmentCode }, { ...open, idempotencyKey: newIdempotencyKey() }),
  ticket: (token: string, signal?: AbortSignal) => api.get<CustomerTicket>(`/public/queue/tickets/${seg(token)}`, { ...open, signal }),
  arrive: (token: string, code: string) => api.post<CustomerTicket>(`/public/queue/tickets/${seg(token)}/arrive`, { code }, open),
  rate: (token: string, body: { score: number; comment?: string }) => api.post<{ rated: boolean; score: number }>(`/public/queue/tickets/${seg(token)}/rating`, body, open),
  /** The live stream's address; `after` is where the first connection starts (later ones send Last-Event-ID). */
  eventsUrl: (branch: string, after: number | null) => `/api/v1${publicBranch(branch)}/events${after === null ? '' : `?lastEventId=${after}`}`,
};

export const queueStaffApi = {
  branch: (code: string, signal?: AbortSignal) => api.get<BranchQueue>(staffBranch(code), { signal }),
  /** Today's tickets in the order of the line; only those of `statuses` when any are given (one request). */
  tickets: (code: string, statuses: readonly TicketStatus[], signal?: AbortSignal) => {
    const query = statuses.map((s) => `status=${encodeURIComponent(s)}`).join('&');
    return api.get<{ items: LiveTicket[] }>(`${staffBranch(code)}/tickets${query ? `?${query}` : ''}`, { signal }).then((r) => r.items);
  },
  kpis: (code: string, from: string, to: string, signal?: AbortSignal) => api.get<QueueKpis>(`${staffBranch(code)}/kpis`, { signal, query: { from, to } }),
  staffing: (code: string, q: StaffingQuery, signal?: AbortSignal) =>
    api.get<StaffingAdvice>(`${staffBranch(code)}/staffing`, { signal, query: { date: q.date, weeks: q.weeks, counters: q.counters, patienceMinutes: q.patienceMinutes } }),
  putSetting: (code: string, setting: QueueSetting) => api.put<QueueSetting>(`${staffBranch(code)}/setting`, setting),
  putCategory: (code: string, category: QueueCategory) => {
    const { code: categoryCode, ...body } = category;
    return api.put<QueueCategory>(`${staffBranch(code)}/categories/${seg(categoryCode)}`, body);
  },
  putCounter: (code: string, number: number, body: { kind: CounterKind; categories: string[] }) =>
    api.put<QueueCounter>(`${staffBranch(code)}/counters/${number}`, body),

  signIn: (counterId: string) => api.post<{ id: string; number: number; status: CounterStatus; staff: string }>(`${counterPath(counterId)}/sign-in`),
  leave: (counterId: string, status: 'closed' | 'paused') => api.post<{ id: string; number: number; status: CounterStatus; staff: string | null }>(`${counterPath(counterId)}/leave`, { status }),
  /** Null when nobody waits for this counter. */
  callNext: (counterId: string) => api.post<{ ticket: CounterTicket | null }>(`${counterPath(counterId)}/call-next`, undefined, { idempotencyKey: newIdempotencyKey() }).then((r) => r.ticket),
  act: (counterId: string, ticketId: string, action: TicketAction) => api.post<CounterTicket>(`${counterPath(counterId)}/tickets/${seg(ticketId)}/${action}`),
  transfer: (counterId: string, ticketId: string, to: { category?: string; counter?: number }) =>
    api.post<CounterTicket>(`${counterPath(counterId)}/tickets/${seg(ticketId)}/transfer`, to),
  openCase: (counterId: string, ticketId: string, body: { serviceCode: string; customerId: string; amount?: string; materialsReceived?: number[] }) =>
    api.post<Case>(`${counterPath(counterId)}/tickets/${seg(ticketId)}/case`, body, { idempotencyKey: newIdempotencyKey() }),
};
