/**
 * The one way the web app talks to the server: same-origin fetch under `/api/v1`,
 * session cookie sent automatically, CSRF token echoed on every state-changing request,
 * and RFC 9457 problem documents turned into `ApiError`.
 */

export type FieldProblem = { field: string; message: string };

/** RFC 9457 `application/problem+json`, as the server sends it. */
export type Problem = {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldProblem[];
};

/**
 * A failed call. `status` is the HTTP status, or 0 when the server could not be reached
 * (then a retry may help; a 4xx will fail the same way again).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: readonly FieldProblem[];

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.type = problem.type ?? 'about:blank';
    this.title = problem.title ?? '';
    this.detail = problem.detail;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

const basePath = '/api/v1';
const csrfCookie = 'bl_csrf';

let language = 'zh-CN';
let csrfFallback: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** Sent as `Accept-Language` so that server messages come in the UI language. */
export function setRequestLanguage(lang: string): void {
  language = lang;
}

/** The login response carries the token too; used only if the cookie is not readable. */
export function rememberCsrfToken(token: string | null): void {
  csrfFallback = token;
}

/** Called on any 401 except from calls made with `auth: false` (the login itself). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export type RequestOptions = {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** false for the login call: its 401 is a wrong password, not an expired session. */
  auth?: boolean;
  /** 'text' for documents such as BPMN XML; default 'json'. */
  as?: 'json' | 'text';
  /**
   * Sent as `Idempotency-Key` on a change the server makes once per key: the call is then tried
   * again, with the same key, when no answer came or a gateway answered for a node that went away.
   */
  idempotencyKey?: string;
};

/** A fresh key for one change (random; `crypto.randomUUID` needs a secure context, this does not). */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Attempts of a keyed change, and the pause before each retry. */
const KEYED_RETRY_DELAYS_MS = [500, 1500];
const retryable = (status: number) => status === 0 || status === 502 || status === 503 || status === 504;

function buildUrl(path: string, query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${basePath}${path}${search ? `?${search}` : ''}`;
}

async function readProblem(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body: unknown = await response.json();
      if (body && typeof body === 'object') return body as Problem;
    } catch {
      // An unreadable body still yields a useful status below.
    }
  }
  return { title: response.statusText };
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  if (!options.idempotencyKey) return send<T>(method, path, options);
  for (const delay of KEYED_RETRY_DELAYS_MS) {
    try {
      return await send<T>(method, path, options);
    } catch (error) {
      if (!isApiError(error) || !retryable(error.status)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  return send<T>(method, path, options);
}

async function send<T>(method: string, path: string, options: RequestOptions): Promise<T> {
  const accept = options.as === 'text' ? '*/*' : 'application/json';
  const headers: Record<string, string> = { Accept: accept, 'Accept-Language': language };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const token = readCookie(csrfCookie) ?? csrfFallback;
    if (token) headers['X-CSRF-Token'] = token;
  }
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(0, { title: 'network error' });
  }

  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401 && options.auth !== false) onUnauthorized?.();
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204 || response.headers.get('content-length') === '0') {
    return undefined as T;
  }
  if (options.as === 'text') return (await response.text()) as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  getText: (path: string, options?: Omit<RequestOptions, 'body' | 'as'>) => request<string>('GET', path, { ...options, as: 'text' }),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
};

/** Path segment encoding for ids and keys taken from data. */
export const seg = encodeURIComponent;
