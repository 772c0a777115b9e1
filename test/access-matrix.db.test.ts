import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, type Client } from './support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from './support/test-app.ts';

// Role × action × own/other branch, written out by hand from the role definitions in the docs
// (docs/ARCHITECTURE.md, "Roles and scope"). `own` targets sit in BJ-HD (under region BJ);
// `other` targets in SH-PD. Head-office roles reach both.
type Action =
  | 'readUserOwn' | 'readUserOther' | 'renameUnitOwn' | 'readUnitOther' | 'readAudit'
  | 'revealOwn' | 'revealOther' | 'putCalendar' | 'createRole' | 'createUserOwn' | 'createUserOther'
  | 'registerComplaint' | 'readComplaints' | 'approveExtensions' | 'configureComplaints';

const EXPECTED: Record<string, Record<Action, number>> = {
  //            readUserOwn readUserOther renameUnitOwn readUnitOther readAudit revealOwn revealOther putCalendar createRole createUserOwn createUserOther registerComplaint readComplaints approveExtensions configureComplaints
  admin:      row(200, 200, 200, 200, 200, 200, 200, 200, 201, 201, 201, 201, 200, 200, 200),
  ops:        row(200, 200, 403, 200, 403, 403, 403, 200, 403, 403, 403, 201, 200, 200, 200),
  branchmgr:  row(200, 403, 403, 403, 403, 200, 403, 403, 403, 403, 403, 201, 200, 200, 403),
  teller1:    row(200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 201, 403, 403, 403),
  supervisor: row(200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 201, 200, 200, 403),
  complaints: row(200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 201, 200, 403, 403),
  merchant:   row(403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
  risk:       row(403, 403, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
  exec:       row(200, 200, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403),
  auditor:    row(200, 200, 403, 200, 200, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403),
};

function row(...s: number[]): Record<Action, number> {
  const keys: Action[] = ['readUserOwn', 'readUserOther', 'renameUnitOwn', 'readUnitOther', 'readAudit', 'revealOwn', 'revealOther', 'putCalendar', 'createRole', 'createUserOwn', 'createUserOther', 'registerComplaint', 'readComplaints', 'approveExtensions', 'configureComplaints'];
  return Object.fromEntries(keys.map((k, i) => [k, s[i]!])) as Record<Action, number>;
}

await describeEachDatabase('Access matrix', (kind) => {
  let app: TestApp;
  let ids: { tellerOwn: string; tellerOther: string; unitOwn: string; unitOther: string };
  before(async () => {
    app = await startTestApp(kind);
    const admin = await loginAs(app.http, 'admin');
    const users = (await admin.get('/api/v1/users?limit=100')).json().items as { id: string; username: string }[];
    const units = (await admin.get('/api/v1/units')).json().items as { id: string; code: string }[];
    ids = {
      tellerOwn: users.find((u) => u.username === 'teller1')!.id,
      tellerOther: users.find((u) => u.username === 'teller2')!.id,
      unitOwn: units.find((u) => u.code === 'BJ-HD')!.id,
      unitOther: units.find((u) => u.code === 'SH-PD')!.id,
    };
  });
  after(async () => app?.stop());

  let serial = 0;
  const actions: Record<Action, (c: Client) => Promise<number>> = {
    readUserOwn: async (c) => (await c.get(`/api/v1/users/${ids.tellerOwn}`)).statusCode,
    readUserOther: async (c) => (await c.get(`/api/v1/users/${ids.tellerOther}`)).statusCode,
    renameUnitOwn: async (c) => (await c.patch(`/api/v1/units/${ids.unitOwn}`, { nameEn: `Haidian ${serial++}` })).statusCode,
    readUnitOther: async (c) => (await c.get(`/api/v1/units/${ids.unitOther}`)).statusCode,
    readAudit: async (c) => (await c.get('/api/v1/audit?limit=1')).statusCode,
    revealOwn: async (c) => (await c.post(`/api/v1/users/${ids.tellerOwn}/reveal`, { fields: ['phone'], reason: 'customer callback' })).statusCode,
    revealOther: async (c) => (await c.post(`/api/v1/users/${ids.tellerOther}/reveal`, { fields: ['phone'], reason: 'customer callback' })).statusCode,
    putCalendar: async (c) => (await c.put('/api/v1/calendars/TEST/2030', { holidays: [], makeUpWorkdays: [] })).statusCode,
    createRole: async (c) => (await c.post('/api/v1/roles', { key: `r_${serial++}`, nameZh: '测试', nameEn: 'Test', scope: 'unit', permissions: ['org.unit.read'] })).statusCode,
    createUserOwn: async (c) => (await c.post('/api/v1/users', newUser(ids.unitOwn))).statusCode,
    createUserOther: async (c) => (await c.post('/api/v1/users', newUser(ids.unitOther))).statusCode,
    registerComplaint: async (c) => (await c.post('/api/v1/complaints', { channel: 'counter', complainant: { name: '矩阵', phone: '13500000000' }, subject: { type: 'none' }, description: '权限矩阵测试投诉', request: '无具体要求' })).statusCode,
    readComplaints: async (c) => (await c.get('/api/v1/complaints')).statusCode,
    approveExtensions: async (c) => (await c.get('/api/v1/complaint-extensions')).statusCode,
    configureComplaints: async (c) => (await c.put('/api/v1/complaint-setup/rules', (await c.get('/api/v1/complaint-setup')).json().rules)).statusCode,
  };
  const newUser = (unitId: string) => ({ username: `matrix${serial++}`, displayName: 'Matrix', password: 'Matrix-pass-1', unitId, roles: ['teller'] });

  for (const [username, expected] of Object.entries(EXPECTED)) {
    it(`${username}: every action answers as the role allows`, async () => {
      const client = await loginAs(app.http, username);
      const actual: Record<string, number> = {};
      for (const action of Object.keys(expected) as Action[]) actual[action] = await actions[action](client);
      assert.deepEqual(actual, expected);
    });
  }

  it('lists only the users within a unit-scoped reader\'s reach', async () => {
    const teller = await loginAs(app.http, 'teller1');
    const seen = (await teller.get('/api/v1/users?limit=500')).json().items.map((u: { unitCode: string }) => u.unitCode);
    assert.ok(seen.length >= 3);
    assert.ok(seen.every((code: string) => code === 'BJ-HD'), `teller1 saw ${seen.join(',')}`);
    const units = (await teller.get('/api/v1/units')).json().items.map((u: { code: string }) => u.code);
    assert.deepEqual(units, ['BJ-HD']);
    const region = await loginAs(app.http, 'complaints');
    const regionUnits = (await region.get('/api/v1/units')).json().items.map((u: { code: string }) => u.code).sort();
    assert.deepEqual(regionUnits, ['BJ', 'BJ-CY', 'BJ-HD']);
  });

  it('does not let anyone grant more than they hold', async () => {
    const admin = await loginAs(app.http, 'admin');
    // a branch-level user manager: may manage users of their branch, nothing else
    const created = await admin.post('/api/v1/roles', { key: 'branch_user_admin', nameZh: '网点用户管理员', nameEn: 'Branch user admin', scope: 'unit', permissions: ['org.user.read', 'org.user.write', 'org.unit.read'] });
    assert.equal(created.statusCode, 201);
    const made = await admin.post('/api/v1/users', { username: 'hd-useradmin', displayName: 'HD user admin', password: 'Useradmin-1', unitId: ids.unitOwn, roles: ['branch_user_admin'] });
    assert.equal(made.statusCode, 201);
    const branchAdmin = await loginAs(app.http, 'hd-useradmin', 'Useradmin-1');
    const escalate = await branchAdmin.post('/api/v1/users', { ...newUser(ids.unitOwn), roles: ['admin'] });
    assert.equal(escalate.statusCode, 403);
    const ownBranch = await branchAdmin.post('/api/v1/users', { ...newUser(ids.unitOwn), roles: ['branch_user_admin'] });
    assert.equal(ownBranch.statusCode, 201);
    const otherBranch = await branchAdmin.post('/api/v1/users', { ...newUser(ids.unitOther), roles: [] });
    assert.equal(otherBranch.statusCode, 403);
    const self = made.json();
    const promote = await branchAdmin.patch(`/api/v1/users/${self.id}`, { version: self.version, roles: ['branch_user_admin', 'auditor'] });
    assert.equal(promote.statusCode, 403);
  });
});
