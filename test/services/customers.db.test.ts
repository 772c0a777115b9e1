import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, problem } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { residentId, WANG } from './support.ts';

await describeEachDatabase('Customers', (kind) => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp(kind);
  });
  after(async () => app?.stop());

  it('registers a person with a checked resident ID; lists and answers never show numbers whole', async () => {
    const teller = await loginAs(app.http, 'teller1');
    const idNumber = residentId('11010819880808123');
    const created = await teller.post('/api/v1/customers', { kind: 'individual', name: '赵敏', idType: 'resident_id', idNumber, idExpiry: '2036-01-01', phone: '13855556666', email: 'zhao.min@example.cn', segment: 'gold' });
    assert.equal(created.statusCode, 201, created.body);
    const c = created.json();
    assert.equal(c.name, '赵*');
    assert.equal(c.idNumber, `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    assert.equal(c.phone, '138****6666');
    assert.equal(c.unitCode, 'BJ-HD', 'registered at the teller’s own branch');
    assert.ok(!JSON.stringify((await teller.get('/api/v1/customers?name=赵')).json()).includes(idNumber), 'the list hides the number');
    const stored = await app.deps.db.selectFrom('customer').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(stored).includes(idNumber) && !JSON.stringify(stored).includes('13855556666'), 'numbers are sealed at rest');
    const audit = await app.deps.db.selectFrom('audit_log').select('after').where('action', '=', 'customer.create').where('entity_id', '=', c.id).executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(audit.after).includes('赵敏') && !JSON.stringify(audit.after).includes(idNumber), 'the audit trail holds the name and number masked');

    const typo = idNumber.slice(0, 17) + (idNumber.endsWith('1') ? '2' : '1');
    const bad = problem(await teller.post('/api/v1/customers', { kind: 'individual', name: '钱多', idType: 'resident_id', idNumber: typo }));
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.errors?.map((e) => e.field), ['/idNumber']);
    assert.match(bad.errors![0]!.message, /check digit/);
    assert.equal(problem(await teller.post('/api/v1/customers', { kind: 'individual', name: '赵敏', idType: 'resident_id', idNumber })).status, 409, 'one customer per document');
    assert.deepEqual(problem(await teller.post('/api/v1/customers', { kind: 'corporate', name: '某公司', idType: 'resident_id', idNumber })).errors?.map((e) => e.field), ['/idType']);
    assert.deepEqual(problem(await teller.post('/api/v1/customers', { kind: 'individual', name: '某人', idType: 'passport', idNumber: 'E12345678', segment: 'diamond' })).errors?.map((e) => e.field), ['/segment']);
  });

  it('finds a customer bank-wide by exact ID number or phone, by a keyed digest; a partial number finds nothing', async () => {
    const teller2 = await loginAs(app.http, 'teller2'); // Shanghai, 王小明 is a Beijing customer
    const byId = (await teller2.post('/api/v1/customers/search', { idNumber: WANG.idNumber })).json().items;
    assert.equal(byId.length, 1);
    assert.equal(byId[0].name, '王**');
    const byPhone = (await teller2.post('/api/v1/customers/search', { phone: `+86 ${WANG.phone}` })).json().items;
    assert.equal(byPhone[0]?.id, byId[0].id, 'spaces and +86 do not make another number');
    assert.equal((await teller2.post('/api/v1/customers/search', { idNumber: WANG.idNumber.slice(0, 10) })).json().items.length, 0);
    assert.equal(problem(await teller2.get(`/api/v1/customers/${byId[0].id}`)).status, 403, 'the record itself stays with its branches');
    assert.equal(problem(await teller2.post('/api/v1/customers/search', {})).status, 400);
  });

  it('reveals a number whole only to a role that may, for a reason, and audits it', async () => {
    const teller = await loginAs(app.http, 'teller1');
    const manager = await loginAs(app.http, 'branchmgr');
    const id = (await teller.post('/api/v1/customers/search', { idNumber: WANG.idNumber })).json().items[0].id;
    assert.equal(problem(await teller.post(`/api/v1/customers/${id}/reveal`, { fields: ['idNumber'], reason: 'to check' })).status, 403);
    const revealed = (await manager.post(`/api/v1/customers/${id}/reveal`, { fields: ['idNumber', 'phone'], reason: '客户要求核对预留信息' })).json();
    assert.deepEqual(revealed, { idNumber: WANG.idNumber, phone: WANG.phone });
    const audit = await app.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'pii.reveal').where('entity_id', '=', id).execute();
    assert.equal(audit.length, 1);
    assert.ok(!JSON.stringify(audit).includes(WANG.idNumber), 'the audit says what was revealed, not the value');
  });

  it('changes contact and tier with optimistic locking; risk flags only by risk officers, with a reason', async () => {
    const teller = await loginAs(app.http, 'teller1');
    const risk = await loginAs(app.http, 'risk');
    const c = (await teller.post('/api/v1/customers/search', { idNumber: WANG.idNumber })).json().items[0];
    const changed = await teller.patch(`/api/v1/customers/${c.id}`, { version: c.version, segment: 'platinum', consents: { marketing: false, sms: true, dataSharing: false } });
    assert.equal(changed.json().segment, 'platinum');
    assert.equal(problem(await teller.patch(`/api/v1/customers/${c.id}`, { version: c.version, segment: 'gold' })).status, 409);
    assert.equal(problem(await teller.put(`/api/v1/customers/${c.id}/risk-flags`, { version: c.version + 1, blacklisted: true, pep: false, reason: 'test' })).status, 403);
    const flagged = (await risk.put(`/api/v1/customers/${c.id}/risk-flags`, { version: c.version + 1, blacklisted: false, pep: true, reason: '任职公职人员' })).json();
    assert.equal(flagged.pep, true);
  });

  it('segments are configurable; one still held by customers cannot be dropped', async () => {
    const ops = await loginAs(app.http, 'ops');
    const segments = (await ops.get('/api/v1/customer-segments')).json().items;
    assert.deepEqual(segments.map((s: { nameZh: string }) => s.nameZh), ['普通', '金卡', '白金', '私行']);
    const dropped = await ops.put('/api/v1/customer-segments', { segments: segments.filter((s: { code: string }) => s.code !== 'private') });
    assert.equal(problem(dropped).status, 409, 'the demo bank has a private-banking customer');
    const renamed = await ops.put('/api/v1/customer-segments', { segments: [...segments, { code: 'youth', nameZh: '青年', nameEn: 'Youth', rank: 5 }] });
    assert.equal(renamed.json().items[1].code, 'youth');
  });
});
