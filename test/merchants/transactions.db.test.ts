import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { register, TXN_HEADER, txnLine, upload } from './support.ts';

await describeEachDatabase('Merchant transaction figures', (kind) => {
  let app: TestApp;
  let risk: Client;
  let a: { id: string; code: string };
  let b: { id: string; code: string };
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => new Date('2026-11-20T02:00:00Z'));
    risk = await loginAs(app.http, 'risk');
    const manager = await loginAs(app.http, 'merchant');
    a = await register(manager, 101);
    b = await register(manager, 102);
  });
  after(async () => app?.stop());

  const days = async (id: string) => (await risk.get(`/api/v1/merchants/${id}/transactions?from=2026-11-01&to=2026-11-30`)).json().items;
  const send = (csv: string, fields: Record<string, string> = {}, name = 'daily.csv') => upload(app, risk, '/api/v1/merchant-transactions', fields, { name, content: csv });

  it('imports a day file; the same file again changes nothing', async () => {
    const csv = [TXN_HEADER, txnLine(a.code, '2026-11-17'), txnLine(b.code, '2026-11-17', { count: 0, amount: '0', refunds: '0', max_amount: '0', declined: 0 }), txnLine(a.code, '2026-11-18', { amount: '41000.50', chargebacks: 2 })].join('\r\n');
    const first = await send(csv);
    assert.equal(first.statusCode, 201, first.body);
    const { importId: _, ...report } = first.json() as Record<string, unknown>;
    assert.deepEqual(report, { alreadyImported: false, rows: 3, accepted: 3, rejected: 0, replaced: 0, faults: [], faultsListed: 0, alerts: { opened: 0, repeated: 0 } });
    const again = await send(csv, {}, 'renamed.csv');
    assert.equal(again.statusCode, 200);
    assert.deepEqual([again.json().alreadyImported, again.json().importId], [true, first.json().importId]);
    const series = await days(a.id);
    assert.deepEqual(series.map((d: { day: string; amount: string; chargebacks: number }) => [d.day, d.amount, d.chargebacks]), [['2026-11-17', '36000.00', 0], ['2026-11-18', '41000.50', 2]]);
    assert.equal((await days(b.id))[0].count, 0);
  });

  it('refuses a file with bad rows whole, naming line and column of each fault; nothing is written', async () => {
    const csv = [
      TXN_HEADER,
      txnLine(a.code, '2026-11-19'),
      txnLine('MCH999999', '2026-11-19'),
      txnLine(b.code, '2026-11-31'),
      txnLine(b.code, '2026-11-19', { amount: '12.345', night_share: '1.5', count: -1 }),
      txnLine(b.code, '2026-11-25'),
      txnLine(a.code, '2026-11-19', { max_amount: '99999.00' }),
      `${a.code},2026-11-19,1`,
    ].join('\n');
    const refused = problem(await send(csv));
    assert.equal(refused.status, 400);
    assert.match(refused.detail, /6 of 7 rows are not valid; nothing was imported/);
    assert.deepEqual(refused.errors?.map((e) => e.field), ['/rows/8', '/rows/3/merchant', '/rows/4/day', '/rows/5/count', '/rows/5/amount', '/rows/5/night_share', '/rows/6/day', '/rows/7/max_amount']);
    assert.equal((await days(a.id)).some((d: { day: string }) => d.day === '2026-11-19'), false, 'not even the good row');
    // in Chinese too
    const zh = await app.http.inject({ method: 'POST', url: '/api/v1/merchant-transactions/rows', headers: { authorization: `Bearer ${risk.token}`, 'accept-language': 'zh-CN' }, payload: { rows: [{ merchant: 'MCH999999', day: '2026-11-19', count: '1', amount: '1.00', refunds: '0', chargebacks: '0', declined: '0', night_share: '0', cnp_share: '0', foreign_share: '0', max_amount: '1.00', near_limit_count: '0', outside_region_count: '0' }] } });
    assert.equal(problem(zh).errors?.[0]?.message, '没有商户“MCH999999”。');
  });

  it('imports the valid rows when asked, reporting the rest; a later file corrects a day', async () => {
    const csv = [TXN_HEADER, txnLine(a.code, '2026-11-19'), txnLine('MCH999999', '2026-11-19'), txnLine(a.code, '2026-11-19', { count: 1 })].join('\n');
    const partial = await send(csv, { acceptValid: 'true' });
    assert.equal(partial.statusCode, 201, partial.body);
    const r = partial.json();
    assert.deepEqual([r.rows, r.accepted, r.rejected], [3, 1, 2]);
    assert.deepEqual(r.faults.map((f: { line: number; column: string }) => [f.line, f.column]), [[3, 'merchant'], [4, 'day']], 'the second row for one merchant-day is refused, not merged');
    const corrected = await send([TXN_HEADER, txnLine(a.code, '2026-11-19', { amount: '50000.00' })].join('\n'));
    assert.equal(corrected.json().replaced, 1);
    assert.equal((await days(a.id)).find((d: { day: string }) => d.day === '2026-11-19').amount, '50000.00');
    // gzipped files are read as they are
    const gz = await upload(app, risk, '/api/v1/merchant-transactions', {}, { name: 'daily.csv.gz', content: gzipSync(Buffer.from([TXN_HEADER, txnLine(b.code, '2026-11-19')].join('\n'))) });
    assert.equal(gz.statusCode, 201, gz.body);
    assert.equal((await days(b.id)).some((d: { day: string }) => d.day === '2026-11-19'), true);
  });

  it('takes rows as JSON through the API under the same rules, and only from risk officers', async () => {
    const row = { merchant: b.code, day: '2026-11-16', count: '10', amount: '900.00', refunds: '0', chargebacks: '0', declined: '0', night_share: '0', cnp_share: '0', foreign_share: '0', max_amount: '200.00', near_limit_count: '0', outside_region_count: '0' };
    const sent = await risk.post('/api/v1/merchant-transactions/rows', { rows: [row] });
    assert.equal(sent.statusCode, 201, sent.body);
    assert.equal((await risk.post('/api/v1/merchant-transactions/rows', { rows: [row] })).json().alreadyImported, true);
    assert.equal(problem(await risk.post('/api/v1/merchant-transactions/rows', { rows: [{ ...row, count: 10 }] })).errors?.[0]?.field, '/rows/0/count');
    const manager = await loginAs(app.http, 'merchant');
    assert.equal(problem(await manager.post('/api/v1/merchant-transactions/rows', { rows: [row] })).status, 403);
    assert.equal(problem(await upload(app, manager, '/api/v1/merchant-transactions', {}, { name: 'x.csv', content: TXN_HEADER })).status, 403);
    assert.equal(problem(await send(TXN_HEADER)).errors?.[0]?.field, '/file', 'a file without rows');
    assert.equal(problem(await send('merchant,day\nx,y')).errors?.[0]?.field, '/rows/1');
  });
});
