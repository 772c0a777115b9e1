import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { newCustomer } from './product-support.ts';
import { askCode, freshIp, lastCode, PortalCustomer, signInAs, tryCode } from './portal-support.ts';

// Customers sign in to the portal with the phone the bank holds and a code sent to it by SMS.
// Nothing in the answers tells whether a number is a customer's; codes, tries and requests are
// limited; the session is the customer's own cookie, apart from staff sessions, and short.

await describeEachDatabase('Portal sign-in', (kind) => {
  let app: TestApp;
  let rm: Client;
  let now = new Date('2026-12-01T02:00:00Z');
  const later = (minutes: number) => {
    now = new Date(now.getTime() + minutes * 60_000);
  };
  /** A new customer of the rm's branch; their phone. */
  const customerPhone = async () => {
    const id = await newCustomer(rm, '19860101', '登录客户');
    const phone = (await app.deps.db.selectFrom('customer').select('phone_sealed').where('id', '=', id).executeTakeFirstOrThrow()).phone_sealed!;
    return { id, phone: app.deps.vault.open(phone) };
  };

  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => now);
    rm = await loginAs(app.http, 'rm');
  });
  after(async () => app?.stop());

  it('sends a code to the phone on file and signs in with it: an HttpOnly customer cookie for the portal API only, audited', async () => {
    const ip = freshIp();
    const asked = await askCode(app.http, '139 1111 2222', ip); // 王小明, written with spaces
    assert.deepEqual([asked.statusCode, asked.json()], [202, { sent: true, minutes: 5 }]);
    const code = await lastCode(app.http, '13911112222');
    const stored = await app.deps.db.selectFrom('customer_portal_code').select(['code_hash', 'phone_digest']).execute();
    assert.ok(stored.length >= 1 && stored.every((c) => !c.code_hash.includes(code) && !c.phone_digest.includes('13911112222')), 'neither the code nor the phone is kept in clear');

    const signedIn = await tryCode(app.http, '13911112222', code, ip);
    assert.equal(signedIn.statusCode, 200, signedIn.body);
    assert.deepEqual(signedIn.json().customer, { name: '王**', phone: '139****2222' });
    const session = signedIn.cookies.find((c) => c.name === 'bl_customer')!;
    const csrf = signedIn.cookies.find((c) => c.name === 'bl_customer_csrf')!;
    assert.deepEqual([session.httpOnly, session.path, session.sameSite], [true, '/api/v1/portal', 'Strict']);
    assert.equal(csrf.httpOnly, undefined, 'the pages read the CSRF token');
    assert.equal(signedIn.cookies.some((c) => c.name === 'bl_session'), false, 'no staff session');

    const me = new PortalCustomer(app.http, session.value, csrf.value);
    assert.equal((await me.get('/api/v1/portal/me')).json().customer.name, '王**');
    // the code signs in once
    assert.equal(problem(await tryCode(app.http, '13911112222', code, ip)).status, 400);

    const auditor = await loginAs(app.http, 'auditor');
    const customerId = (await app.deps.db.selectFrom('customer').select('id').where('name', '=', '王小明').executeTakeFirstOrThrow()).id;
    const entries = (await auditor.get(`/api/v1/audit?entityType=customer&entityId=${customerId}&limit=50`)).json().items as { action: string; actorName: string; ip: string | null }[];
    const signIn = entries.find((e) => e.action === 'customer.portal_sign_in');
    assert.deepEqual([signIn?.actorName, signIn?.ip], ['customer', ip]);
  });

  it('answers a number that is no customer’s exactly as a customer’s, for the code and for a wrong code', async () => {
    const { phone } = await customerPhone();
    const stranger = '13700001234';
    const [a, b] = [await askCode(app.http, phone, freshIp()), await askCode(app.http, stranger, freshIp())];
    assert.deepEqual([a.statusCode, a.body], [b.statusCode, b.body]);
    const [wa, wb] = [await tryCode(app.http, phone, '000000', freshIp()), await tryCode(app.http, stranger, '000000', freshIp())];
    assert.deepEqual([wa.statusCode, wa.json().detail, wa.json().errors], [wb.statusCode, wb.json().detail, wb.json().errors]);
    assert.equal(wa.statusCode, 400);
    // a corporate customer's number and a number two customers share sign in no one either
    const shared = await customerPhone();
    const twin = await newCustomer(rm, '19870202', '同号客户');
    await app.deps.db.updateTable('customer').set({ phone_digest: app.deps.vault.digest('phone', shared.phone) }).where('id', '=', twin).execute();
    const before = (await app.deps.db.selectFrom('notification').select('id').execute()).length;
    for (const number of ['13700001234', shared.phone]) assert.deepEqual((await askCode(app.http, number, freshIp())).json(), { sent: true, minutes: 5 });
    assert.equal((await app.deps.db.selectFrom('notification').select('id').execute()).length, before, 'no SMS for a stranger or a shared number');
  });

  it('refuses a wrong code, an expired one, and a code replaced by a newer one', async () => {
    const { phone } = await customerPhone();
    const ip = freshIp();
    await askCode(app.http, phone, ip);
    const first = await lastCode(app.http, phone);
    const wrong = problem(await tryCode(app.http, phone, first === '123456' ? '654321' : '123456', ip));
    assert.deepEqual([wrong.status, wrong.errors?.[0]?.field], [400, '/code']);
    later(1);
    await askCode(app.http, phone, ip);
    const second = await lastCode(app.http, phone);
    if (first !== second) assert.equal(problem(await tryCode(app.http, phone, first, ip)).status, 400, 'the older code no longer signs in');
    later(5.1);
    const expired = problem(await tryCode(app.http, phone, second, ip));
    assert.deepEqual([expired.status, expired.errors?.[0]?.message], [400, 'expired']);
  });

  it('locks a phone after five wrong codes — a customer’s or not — even against the right code, and says how long', async () => {
    const { phone } = await customerPhone();
    await askCode(app.http, phone, freshIp());
    const code = await lastCode(app.http, phone);
    const wrongCode = code === '000000' ? '111111' : '000000';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await tryCode(app.http, phone, wrongCode, freshIp())).statusCode);
    assert.deepEqual(statuses, [400, 400, 400, 400, 429]);
    const locked = await tryCode(app.http, phone, code, freshIp());
    assert.equal(problem(locked).status, 429, 'the right code no longer helps');
    assert.ok(Number(locked.headers['retry-after']) > 25 * 60);
    assert.equal((await askCode(app.http, phone, freshIp())).statusCode, 429, 'nor does a new code');
    const strangerStatuses: number[] = [];
    for (let i = 0; i < 5; i++) strangerStatuses.push((await tryCode(app.http, '13700009999', '000000', freshIp())).statusCode);
    assert.deepEqual(strangerStatuses, statuses);
    later(31);
    await askCode(app.http, phone, freshIp());
    assert.equal((await tryCode(app.http, phone, await lastCode(app.http, phone), freshIp())).statusCode, 200, 'after the lock a new code signs in');
  });

  it('limits codes per phone and per address', async () => {
    const { phone } = await customerPhone();
    const perPhone: number[] = [];
    for (let i = 0; i < 6; i++) perPhone.push((await askCode(app.http, phone, freshIp())).statusCode);
    assert.deepEqual(perPhone, [202, 202, 202, 202, 202, 429]);
    const ip = freshIp();
    const perAddress: number[] = [];
    for (let i = 0; i < 21; i++) perAddress.push((await askCode(app.http, `1370000${String(2000 + i)}`, ip)).statusCode);
    assert.deepEqual([perAddress.slice(0, 20).every((s) => s === 202), perAddress[20]], [true, 429]);
    const wrongFromOne = freshIp();
    const tries: number[] = [];
    for (let i = 0; i < 20; i++) tries.push((await tryCode(app.http, `1370000${String(3000 + i)}`, '000000', wrongFromOne)).statusCode);
    assert.deepEqual([tries.slice(0, 19).every((s) => s === 400), tries[19]], [true, 429], 'wrong codes over many phones from one address');
  });

  it('ends the session after 15 idle minutes and after two hours whatever, keeps it while used, and on sign-out', async () => {
    const { phone } = await customerPhone();
    const idle = await signInAs(app.http, phone);
    later(14);
    assert.equal((await idle.get('/api/v1/portal/me')).statusCode, 200);
    later(14);
    assert.equal((await idle.get('/api/v1/portal/me')).statusCode, 200, 'each request moves the idle end');
    later(16);
    assert.equal(problem(await idle.get('/api/v1/portal/me')).status, 401);

    const busy = await signInAs(app.http, phone);
    for (let i = 0; i < 8; i++) {
      later(14);
      assert.equal((await busy.get('/api/v1/portal/holdings')).statusCode, 200);
    }
    later(10); // 122 minutes after signing in
    assert.equal(problem(await busy.get('/api/v1/portal/holdings')).status, 401);

    const leaving = await signInAs(app.http, phone);
    assert.equal(problem(await leaving.request('POST', '/api/v1/portal/sign-out', {}, { csrf: false })).status, 403, 'sign-out carries the CSRF token');
    const out = await leaving.post('/api/v1/portal/sign-out');
    assert.equal(out.statusCode, 204);
    assert.ok(out.cookies.some((c) => c.name === 'bl_customer' && c.value === ''), 'the cookie is cleared');
    assert.equal(problem(await leaving.get('/api/v1/portal/me')).status, 401, 'the token is dead server-side too');
  });

  it('keeps customer and staff sessions apart, and checks CSRF on changes', async () => {
    const { phone } = await customerPhone();
    const me = await signInAs(app.http, phone);
    assert.equal(problem(await rm.get('/api/v1/portal/me')).status, 401, 'a staff token is not a customer session');
    const asStaff = await app.http.inject({ method: 'GET', url: '/api/v1/customers', cookies: { bl_customer: me.session } });
    assert.equal(problem(asStaff).status, 401, 'a customer cookie is not a staff session');
    const forged = await me.request('POST', '/api/v1/portal/risk-assessments', { questionnaireVersion: 1, answers: {} }, { csrf: false });
    assert.equal(problem(forged).status, 403);
    assert.equal(problem(await app.http.inject({ method: 'GET', url: '/api/v1/portal/me', cookies: { bl_customer: 'made-up-token-0000000000' } })).status, 401);
  });

  it('refuses bad input on its field', async () => {
    for (const [phone, status] of [['abc', 400], ['12345678', 400], ['010-6234-5678', 400], ['+86 139 1111 2222', 202]] as const) {
      const r = await askCode(app.http, phone, freshIp());
      assert.equal(r.statusCode, status, `${phone}: ${r.body}`);
      if (status === 400) assert.equal(problem(r).errors?.[0]?.field, '/phone');
    }
    for (const code of ['12345', '12345a', '1234567']) assert.equal(problem(await tryCode(app.http, '13911112222', code, freshIp())).errors?.[0]?.field, '/code');
    const extra = await app.http.inject({ method: 'POST', url: '/api/v1/portal/sign-in/code', payload: { phone: '13911112222', customerId: 'x' } });
    assert.equal(problem(extra).status, 400);
  });
});
