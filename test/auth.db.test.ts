import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { anonymous, loginAs, problem } from './support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from './support/test-app.ts';

await describeEachDatabase('Authentication', (kind) => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp(kind, { loginMaxFailures: 3, loginFailureDelayMs: 40 });
  });
  after(async () => app?.stop());

  const attempt = (username: string, password: string, ip = '10.9.9.9') =>
    app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: ip });

  it('signs a demo user in and tells them who they are', async () => {
    const response = await attempt('teller1', 'banklane-demo');
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.user.username, 'teller1');
    assert.deepEqual(body.user.roles, ['teller']);
    assert.equal(body.user.unit.code, 'BJ-HD');
    assert.equal(body.user.scope, 'unit');
    assert.ok(!body.user.permissions.includes('org.user.write'));
    const me = await app.http.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${body.token}` } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().unit.nameZh, '北京海淀支行');
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const unknown = problem(await attempt('nobody-here', 'whatever-1234', '10.1.1.1'));
    const wrong = problem(await attempt('teller2', 'wrong-password-1', '10.1.1.2'));
    assert.equal(unknown.status, 401);
    assert.deepEqual({ ...unknown, instance: null }, { ...wrong, instance: null });
  });

  it('slows repeated failures down and then locks the user name out, whether or not it exists', async () => {
    const timings: number[] = [];
    for (let i = 0; i < 2; i++) {
      const started = performance.now();
      assert.equal((await attempt('supervisor', `bad-password-${i}`, `10.2.0.${i}`)).statusCode, 401);
      timings.push(performance.now() - started);
    }
    // base 40 ms doubling: the second failure waits at least 80 ms
    assert.ok(timings[1]! >= 80, `second failure took ${timings[1]} ms`);
    const third = await attempt('supervisor', 'bad-password-3', '10.2.0.3');
    assert.equal(problem(third).status, 429);
    assert.ok(Number(third.headers['retry-after']) > 0);
    // locked: even the right password is refused until the lock ends
    assert.equal((await attempt('supervisor', 'banklane-demo', '10.2.0.4')).statusCode, 429);
    // an unknown name locks the same way, so the lock-out reveals nothing
    for (let i = 0; i < 3; i++) await attempt('ghost-user', `x-password-${i}`, `10.3.0.${i}`);
    assert.equal((await attempt('ghost-user', 'x-password-9', '10.3.0.9')).statusCode, 429);
  });

  it('locks out an address that tries many user names', async () => {
    const local = await startTestApp(kind, { loginMaxFailuresPerAddress: 4, loginFailureDelayMs: 0 });
    try {
      for (let i = 0; i < 4; i++) {
        await local.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: `user${i}`, password: 'nope-nope-1' }, remoteAddress: '10.7.7.7' });
      }
      const fromSameAddress = await local.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'banklane-demo' }, remoteAddress: '10.7.7.7' });
      assert.equal(fromSameAddress.statusCode, 429);
      const fromElsewhere = await local.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'banklane-demo' }, remoteAddress: '10.7.7.8' });
      assert.equal(fromElsewhere.statusCode, 200);
    } finally {
      await local.stop();
    }
  });

  it('refuses a token after logout', async () => {
    const client = await loginAs(app.http, 'exec');
    assert.equal((await client.get('/api/v1/me')).statusCode, 200);
    assert.equal((await client.post('/api/v1/auth/logout')).statusCode, 204);
    assert.equal(problem(await client.get('/api/v1/me')).status, 401);
  });

  it('lets the browser use an httpOnly cookie, and requires the CSRF token for changes', async () => {
    const login = await attempt('admin', 'banklane-demo', '10.4.4.4');
    const cookies = Object.fromEntries(login.cookies.map((c) => [c.name, c]));
    assert.equal(cookies.bl_session?.httpOnly, true);
    assert.equal(cookies.bl_session?.sameSite, 'Strict');
    assert.ok(cookies.bl_csrf && !cookies.bl_csrf.httpOnly);
    const cookie = `bl_session=${cookies.bl_session!.value}; bl_csrf=${cookies.bl_csrf!.value}`;
    const read = await app.http.inject({ url: '/api/v1/me', headers: { cookie } });
    assert.equal(read.statusCode, 200);
    const body = { code: 'CSRF-1', nameZh: '测试', nameEn: 'Test', kind: 'department', parentId: read.json().unit.id };
    const forged = await app.http.inject({ method: 'POST', url: '/api/v1/units', headers: { cookie, 'content-type': 'application/json' }, payload: body });
    assert.equal(problem(forged).status, 403);
    assert.equal(forged.json().type, 'urn:banklane:problem:csrf_failed');
    const genuine = await app.http.inject({ method: 'POST', url: '/api/v1/units', headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': cookies.bl_csrf!.value }, payload: body });
    assert.equal(genuine.statusCode, 201);
  });

  it('ends the sessions of a disabled user at once', async () => {
    const admin = await loginAs(app.http, 'admin');
    const victim = await loginAs(app.http, 'teller2');
    const users = (await admin.get('/api/v1/users?q=teller2')).json().items;
    const teller2 = users[0];
    const disabled = await admin.patch(`/api/v1/users/${teller2.id}`, { version: teller2.version, status: 'disabled' });
    assert.equal(disabled.statusCode, 200);
    assert.equal(problem(await victim.get('/api/v1/me')).status, 401);
    assert.equal((await attempt('teller2', 'banklane-demo', '10.5.5.5')).statusCode, 401);
  });

  it('answers in Chinese when asked', async () => {
    const response = await anonymous(app.http).request('POST', '/api/v1/auth/login', { username: 'admin', password: 'wrong-1234567' }, { 'accept-language': 'zh-CN' });
    assert.equal(problem(response).detail, '用户名或密码错误。');
  });
});
