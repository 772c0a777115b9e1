import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_USERS } from '../../src/platform/demo/demo-bank.ts';
import { loginAs, type Client } from '../support/http.ts';
import { apiRoutes, resolver, routeName, type RouteEntry } from '../support/routes.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { concrete, sample, toQuery, typeOf } from './schema-cases.ts';

// SQL injection through every query parameter of every GET route, and a scan of every list
// answer and of the server's log for whole resident ID and mobile numbers. PGlite only (time).

const INJECTIONS = ["' or 1=1--", '%27', "'; drop table customer;--", '" or ""="', "1) or (1=1", "\\' or 'a'='a", "x' union select null--", "'||pg_sleep(1)||'"];
const HARMLESS = 'zzharmless';
/** Roles without pii.reveal: what they see is masked everywhere. */
const MASKED_USERS = ['teller1', 'auditor', 'rm', 'exec', 'complaints', 'merchant', 'risk', 'ops', 'supervisor'];

describe('Queries: SQL injection and personal data [pglite]', () => {
  let app: TestApp;
  let admin: Client;
  let routes: RouteEntry[];
  let resolve: ReturnType<typeof resolver>;
  const log: string[] = [];
  let restore: () => void;

  before(async () => {
    // the server's own log lines, as an operator would collect them
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (text.startsWith('{"level"')) {
        log.push(text);
        return true;
      }
      return write(chunk, ...(rest as []));
    }) as typeof process.stdout.write;
    restore = () => (process.stdout.write = write);
    app = await startTestApp('pglite', { logLevel: 'info' });
    admin = await loginAs(app.http, 'admin');
    routes = apiRoutes(app.http).filter((r) => r.method === 'GET' && !r.url.includes('/public/') && !r.url.startsWith('/api/v1/portal/') && !r.url.endsWith('/events'));
    resolve = resolver(app.http);
  });
  after(async () => {
    await app?.stop();
    restore?.();
  });

  const count = (r: LightMyRequestResponse): number => {
    const body = r.json();
    if (typeof body.total === 'number') return body.total;
    if (Array.isArray(body.items)) return body.items.length;
    if (Array.isArray(body)) return body.length;
    return 0;
  };

  it('answers injections in every query parameter with 4xx or no more rows than a harmless value', async () => {
    const wrong: string[] = [];
    let tried = 0;
    let parameters = 0;
    for (const route of routes.filter((r) => r.querystring && !r.url.includes(':'))) {
      const schema = concrete(route.querystring!, resolve)!;
      const base = (sample(schema, resolve) ?? {}) as Record<string, unknown>;
      for (const [name, p] of Object.entries(schema.properties ?? {})) {
        const field = concrete(p, resolve);
        if (name === 'lang') continue;
        parameters++;
        const harmless = await admin.get(route.url + toQuery({ ...base, [name]: typeOf(field) === 'string' && !field?.enum && !field?.format ? HARMLESS : base[name] }));
        const limit = harmless.statusCode === 200 && /json/.test(String(harmless.headers['content-type'])) ? count(harmless) : 0;
        for (const injection of INJECTIONS) {
          tried++;
          const r = await admin.get(route.url + toQuery({ ...base, [name]: injection }));
          if (r.statusCode >= 500) wrong.push(`${routeName(route)} ?${name}=${injection}: ${r.statusCode}`);
          else if (r.statusCode < 300 && /json/.test(String(r.headers['content-type'])) && count(r) > limit) wrong.push(`${routeName(route)} ?${name}=${injection}: ${count(r)} rows, ${limit} for a harmless value`);
        }
      }
    }
    console.log(`SQL injection: ${tried} requests over ${parameters} query parameters of ${routes.filter((r) => r.querystring && !r.url.includes(':')).length} GET routes`);
    assert.deepEqual(wrong, []);
    assert.equal((await app.http.inject({ url: '/readyz' })).statusCode, 200);
  });

  it('never shows a whole ID or mobile number to a role without pii.reveal, in any list, and never logs one', async () => {
    // the clear values, as an administrator reveals them (audited)
    const customers = (await admin.get('/api/v1/customers?limit=500')).json().items as { id: string }[];
    assert.ok(customers.length >= 5);
    const secrets = new Set<string>(DEMO_USERS.map((u) => u.phone));
    for (const c of customers) {
      const shown = (await admin.post(`/api/v1/customers/${c.id}/reveal`, { fields: ['idNumber', 'phone'], reason: 'personal data scan' })).json();
      for (const v of [shown.idNumber, shown.phone]) if (typeof v === 'string' && v.length >= 11) secrets.add(v);
    }
    assert.ok(secrets.size >= DEMO_USERS.length + 8, `only ${secrets.size} clear values`);
    // a search by number puts the number in a request body, which the log must not repeat
    await (await loginAs(app.http, 'teller1')).post('/api/v1/customers/search', { idNumber: [...secrets].find((s) => s.length === 18) });

    const leaks: string[] = [];
    let calls = 0;
    // the API description holds no data (its examples are documentation)
    const lists = routes.filter((r) => !r.url.includes(':') && r.url !== '/api/v1/openapi.json');
    const someCustomer = customers[0]!.id;
    const perCustomer = routes.filter((r) => /^\/api\/v1\/customers\/:id(\/[a-z0-9-]+)?$/.test(r.url));
    for (const username of MASKED_USERS) {
      const client = await loginAs(app.http, username);
      for (const route of [...lists, ...perCustomer]) {
        const query = route.querystring ? toQuery((sample(route.querystring, resolve) ?? {}) as Record<string, unknown>) : '';
        const r = await client.get(route.url.replace(':id', someCustomer) + query);
        calls++;
        for (const secret of secrets) if (r.body.includes(secret)) leaks.push(`${username} ${routeName(route)}: ${secret.slice(0, 3)}…`);
      }
    }
    const logged = log.join('');
    const inLog = [...secrets].filter((s) => logged.includes(s));
    console.log(`Personal data: ${calls} answers to ${MASKED_USERS.length} roles without pii.reveal scanned for ${secrets.size} clear numbers; ${log.length} log lines scanned`);
    assert.deepEqual(leaks, []);
    assert.ok(log.length > 100, `only ${log.length} log lines captured`);
    assert.deepEqual(inLog.map((s) => `${s.slice(0, 3)}…`), []);
  });
});
