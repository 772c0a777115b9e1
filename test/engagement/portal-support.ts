import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

let addresses = 0;
/** A fresh client address, so that one test's attempts do not count against another's. */
export const freshIp = () => `10.61.${Math.floor(++addresses / 250)}.${addresses % 250}`;

/** Asks for a sign-in code for a phone; the response. */
export function askCode(http: FastifyInstance, phone: string, ip = '10.60.0.1'): Promise<LightMyRequestResponse> {
  return http.inject({ method: 'POST', url: '/api/v1/portal/sign-in/code', payload: { phone }, remoteAddress: ip });
}

/** Tries a code; the response. */
export function tryCode(http: FastifyInstance, phone: string, code: string, ip = '10.60.0.1'): Promise<LightMyRequestResponse> {
  return http.inject({ method: 'POST', url: '/api/v1/portal/sign-in', payload: { phone, code }, remoteAddress: ip, headers: { 'user-agent': 'portal-test' } });
}

/** The code in the last SMS the demo "sent" to a phone, read from the demo inbox as a visitor would. */
export async function lastCode(http: FastifyInstance, phone: string): Promise<string> {
  const inbox = await http.inject({ method: 'POST', url: '/api/v1/public/demo-inbox', payload: { phone } });
  assert.equal(inbox.statusCode, 200, inbox.body);
  const body = (inbox.json().items as { body: string }[])[0]?.body ?? '';
  const code = /(\d{6})/.exec(body)?.[1];
  assert.ok(code, `no code in the inbox of ${phone}: ${body}`);
  return code;
}

/** A customer signed in to the portal: their session cookies, and requests made with them. */
export class PortalCustomer {
  constructor(
    readonly http: FastifyInstance,
    readonly session: string,
    readonly csrf: string,
  ) {}

  request(method: 'GET' | 'POST', url: string, body?: unknown, opts: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    return this.http.inject({
      method,
      url,
      cookies: { bl_customer: this.session, bl_customer_csrf: this.csrf },
      headers: { 'accept-language': 'en', ...(method === 'POST' && opts.csrf !== false ? { 'x-csrf-token': this.csrf } : {}) },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
  }
  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body: unknown = {}) {
    return this.request('POST', url, body);
  }
}

/** Signs a customer in by their phone through the code the demo inbox shows. */
export async function signInAs(http: FastifyInstance, phone: string, ip = freshIp()): Promise<PortalCustomer> {
  const asked = await askCode(http, phone, ip);
  assert.equal(asked.statusCode, 202, asked.body);
  const r = await tryCode(http, phone, await lastCode(http, phone), ip);
  assert.equal(r.statusCode, 200, r.body);
  const cookie = (name: string) => r.cookies.find((c) => c.name === name)?.value;
  return new PortalCustomer(http, cookie('bl_customer')!, cookie('bl_customer_csrf')!);
}
