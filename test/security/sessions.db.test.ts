import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { problem } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';

// What test/auth.db.test.ts does not already cover (it has: bearer token refused after logout,
// missing CSRF header refused, lock-out per name and per address, disabled users): session
// fixation, the cookie after logout, a wrong or borrowed CSRF token.

await describeEachDatabase('Sessions', (kind) => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp(kind);
  });
  after(async () => app?.stop());

  const login = (username: string, cookie?: string) =>
    app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'banklane-demo' }, headers: cookie ? { cookie } : {} });
  const cookiesOf = (r: LightMyRequestResponse) => Object.fromEntries(r.cookies.map((c) => [c.name, c.value]));
  const me = (cookie: string) => app.http.inject({ url: '/api/v1/me', headers: { cookie } });

  it('does not adopt a session cookie planted before login (session fixation)', async () => {
    const planted = 'f'.repeat(43);
    const r = await login('teller1', `bl_session=${planted}; bl_csrf=planted`);
    assert.equal(r.statusCode, 200);
    const issued = cookiesOf(r);
    assert.notEqual(issued.bl_session, planted);
    assert.notEqual(issued.bl_csrf, 'planted');
    assert.equal(problem(await me(`bl_session=${planted}`)).status, 401);
    // a real session of the attacker's, planted in the victim's browser, is not taken over by the victim's login
    const attacker = cookiesOf(await login('teller2'));
    const victim = await login('supervisor', `bl_session=${attacker.bl_session}`);
    assert.notEqual(cookiesOf(victim).bl_session, attacker.bl_session);
    assert.equal((await me(`bl_session=${attacker.bl_session}`)).json().username, 'teller2');
    assert.equal((await me(`bl_session=${cookiesOf(victim).bl_session}`)).json().username, 'supervisor');
  });

  it('refuses the session cookie after logout, and logout clears it', async () => {
    const issued = cookiesOf(await login('exec'));
    const cookie = `bl_session=${issued.bl_session}; bl_csrf=${issued.bl_csrf}`;
    assert.equal((await me(cookie)).statusCode, 200);
    const out = await app.http.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': issued.bl_csrf! } });
    assert.equal(out.statusCode, 204);
    const cleared = out.cookies.find((c) => c.name === 'bl_session');
    assert.ok(cleared && (cleared.value === '' || (cleared.expires && cleared.expires.getTime() <= Date.now())), 'the session cookie is cleared');
    assert.equal(problem(await me(cookie)).status, 401);
    // and as a bearer token too
    assert.equal(problem(await app.http.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${issued.bl_session}` } })).status, 401);
  });

  it('refuses a change made with a wrong CSRF token or with another session’s', async () => {
    const mine = cookiesOf(await login('admin'));
    const theirs = cookiesOf(await login('ops'));
    const cookie = `bl_session=${mine.bl_session}; bl_csrf=${mine.bl_csrf}`;
    const change = (csrf: string | undefined) =>
      app.http.inject({ method: 'PUT', url: '/api/v1/calendars/CSRF/2031', headers: { cookie, 'content-type': 'application/json', ...(csrf !== undefined ? { 'x-csrf-token': csrf } : {}) }, payload: { holidays: [], makeUpWorkdays: [] } });
    for (const csrf of [undefined, '', 'wrong-token', theirs.bl_csrf, mine.bl_session]) {
      const r = await change(csrf);
      assert.equal(problem(r).status, 403, `csrf ${String(csrf).slice(0, 8)}`);
      assert.equal(r.json().type, 'urn:banklane:problem:csrf_failed');
    }
    assert.equal((await app.deps.db.selectFrom('audit_log').select('seq').where('action', 'like', 'calendar%').where('entity_id', 'like', '%CSRF%').execute()).length, 0);
    assert.ok([200, 201].includes((await change(mine.bl_csrf)).statusCode));
  });
});
