import { api, ApiError, isAbort, newIdempotencyKey, seg, type Problem } from '../api/client';
import type { BilingualName } from '../i18n/i18n';

/*
 * The public API the customer portal talks to (no sign-in). Calls go with `auth: false` so that a
 * refusal here never sends a visitor to the staff login.
 */

export type ServiceCategory = 'account' | 'card' | 'loan' | 'payment' | 'wealth' | 'corporate' | 'merchant' | 'other';
export type TimeLimitUnit = 'workingDays' | 'workingHours' | 'calendarDays' | 'minutes';

export type Material = BilingualName & { required: boolean; validityZh?: string; validityEn?: string };
/** `amount` is decimal text ("10.00"): shown as written, never through a float. */
export type Fee = BilingualName & { amount: string; conditionZh?: string; conditionEn?: string };

export type Service = BilingualName & {
  code: string;
  category: ServiceCategory;
  customerType: 'individual' | 'corporate' | 'both';
  materials: Material[];
  fees: Fee[];
  timeLimit: { amount: number; unit: TimeLimitUnit };
  channels: string[];
  /** Unit codes of the branches offering it; empty means every branch. */
  branches: string[];
};

export type Branch = BilingualName & { code: string };

/** What the portal starts from: the branches customers can visit, and whether this is a demo. */
export type PortalInfo = { demo: boolean; branches: Branch[] };

/** `available` is the number of places left; 0 means the slot is full. */
export type Slot = { startsAt: string; available: number };
export type SlotList = { branch: string; slotMinutes: number; slots: Slot[] };

export type BookingStatus = 'booked' | 'cancelled' | 'checked_in' | 'no_show';
export type Booking = {
  /** 8 characters, shown at the branch to check in. */
  code: string;
  status: BookingStatus;
  startsAt: string;
  branch: Branch;
  service: BilingualName & { code: string; materials: Material[] };
  /** Masked by the server (王*, 139****2222). */
  name: string;
  phone: string;
};

export type CaseStatus = 'open' | 'completed' | 'rejected' | 'cancelled';
/** A case as its customer sees it; names are already in the request's language. */
export type TrackedCase = {
  ref: string;
  service: string;
  branch: string;
  status: CaseStatus;
  currentSteps: string[];
  missingMaterials: string[];
  submittedAt: string;
  expectedBy: string | null;
  closedAt: string | null;
  history: { step: string; at: string }[];
};

export type Survey = {
  ref: string;
  service: BilingualName;
  branch: BilingualName;
  answered: boolean;
  sentAt: string;
};

export type InboxMessage = { body: string; at: string };

/** A refusal that says when to try again (HTTP 429 with Retry-After, in seconds). */
export class RetryLaterError extends ApiError {
  readonly retryAfterSeconds: number;
  constructor(problem: Problem, retryAfterSeconds: number) {
    super(429, problem);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Tracking needs what the shared client does not offer: a custom header (the tracking token) and
 * the Retry-After of a lock-out. Public routes ignore cookies, so no CSRF token is needed.
 */
async function trackingRequest<T>(method: 'GET' | 'POST', path: string, lang: string, init: { body?: unknown; token?: string; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': lang };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (init.token) headers['X-Tracking-Token'] = init.token;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { method, headers, credentials: 'omit', signal: init.signal, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(0, { title: 'network error' });
  }
  return portalAnswer<T>(response);
}

/**
 * The body of a portal API answer (nothing for 204), or the refusal as an `ApiError` — a
 * `RetryLaterError` with the Retry-After of a lock-out (429).
 */
export async function portalAnswer<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  if (response.ok) return (await response.json()) as T;
  let problem: Problem = { title: response.statusText };
  try {
    problem = (await response.json()) as Problem;
  } catch {
    // The status alone still says what happened.
  }
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    throw new RetryLaterError(problem, Number.isFinite(seconds) && seconds > 0 ? seconds : 60);
  }
  throw new ApiError(response.status, problem);
}

const open = { auth: false } as const;

export const portalApi = {
  services: (signal?: AbortSignal) => api.get<{ items: Service[] }>('/public/services', { ...open, signal }).then((r) => r.items),
  service: (code: string, signal?: AbortSignal) => api.get<Service>(`/public/services/${seg(code)}`, { ...open, signal }),

  slots: (branch: string, service: string, days: number, signal?: AbortSignal) =>
    api.get<SlotList>('/public/appointments/slots', { ...open, signal, query: { branch, service, days } }),
  book: (body: { branch: string; service: string; startsAt: string; name: string; phone: string }) =>
    api.post<Booking>('/public/appointments', body, { ...open, idempotencyKey: newIdempotencyKey() }),
  lookupBooking: (code: string, phone: string) => api.post<Booking>(`/public/appointments/${seg(code)}/lookup`, { phone }, open),
  reschedule: (code: string, phone: string, startsAt: string) =>
    api.post<Booking>(`/public/appointments/${seg(code)}/reschedule`, { phone, startsAt }, open),
  cancelBooking: (code: string, phone: string) => api.post<Booking>(`/public/appointments/${seg(code)}/cancel`, { phone }, open),

  /** Always the same answer, whether or not the reference exists. */
  sendTrackingCode: (ref: string, lang: string) => trackingRequest<{ sent: boolean; minutes: number }>('POST', `/public/tracking/${seg(ref)}/code`, lang),
  verifyTrackingCode: (ref: string, code: string, lang: string) =>
    trackingRequest<{ token: string; expiresInSeconds: number }>('POST', `/public/tracking/${seg(ref)}/verify`, lang, { body: { code } }),
  trackCase: (ref: string, token: string, lang: string, signal?: AbortSignal) => trackingRequest<TrackedCase>('GET', `/public/tracking/${seg(ref)}`, lang, { token, signal }),

  survey: (token: string, signal?: AbortSignal) => api.get<Survey>(`/public/surveys/${seg(token)}`, { ...open, signal }),
  answerSurvey: (token: string, body: { csat: number; nps: number; comment?: string }) =>
    api.post<{ thanks: boolean }>(`/public/surveys/${seg(token)}`, body, open),

  portalInfo: () => api.get<PortalInfo>('/public/portal', open),

  /** Demo mode only (404 otherwise): the SMS a demo "sent" to a phone. */
  demoInbox: (phone: string) => api.post<{ items: InboxMessage[] }>('/public/demo-inbox', { phone }, open).then((r) => r.items),
};
