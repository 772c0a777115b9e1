import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD } from '../../src/platform/demo/demo-bank.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A signed-in API client over `app.inject()`: what an integration test drives. */
export class Client {
  constructor(
    readonly http: FastifyInstance,
    readonly token: string | null,
    readonly lang: string = 'en',
  ) {}

  async request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.http.inject({
      method,
      url,
      headers: {
        'accept-language': this.lang,
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown) {
    return this.request('POST', url, body ?? {});
  }
  put(url: string, body: unknown) {
    return this.request('PUT', url, body);
  }
  patch(url: string, body: unknown) {
    return this.request('PATCH', url, body);
  }
}

/** Signs in through the API and returns a client carrying the bearer token. */
export async function loginAs(http: FastifyInstance, username: string, password = DEMO_PASSWORD, lang = 'en'): Promise<Client> {
  const response = await http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login as ${username} failed: ${response.statusCode} ${response.body}`);
  return new Client(http, response.json<{ token: string }>().token, lang);
}

export function anonymous(http: FastifyInstance, lang = 'en'): Client {
  return new Client(http, null, lang);
}

/** Asserts that a response is RFC 9457 problem details and returns it. */
export function problem(response: LightMyRequestResponse): { type: string; title: string; status: number; detail: string; errors?: { field: string; message: string }[]; [extension: string]: unknown } {
  const type = String(response.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) throw new Error(`expected problem+json, got ${type}: ${response.body}`);
  const body = response.json();
  if (body.status !== response.statusCode) throw new Error(`problem status ${body.status} differs from HTTP ${response.statusCode}`);
  for (const key of ['type', 'title', 'detail']) if (typeof body[key] !== 'string') throw new Error(`problem lacks ${key}: ${response.body}`);
  return body;
}
