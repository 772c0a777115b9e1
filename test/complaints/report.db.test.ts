import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';

const DAY = 86_400_000;
/** Saturday 2026-11-28, 10:00 in Beijing: "today" for the reports. */
const NOW = new Date('2026-11-28T10:00:00+08:00');
const PERIOD = 'from=2026-09-01&to=2026-11-30';

/** The end of a China day, as the clock stores a due date. */
const endOf = (date: string) => new Date(new Date(`${date}T00:00:00+08:00`).getTime() + DAY - 1);
const at = (local: string) => new Date(`${local}:00+08:00`);

type Fixture = {
  ref: string;
  unit: 'BJ-HD' | 'SH-PD';
  channel: 'counter' | 'phone' | 'online' | 'mobile' | 'letter' | 'regulator';
  received: Date;
  due: Date;
  category?: string;
  cause?: string;
  status: 'received' | 'investigating' | 'decided' | 'remediation' | 'closed' | 'declined';
  decided?: Date;
  extendedDays?: number;
  corrected?: boolean;
  customer?: boolean;
  name: string;
  phoneMasked?: string;
  compensation?: string;
  rootCause?: { processKey: string; stepId: string };
  actions?: { status: 'open' | 'done'; dueDate: string }[];
};

/**
 * Complaints across two branches, three months and five channels, written straight to the tables
 * (the intake API is built alongside): decided on time and late, one extended, one declined, a
 * corrected classification, the same process step found twice, actions done, open and overdue,
 * two repeat complainants (a customer on file; a caller known by phone and name), one complaint
 * before the period, and text a spreadsheet could mistake for a formula or mis-split.
 */
const FIXTURES: Fixture[] = [
  { ref: 'TS20260815-000001', unit: 'BJ-HD', channel: 'counter', received: at('2026-08-15T10:00'), due: endOf('2026-08-30'), category: 'debit_card', cause: 'fees', status: 'closed', decided: at('2026-08-20T10:00'), corrected: false, name: '周八' },
  { ref: 'TS20260910-000001', unit: 'BJ-HD', channel: 'counter', received: at('2026-09-10T10:00'), due: endOf('2026-09-25'), category: 'credit_card', cause: 'fees', status: 'closed', decided: at('2026-09-20T10:00'), corrected: false, customer: true, name: '王小明', compensation: '200.00', rootCause: { processKey: 'cardIssue', stepId: 'verifyId' }, actions: [{ status: 'done', dueDate: '2026-10-01' }] },
  { ref: 'TS20261005-000001', unit: 'BJ-HD', channel: 'phone', received: at('2026-10-05T09:00'), due: endOf('2026-10-20'), category: 'credit_card', cause: 'fees', status: 'decided', decided: at('2026-10-25T09:00'), corrected: true, customer: true, name: '王小明', compensation: '0.00', rootCause: { processKey: 'cardIssue', stepId: 'verifyId' }, actions: [{ status: 'open', dueDate: '2026-11-01' }] },
  { ref: 'TS20261012-000001', unit: 'SH-PD', channel: 'online', received: at('2026-10-12T14:00'), due: endOf('2026-11-11'), category: 'deposit', cause: 'attitude', status: 'remediation', decided: at('2026-11-06T14:00'), extendedDays: 15, corrected: false, name: '李四', phoneMasked: '139****0000', compensation: '1234.50', rootCause: { processKey: 'accountOpening', stepId: 'review' }, actions: [{ status: 'open', dueDate: '2026-12-31' }] },
  // 2026-10-31 18:30 UTC is already November in China
  { ref: 'TS20261101-000001', unit: 'SH-PD', channel: 'online', received: new Date('2026-10-31T18:30:00Z'), due: endOf('2026-11-16'), status: 'received', name: '李四', phoneMasked: '139****0000' },
  { ref: 'TS20261120-000001', unit: 'BJ-HD', channel: 'letter', received: at('2026-11-20T11:00'), due: endOf('2026-12-05'), status: 'declined', name: '=cmd|calc' },
  { ref: 'TS20261125-000001', unit: 'BJ-HD', channel: 'mobile', received: at('2026-11-25T16:45'), due: endOf('2026-12-10'), category: 'fee_dispute_test', cause: 'waiting', status: 'investigating', corrected: false, name: '赵六' },
];

async function insertFixtures(app: TestApp): Promise<void> {
  const db = app.deps.db;
  const units = new Map((await db.selectFrom('org_unit').select(['id', 'code']).execute()).map((u) => [u.code, u.id]));
  const customer = await db.selectFrom('customer').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
  // a category whose name needs quoting in a CSV
  await db.insertInto('complaint_category').values({ code: 'fee_dispute_test', kind: 'business', parent_code: null, name_zh: '年费, "争议"', name_en: 'Annual fee, "dispute"' }).execute();
  for (const f of FIXTURES) {
    const id = app.deps.newId();
    await db
      .insertInto('complaint')
      .values({
        id, ref: f.ref, channel: f.channel, received_at: f.received, unit_id: units.get(f.unit)!, intake_unit_id: units.get(f.unit)!, customer_id: f.customer ? customer.id : null,
        complainant_name: f.name, complainant_phone_masked: f.phoneMasked ?? null, subject_type: 'none', description: 'A complaint for the report test.', request: 'Put it right.',
        category_code: f.category ?? null, cause_code: f.cause ?? null, priority: 'normal', classification_corrected: f.corrected ?? null, recused: '[]', handler: f.category ? 'complaints' : null,
        status: f.status, decision: f.compensation ? JSON.stringify({ outcome: 'partly_upheld', text: 'Partly upheld.', compensation: f.compensation }) : null, decided_at: f.decided ?? null,
        day_count: 'calendar', limit_days: 15 + (f.extendedDays ?? 0), due_at: f.due, at_risk_at: f.due, extended_days: f.extendedDays ?? 0, created_by: 'teller1', created_at: f.received, closed_at: f.status === 'closed' || f.status === 'declined' ? f.decided ?? f.received : null,
      })
      .execute();
    if (f.rootCause) await db.insertInto('complaint_root_cause').values({ complaint_id: id, cause_code: f.cause!, process_key: f.rootCause.processKey, step_id: f.rootCause.stepId, finding: 'Found in the review.', recorded_by: 'complaints', recorded_at: f.decided! }).execute();
    for (const a of f.actions ?? []) {
      await db.insertInto('complaint_action').values({ id: app.deps.newId(), complaint_id: id, action: 'Retrain the counter staff.', owner: 'branchmgr', due_date: a.dueDate, status: a.status, done_at: a.status === 'done' ? f.decided! : null, created_by: 'complaints', created_at: f.decided! }).execute();
    }
  }
}

/** RFC 4180 records of a CSV text (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') record.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') record.push(field), records.push(record), (record = []), (field = ''), i++;
    else field += ch;
  }
  return records;
}

await describeEachDatabase('Complaint reports: figures, CSV and XLSX', (kind) => {
  let app: TestApp;
  let ops: Client;
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => NOW);
    await insertFixtures(app);
    ops = await loginAs(app.http, 'ops');
  });
  after(async () => app?.stop());

  it('counts the period by category, cause, branch, channel and month, with on-time, handling-time, extension and correction figures', async () => {
    const response = await ops.get(`/api/v1/complaint-reports/summary?${PERIOD}`);
    assert.equal(response.statusCode, 200, response.body);
    const r = response.json();
    assert.deepEqual(r.period, { from: '2026-09-01', to: '2026-11-30' });
    // the complaint of August is outside the period; decided: 10, 20 (late) and 25 days; the one due on 16 November is still undecided
    assert.deepEqual(r.totals, {
      received: 6, open: 4, closed: 1, declined: 1, decided: 3, onTime: 2, late: 1, breached: 1, onTimeRate: 0.6667, meanHandlingDays: 18.3,
      extended: 1, extensionRate: 0.2, corrected: 1, correctionRate: 0.25,
    });
    const counts = (items: { code: string | null; nameZh: string; count: number }[]) => items.map((c) => [c.code, c.nameZh, c.count]);
    assert.deepEqual(counts(r.byCategory), [['credit_card', '信用卡', 2], [null, '未分类', 2], ['deposit', '储蓄存款', 1], ['fee_dispute_test', '年费, "争议"', 1]]);
    assert.equal(r.byCategory[1].nameEn, 'Unclassified');
    assert.deepEqual(counts(r.byCause), [['fees', '定价收费', 2], [null, '未分类', 2], ['attitude', '服务态度', 1], ['waiting', '排队等候', 1]]);
    assert.deepEqual(r.byBranch.map((b: { unitCode: string; nameEn: string; count: number; onTimeRate: number | null }) => [b.unitCode, b.nameEn, b.count, b.onTimeRate]), [
      ['BJ-HD', 'Beijing Haidian Sub-branch', 4, 0.5],
      ['SH-PD', 'Shanghai Pudong Sub-branch', 2, 1],
    ]);
    assert.deepEqual(r.byChannel, [{ channel: 'online', count: 2 }, { channel: 'counter', count: 1 }, { channel: 'letter', count: 1 }, { channel: 'mobile', count: 1 }, { channel: 'phone', count: 1 }]);
    // months in China time: the complaint of 2026-10-31 18:30 UTC is November's
    assert.deepEqual(r.byMonth, [
      { month: '2026-09', received: 1, decided: 1, onTime: 1 },
      { month: '2026-10', received: 2, decided: 2, onTime: 1 },
      { month: '2026-11', received: 3, decided: 0, onTime: 0 },
    ]);
  });

  it('names repeat complainants masked, and counts remediation and the process steps complained about again', async () => {
    const r = (await ops.get(`/api/v1/complaint-reports/summary?${PERIOD}`)).json();
    const customer = await app.deps.db.selectFrom('customer').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
    const repeat = [...r.repeatComplainants].sort((a: { count: number; complainant: string }, b: { complainant: string }) => a.complainant.localeCompare(b.complainant));
    assert.deepEqual(repeat, [
      { complainant: '李*', customerId: null, count: 2 },
      { complainant: '王**', customerId: customer.id, count: 2 },
    ]);
    assert.ok(!JSON.stringify(r).includes('王小明') && !JSON.stringify(r).includes('李四'), 'no name in clear');
    // the action due 2026-11-01 is still open on 2026-11-28
    assert.deepEqual(r.remediation, { open: 2, done: 1, overdue: 1 });
    // two complaints at one step are below the default threshold of three; at a threshold of two, the step is listed
    assert.deepEqual(r.repeatedSteps, []);
    const setup = (await ops.get('/api/v1/complaint-setup')).json();
    assert.equal((await ops.put('/api/v1/complaint-setup/rules', { ...setup.rules, repeatStepThreshold: 2 })).statusCode, 200);
    try {
      const lower = (await ops.get(`/api/v1/complaint-reports/summary?${PERIOD}`)).json();
      assert.deepEqual(lower.repeatedSteps, [{ processKey: 'cardIssue', stepId: 'verifyId', count: 2 }]);
    } finally {
      await ops.put('/api/v1/complaint-setup/rules', setup.rules);
    }
  });

  it('covers the last twelve months up to today by default, a quiet month as zero', async () => {
    const r = (await ops.get('/api/v1/complaint-reports/summary')).json();
    assert.deepEqual(r.period, { from: '2025-12-01', to: '2026-11-28' });
    assert.equal(r.totals.received, 7);
    assert.equal(r.byMonth.length, 12);
    assert.deepEqual(r.byMonth.find((m: { month: string }) => m.month === '2026-07'), { month: '2026-07', received: 0, decided: 0, onTime: 0 });
    const bad = problem(await ops.get('/api/v1/complaint-reports/summary?from=2026-11-30&to=2026-09-01'));
    assert.equal(bad.status, 400);
    assert.equal(bad.errors?.[0]?.field, 'querystring:/from');
  });

  it('shows a branch-level user only the complaints of their branch, and no other unit', async () => {
    const manager = await loginAs(app.http, 'branchmgr');
    const r = (await manager.get(`/api/v1/complaint-reports/summary?${PERIOD}`)).json();
    assert.equal(r.totals.received, 4);
    assert.deepEqual(r.byBranch.map((b: { unitCode: string }) => b.unitCode), ['BJ-HD']);
    assert.deepEqual(r.repeatComplainants.map((c: { complainant: string }) => c.complainant), ['王**']);
    assert.deepEqual(r.remediation, { open: 1, done: 1, overdue: 1 });
    const pudong = await app.deps.db.selectFrom('org_unit').select('id').where('code', '=', 'SH-PD').executeTakeFirstOrThrow();
    assert.equal(problem(await manager.get(`/api/v1/complaint-reports/summary?${PERIOD}&unitId=${pudong.id}`)).status, 403);
    const csv = (await manager.get(`/api/v1/complaint-reports/export?format=csv&${PERIOD}`)).rawPayload.toString('utf8');
    assert.ok(!csv.includes('SH-PD'), 'the export is scoped too');
    // head office narrows to one branch
    const one = (await ops.get(`/api/v1/complaint-reports/summary?${PERIOD}&unitId=${pudong.id}`)).json();
    assert.deepEqual({ received: one.totals.received, branches: one.byBranch.length }, { received: 2, branches: 1 });
    const teller = await loginAs(app.http, 'teller1');
    assert.equal(problem(await teller.get(`/api/v1/complaint-reports/summary?${PERIOD}`)).status, 403, 'tellers do not read complaint reports');
  });

  it('exports CSV with a BOM, bilingual headers, RFC 4180 quoting, CRLF, masked names and no formulas', async () => {
    const response = await ops.get(`/api/v1/complaint-reports/export?format=csv&${PERIOD}`);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(String(response.headers['content-disposition']), /filename="complaints-2026-09-01-2026-11-30\.csv"/);
    const bytes = response.rawPayload;
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    assert.ok(text.endsWith('\r\n') && !/[^\r]\n/.test(text), 'every line ends in CRLF');
    assert.ok(text.includes('"年费, ""争议"""'), 'a field with a comma and quotes is quoted, quotes doubled');
    const records = parseCsv(text);
    const head = records[0]!;
    assert.equal(head[0], '投诉编号 (Reference)');
    assert.ok(records.every((r) => r.length === head.length), 'every record as wide as the header');
    const col = (en: string) => head.findIndex((h) => h.endsWith(`(${en})`));
    const lines = records.slice(1, 7);
    assert.deepEqual(lines.map((l) => l[col('Reference')]), FIXTURES.slice(1).map((f) => f.ref));
    assert.ok(records[7]!.every((f) => f === ''), 'a blank line before the figures');
    const byRef = (ref: string) => lines.find((l) => l[0] === ref)!;
    const late = byRef('TS20261005-000001');
    assert.deepEqual(
      [late[col('Received')], late[col('Channel')], late[col('Branch code')], late[col('Category')], late[col('Cause')], late[col('Due date')], late[col('Decided at')], late[col('On time')], late[col('Handling days')], late[col('Complainant')]],
      ['2026-10-05 09:00', '电话', 'BJ-HD', '信用卡', '定价收费', '2026-10-20', '2026-10-25 09:00', '否', '20', '王**'],
    );
    assert.equal(byRef('TS20261101-000001')[col('Received')], '2026-11-01 02:30', 'China time');
    assert.equal(byRef('TS20261012-000001')[col('Extended days')], '15');
    assert.equal(byRef('TS20261012-000001')[col('Compensation')], '1234.50');
    assert.equal(byRef('TS20261120-000001')[col('Complainant')], "'=********", 'a cell that would be a formula is made text');
    assert.ok(!text.includes('王小明') && !text.includes('李四'));
    const figures = new Map(records.slice(9).map((r) => [r[0], r[1]]));
    assert.equal(records[8]![0], '汇总 (Summary)');
    assert.equal(figures.get('受理投诉 (Received)'), '6');
    assert.equal(figures.get('按时率 (On-time rate)'), '66.7%');
    assert.equal(figures.get('平均处理天数 (Mean handling days)'), '18.3');
    assert.equal(figures.get('整改措施（已逾期） (Actions overdue)'), '1');
  });

  it('exports XLSX: the complaints with real dates under a frozen header, and the figures and tables', async () => {
    const response = await ops.get(`/api/v1/complaint-reports/export?format=xlsx&${PERIOD}`);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(String(response.headers['content-disposition']), /complaints-2026-09-01-2026-11-30\.xlsx/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    assert.deepEqual(book.worksheets.map((s) => s.name), ['投诉明细 Complaints', '汇总 Summary']);
    const sheet = book.getWorksheet('投诉明细 Complaints')!;
    assert.equal(sheet.views[0]?.state, 'frozen');
    assert.equal(sheet.rowCount, 7, 'the header and six complaints');
    const head = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (en: string) => head.findIndex((h) => String(h).endsWith(`(${en})`)) + 1;
    const row = (ref: string) => Array.from({ length: 6 }, (_, i) => sheet.getRow(i + 2)).find((r) => r.getCell(1).value === ref)!;
    // instants as China wall-clock dates (what Excel shows), amounts as numbers
    assert.deepEqual(row('TS20261101-000001').getCell(col('Received')).value, new Date(Date.UTC(2026, 10, 1, 2, 30)));
    assert.equal(row('TS20261101-000001').getCell(col('Received')).numFmt, 'yyyy-mm-dd hh:mm');
    assert.deepEqual(row('TS20261005-000001').getCell(col('Due date')).value, new Date(Date.UTC(2026, 9, 20)));
    assert.equal(row('TS20261012-000001').getCell(col('Compensation')).value, 1234.5);
    assert.equal(row('TS20261012-000001').getCell(col('Handling days')).value, 25);
    assert.equal(row('TS20261120-000001').getCell(col('Complainant')).value, '=********');
    assert.ok(sheet.getColumn(1).width! >= 15, 'columns are sized');
    const summary = book.getWorksheet('汇总 Summary')!;
    const values: unknown[][] = [];
    summary.eachRow((r) => values.push((r.values as unknown[]).slice(1)));
    const figure = (label: string) => values.find((v) => v[0] === label)?.[1];
    assert.equal(figure('受理投诉 (Received)'), 6);
    assert.equal(figure('按时率 (On-time rate)'), 0.6667);
    assert.equal(figure('整改措施（未完成） (Actions open)'), 2);
    const after = (title: string) => values.slice(values.findIndex((v) => v[0] === title) + 2);
    assert.deepEqual(after('按业务类别 By category')[0], ['信用卡 Credit cards', 'credit_card', 2]);
    assert.deepEqual(after('按机构 By branch').slice(0, 2).map((v) => [v[1], v[2], v[3]]), [['BJ-HD', 4, 0.5], ['SH-PD', 2, 1]]);
    assert.deepEqual(after('按月份 By month').slice(0, 3), [['2026-09', 1, 1, 1], ['2026-10', 2, 2, 1], ['2026-11', 3, 0, 0]]);
  });

  it('refuses an export of more complaints than a file holds, asking for a shorter period', async () => {
    await sql`
      insert into complaint (id, ref, channel, received_at, unit_id, intake_unit_id, complainant_name, subject_type, description, request, priority, recused, status, day_count, limit_days, due_at, at_risk_at, created_by, created_at)
      select 'bulk-' || g, 'BULK-' || g, 'online', timestamptz '2020-06-01 10:00:00+08', u.id, u.id, 'Bulk', 'none', 'x', 'x', 'normal', '[]', 'received', 'calendar', 15, timestamptz '2020-06-16 23:59:59+08', timestamptz '2020-06-13 00:00:00+08', 'teller1', timestamptz '2020-06-01 10:00:00+08'
      from generate_series(1, 50001) g, org_unit u where u.code = 'BJ-HD'`.execute(app.deps.db);
    const refused = problem(await ops.get('/api/v1/complaint-reports/export?format=csv&from=2020-01-01&to=2020-12-31'));
    assert.equal(refused.status, 422);
    assert.match(refused.detail, /50001 complaints.*at most 50000.*shorter period/);
    // the figures themselves are still there
    assert.equal((await ops.get('/api/v1/complaint-reports/summary?from=2020-01-01&to=2020-12-31')).json().totals.received, 50_001);
  });
});
