import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from './support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from './support/test-app.ts';
import { DEMO_USERS } from '../src/platform/demo/demo-bank.ts';

await describeEachDatabase('Organisation, users and roles', (kind) => {
  let app: TestApp;
  let admin: Client;
  let unitId: (code: string) => string;
  before(async () => {
    app = await startTestApp(kind);
    admin = await loginAs(app.http, 'admin');
    const units = (await admin.get('/api/v1/units')).json().items as { id: string; code: string }[];
    unitId = (code) => units.find((u) => u.code === code)!.id;
  });
  after(async () => app?.stop());

  it('seeds the demo bank: a head office, two regions, four branches, twelve logins', async () => {
    const units = (await admin.get('/api/v1/units')).json().items;
    const kinds = units.map((u: { kind: string }) => u.kind);
    assert.equal(kinds.filter((k: string) => k === 'head_office').length, 1);
    assert.equal(kinds.filter((k: string) => k === 'region').length, 2);
    assert.ok(kinds.filter((k: string) => k === 'branch').length >= 4);
    const users = (await admin.get('/api/v1/users?limit=100')).json();
    assert.equal(users.total, DEMO_USERS.length);
    const roles = (await admin.get('/api/v1/roles')).json().items.map((r: { key: string }) => r.key);
    for (const role of ['admin', 'ops_manager', 'branch_manager', 'teller', 'supervisor', 'complaint_handler', 'merchant_manager', 'risk_officer', 'executive', 'auditor']) {
      assert.ok(roles.includes(role), role);
    }
  });

  it('builds the unit tree under the rules: one head office, branches under regions', async () => {
    const created = await admin.post('/api/v1/units', { code: 'BJ-XC', nameZh: '北京西城支行', nameEn: 'Beijing Xicheng Sub-branch', kind: 'branch', parentId: unitId('BJ') });
    assert.equal(created.statusCode, 201);
    const unit = created.json();
    assert.ok(unit.path.startsWith((await admin.get(`/api/v1/units/${unitId('BJ')}`)).json().path));
    assert.equal(unit.region, 'CN');
    const secondRoot = problem(await admin.post('/api/v1/units', { code: 'HO2', nameZh: '总行二', nameEn: 'HO 2', kind: 'head_office', parentId: null }));
    assert.equal(secondRoot.status, 400);
    const wrongPlace = problem(await admin.post('/api/v1/units', { code: 'R9', nameZh: '分行', nameEn: 'Region', kind: 'region', parentId: unitId('BJ-HD') }));
    assert.equal(wrongPlace.errors?.[0]?.field, '/kind');
    const duplicate = problem(await admin.post('/api/v1/units', { code: 'BJ-XC', nameZh: '重复', nameEn: 'Dup', kind: 'branch', parentId: unitId('BJ') }));
    assert.equal(duplicate.status, 409);
    const noParent = problem(await admin.post('/api/v1/units', { code: 'X1', nameZh: '无', nameEn: 'None', kind: 'branch', parentId: 'no-such-unit' }));
    assert.equal(noParent.errors?.[0]?.field, '/parentId');
  });

  it('keeps a unit active while active users work there, then deactivates it', async () => {
    const blocked = problem(await admin.patch(`/api/v1/units/${unitId('BJ-HD')}`, { active: false }));
    assert.equal(blocked.status, 409);
    const empty = (await admin.post('/api/v1/units', { code: 'EMPTY-1', nameZh: '空网点', nameEn: 'Empty', kind: 'branch', parentId: unitId('SH') })).json();
    const done = await admin.patch(`/api/v1/units/${empty.id}`, { active: false });
    assert.equal(done.json().active, false);
    const intoInactive = problem(await admin.post('/api/v1/users', { username: 'nowhere', displayName: 'x', password: 'Nowhere-pass-1', unitId: empty.id, roles: [] }));
    assert.equal(intoInactive.errors?.[0]?.field, '/unitId');
  });

  it('creates, finds, changes and disables users, with optimistic locking', async () => {
    const weak = problem(await admin.post('/api/v1/users', { username: 'newbie', displayName: '新员工', password: 'short', unitId: unitId('BJ-CY'), roles: ['teller'] }));
    assert.equal(weak.errors?.[0]?.field, '/password');
    const created = await admin.post('/api/v1/users', { username: 'Newbie', displayName: '新员工', password: 'Newbie-pass-1', unitId: unitId('BJ-CY'), roles: ['teller'], phone: '13700001111' });
    assert.equal(created.statusCode, 201);
    const user = created.json();
    assert.equal(user.username, 'newbie');
    assert.equal(user.phone, '137****1111');
    assert.equal(user.unitCode, 'BJ-CY');
    const found = (await admin.get('/api/v1/users?q=新员&role=teller')).json();
    assert.deepEqual(found.items.map((u: { username: string }) => u.username), ['newbie']);
    const byUnit = (await admin.get(`/api/v1/users?unitId=${unitId('BJ-CY')}`)).json();
    assert.equal(byUnit.total, 1);

    const moved = await admin.patch(`/api/v1/users/${user.id}`, { version: user.version, unitId: unitId('BJ-HD'), roles: ['teller', 'supervisor'] });
    assert.equal(moved.statusCode, 200);
    assert.deepEqual(moved.json().roles, ['supervisor', 'teller']);
    const stale = problem(await admin.patch(`/api/v1/users/${user.id}`, { version: user.version, displayName: 'late' }));
    assert.equal(stale.status, 409);

    const newbie = await loginAs(app.http, 'newbie', 'Newbie-pass-1');
    assert.equal((await newbie.get('/api/v1/me')).json().unit.code, 'BJ-HD');
    const reset = await admin.post(`/api/v1/users/${user.id}/password`, { password: 'Another-pass-2' });
    assert.equal(reset.statusCode, 204);
    assert.equal((await newbie.get('/api/v1/me')).statusCode, 401, 'a password reset ends the sessions');
    await loginAs(app.http, 'newbie', 'Another-pass-2');

    const me = (await admin.get('/api/v1/me')).json();
    const self = problem(await admin.patch(`/api/v1/users/${me.id}`, { version: 1, status: 'disabled' }));
    assert.equal(self.errors?.[0]?.field, '/status');
  });

  it('reveals a masked phone only with a reason, and audits it', async () => {
    const users = (await admin.get('/api/v1/users?q=teller1')).json().items;
    const teller = users[0];
    assert.equal(teller.phone, '138****0004');
    const noReason = problem(await admin.post(`/api/v1/users/${teller.id}/reveal`, { fields: ['phone'] }));
    assert.equal(noReason.errors?.[0]?.field, '/reason');
    const revealed = await admin.post(`/api/v1/users/${teller.id}/reveal`, { fields: ['phone'], reason: '核实身份 identity check' });
    assert.deepEqual(revealed.json(), { phone: '13800000004' });
    const auditor = await loginAs(app.http, 'auditor');
    const entry = (await auditor.get(`/api/v1/audit?action=pii.reveal&entityId=${teller.id}`)).json().items[0];
    assert.equal(entry.after.reason, '核实身份 identity check');
    assert.deepEqual(entry.after.fields, ['phone']);
  });

  it('lets admins define roles but keeps built-in roles as shipped', async () => {
    const unknown = problem(await admin.post('/api/v1/roles', { key: 'odd', nameZh: '怪', nameEn: 'Odd', scope: 'unit', permissions: ['org.unit.read', 'fly.to.moon'] }));
    assert.equal(unknown.errors?.[0]?.field, '/permissions/1');
    const created = await admin.post('/api/v1/roles', { key: 'calendar_keeper', nameZh: '日历维护员', nameEn: 'Calendar keeper', scope: 'global', permissions: ['calendar.read', 'calendar.write'] });
    assert.equal(created.statusCode, 201);
    const changed = await admin.patch('/api/v1/roles/calendar_keeper', { permissions: ['calendar.read'] });
    assert.deepEqual(changed.json().permissions, ['calendar.read']);
    const builtin = problem(await admin.patch('/api/v1/roles/teller', { permissions: ['audit.read'] }));
    assert.equal(builtin.status, 409);
    const renamed = await admin.patch('/api/v1/roles/teller', { nameZh: '综合柜员' });
    assert.equal(renamed.json().nameZh, '综合柜员');
    const permissions = (await admin.get('/api/v1/permissions')).json().items;
    assert.ok(permissions.some((p: { key: string; nameZh: string }) => p.key === 'audit.read' && p.nameZh === '查阅审计日志'));
  });
});
