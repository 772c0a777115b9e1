import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { PREPARED } from '../src/platform/db/database.ts';
import { anonymous, loginAs, problem } from './support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from './support/test-app.ts';

await describeEachDatabase('HTTP platform', (kind) => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp(kind);
  });
  after(async () => app?.stop());

  it('answers liveness, readiness and metrics', async () => {
    const health = await app.http.inject({ url: '/healthz' });
    assert.equal(health.statusCode, 200);
    assert.deepEqual(health.json(), { status: 'ok' });
    const ready = await app.http.inject({ url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().database, kind);
    await app.http.inject({ url: '/api/v1/me' });
    const metrics = await app.http.inject({ url: '/metrics' });
    assert.equal(metrics.statusCode, 200);
    assert.match(metrics.body, /banklane_http_requests_total\{method="GET",route="\/api\/v1\/me",status="401"\} 1/);
    assert.match(metrics.body, /banklane_http_request_duration_seconds_bucket/);
    assert.match(metrics.body, new RegExp(`banklane_db_pool_connections\\{state="total",database="${kind}"\\}`));
    assert.match(metrics.body, /banklane_process_cpu_user_seconds_total/);
  });

  it('describes every API route in OpenAPI 3.1 and serves the interactive reference', async () => {
    const response = await app.http.inject({ url: '/api/v1/openapi.json' });
    assert.equal(response.statusCode, 200);
    const spec = response.json();
    assert.equal(spec.openapi, '3.1.0');
    for (const path of ['/api/v1/auth/login', '/api/v1/users', '/api/v1/users/{id}', '/api/v1/units', '/api/v1/audit', '/api/v1/audit/verify', '/api/v1/calendars/{region}/{year}']) {
      assert.ok(spec.paths[path], `OpenAPI lacks ${path}`);
    }
    const createUser = spec.paths['/api/v1/users'].post;
    assert.ok(createUser.requestBody.content['application/json'].schema, 'request body schema');
    assert.ok(createUser.responses['201'], 'created response');
    const docs = await app.http.inject({ url: '/docs/' });
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /swagger/i);
  });

  it('refuses unauthenticated API calls with 401 problem details, in the caller\'s language', async () => {
    const en = problem(await anonymous(app.http).get('/api/v1/users'));
    assert.equal(en.status, 401);
    assert.match(en.detail, /Sign in/);
    const zh = problem(await anonymous(app.http, 'zh-CN,zh;q=0.9').get('/api/v1/users'));
    assert.equal(zh.title, '需要登录');
    const badToken = problem(await app.http.inject({ url: '/api/v1/me', headers: { authorization: 'Bearer not-a-token' } }));
    assert.equal(badToken.status, 401);
  });

  it('names each invalid field of a request body, unknown fields included', async () => {
    const admin = await loginAs(app.http, 'admin');
    const response = await admin.post('/api/v1/users', { username: 'x', displayName: '', unitId: 7, roles: 'teller', extra: true });
    const body = problem(response);
    assert.equal(body.status, 400);
    const fields = (body.errors ?? []).map((e) => e.field).sort();
    for (const field of ['/username', '/displayName', '/unitId', '/roles', '/password', '/extra']) {
      assert.ok(fields.includes(field), `errors should name ${field}: ${JSON.stringify(body.errors)}`);
    }
  });

  it('answers malformed JSON, a wrong content type, a too-large body and an unknown path with problem details', async () => {
    const admin = await loginAs(app.http, 'admin');
    const auth = { authorization: `Bearer ${admin.token}` };
    const malformed = await app.http.inject({ method: 'POST', url: '/api/v1/units', headers: { ...auth, 'content-type': 'application/json' }, payload: '{"code": ' });
    assert.equal(problem(malformed).status, 400);
    const xml = await app.http.inject({ method: 'POST', url: '/api/v1/units', headers: { ...auth, 'content-type': 'application/xml' }, payload: '<unit/>' });
    assert.equal(problem(xml).status, 415);
    const huge = await app.http.inject({ method: 'POST', url: '/api/v1/units', headers: { ...auth, 'content-type': 'application/json' }, payload: JSON.stringify({ code: 'x'.repeat(2 * 1024 * 1024) }) });
    assert.equal(problem(huge).status, 413);
    const missing = await admin.get('/api/v1/no-such-thing');
    assert.equal(problem(missing).status, 404);
    const badQuery = problem(await admin.get('/api/v1/users?limit=abc'));
    assert.equal(badQuery.status, 400);
    assert.ok(badQuery.errors?.some((e) => e.field === 'querystring:/limit'));
  });

  it('sends security headers', async () => {
    const response = await app.http.inject({ url: '/healthz' });
    assert.match(String(response.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.ok(response.headers['strict-transport-security']);
    assert.equal(response.headers['x-frame-options'], 'SAMEORIGIN');
  });

  it('runs a statement marked PREPARED as a prepared statement on PostgreSQL, and as is on PGlite', async () => {
    const { db } = app.deps;
    // one connection for the whole check: prepared statements belong to a connection
    const seen = await db.connection().execute(async (conn) => {
      const answers: number[] = [];
      for (const n of [1, 2, 3]) answers.push((await sql<{ n: number }>`${PREPARED}select ${n}::int + 1 as n`.execute(conn)).rows[0]!.n);
      const prepared = kind === 'postgres' ? (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(conn)).rows.map((r) => r.statement) : [];
      return { answers, prepared };
    });
    assert.deepEqual(seen.answers, [2, 3, 4], 'each run takes its own parameters');
    if (kind === 'postgres') assert.equal(seen.prepared.filter((s) => s.includes('::int + 1 as n')).length, 1, 'prepared once, reused');
  });
});
