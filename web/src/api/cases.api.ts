import type { Channel, TimeLimit } from './catalog.api';
import { api, newIdempotencyKey, seg } from './client';

export const caseStatuses = ['open', 'completed', 'rejected', 'cancelled'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const slaStates = ['on_track', 'at_risk', 'breached'] as const;
export type SlaState = (typeof slaStates)[number] | 'none';

export type SourceKind = 'walk_in' | 'inquiry' | 'appointment' | 'ticket' | 'self_service';

export type CaseMaterial = {
  position: number;
  nameZh: string;
  nameEn: string;
  required: boolean;
  received: boolean;
  checkedBy: string | null;
  checkedAt: string | null;
  note: string | null;
};

/** An open step of the case's process; `name` is already in the request's language. */
export type CaseStep = {
  taskId: string;
  elementId: string;
  name: string | null;
  assignee: string | null;
  candidateGroups: string[];
  dueAt: string | null;
  pool: string | null;
};

/** One customer's request for one service (业务), with its clock, materials and process. */
export type Case = {
  id: string;
  /** Human reference, e.g. `BL20261128-000123`; accepted wherever an id is. */
  ref: string;
  service: { code: string; version: number; nameZh: string; nameEn: string; timeLimit: TimeLimit };
  customer: { id: string; name: string; segment: string };
  unit: { id: string; code: string; nameZh: string; nameEn: string };
  channel: Channel;
  source: { kind: SourceKind; ref: string | null };
  instanceId: string | null;
  status: CaseStatus;
  outcomeNote: string | null;
  /** Exact decimal text in yuan, or null. */
  amount: string | null;
  clockStartedAt: string;
  dueAt: string | null;
  /** `usedPercent` is the share of the time limit used (over 100 once breached); null when closed or unlimited. */
  sla: { state: SlaState; usedPercent: number | null };
  reworkCount: number;
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
  version: number;
  materials: CaseMaterial[];
  currentSteps: CaseStep[];
};

export type NewCase = {
  serviceCode: string;
  customerId: string;
  channel: Channel;
  source?: { kind: SourceKind; ref?: string; startedAt?: string };
  amount?: string;
  /** Positions of the service's materials already received and checked. */
  materialsReceived?: number[];
  variables?: Record<string, unknown>;
};

export type CaseQuery = {
  status?: CaseStatus;
  sla?: Exclude<SlaState, 'none'>;
  customerId?: string;
  serviceCode?: string;
  ref?: string;
  limit: number;
  offset: number;
};

/** Durations in seconds; `tookSeconds` is null while the step is still open. */
export type TimelineStep = {
  elementId: string;
  type: string;
  name: string | null;
  startedAt: string;
  endedAt: string | null;
  by: string | null;
  waitedSeconds: number;
  tookSeconds: number | null;
};

export type CaseTimeline = {
  ref: string;
  steps: TimelineStep[];
  materialChecks: { name: string; received: boolean; by: string | null; at: string }[];
  /** Work sent back for correction: from which step (element id), why, by whom, when. */
  returns: { step: string | null; reason: string | null; by: string | null; at: string }[];
};

export type BranchOverview = {
  unitId: string;
  unitCode: string;
  nameZh: string;
  nameEn: string;
  open: number;
  atRisk: number;
  breached: number;
  closedToday: number;
  rework: number;
};

export type Inquiry = {
  id: string;
  channel: Channel;
  customerId: string | null;
  serviceCode: string | null;
  topic: string;
  question: string;
  answer: string;
  caseId: string | null;
  createdBy: string | null;
  createdAt: string;
};

export type NewInquiry = { channel: Channel; customerId?: string; serviceCode?: string; topic: string; question: string; answer?: string };

export const casesApi = {
  list: (query: CaseQuery, signal?: AbortSignal) => api.get<{ total: number; items: Case[] }>('/cases', { query, signal }),
  get: (idOrRef: string, signal?: AbortSignal) => api.get<Case>(`/cases/${seg(idOrRef)}`, { signal }),
  open: (body: NewCase) => api.post<Case>('/cases', body, { idempotencyKey: newIdempotencyKey() }),
  timeline: (id: string, signal?: AbortSignal) => api.get<CaseTimeline>(`/cases/${seg(id)}/timeline`, { signal }),
  checkMaterials: (id: string, items: { position: number; received: boolean; note?: string }[]) =>
    api.put<Case>(`/cases/${seg(id)}/materials`, { items }),
  /** `completed` only for a case without a running process; `cancelled` also cancels its process. */
  close: (id: string, outcome: 'completed' | 'cancelled', note: string) => api.post<Case>(`/cases/${seg(id)}/close`, { outcome, note }),
  branchOverview: (signal?: AbortSignal) => api.get<{ items: BranchOverview[] }>('/branch-overview', { signal }).then((r) => r.items),
};

export const inquiriesApi = {
  /** About a service and without an answer, the server answers from the catalogue. */
  record: (inquiry: NewInquiry) => api.post<Inquiry>('/inquiries', inquiry),
  list: (query: { customerId?: string; limit?: number; offset?: number }, signal?: AbortSignal) =>
    api.get<{ items: Inquiry[] }>('/inquiries', { query, signal }).then((r) => r.items),
  toCase: (id: string, body: { customerId?: string; amount?: string; materialsReceived?: number[] }) =>
    api.post<Case>(`/inquiries/${seg(id)}/case`, body, { idempotencyKey: newIdempotencyKey() }),
};
