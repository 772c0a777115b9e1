import { api, ApiError, newIdempotencyKey, seg, type Problem } from '../api/client';

/*
 * Complaint handling (投诉处理) as the web app sees it. Shapes follow `src/complaints/` (the
 * contract in its routes and schemas); every step answers with the complaint as it now is.
 */

export const channels = ['counter', 'phone', 'online', 'mobile', 'letter', 'regulator'] as const;
export type ComplaintChannel = (typeof channels)[number];
export const subjectTypes = ['case', 'ticket', 'product', 'staff', 'branch', 'none'] as const;
export type SubjectType = (typeof subjectTypes)[number];
export const priorities = ['normal', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];
export const statuses = ['received', 'investigating', 'awaiting_approval', 'decided', 'under_review', 'remediation', 'closed', 'declined'] as const;
export type ComplaintStatus = (typeof statuses)[number];
/** The board's status filter: the server's groups of statuses. */
export const statusFilters = ['open', 'closed', 'declined', 'all'] as const;
export type StatusFilter = (typeof statusFilters)[number];
export const runningClockStates = ['on_track', 'at_risk', 'breached'] as const;
export type ClockState = (typeof runningClockStates)[number] | 'met' | 'late' | 'stopped';
export const outcomes = ['upheld', 'partly_upheld', 'not_upheld'] as const;
export type Outcome = (typeof outcomes)[number];
export const declineReasons = ['not_a_complaint', 'duplicate', 'outside_remit', 'withdrawn'] as const;
export type DeclineReason = (typeof declineReasons)[number];
export const contactMethods = ['phone', 'visit', 'letter', 'email', 'sms'] as const;
export type ContactMethod = (typeof contactMethods)[number];
export type HandlingLevel = 'branch' | 'region' | 'head_office';
export type SortKey = 'daysLeft' | 'received' | '-received';

/** The regulatory clock. `daysLeft` has one decimal, negative once overdue, null once decided or declined. */
export type ClockView = {
  state: ClockState;
  receivedAt: string;
  dueAt: string;
  limitDays: number;
  extendedDays: number;
  dayCount: 'calendar' | 'working';
  daysLeft: number | null;
  usedPercent: number;
  decidedAt: string | null;
};

export type ComplaintListItem = {
  id: string;
  ref: string;
  channel: ComplaintChannel;
  receivedAt: string;
  /** Masked by the server. */
  complainantName: string;
  customerId: string | null;
  subject: { type: SubjectType; ref: string | null };
  categoryCode: string | null;
  causeCode: string | null;
  priority: Priority;
  status: ComplaintStatus;
  /** The current open task of the handling process. */
  step: { elementId: string; name: string } | null;
  handler: string | null;
  unitId: string;
  unitCode: string;
  unitNameZh: string;
  unitNameEn: string;
  clock: ClockView;
  extensionPending: boolean;
};

export type Decision = { outcome: Outcome; text: string; compensation: string };
export type Suggestion = { category: string | null; cause: string | null; priority: Priority; handlingLevel: HandlingLevel; unitId?: string };
export type TimelineEvent = { id: string; kind: string; body: Record<string, unknown>; actor: string | null; at: string };
export type Extension = {
  id: string;
  step: 1 | 2;
  days: number;
  reason: string;
  status: 'pending' | 'approved' | 'refused';
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
};
export type Attachment = { id: string; fileName: string; contentType: string; sizeBytes: number; uploadedBy: string; uploadedAt: string };
export type RootCause = { causeCode: string; processKey: string | null; stepId: string | null; staffIssue: string | null; finding: string; recordedBy: string; recordedAt: string };
export type CorrectiveAction = { id: string; action: string; owner: string; dueDate: string; status: 'open' | 'done'; doneAt: string | null; doneNote: string | null };
export type ComplaintTask = { id: string; elementId: string; name: string; assignee: string | null; candidateGroups: string[]; excludedUsers: string[]; dueAt: string | null };

export type Complaint = ComplaintListItem & {
  regulatorRef: string | null;
  intakeUnitCode: string;
  complainant: { name: string; phoneMasked: string | null; emailMasked: string | null };
  representatives: { name: string; phoneMasked: string | null }[];
  description: string;
  request: string;
  suggestion: Suggestion | null;
  classificationCorrected: boolean | null;
  /** Usernames who may not handle it (回避). */
  recused: string[];
  declineReason: string | null;
  decision: Decision | null;
  decidedAt: string | null;
  response: 'accepted' | 'disputed' | null;
  escalation: 'at_risk' | 'breached' | null;
  tasks: ComplaintTask[];
  timeline: TimelineEvent[];
  extensions: Extension[];
  /** The extension that may be asked for next; null when no further one is allowed. */
  nextExtension: { step: number; days: number } | null;
  attachments: Attachment[];
  rootCause: RootCause | null;
  actions: CorrectiveAction[];
  repeatFlag: { processKey: string; stepId: string; count: number; windowDays: number } | null;
  subjectDetail: { caseId?: string; caseRef?: string; serviceNameZh?: string; serviceNameEn?: string; staffName?: string; unitCode?: string; ticketNumber?: string };
  instanceId: string | null;
};

export type Category = { code: string; kind: 'business' | 'cause'; parentCode: string | null; nameZh: string; nameEn: string; position: number; active: boolean };
export type ClockRules = {
  baseDays: number;
  firstExtensionToDays: number;
  secondExtensionByDays: number;
  maxDays: number;
  dayCount: 'calendar' | 'working';
  atRiskShare: number;
  repeatStepThreshold: number;
  repeatWindowDays: number;
  attachmentMaxBytes: number;
};
export type ComplaintSetup = { rules: ClockRules; categories: Category[]; channels: string[]; declineReasons: string[] };

export type OnFile = {
  customer: { id: string; kind: string; name: string; idType: string; idNumberMasked: string; phoneMasked: string | null; emailMasked: string | null; segment: string } | null;
  cases: { id: string; ref: string; serviceNameZh: string; serviceNameEn: string; status: string; createdAt: string; unitCode: string; materials: { nameZh: string; nameEn: string; received: boolean }[] }[];
  complaints: { id: string; ref: string; status: ComplaintStatus; receivedAt: string }[];
};

export type Intake = {
  channel: ComplaintChannel;
  regulatorRef?: string;
  receivedAt?: string;
  customerId?: string;
  complainant?: { name: string; phone?: string; email?: string };
  representatives?: { name: string; phone?: string }[];
  subject: { type: SubjectType; ref?: string };
  description: string;
  request: string;
  /** A dissatisfied survey answer this complaint follows up. */
  originSurveyId?: string;
};

export type ComplaintQuery = {
  status?: StatusFilter;
  clock?: (typeof runningClockStates)[number];
  channel?: ComplaintChannel;
  category?: string;
  handler?: string;
  /** The staff member complained about. */
  staff?: string;
  customerId?: string;
  caseRef?: string;
  ref?: string;
  sort?: SortKey;
  limit?: number;
  offset?: number;
};

export type PendingExtension = Extension & { complaintId: string; complaintRef: string; currentDueAt: string; newDueAt: string; unitCode: string };

type Named = { code: string | null; nameZh: string; nameEn: string; count: number };
export type ComplaintReport = {
  period: { from: string; to: string };
  totals: {
    received: number; open: number; closed: number; declined: number; decided: number; onTime: number; late: number; breached: number;
    onTimeRate: number | null; meanHandlingDays: number | null; extended: number; extensionRate: number | null; corrected: number; correctionRate: number | null;
  };
  byCategory: Named[];
  byCause: Named[];
  byBranch: { unitId: string; unitCode: string; nameZh: string; nameEn: string; count: number; onTimeRate: number | null }[];
  byChannel: { channel: string; count: number }[];
  byMonth: { month: string; received: number; decided: number; onTime: number }[];
  repeatComplainants: { complainant: string; customerId: string | null; count: number }[];
  remediation: { open: number; done: number; overdue: number };
  repeatedSteps: { processKey: string; stepId: string; count: number }[];
};

const path = (id: string, step = '') => `/complaints/${seg(id)}${step ? `/${step}` : ''}`;

/** Reads the CSRF cookie the server sets next to the session; multipart cannot go through `api`. */
function csrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === 'bl_csrf') return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** Uploads one file as multipart field `file`; problems come back as `ApiError`, like every other call. */
async function upload(id: string, file: File): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': document.documentElement.lang || 'zh-CN' };
  const token = csrfToken();
  if (token) headers['X-CSRF-Token'] = token;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path(id, 'attachments')}`, { method: 'POST', headers, body: form, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { title: 'network error' });
  }
  const body: unknown = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, (body && typeof body === 'object' ? body : { title: response.statusText }) as Problem);
  return body as Attachment;
}

export const complaintsApi = {
  setup: (signal?: AbortSignal) => api.get<ComplaintSetup>('/complaint-setup', { signal }),
  list: (query: ComplaintQuery, signal?: AbortSignal) => api.get<{ total: number; items: ComplaintListItem[] }>('/complaints', { query, signal }),
  get: (idOrRef: string, signal?: AbortSignal) => api.get<Complaint>(path(idOrRef), { signal }),
  onFile: (query: { customerId?: string; caseRef?: string }, signal?: AbortSignal) => api.get<OnFile>('/complaints/on-file', { query, signal }),
  suggest: (body: { channel: ComplaintChannel; subjectType: SubjectType; description: string; request: string }, signal?: AbortSignal) =>
    api.post<Suggestion>('/complaints/suggest', body, { signal }),
  register: (body: Intake) => api.post<Complaint>('/complaints', body, { idempotencyKey: newIdempotencyKey() }),
  upload,
  /** The address of an attachment; the session cookie goes with a plain link. */
  attachmentUrl: (id: string, attachmentId: string) => `/api/v1${path(id, `attachments/${seg(attachmentId)}`)}`,

  accept: (id: string, body: { categoryCode: string; causeCode: string; priority: Priority; unitId?: string }) => api.post<Complaint>(path(id, 'accept'), body),
  decline: (id: string, body: { reason: DeclineReason; note: string }) => api.post<Complaint>(path(id, 'decline'), body),
  assign: (id: string, handler: string) => api.post<Complaint>(path(id, 'assign'), { handler }),
  addEvent: (id: string, body: { kind: 'note' | 'contact' | 'evidence'; text: string; method?: ContactMethod }) => api.post<Complaint>(path(id, 'events'), body),
  propose: (id: string, body: Decision) => api.post<Complaint>(path(id, 'proposal'), body),
  approve: (id: string, body: { decision: 'approve' | 'return'; comment?: string }) => api.post<Complaint>(path(id, 'approval'), body),
  respond: (id: string, body: { response: 'accepted' | 'disputed'; note?: string }) => api.post<Complaint>(path(id, 'response'), body),
  review: (id: string, body: { outcome: 'confirm' | 'revise'; note: string; decision?: Decision }) => api.post<Complaint>(path(id, 'review'), body),
  rootCause: (id: string, body: { causeCode: string; processKey?: string; stepId?: string; staffIssue?: string; finding: string }) => api.post<Complaint>(path(id, 'root-cause'), body),
  addAction: (id: string, body: { action: string; owner: string; dueDate: string }) => api.post<Complaint>(path(id, 'actions'), body),
  actionDone: (id: string, actionId: string, note: string) => api.post<Complaint>(path(id, `actions/${seg(actionId)}/done`), { note }),
  close: (id: string) => api.post<Complaint>(path(id, 'close'), {}),
  requestExtension: (id: string, reason: string) => api.post<Complaint>(path(id, 'extensions'), { reason }),
  decideExtension: (id: string, extensionId: string, body: { approve: boolean; note: string }) =>
    api.post<Complaint>(path(id, `extensions/${seg(extensionId)}/decision`), body),
  extensions: (status: 'pending' | 'approved' | 'refused' | undefined, signal?: AbortSignal) =>
    api.get<{ total: number; items: PendingExtension[] }>('/complaint-extensions', { query: { status, limit: 200 }, signal }),

  report: (query: { from: string; to: string }, signal?: AbortSignal) => api.get<ComplaintReport>('/complaint-reports/summary', { query, signal }),
  exportUrl: (format: 'csv' | 'xlsx', from: string, to: string) =>
    `/api/v1/complaint-reports/export?${new URLSearchParams({ format, from, to }).toString()}`,
};
