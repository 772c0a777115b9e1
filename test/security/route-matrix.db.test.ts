import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { PERMISSION_KEYS, type Permission } from '../../src/platform/access/permissions.ts';
import { residentId } from '../services/support.ts';
import { application } from '../merchants/support.ts';
import { anonymous, loginAs, type Client } from '../support/http.ts';
import { apiRoutes, fillPath, pathParams, resolver, routeName, routeTable, type RouteEntry } from '../support/routes.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { sample } from './schema-cases.ts';

// The role × route × branch matrix, generated from the route table: a route added tomorrow is in
// it without anyone writing a line here. PGlite only (the gate does not touch SQL dialects).

const PASSWORD = 'Matrix-pass-1';
/** Where an id of another branch's entity comes from: the first path segment after /api/v1/. */
const SCOPED_COLLECTIONS = ['customers', 'cases', 'complaints', 'merchants', 'merchant-requests', 'merchant-risk-cases', 'risk-alerts', 'tasks', 'work', 'process-instances', 'campaigns', 'users', 'units', 'queue', 'appointment-settings', 'inquiries', 'appointments', 'seminar-sessions', 'offers'];
const DAY = 86_400_000;
/** An instant `days` from now (the clock is real: dates the seed needs stay ahead of it). */
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
/** A campaign of the maker's branch from a minute ago for two months. */
const campaign = (code: string, extra: Record<string, unknown> = {}) => ({
  code, nameZh: '矩阵活动', nameEn: 'Matrix campaign', kind: 'promotion', segmentCode: 'private', channels: ['sms'],
  startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: inDays(60), controlPercent: 0, messages: { sms: { zh: '矩阵', en: 'Matrix' } }, ...extra,
});

/** What a route is sent in place of its generated sample: a query, a JSON body or a file. */
type Input = { query?: string; body?: unknown; file?: { name: string; type: string; content: string } };

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
  let ownCustomer = 'none'; // a customer of SH-PD

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
    const rm = await loginAs(app.http, 'rm');
    const made: Record<string, LightMyRequestResponse> = {};
    made.complaint = await teller.post('/api/v1/complaints', { channel: 'counter', complainant: { name: '矩阵', phone: '13500000000' }, subject: { type: 'none' }, description: '权限矩阵测试投诉', request: '无具体要求' });
    made.merchant = await (await loginAs(app.http, 'merchant')).post('/api/v1/merchants', application(77));
    const customer = await teller.post('/api/v1/customers', { kind: 'individual', name: '矩阵客户', idType: 'resident_id', idNumber: residentId('11010819900101123'), phone: '13512345678', segment: 'standard', consents: { marketing: false, sms: false, dataSharing: false } });
    if (customer.statusCode === 201) made.case = await teller.post('/api/v1/cases', { serviceCode: 'open-personal-account', customerId: customer.json().id, channel: 'counter' });
    // offers shown at the counter are recorded, each with an id
    const offers = customer.statusCode === 201 ? await rm.get(`/api/v1/customers/${customer.json().id}/offers?channel=counter`) : undefined;
    made.campaign = await rm.post('/api/v1/campaigns', campaign('MATRIX-1'));
    made.seminar = await launch(rm, campaign('MATRIX-SEM', { kind: 'seminar', sessions: [{ startsAt: inDays(7), unitCode: 'BJ-HD', place: '海淀支行三楼', capacity: 20 }] }));
    const inquiry = await teller.post('/api/v1/inquiries', { channel: 'counter', serviceCode: 'open-personal-account', topic: '开户', question: '开户要带什么？' });
    const appointment = await bookAppointment();
    // a customer of SH-PD's own, whom its user may register for a seminar
    const own = await (await loginAs(app.http, 'teller2')).post('/api/v1/customers', { kind: 'individual', name: '浦东客户', idType: 'resident_id', idNumber: residentId('31011519900202123'), phone: '13512345679', consents: { marketing: false, sms: false, dataSharing: false } });
    Object.assign(made, { inquiry, appointment, own, ...(offers && { offers }) }, await merchantWork());
    for (const [what, r] of Object.entries(made)) if (r.statusCode >= 300) console.log(`route matrix: could not make a ${what}: ${r.statusCode} ${r.body.slice(0, 200)}`);

    const shpd = units.find((u) => u.code === 'SH-PD')!;
    const isForeign = (item: Record<string, unknown>) => {
      const code = [item.unitCode, (item.unit as { code?: unknown } | undefined)?.code, (item.merchant as { unitCode?: unknown } | undefined)?.unitCode].find((c) => typeof c === 'string');
      return typeof code === 'string' ? !code.startsWith('SH') : typeof item.unitId === 'string' ? item.unitId !== shpd.id : false;
    };
    // inquiries are listed without their unit, offers not at all, and a booking is named by its code
    if (inquiry.statusCode === 201) foreign.set('inquiries', inquiry.json().id);
    const offer = offers?.statusCode === 200 ? (offers.json().items?.[0]?.id as string | undefined) : undefined;
    if (offer) foreign.set('offers', offer);
    if (appointment.statusCode === 201) foreign.set('appointments', appointment.json().code);
    foreign.set('units', units.find((u) => u.code === 'BJ-HD')!.id);
    for (const route of routes) {
      const m = /^\/api\/v1\/([a-z-]+)$/.exec(route.url);
      if (route.method !== 'GET' || !m || !SCOPED_COLLECTIONS.includes(m[1]!) || foreign.has(m[1]!)) continue;
      const list = await admin.get(`${route.url}?limit=500`);
      const items = (list.json().items ?? []) as Record<string, unknown>[];
      const hit = items.find((item) => typeof item.id === 'string' && isForeign(item));
      if (hit) foreign.set(m[1]!, String(hit.id));
      else if (items.length) console.log(`route matrix: ${m[1]} lists no entity of another branch (fields ${Object.keys(items[0]!).join(',')})`);
    }
    foreign.set('queue/branches', 'BJ-HD');
    const counter = (await admin.get('/api/v1/queue/branches/BJ-HD')).json().counters?.[0]?.id as string | undefined;
    if (counter) foreign.set('queue/counters', counter);
    foreign.set('appointment-settings', 'BJ-HD');
    const tasks = (await admin.get('/api/v1/tasks?limit=500')).json().items as { id: string; unitId: string }[];
    const task = tasks.find((t) => t.unitId && t.unitId !== shpd.id);
    if (task) foreign.set('work', task.id);
    if (own.statusCode === 201) ownCustomer = own.json().id;
  }

  /** Makes a campaign and launches it; the launch's answer (or the refused creation). */
  async function launch(client: Client, body: Record<string, unknown>) {
    const created = await client.post('/api/v1/campaigns', body);
    if (created.statusCode !== 201) return created;
    return client.post(`/api/v1/campaigns/${created.json().id}/launch`, { version: created.json().version });
  }

  /** A customer books the first free slot at BJ-HD in the portal. */
  async function bookAppointment() {
    const portal = anonymous(app.http);
    const slots = (await portal.get('/api/v1/public/appointments/slots?branch=BJ-HD&service=open-personal-account&days=14')).json().slots as { startsAt: string; available: number }[] | undefined;
    const slot = slots?.find((s) => s.available > 0);
    return portal.post('/api/v1/public/appointments', { branch: 'BJ-HD', service: 'open-personal-account', startsAt: slot?.startsAt ?? '', name: '矩阵预约', phone: '13500000001' });
  }

  /**
   * An active merchant of BJ-HD with a service request, an early-warning alert and a risk case.
   * Onboarding's outcome is written directly, as the merchants' own tests do (onboarding is tested there).
   */
  async function merchantWork(): Promise<Record<string, LightMyRequestResponse>> {
    const manager = await loginAs(app.http, 'merchant');
    const risk = await loginAs(app.http, 'risk');
    const merchant = await manager.post('/api/v1/merchants', application(78, { unitCode: 'BJ-HD' }));
    if (merchant.statusCode !== 201) return { activeMerchant: merchant };
    const { id, code } = merchant.json() as { id: string; code: string };
    await app.deps.db.updateTable('merchant').set({ status: 'active', risk_rating: 'low' }).where('id', '=', id).execute();
    // a terminal used outside its region fires on one day's figures, without a baseline
    const day = { merchant: code, day: inDays(-1).slice(0, 10), count: '120', amount: '36000.00', refunds: '300.00', chargebacks: '0', declined: '3', night_share: '0.05', cnp_share: '0.02', foreign_share: '0.01', max_amount: '2800.00', near_limit_count: '0', outside_region_count: '1' };
    return {
      merchantRequest: await manager.post('/api/v1/merchant-requests', { merchantId: id, kind: 'terminal_fault', channel: 'phone', description: '终端无法刷卡' }),
      riskAlert: await risk.post('/api/v1/merchant-transactions/rows', { rows: [day] }),
      riskCase: await risk.post('/api/v1/merchant-risk-cases', { merchantId: id, kind: 'other', description: '矩阵测试风险事件' }),
    };
  }

  /** Input that passes each route's own checks up to its scope check, where the generated sample does not. */
  const validInput = (): Record<string, Input> => ({
    'PATCH /api/v1/units/:id': { body: { nameEn: 'Matrix probe' } },
    'POST /api/v1/users/:id/password': { body: { password: PASSWORD } },
    'GET /api/v1/queue/branches/:code/kpis': { query: 'from=2026-01-01&to=2026-01-31' },
    'GET /api/v1/queue/branches/:code/staffing': { query: 'date=2026-01-15' },
    'POST /api/v1/complaints/:id/actions': { body: { action: '复核柜面流程', owner: 'teller1', dueDate: inDays(30).slice(0, 10) } },
    'POST /api/v1/complaints/:id/attachments': { file: { name: 'note.txt', type: 'text/plain', content: 'matrix probe' } },
    'POST /api/v1/merchants/:id/terminals': { body: { serial: 'MATRIX-POS-1', model: 'PAX A920', location: '前台', region: '110108' } },
    'GET /api/v1/merchants/:id/transactions': { query: 'from=2026-01-01&to=2026-01-31' },
    'GET /api/v1/customers/:id/suitability': { query: 'product=DEP-PAYROLL' },
    'POST /api/v1/offers/:id/outcome': { body: { outcome: 'declined' } }, // accepting is selling, refused here whoever asks
    // SH-PD's own customer: what is refused is the campaign
    'POST /api/v1/campaigns/:id/registrations': { body: { customerId: ownCustomer, sessionId: foreign.get('seminar-sessions') ?? 'none' } },
  });

  const bodyOf = (route: RouteEntry) => (route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
  const call = (client: Client | null, route: RouteEntry, url = fillPath(route.url, {}), body: unknown = bodyOf(route)) =>
    app.http.inject({
      method: route.method as 'GET',
      url,
      headers: { 'accept-language': 'en', ...(client?.token ? { authorization: `Bearer ${client.token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  /** A multipart form with one file in the field `file`, as an upload route reads it. */
  const upload = (client: Client, url: string, file: NonNullable<Input['file']>) => {
    const boundary = '----banklane-matrix';
    const payload = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n${file.content}\r\n--${boundary}--\r\n`);
    return app.http.inject({ method: 'POST', url, headers: { 'accept-language': 'en', authorization: `Bearer ${client.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  };
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
    const valid = validInput();
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
      const input = valid[routeName(route)];
      const url = fillPath(route.url, { ...Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k, String(v)])), [first]: id }) + (input?.query ? `?${input.query}` : '');
      const body = input && 'body' in input ? input.body : route.body && route.method !== 'GET' ? sample(route.body, resolve) : bodyOf(route);
      const r = input?.file ? await upload(outsider, url, input.file) : await call(outsider, route, url, body);
      if (r.statusCode === 403 || r.statusCode === 404) covered.push(`${routeName(route)} → ${r.statusCode}${r.statusCode === 403 ? ` ${typeOf(r)}` : ''}`);
      else if (r.statusCode < 300 || r.statusCode >= 500) wrong.push(`${routeName(route)}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      else notCovered.push(`${routeName(route)} (refused earlier: ${r.statusCode} ${typeOf(r)})`);
    }
    console.log(`route matrix: branch scope — ${covered.length} routes refused SH-PD on a BJ-HD entity:\n  ${covered.join('\n  ')}\nnot decided by this run (${notCovered.length}):\n  ${notCovered.join('\n  ')}`);
    assert.deepEqual(wrong, []);
    assert.deepEqual(notCovered, [], 'every route that names a branch’s entity is tried on one of BJ-HD and refused there');
    assert.ok(covered.length >= 40, `only ${covered.length} routes checked for branch scope`);
  });
});
