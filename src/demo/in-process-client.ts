import type { FastifyInstance } from 'fastify';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

/** A refused call: the HTTP status and the problem's type (`urn:banklane:problem:maker_checker`…). */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly detail: string,
    readonly call: string,
  ) {
    super(`${call}: ${status} ${detail}`);
    this.name = 'ApiRefusal';
  }

  /** Whether the problem type ends with one of the codes (`maker_checker`, `recused`…). */
  is(...codes: string[]): boolean {
    return codes.some((c) => this.type.endsWith(c));
  }
}

/**
 * The demo history's way into Banklane: requests to an HTTP server that never listens
 * (`inject`), signed in as any staff member by name. Signs in on first use and again when a
 * session has expired; remembers whether anything was written since it was last asked, so that
 * background work is run only when there can be some.
 */
export class InProcessClient {
  private readonly tokens = new Map<string, string>();
  private wrote = false;
  /** Requests made, for the figures at the end. */
  requests = 0;

  constructor(
    private readonly http: FastifyInstance,
    private readonly password: (username: string) => string,
    private readonly lang = 'zh-CN',
  ) {}

  /** A call as `user` (null: a customer, not signed in). Resolves to the JSON answer; throws ApiRefusal. */
  async call<T = unknown>(user: string | null, method: Method, url: string, body?: unknown): Promise<T> {
    let response = await this.send(user, method, url, body);
    if (response.statusCode === 401 && user !== null) {
      this.tokens.delete(user);
      response = await this.send(user, method, url, body);
    }
    if (method !== 'GET') this.wrote = true;
    if (response.statusCode >= 400) {
      const problem = safeJson(response.body) as { type?: string; detail?: string } | null;
      throw new ApiRefusal(response.statusCode, problem?.type ?? '', problem?.detail ?? response.body.slice(0, 300), `${method} ${url}`);
    }
    return (response.statusCode === 204 || response.body === '' ? null : JSON.parse(response.body)) as T;
  }

  get<T = unknown>(user: string | null, url: string): Promise<T> {
    return this.call<T>(user, 'GET', url);
  }

  post<T = unknown>(user: string | null, url: string, body: unknown = {}): Promise<T> {
    return this.call<T>(user, 'POST', url, body);
  }

  put<T = unknown>(user: string | null, url: string, body: unknown): Promise<T> {
    return this.call<T>(user, 'PUT', url, body);
  }

  /** Whether anything was written since the last time this was asked. */
  takeWrites(): boolean {
    const wrote = this.wrote;
    this.wrote = false;
    return wrote;
  }

  /** Forgets every session (a new day: staff sign in again). */
  signOutAll(): void {
    this.tokens.clear();
  }

  private async send(user: string | null, method: Method, url: string, body: unknown) {
    const token = user === null ? null : await this.tokenOf(user);
    this.requests++;
    return this.http.inject({
      method,
      url,
      headers: {
        'accept-language': this.lang,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  }

  private async tokenOf(user: string): Promise<string> {
    const known = this.tokens.get(user);
    if (known) return known;
    this.requests++;
    const response = await this.http.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username: user, password: this.password(user) }) });
    if (response.statusCode !== 200) throw new ApiRefusal(response.statusCode, '', `sign-in as ${user} failed: ${response.body.slice(0, 200)}`, 'POST /api/v1/auth/login');
    const token = (JSON.parse(response.body) as { token: string }).token;
    this.tokens.set(user, token);
    return token;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
