import { api, ApiError, request, seg, type Problem } from '../api/client';

/*
 * Requests of process analytics (流程分析) and their answers, as `docs/ANALYTICS.md` and
 * `src/analytics/event-log.routes.ts` define them. Every measure takes the same case filter.
 */

export type LogFormat = 'engine' | 'xes' | 'csv';

export type EventLog = {
  id: string;
  name: string;
  format: LogFormat;
  fileName: string | null;
  cases: number;
  events: number;
  createdBy: string | null;
  createdAt: string | null;
};

/** The engine's own log: every activity Banklane ran. */
export const ENGINE_LOG = 'engine';
/** The customer journeys: the engine's log with the queue's events (ticket issued, called, served). */
export const JOURNEY_LOG = 'journeys';
/** The merchants' lives: their onboarding and review steps and their alerts, a merchant a case. */
export const MERCHANT_LOG = 'merchants';

/**
 * Whether a log is one of Banklane's own (the engine's, the journeys, the merchants'): they know each case's
 * branch, service (process key) and version, and carry deadlines; an imported log knows none.
 */
export function isOwnLog(id: string, log?: Pick<EventLog, 'format'>): boolean {
  return id === ENGINE_LOG || id === JOURNEY_LOG || id === MERCHANT_LOG || log?.format === 'engine';
}

export type LogSummary = {
  cases: number;
  events: number;
  activities: number;
  variants: number;
  meanCaseDurationSeconds: number | null;
  start: string | null;
  end: string | null;
};

export type DfgNode = { activity: string; count: number; starts: number; ends: number };
export type DfgEdge = { from: string; to: string; count: number; meanSeconds: number | null; medianSeconds: number | null; p90Seconds: number | null };
export type Dfg = { nodes: DfgNode[]; edges: DfgEdge[] };

export type Variant = { id: string; activities: string[]; cases: number; share: number; cumulativeShare: number; meanDurationSeconds: number | null };
export type Variants = { cases: number; items: Variant[] };

export type ReworkActivity = { activity: string; cases: number; casesWithRework: number; repeats: number };
export type Rework = { cases: number; casesWithRework: number; activities: ReworkActivity[] };

export type BottleneckBy = 'activity' | 'resource' | 'branch';
export type TimeStats = { meanSeconds: number | null; medianSeconds: number | null; p90Seconds: number | null };
export type Bottleneck = { key: string | null; events: number; waiting: TimeStats; handling: TimeStats | null };
export type Bottlenecks = { by: BottleneckBy; items: Bottleneck[] };

/**
 * Which cases a measure looks at (all must hold): starting in [from, to) (ISO instants), of a
 * branch or a service and one of its versions (own logs), of a variant, with events carrying
 * attribute values (`name=value`), lasting between minDuration and maxDuration seconds.
 */
export type LogFilter = {
  from?: string;
  to?: string;
  branch?: string;
  service?: string;
  /** A version of `service` (the server refuses it without one). */
  version?: number;
  variant?: string;
  attribute?: string[];
  minDuration?: number;
  maxDuration?: number;
};

export const FILTER_KEYS = ['from', 'to', 'branch', 'service', 'version', 'variant', 'attribute', 'minDuration', 'maxDuration'] as const;

/** The filter as query parameters; `attribute` repeats. */
export function filterQuery(filter: LogFilter, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else params.set(key, String(value));
  }
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) params.set(key, String(value));
  const search = params.toString();
  return search ? `?${search}` : '';
}

const base = (id: string) => `/event-logs/${seg(id)}`;

/** What an import sends: the file, a name, and for CSV the column mapping (sent before the file, as the server reads it). */
export type ImportRequest = {
  file: File;
  format: 'xes' | 'csv';
  name?: string;
  caseColumn?: string;
  activityColumn?: string;
  timestampColumn?: string;
  lifecycleColumn?: string;
  resourceColumn?: string;
  delimiter?: string;
};

export type ImportResult = { id: string; cases: number; events: number };

function csrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === 'bl_csrf') return decodeURIComponent(rest.join('='));
  }
  return null;
}

/**
 * Uploads a log as multipart, text fields first and the file last. XMLHttpRequest rather than
 * fetch, for the upload's progress (`onProgress`, 0…1): a log can be hundreds of megabytes.
 * Problems come back as `ApiError`, like every other call.
 */
function importLog(request: ImportRequest, onProgress?: (share: number) => void, signal?: AbortSignal): Promise<ImportResult> {
  const form = new FormData();
  const { file, ...fields } = request;
  for (const [key, value] of Object.entries(fields)) if (value !== undefined && value !== '') form.append(key, value);
  form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/event-logs');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', document.documentElement.lang || 'zh-CN');
    const token = csrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // an unreadable body still yields the status below
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as ImportResult);
      else reject(new ApiError(xhr.status, (body && typeof body === 'object' ? body : { title: xhr.statusText }) as Problem));
    };
    xhr.onerror = () => reject(new ApiError(0, { title: 'network error' }));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

export const analyticsApi = {
  logs: (signal?: AbortSignal) => api.get<{ items: EventLog[] }>('/event-logs', { signal }).then((r) => r.items),
  importLog,
  deleteLog: (id: string) => request<void>('DELETE', base(id)),
  summary: (id: string, filter: LogFilter, signal?: AbortSignal) => api.get<LogSummary>(`${base(id)}/summary${filterQuery(filter)}`, { signal }),
  dfg: (id: string, filter: LogFilter, signal?: AbortSignal) => api.get<Dfg>(`${base(id)}/dfg${filterQuery(filter)}`, { signal }),
  variants: (id: string, filter: LogFilter, limit: number, signal?: AbortSignal) => api.get<Variants>(`${base(id)}/variants${filterQuery(filter, { limit })}`, { signal }),
  rework: (id: string, filter: LogFilter, signal?: AbortSignal) => api.get<Rework>(`${base(id)}/rework${filterQuery(filter)}`, { signal }),
  bottlenecks: (id: string, by: BottleneckBy, filter: LogFilter, signal?: AbortSignal) =>
    api.get<Bottlenecks>(`${base(id)}/bottlenecks${filterQuery(filter, { by })}`, { signal }),
  /** A plain link: the session cookie goes with it, and the browser saves the file. */
  exportUrl: (id: string) => `/api/v1${base(id)}/export?format=xes`,
};
