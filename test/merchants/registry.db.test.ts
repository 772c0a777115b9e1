import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { application, register, upload, uscc } from './support.ts';

await describeEachDatabase('Merchant registry and the risk list', (kind) => {
  let app: TestApp;
  let manager: Client;
  let risk: Client;
  before(async () => {
    app = await startTestApp(kind);
    manager = await loginAs(app.http, 'merchant');
    risk = await loginAs(app.http, 'risk');
  });
  after(async () => app?.stop());

  it('registers an applying merchant: a merchant code, the account and people masked, audited without clear personal data', async () => {
    const m = await register(manager, 1);
    assert.match(m.code, /^MCH\d{6}$/);
    assert.deepEqual([m.status, m.riskRating, m.unitCode, m.kind, m.tier], ['applying', null, 'BJ', 'store', 'standard']);
    assert.equal(m.settlementAccount, '622202*********0001');
    assert.equal(m.contactPhone, '138****5678');
    const view = (await manager.get(`/api/v1/merchants/${m.code}`)).json();
    assert.equal(view.merchant.id, m.id, 'found by its merchant code too');
    assert.deepEqual(view.people.map((p: { role: string; name: string; idNumber: string; share: number | null }) => [p.role, p.name, p.idNumber.replace(/\d{4}$/, '____'), p.share]), [
      ['legal_representative', '刘*', '110108********____', null],
      ['beneficial_owner', '陈*', '110108********____', 40],
    ]);
    assert.deepEqual(view.riskListHits, []);
    const auditor = await loginAs(app.http, 'auditor');
    const entry = (await auditor.get(`/api/v1/audit?action=merchant.create&entityId=${m.id}`)).json().items[0];
    assert.equal(entry.actorName, 'merchant');
    assert.doesNotMatch(JSON.stringify(entry), /6222020200000000001|13812345678/, 'the audit trail holds the account and phone masked only');
  });

  it('refuses bad applications naming each field, and a second registration of one company', async () => {
    const bad = problem(await manager.post('/api/v1/merchants', application(2, { uscc: '91110108MA0000029X', mcc: '54', legalRepresentative: { name: '刘强', idType: 'resident_id', idNumber: '110108198001010010' } })));
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.errors?.map((e) => e.field).sort(), ['/mcc']);
    const checks = problem(await manager.post('/api/v1/merchants', application(2, { uscc: '91110108MA0000029X', legalRepresentative: { name: '刘强', idType: 'resident_id', idNumber: '110108198001010010' }, beneficialOwners: [{ name: '甲', idType: 'passport', idNumber: 'E12345678', share: 60 }, { name: '乙', idType: 'passport', idNumber: 'E12345679', share: 50 }] })));
    assert.deepEqual(checks.errors?.map((e) => e.field).sort(), ['/beneficialOwners', '/legalRepresentative/idNumber', '/uscc']);
    await register(manager, 3);
    const again = problem(await manager.post('/api/v1/merchants', application(3, { name: '另一个名字' })));
    assert.equal(again.status, 409);
    assert.equal(problem(await manager.post('/api/v1/merchants', { ...application(4), extra: 1 })).errors?.[0]?.field, '/extra');
  });

  it('keeps merchants within branch scope: a branch sees its own, not its region’s; a teller none', async () => {
    const region = await register(manager, 5);
    const branchManager = await loginAs(app.http, 'branchmgr');
    assert.equal(problem(await branchManager.get(`/api/v1/merchants/${region.id}`)).status, 403);
    assert.equal((await branchManager.get('/api/v1/merchants')).json().items.some((m: { id: string }) => m.id === region.id), false);
    const inHaidian = await register(manager, 6, { unitCode: 'BJ-HD' });
    assert.equal((await branchManager.get(`/api/v1/merchants/${inHaidian.id}`)).statusCode, 200, 'a merchant of the branch itself');
    assert.equal(problem(await manager.post('/api/v1/merchants', application(7, { unitCode: 'SH-PD' }))).status, 403, 'not for a branch outside the manager’s region');
    const teller = await loginAs(app.http, 'teller1');
    assert.equal(problem(await teller.get('/api/v1/merchants')).status, 403);
    const found = (await risk.get(`/api/v1/merchants?q=${encodeURIComponent('示范商户6')}`)).json();
    assert.deepEqual(found.items.map((m: { id: string }) => m.id), [inHaidian.id], 'the risk officer searches bank-wide by name');
    assert.equal((await risk.get(`/api/v1/merchants?q=${inHaidian.uscc}`)).json().total, 1, 'and by social credit code');
  });

  it('records terminals and agreement versions; a new version ends the one before', async () => {
    const m = await register(manager, 8);
    const terminal = await manager.post(`/api/v1/merchants/${m.id}/terminals`, { serial: 'pax-a920-0001', model: 'PAX A920', location: '收银台 1', region: '110108' });
    assert.equal(terminal.statusCode, 201, terminal.body);
    assert.equal(terminal.json().serial, 'PAX-A920-0001');
    assert.equal(problem(await manager.post(`/api/v1/merchants/${m.id}/terminals`, { serial: 'PAX-A920-0001', model: 'PAX A920', location: '收银台 2', region: '110108' })).status, 409);
    assert.equal((await manager.post(`/api/v1/merchants/${m.id}/agreements`, { feeRate: '0.38', startsOn: '2026-01-01' })).statusCode, 201);
    assert.equal(problem(await manager.post(`/api/v1/merchants/${m.id}/agreements`, { feeRate: '0.35', startsOn: '2025-12-01' })).errors?.[0]?.field, '/startsOn');
    assert.equal(problem(await manager.post(`/api/v1/merchants/${m.id}/agreements`, { feeRate: 0.35, startsOn: '2026-07-01' })).errors?.[0]?.field, '/feeRate', 'a rate is exact text, never a float');
    assert.equal((await manager.post(`/api/v1/merchants/${m.id}/agreements`, { feeRate: '0.35', startsOn: '2026-07-01' })).statusCode, 201);
    const view = (await manager.get(`/api/v1/merchants/${m.id}`)).json();
    assert.deepEqual(view.agreements.map((a: { version: number; feeRate: string; startsOn: string; endsOn: string | null }) => [a.version, a.feeRate, a.startsOn, a.endsOn]), [[1, '0.3800', '2026-01-01', '2026-06-30'], [2, '0.3500', '2026-07-01', null]]);
    assert.deepEqual(view.terminals.map((t: { serial: string; status: string }) => [t.serial, t.status]), [['PAX-A920-0001', 'ordered']]);
  });

  it('screens merchants against the risk list by company, people and account; the list holds no clear values', async () => {
    const m = await register(manager, 9);
    const listed = await risk.post('/api/v1/risk-list', { entries: [
      { kind: 'id_number', value: application(9).legalRepresentative.idNumber, reason: '涉嫌套现', source: '银联风险信息共享' },
      { kind: 'account', value: application(9).settlementAccount, reason: '涉赌资金账户', source: '公安通报', listedOn: '2026-10-01' },
    ] });
    assert.equal(listed.statusCode, 200, listed.body);
    assert.deepEqual(listed.json(), { added: 2, alreadyListed: 0 });
    const view = (await manager.get(`/api/v1/merchants/${m.id}`)).json();
    assert.deepEqual(view.riskListHits.map((h: { matched: string; kind: string; reason: string }) => [h.matched, h.kind, h.reason]).sort(), [['legal_representative', 'id_number', '涉嫌套现'], ['settlement_account', 'account', '涉赌资金账户']]);
    assert.equal(view.riskListHits.find((h: { kind: string }) => h.kind === 'account').listedOn, '2026-10-01');
    // all or none: one bad entry refuses the batch; one listed already is counted
    const mixed = problem(await risk.post('/api/v1/risk-list', { entries: [{ kind: 'uscc', value: m.uscc, reason: '伪冒注册', source: '行内' }, { kind: 'uscc', value: '91110108MA0000099Z', reason: '校验码错误', source: '行内' }] }));
    assert.deepEqual(mixed.errors?.map((e) => e.field), ['/entries/1/value']);
    assert.deepEqual((await risk.post('/api/v1/risk-list', { entries: [{ kind: 'uscc', value: m.uscc, reason: '伪冒注册', source: '行内' }, { kind: 'account', value: application(9).settlementAccount, reason: '重复', source: '行内' }] })).json(), { added: 1, alreadyListed: 1 });
    const list = await risk.get('/api/v1/risk-list');
    assert.equal(list.json().total, 3);
    assert.doesNotMatch(list.body, new RegExp(application(9).settlementAccount), 'values masked');
    assert.equal(problem(await manager.get('/api/v1/risk-list')).status, 403, 'the list is for risk officers');
    assert.equal((await manager.get(`/api/v1/merchants/${m.id}`)).json().riskListHits.length, 3);
  });

  it('imports the risk list from a CSV file, all or none, each fault named by line and column', async () => {
    const file = (lines: string[]) => upload(app, risk, '/api/v1/risk-list/import', {}, { name: 'list.csv', content: lines.join('\n') });
    const before = (await risk.get('/api/v1/risk-list')).json().total;
    const bad = problem(await file(['kind,value,reason,source', `uscc,${uscc(901)},伪冒注册,银联`, 'passport,E1234567,涉诈,公安通报', `uscc,91110108MA0000099Z,校验码错误,行内`]));
    assert.deepEqual(bad.errors?.map((e) => e.field), ['/rows/3/kind']);
    const badValue = problem(await file(['kind,value,reason,source,listed_on', `uscc,${uscc(901)},伪冒注册,银联,2026-09-01`, 'uscc,91110108MA0000099Z,校验码错误,行内,']));
    assert.deepEqual(badValue.errors?.map((e) => e.field), ['/rows/3/value']);
    assert.equal((await risk.get('/api/v1/risk-list')).json().total, before, 'nothing of a refused file is listed');
    const good = await file(['kind,value,reason,source,listed_on', `uscc,${uscc(901)},伪冒注册,银联,2026-09-01`, `account,6222020200000000009,重复,行内,`]);
    assert.equal(good.statusCode, 200, good.body);
    assert.deepEqual(good.json(), { added: 1, alreadyListed: 1 }, 'the account was listed before');
    const merchantManager = await loginAs(app.http, 'merchant');
    assert.equal(problem(await upload(app, merchantManager, '/api/v1/risk-list/import', {}, { name: 'list.csv', content: 'kind,value,reason,source' })).status, 403);
  });
});
