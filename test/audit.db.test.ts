import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { loginAs, problem } from './support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from './support/test-app.ts';

await describeEachDatabase('Audit trail', (kind) => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp(kind);
  });
  after(async () => app?.stop());

  const count = async () => Number((await sql<{ n: string }>`select count(*) as n from audit_log`.execute(app.deps.db)).rows[0]!.n);

  it('records who changed what, from where, before and after — with personal data masked', async () => {
    const admin = await loginAs(app.http, 'admin');
    const units = (await admin.get('/api/v1/units')).json().items;
    const hd = units.find((u: { code: string }) => u.code === 'BJ-HD');
    const created = await admin.request('POST', '/api/v1/users', { username: 'audited1', displayName: '审计测试', password: 'Audited-pass-1', unitId: hd.id, roles: ['teller'], phone: '13912345678', email: 'audited@bank.cn' }, { 'x-forwarded-for': '1.2.3.4' });
    assert.equal(created.statusCode, 201);
    const id = created.json().id;
    const auditor = await loginAs(app.http, 'auditor');
    const entries = (await auditor.get(`/api/v1/audit?entityType=user&entityId=${id}`)).json().items;
    assert.equal(entries.length, 1);
    const entry = entries[0];
    assert.equal(entry.action, 'user.create');
    assert.equal(entry.actorName, 'admin');
    assert.equal(entry.unitId, hd.id);
    assert.ok(entry.ip);
    assert.equal(entry.after.phone, '139****5678');
    assert.notEqual(entry.after.email, 'audited@bank.cn');
    assert.equal(entry.after.password, undefined);
    assert.doesNotMatch(JSON.stringify(entry), /13912345678|Audited-pass-1/);

    const patched = await admin.patch(`/api/v1/users/${id}`, { version: 1, displayName: '审计测试二' });
    assert.equal(patched.statusCode, 200);
    const update = (await auditor.get(`/api/v1/audit?action=user.update&entityId=${id}`)).json().items[0];
    assert.equal(update.before.displayName, '审计测试');
    assert.equal(update.after.displayName, '审计测试二');
  });

  it('writes nothing when the change is refused', async () => {
    const admin = await loginAs(app.http, 'admin');
    const before = await count();
    const users = (await admin.get('/api/v1/users?q=audited1')).json().items;
    const stale = await admin.patch(`/api/v1/users/${users[0].id}`, { version: 1, displayName: 'stale write' });
    assert.equal(problem(stale).status, 409);
    const dup = await admin.post('/api/v1/users', { username: 'audited1', displayName: 'dup', password: 'Audited-pass-1', unitId: users[0].unitId, roles: [] });
    assert.equal(problem(dup).status, 409);
    assert.equal(await count(), before);
    const user = (await admin.get(`/api/v1/users/${users[0].id}`)).json();
    assert.equal(user.displayName, '审计测试二');
  });

  it('verifies the chain, and finds an altered, a removed and a forged entry', async () => {
    const auditor = await loginAs(app.http, 'auditor');
    const total = await count();
    const ok = (await auditor.get('/api/v1/audit/verify')).json();
    assert.deepEqual(ok, { ok: true, entries: total });

    await sql`update audit_log set after = '{"username":"someone-else"}' where seq = 3`.execute(app.deps.db);
    const altered = (await auditor.get('/api/v1/audit/verify')).json();
    assert.equal(altered.ok, false);
    assert.equal(altered.firstBroken, 3);
    assert.equal(altered.entries, 2);

    // rewriting the hash too is caught by the next entry's link
    const row = (await sql<{ hash: string }>`select hash from audit_log where seq = 4`.execute(app.deps.db)).rows[0]!;
    await sql`update audit_log set hash = ${'f'.repeat(64)} where seq = 3`.execute(app.deps.db);
    assert.equal((await auditor.get('/api/v1/audit/verify')).json().firstBroken, 3);
    assert.ok(row.hash);

    await sql`delete from audit_log where seq = 3`.execute(app.deps.db);
    const removed = (await auditor.get('/api/v1/audit/verify')).json();
    assert.equal(removed.ok, false);
    assert.equal(removed.firstBroken, 4);
  });

  it('filters by actor, action and period, newest first', async () => {
    const auditor = await loginAs(app.http, 'auditor');
    const logins = (await auditor.get('/api/v1/audit?action=auth.login&limit=500')).json();
    assert.ok(logins.total >= 3);
    assert.ok(logins.items.every((e: { action: string }) => e.action === 'auth.login'));
    const seqs = logins.items.map((e: { seq: number }) => e.seq);
    assert.deepEqual(seqs, [...seqs].sort((a: number, b: number) => b - a));
    const byAdmin = (await auditor.get('/api/v1/audit?actor=admin&limit=500')).json().items;
    assert.ok(byAdmin.length > 0 && byAdmin.every((e: { actorName: string }) => e.actorName === 'admin'));
    const future = (await auditor.get('/api/v1/audit?from=2099-01-01T00:00:00Z')).json();
    assert.equal(future.total, 0);
    const reversed = await auditor.get('/api/v1/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z');
    assert.equal(problem(reversed).status, 400);
  });
});
