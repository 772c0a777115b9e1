import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { PERMISSION_KEYS, type Permission } from '../../src/platform/access/permissions.ts';
import { residentId } from '../services/support.ts';
import { application } from '../merchants/support.ts';
import { loginAs, type Client } from '../support/http.ts';
import { apiRoutes, fillPath, pathParams, resolver, routeName, routeTable, type RouteEntry } from '../support/routes.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { sample } from './schema-cases.ts';

// The role × route × branch matrix, generated from the route table: a route added tomorrow is in
// it without anyone writing a line here. PGlite only (the gate does not touch SQL dialects).

const PASSWORD = 'Matrix-pass-1';
/** Where an id of another branch's entity comes from: the first path segment after /api/v1/. */
const SCOPED_COLLECTIONS = ['customers', 'cases', 'complaints', 'merchants', 'merchant-requests', 'merchant-risk-cases', 'risk-alerts', 'tasks', 'work', 'process-instances', 'campaigns', 'users', 'units', 'queue', 'appointment-settings', 'inquiries', 'appointments', 'seminar-sessions', 'offers'];

describe('Route matrix [pglite]', () => {
  let app: TestApp;
  let admin: Client;
  let routes: RouteEntry[];
  const holders = new Map<Permission, Client>();
  let onlyCalendar: Client;
  let onlyUnits: Client;
  let outsider: Client; // SH-PD, every permission at unit scope
  const foreign = new Map<string, string>(); // collection → id of an entity outside SH-PD
  let units: { id: string; code: string }[];

  before(async () => {
    app = await startTestApp('pglite');
    admin = await loginAs(app.http, 'admin');
    routes = apiRoutes(app.http);
    units = (await admin.get('/api/v1/units')).json().items;
    const ho = units.find((u) => u.code === 'HO')!.id;
    const shpd = units.find((u) => u.code === 'SH-PD')!.id;
    const makeUser = async (key: string, scope: 'global' | 'unit', permissions: string[], unitId: string) => {
      const role = await admin.post('/api/v1/roles', { key, nameZh: `探针 ${key}`, nameEn: `Probe ${key}`, scope, permissions });
      assert.equal(role.statusCode, 201, role.body);
      const username = key.replace(/_/g, '-');
      const user = await admin.post('/api/v1/users', { username, displayName: `Probe ${key}`, password: PASSWORD, unitId, roles: [key] });
      assert.equal(user.statusCode, 201, user.body);
      return loginAs(app.http, username, PASSWORD);
    };
    const used = [...new Set(routes.flatMap((r) => (r.access && 'permission' in r.access ? [r.access.permission] : [])))];
    for (const [i, permission] of used.entries()) holders.set(permission, await makeUser(`probe_p${i}`, 'global', [permission], ho));
    onlyCalendar = await makeUser('probe_calendar', 'global', ['calendar.read'], ho);
    onlyUnits = await makeUser('probe_units', 'global', ['org.unit.read'], ho);
    outsider = await makeUser('probe_shpd', 'unit', PERMISSION_KEYS, shpd);
    await seedForeignEntities();
  });
  after(async () => app?.stop());

  /** Entities of BJ-HD (or above it) made the way their staff make them, then one id per collection. */
  async function seedForeignEntities() {
    const teller = await loginAs(app.http, 'teller1');
    const made: Record<string, LightMyRequestResponse> = {};
    made.complaint = await teller.post('/api/v1/complaints', { channel: 'counter', complainant: { name: '矩阵', phone: '13500000000' }, subject: { type: 'none' }, description: '权限矩阵测试投诉', request: '无具体要求' });
    made.merchant = await (await loginAs(app.http, 'merchant')).post('/api/v1/merchants', application(77));
    const customer = await teller.post('/api/v1/customers', { kind: 'individual', name: '矩阵客户', idType: 'resident_id', idNumber: residentId('11010819900101123'), phone: '13512345678', segment: 'standard', consents: { marketing: false, sms: false, dataSharing: false } });
    if (customer.statusCode === 201) made.case = await teller.post('/api/v1/cases', { serviceCode: 'open-personal-account', customerId: customer.json().id, channel: 'counter' });
    made.campaign = await (await loginAs(app.http, 'rm')).post('/api/v1/campaigns', { code: 'MATRIX-1', nameZh: '矩阵活动', nameEn: 'Matrix campaign', kind: 'promotion', segmentCode: 'private', channels: ['sms'], startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-12-31T00:00:00Z', controlPercent: 0, messages: { sms: { zh: '矩阵', en: 'Matrix' } } });
    for (const [what, r] of Object.entries(made)) if (r.statusCode !== 201) console.log(`route matrix: could not make a ${what}: ${r.statusCode} ${r.body.slice(0, 200)}`);

    const shpd = units.find((u) => u.code === 'SH-PD')!;
    const isForeign = (item: Record<string, unknown>) => {
      const code = typeof item.unitCode === 'string' ? item.unitCode : (item.unit as { code?: string } | undefined)?.code;
      return code ? !code.startsWith('SH') : typeof item.unitId === 'string' ? item.unitId !== shpd.id : false;
    };
    for (const route of routes) {
      const m = /^\/api\/v1\/([a-z-]+)$/.exec(route.url);
      if (route.method !== 'GET' || !m || !SCOPED_COLLECTIONS.includes(m[1]!)) continue;
      const list = await admin.get(`${route.url}?limit=500`);
      const items = (list.json().items ?? []) as Record<string, unknown>[];
      const hit = items.find((item) => typeof item.id === 'string' && isForeign(item));
      if (hit) foreign.set(m[1]!, String(hit.id));
      else if (items.length) console.log(`route matrix: ${m[1]} lists no entity of another branch (fields ${Object.keys(items[0]!).join(',')})`);
    }
    foreign.set('units', units.find((u) => u.code === 'BJ-HD')!.id);
    foreign.set('queue/branches', 'BJ-HD');
    const counter = (await admin.get('/api/v1/queue/branches/BJ-HD')).json().counters?.[0]?.id as string | undefined;
    if (counter) foreign.set('queue/counters', counter);
    foreign.set('appointment-settings', 'BJ-HD');
    const tasks = (await admin.get('/api/v1/tasks?limit=500')).json().items as { id: string; unitId: string }[];
    const task = tasks.find((t) => t.unitId && t.unitId !== shpd.id);
    if (task) foreign.set('work', task.id);
  }

  const bodyOf = (route: RouteEntry) => (route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
  const call = (client: Client | null, route: RouteEntry, url = fillPath(route.url, {}), body: unknown = bodyOf(route)) =>
    app.http.inject({
      method: route.method as 'GET',
      url,
      headers: { 'accept-language': 'en', ...(client?.token ? { authorization: `Bearer ${client.token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  const typeOf = (r: LightMyRequestResponse) => {
    try {
      return String(r.json().type ?? '').replace('urn:banklane:problem:', '');
    } catch {
      return '';
    }
  };

  it('every API route declares its access, and each is in one part of the matrix', () => {
    const undeclared = routes.filter((r) => !r.access).map(routeName);
    assert.deepEqual(undeclared, []);
    const kinds = { public: 0, authenticated: 0, permission: 0 };
    for (const r of routes) kinds[Object.keys(r.access!)[0] as keyof typeof kinds]++;
    assert.equal(kinds.public + kinds.authenticated + kinds.permission, routes.length);
    console.log(`route matrix: ${routes.length} API routes — ${kinds.permission} by permission (${holders.size} permissions), ${kinds.authenticated} signed-in, ${kinds.public} public`);
  });

  it('answers 401 to an anonymous caller on every route not declared public, and never 2xx', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      if (route.access && 'public' in route.access) continue;
      const r = await call(null, route);
      if (r.statusCode !== 401 || typeOf(r) !== 'not_authenticated') wrong.push(`${routeName(route)}: ${r.statusCode} ${typeOf(r)}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('public routes never fail with 5xx for an anonymous caller; the customer portal wants its own session', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.access && 'public' in r.access)) {
      if (route.url.endsWith('/events')) continue; // a Server-Sent Events stream stays open
      const r = await call(null, route);
      if (r.statusCode >= 500) wrong.push(`${routeName(route)}: ${r.statusCode}`);
      const portalSession = route.url.startsWith('/api/v1/portal/') && !route.url.startsWith('/api/v1/portal/sign-');
      if (portalSession && r.statusCode !== 401) wrong.push(`${routeName(route)}: ${r.statusCode} without a customer session`);
    }
    assert.deepEqual(wrong, []);
  });

  it('the Camunda-compatible API answers 401 without credentials', async () => {
    const wrong: string[] = [];
    const camunda = routeTable(app.http).filter((r) => r.url.startsWith('/engine-rest/') && !['/engine-rest/engine', '/engine-rest/version'].includes(r.url));
    assert.ok(camunda.length > 20);
    for (const route of camunda) {
      const r = await call(null, route);
      if (r.statusCode !== 401) wrong.push(`${routeName(route)}: ${r.statusCode}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('refuses with 403 forbidden a user whose role lacks the route’s permission', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      if (!route.access || !('permission' in route.access)) continue;
      const client = route.access.permission === 'calendar.read' ? onlyUnits : onlyCalendar;
      const r = await call(client, route);
      if (r.statusCode !== 403 || typeOf(r) !== 'forbidden') wrong.push(`${routeName(route)}: ${r.statusCode} ${typeOf(r)}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('lets a user whose role holds only the route’s permission through the gate', async () => {
    const wrong: string[] = [];
    const seen = new Map<string, number>();
    for (const route of routes) {
      if (!route.access || !('permission' in route.access)) continue;
      const r = await call(holders.get(route.access.permission)!, route);
      const key = `${r.statusCode}${r.statusCode === 403 ? ` ${typeOf(r)}` : ''}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      // past the gate: whatever the handler answers, except not signed in or not permitted;
      // 403 out_of_scope (branch scope) and the process rules' 403s are the handler's own
      const gateRefusal = r.statusCode === 401 || (r.statusCode === 403 && !['out_of_scope', 'maker_checker', 'recused', 'not_qualified'].includes(typeOf(r)));
      if (gateRefusal || r.statusCode >= 500) wrong.push(`${routeName(route)} (${route.access.permission}): ${r.statusCode} ${typeOf(r)} ${r.body.slice(0, 160)}`);
    }
    console.log(`route matrix: with only the route's permission: ${[...seen].map(([k, n]) => `${k}×${n}`).join(', ')}`);
    assert.deepEqual(wrong, []);
  });

  it('lets any signed-in user through the routes that need only a session', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.access && 'authenticated' in r.access)) {
      // a fresh session each time: one of these routes is the logout
      const r = await call(await loginAs(app.http, 'probe-calendar', PASSWORD), route);
      if (r.statusCode === 401 || r.statusCode === 403 || r.statusCode >= 500) wrong.push(`${routeName(route)}: ${r.statusCode} ${typeOf(r)}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('refuses a user of SH-PD (all permissions at unit scope) the entities of BJ-HD in every route that names one', async () => {
    const resolve = resolver(app.http);
    const covered: string[] = [];
    const notCovered: string[] = [];
    const wrong: string[] = [];
    for (const route of routes) {
      if (!route.access || !('permission' in route.access) || pathParams(route.url).length === 0) continue;
      const collection = /^\/api\/v1\/(queue\/[a-z-]+|[a-z-]+)\//.exec(route.url)?.[1] ?? '';
      const first = pathParams(route.url)[0]!;
      const id = foreign.get(collection);
      if (!SCOPED_COLLECTIONS.includes(collection.split('/')[0]!)) continue; // not a branch's entity (products, segments' codes, event logs, rules…)
      if (!id) {
        notCovered.push(`${routeName(route)} (no ${collection} outside SH-PD to try)`);
        continue;
      }
      const params = (route.params ? sample(route.params, resolve) : {}) as Record<string, string>;
      const url = fillPath(route.url, { ...Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k, String(v)])), [first]: id });
      const body = route.body && route.method !== 'GET' ? sample(route.body, resolve) : bodyOf(route);
      const r = await call(outsider, route, url, body);
      if (r.statusCode === 403 || r.statusCode === 404) covered.push(`${routeName(route)} → ${r.statusCode}${r.statusCode === 403 ? ` ${typeOf(r)}` : ''}`);
      else if (r.statusCode < 300 || r.statusCode >= 500) wrong.push(`${routeName(route)}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      else notCovered.push(`${routeName(route)} (refused earlier: ${r.statusCode} ${typeOf(r)})`);
    }
    console.log(`route matrix: branch scope — ${covered.length} routes refused SH-PD on a BJ-HD entity:\n  ${covered.join('\n  ')}\nnot decided by this run (${notCovered.length}):\n  ${notCovered.join('\n  ')}`);
    assert.deepEqual(wrong, []);
    assert.ok(covered.length >= 40, `only ${covered.length} routes checked for branch scope`);
  });
});
