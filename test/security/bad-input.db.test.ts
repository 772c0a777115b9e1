import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { loginAs, problem, type Client } from '../support/http.ts';
import { apiRoutes, fillPath, pathParams, resolver, routeName, type JsonSchema, type RouteEntry } from '../support/routes.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { signInAs, type PortalCustomer } from '../engagement/portal-support.ts';
import { badCases, concrete, sample, schemaChecker, toQuery, type BadCase } from './schema-cases.ts';
import { mulberry32 } from '../../src/queue/staffing/random.ts';
import { tableCounts, diffCounts } from './db-counts.ts';

// Every API route with a body, query or path schema gets generated bad input as an administrator
// (so the gate lets it through): it must answer 4xx problem details naming the field at fault,
// never 5xx, write nothing, and leave the server ready with bounded memory. PGlite only (time).

const MAX_CASES_PER_ROUTE = 24;
/** Routes that write on a refused request by design, and what. */
const WRITES_ON_REFUSAL: Record<string, string[]> = {
  // a failed sign-in is counted (throttling) and audited
  'POST /api/v1/auth/login': ['login_throttle', 'audit_log'],
  // requests for a tracking code are counted per address (rate limit)
  'POST /api/v1/public/tracking/:ref/code': ['login_throttle'],
};
/** Routes that answer an unknown id like a known one by design, and why. */
const SAME_ANSWER_FOR_UNKNOWN: Record<string, string> = {
  'POST /api/v1/public/tracking/:ref/code': 'answers 202 whether the reference exists or not, so it cannot be used to find references',
};
const PORTAL = '/api/v1/portal/';

type Row = { route: string; cases: number; statuses: Map<number, number> };

describe('Bad input over every route [pglite]', () => {
  let app: TestApp;
  let admin: Client;
  let customer: PortalCustomer;
  let resolve: ReturnType<typeof resolver>;
  let invalidBody: ReturnType<typeof schemaChecker>;
  let invalidQuery: ReturnType<typeof schemaChecker>;
  const table: Row[] = [];
  const failures: string[] = [];
  let rssStart = 0;
  let rssPeak = 0;

  before(async () => {
    app = await startTestApp('pglite');
    admin = await loginAs(app.http, 'admin');
    customer = await signInAs(app.http, '13911112222');
    resolve = resolver(app.http);
    const shared = app.http.getSchemas();
    invalidBody = schemaChecker(shared, false);
    invalidQuery = schemaChecker(shared, true);
    rssStart = process.memoryUsage().rss;
  });
  after(async () => {
    if (table.length) {
      const lines = table.map((r) => `${r.route.padEnd(72)} ${String(r.cases).padStart(5)}  ${[...r.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`);
      const total = table.reduce((n, r) => n + r.cases, 0);
      console.log(`\nBad input: ${table.length} routes, ${total} cases; rss ${mb(rssStart)} MB at start, peak ${mb(rssPeak)} MB\n${'route'.padEnd(72)} cases  statuses\n${lines.join('\n')}\n`);
    }
    await app?.stop();
  });

  const routes = (): RouteEntry[] =>
    apiRoutes(app.http).filter((r) => (r.body || r.querystring || r.params) && !r.url.endsWith('/events'));

  it('covers every API route that takes input', async () => {
    const taking = routes();
    assert.ok(taking.length > 150, `only ${taking.length} routes take input`);
    for (const route of taking) await exercise(route);
    const missing = taking.map(routeName).filter((name) => !table.some((r) => r.route === name));
    assert.deepEqual(missing, []);
    assert.equal(failures.length, 0, `${failures.length} routes answered badly:\n${failures.join('\n')}`);
  });

  it('is still ready and its memory bounded afterwards', async () => {
    const ready = await app.http.inject({ url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().status, 'ready');
    // the login still works and a plain read answers
    assert.equal((await (await loginAs(app.http, 'teller1')).get('/api/v1/me')).statusCode, 200);
    global.gc?.();
    assert.ok(rssPeak - rssStart < 1024 * 1024 * 1024, `rss grew from ${mb(rssStart)} MB to a peak of ${mb(rssPeak)} MB`);
  });

  /** As the administrator, or for the customer portal as a signed-in customer (cookie and CSRF header). */
  function send(route: RouteEntry, url: string, payload?: string | Buffer): Promise<LightMyRequestResponse> {
    const portal = route.url.startsWith(PORTAL) && !route.url.startsWith(`${PORTAL}sign-in`);
    return app.http.inject({
      method: route.method as 'POST',
      url,
      headers: {
        'accept-language': 'en',
        ...(portal ? { 'x-csrf-token': customer.csrf } : { authorization: `Bearer ${admin.token}` }),
        ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(portal ? { cookies: { bl_customer: customer.session, bl_customer_csrf: customer.csrf } } : {}),
      ...(payload !== undefined ? { payload } : {}),
    });
  }

  async function exercise(route: RouteEntry): Promise<void> {
    const name = routeName(route);
    const row: Row = { route: name, cases: 0, statuses: new Map() };
    const faults: string[] = [];
    const before = await tableCounts(app.deps.db);
    const params = route.params ? ((sample(route.params, resolve) ?? {}) as Record<string, string>) : {};
    const url = fillPath(route.url, Object.fromEntries(pathParams(route.url).map((p) => [p, String(params[p] ?? 'unknown')])));
    const body = route.body && route.method !== 'GET' ? sample(route.body, resolve) : undefined;
    const query = route.querystring ? ((sample(route.querystring, resolve) ?? {}) as Record<string, unknown>) : {};

    const check = async (c: BadCase | { kind: string; field?: string; schemaInvalid: boolean }, response: LightMyRequestResponse, where: 'body' | 'querystring' | 'params') => {
      row.cases++;
      row.statuses.set(response.statusCode, (row.statuses.get(response.statusCode) ?? 0) + 1);
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      const label = `${c.kind}${c.field ? ` ${c.field}` : ''}: ${response.statusCode}`;
      if (response.statusCode >= 500) return void faults.push(`${label} ${response.body.slice(0, 200)}`);
      if (response.statusCode < 400) {
        // a GET may ignore what its schema does not forbid; a change must refuse
        if (route.method !== 'GET' || c.schemaInvalid) faults.push(`${label} accepted`);
        return;
      }
      try {
        const p = problem(response);
        if (c.schemaInvalid && c.field && response.statusCode === 400 && p.type.endsWith(':validation')) {
          const field = where === 'body' ? c.field : `${where}:${c.field}`;
          if (!p.errors?.some((e) => e.field === field || e.field.startsWith(`${field}/`) || (c.field === '/' && e.field.endsWith('/'))))
            faults.push(`${label} does not name ${field}: ${JSON.stringify(p.errors?.slice(0, 3))}`);
        } else if (c.schemaInvalid && response.statusCode !== 413 && response.statusCode !== 400) {
          faults.push(`${label} ${p.type} instead of a validation problem`);
        }
      } catch (error) {
        faults.push(`${label} ${(error as Error).message.slice(0, 200)}`);
      }
    };

    const pick = (cases: BadCase[], seed: number): BadCase[] => {
      if (cases.length <= MAX_CASES_PER_ROUTE) return cases;
      const structural = cases.filter((c) => !c.kind.startsWith('wrong type') && !c.kind.startsWith('number') && c.kind !== 'missing');
      const rest = cases.filter((c) => !structural.includes(c));
      const random = mulberry32(seed);
      const shuffled = rest.map((c) => [random(), c] as const).sort(([a], [b]) => a - b).map(([, c]) => c);
      return [...structural, ...shuffled.slice(0, Math.max(0, MAX_CASES_PER_ROUTE - structural.length))];
    };
    const seed = [...name].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7);

    if (route.body && route.method !== 'GET' && !route.multipart) {
      for (const c of pick(badCases(route.body, resolve, false), seed)) {
        const schemaInvalid = c.raw ? true : invalidBody(route.body, c.value);
        const response = await send(route, url + toQuery(query), c.raw ?? JSON.stringify(c.value));
        await check({ ...c, schemaInvalid }, response, 'body');
      }
    }
    if (route.querystring) {
      for (const c of pick(badCases(route.querystring, resolve, true), seed + 1)) {
        const schemaInvalid = invalidQuery(route.querystring, flatStrings(c.value));
        const response = await send(route, url + toQuery(c.value as Record<string, unknown>), body === undefined ? undefined : JSON.stringify(body));
        await check({ ...c, schemaInvalid }, response, 'querystring');
      }
    }
    if (route.params) {
      // unknown ids (and an invalid-UTF-8 percent escape) in each path parameter, the rest of the request valid
      for (const param of pathParams(route.url)) {
        const p = concrete((route.params as JsonSchema).properties?.[param], resolve);
        for (const [kind, value] of [
          ['unknown id', p?.format === 'uuid' ? '00000000-0000-4000-8000-0000000dead1' : /year|number/i.test(param) ? '9999' : 'ZZ-UNKNOWN-9'],
          ['invalid UTF-8 in path', '%C3%28%FF'],
        ] as const) {
          const filled = route.url.replace(/:([A-Za-z0-9_]+)/g, (_m, n: string) => (n === param ? value : encodeURIComponent(String(params[n] ?? 'unknown'))));
          const response = await send(route, filled + toQuery(query), body === undefined ? undefined : JSON.stringify(body));
          const allowCreate = route.method === 'PUT' && response.statusCode < 300; // create-or-replace by key
          if (allowCreate || (kind === 'unknown id' && SAME_ANSWER_FOR_UNKNOWN[name] && response.statusCode < 300)) {
            row.cases++;
            row.statuses.set(response.statusCode, (row.statuses.get(response.statusCode) ?? 0) + 1);
            continue;
          }
          await check({ kind, field: param, schemaInvalid: false }, response, 'params');
          if (response.statusCode < 400) faults.push(`${kind} ${param}: ${response.statusCode} accepted`);
        }
      }
    }
    const changed = diffCounts(before, await tableCounts(app.deps.db), new Set(WRITES_ON_REFUSAL[name] ?? []));
    const upserted = route.method === 'PUT' && route.params;
    if (changed.length && !upserted) faults.push(`wrote rows: ${changed.join(', ')}`);
    table.push(row);
    if (faults.length) failures.push(`${name}:\n  ${faults.join('\n  ')}`);
  }
});

function flatStrings(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v)]));
}

function mb(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}
