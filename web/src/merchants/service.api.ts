import { api, seg } from '../api/client';
import type { MerchantStatus, MerchantTier, RiskRating } from './merchants.api';

/*
 * The requests of the service-request and re-review screens and the shapes the server answers
 * with (src/merchants/: service-request.routes.ts with service-requests.service.ts, review.routes.ts
 * with review.repository.ts and review.service.ts).
 */

export const REQUEST_KINDS = ['terminal_fault', 'paper_roll', 'settlement_query', 'chargeback_help', 'training'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_CHANNELS = ['phone', 'online', 'visit', 'app'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export const REQUEST_STATUSES = ['open', 'responded', 'resolved'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
/** The clock states the list can be filtered by (the resolution clock of requests not yet resolved). */
export const CLOCK_FILTERS = ['at_risk', 'breached'] as const;
export type ClockFilter = (typeof CLOCK_FILTERS)[number];
export const LIMIT_UNITS = ['minutes', 'workingHours', 'workingDays', 'calendarDays'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];
export type ClockState = 'on_track' | 'at_risk' | 'breached' | 'none';

/**
 * A clock of a request, judged by the server now (or when it stopped): the state, the share of
 * the counted time used, and once stopped whether it was met, when and by whom.
 */
export type RequestClock = { state: ClockState; usedPercent: number | null; met: boolean | null; at: string | null; by: string | null };

export type ServiceRequest = {
  id: string;
  /** `MR20261127-000001`. */
  ref: string;
  kind: RequestKind;
  channel: RequestChannel;
  description: string;
  status: RequestStatus;
  tier: MerchantTier;
  merchant: { id: string; code: string; name: string; unitCode: string };
  openedAt: string;
  responseDue: string;
  resolutionDue: string;
  response: RequestClock & { note: string | null };
  resolution: RequestClock & { text: string | null };
  createdBy: string;
};
export type NewServiceRequest = { merchantId: string; kind: RequestKind; channel: RequestChannel; description: string };
export type RequestQuery = { status?: RequestStatus | 'active'; clock?: ClockFilter; merchant?: string; limit: number; offset: number };

export type TimeLimit = { amount: number; unit: LimitUnit };
export type ServiceStandard = { tier: MerchantTier; kind: RequestKind; response: TimeLimit; resolution: TimeLimit; updatedBy: string | null };

export const REVIEW_STATUSES = ['in_progress', 'completed', 'cancelled'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
/** A review's open inspection step (the task), while it runs. */
export type InspectionStep = { taskId: string; dueAt: string | null; assignee: string | null };

export type Review = {
  id: string;
  status: ReviewStatus;
  /** The day the review was due (the merchant's `next_review_on` when it started). */
  dueOn: string;
  instanceId: string;
  ratingBefore: RiskRating | null;
  ratingAfter: RiskRating | null;
  nextReviewOn: string | null;
  merchant: { id: string; code: string; name: string; status: MerchantStatus; unitCode: string };
  inspection: InspectionStep | null;
  startedAt: string;
  completedAt: string | null;
  completedBy: string | null;
};

/** `inspection_overdue`: running, its inspection past the task's due date; `not_started`: the review date passed with none running. */
export type OverdueReason = 'inspection_overdue' | 'not_started';
export type OverdueReview = {
  reason: OverdueReason;
  dueOn: string;
  daysOverdue: number;
  reviewId: string | null;
  instanceId: string | null;
  inspection: InspectionStep | null;
  merchant: { id: string; code: string; name: string; status: MerchantStatus; riskRating: RiskRating | null; unitCode: string };
};

/** Months between re-reviews by rating. */
export type ReviewMonths = Record<RiskRating, number>;
export type ReviewSettings = { months: ReviewMonths; updatedBy: string | null; updatedAt: string | null };

type Page<T> = { total: number; items: T[] };

export const serviceApi = {
  /** The caller's branches' requests, the soonest resolution first, with how many match. */
  requests: (query: RequestQuery, signal?: AbortSignal) => api.get<Page<ServiceRequest>>('/merchant-requests', { query, signal }),
  request: (idOrRef: string, signal?: AbortSignal) => api.get<ServiceRequest>(`/merchant-requests/${seg(idOrRef)}`, { signal }),
  openRequest: (body: NewServiceRequest) => api.post<ServiceRequest>('/merchant-requests', body),
  respond: (id: string, note: string) => api.post<ServiceRequest>(`/merchant-requests/${seg(id)}/respond`, { note }),
  resolve: (id: string, note: string) => api.post<ServiceRequest>(`/merchant-requests/${seg(id)}/resolve`, { note }),
  standards: (signal?: AbortSignal) => api.get<{ items: ServiceStandard[] }>('/merchant-service-standards', { signal }).then((r) => r.items),
  setStandards: (standards: Omit<ServiceStandard, 'updatedBy'>[]) => api.put<{ items: ServiceStandard[] }>('/merchant-service-standards', { standards }).then((r) => r.items),

  reviews: (query: { status?: ReviewStatus; merchant?: string; limit: number; offset: number }, signal?: AbortSignal) => api.get<Page<Review>>('/merchant-reviews', { query, signal }),
  /** Re-reviews past their due date, the longest overdue first (status and merchant do not apply). */
  overdueReviews: (query: { limit: number; offset: number }, signal?: AbortSignal) => api.get<Page<OverdueReview>>('/merchant-reviews', { query: { overdue: true, ...query }, signal }),
  reviewSettings: (signal?: AbortSignal) => api.get<ReviewSettings>('/merchant-review-settings', { signal }),
  setReviewSettings: (months: ReviewMonths) => api.put<ReviewSettings>('/merchant-review-settings', months),
};
