import ExcelJS from 'exceljs';
import { sql, type RawBuilder } from 'kysely';
import type { RequestContext } from '../platform/access/actor.ts';
import { assertInScope, scopePrefix } from '../platform/access/policy.ts';
import { chinaDate } from '../platform/calendar/china-time.ts';
import type { Deps } from '../platform/deps.ts';
import { DomainError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { maskName } from '../platform/pii/index.ts';
import { loadRules } from './complaint-setup.service.ts';
import type { ReportFilter } from './complaint.schemas.ts';

/*
 * Complaint figures (投诉统计报表) over a period of receipt: what the bank reports to its board and
 * its regulator (counts by category, cause, branch, channel and month; decisions on time; handling
 * time; extensions; corrected classifications; repeat complainants; remediation; process steps
 * complained about again and again), and the same as a CSV or XLSX file with the complaints behind
 * them. Every figure is a grouped SQL query over the caller's units: nothing is loaded row by row.
 */

const DAY = 86_400_000;
const CHINA = 8 * 3600_000;
/** A report covers at most this many days: the months are listed one by one. */
const MAX_PERIOD_DAYS = 3 * 366;
/** An export holds at most this many complaints: more is no longer a file a person opens. */
export const MAX_EXPORT_ROWS = 50_000;
/** Repeat complainants listed, most complaints first. */
const REPEAT_COMPLAINANTS_SHOWN = 50;
const UNCLASSIFIED = { nameZh: '未分类', nameEn: 'Unclassified' };

type Period = { from: string; to: string; start: Date; end: Date };
/** Which complaints a report counts: received in the period, in the caller's units (and the unit asked for). */
type Scope = Period & { prefix: string | null; unitPath: string | null };

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const startOf = (date: string) => new Date(`${date}T00:00:00+08:00`);
const isDate = (date: string) => isoDate.test(date) && !Number.isNaN(startOf(date).getTime()) && chinaDate(startOf(date)) === date;

/** The first day of the month eleven months before `date`'s: with that month, twelve months. */
function twelveMonthsBefore(date: string): string {
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const first = new Date(Date.UTC(y, m - 1 - 11, 1));
  return first.toISOString().slice(0, 10);
}

/** The period asked for, China dates inclusive; by default the last twelve calendar months up to today. */
function periodOf(f: ReportFilter, now: Date): Period {
  const to = f.to ?? chinaDate(now);
  const from = f.from ?? twelveMonthsBefore(to);
  const wrong = (field: 'from' | 'to', en: string, zh: string) => new ValidationError([{ field: `querystring:/${field}`, message: { en, zh } }]);
  if (!isDate(from)) throw wrong('from', 'Give the first day as YYYY-MM-DD.', '起始日期格式应为 YYYY-MM-DD。');
  if (!isDate(to)) throw wrong('to', 'Give the last day as YYYY-MM-DD.', '结束日期格式应为 YYYY-MM-DD。');
  const start = startOf(from);
  const end = new Date(startOf(to).getTime() + DAY);
  if (start >= end) throw wrong('from', 'The period must start on or before its end.', '统计区间起始日期不能晚于结束日期。');
  if (end.getTime() - start.getTime() > MAX_PERIOD_DAYS * DAY) throw wrong('to', 'A period is at most three years.', '统计区间最长三年。');
  return { from, to, start, end };
}

/** The caller's reach, narrowed to the unit asked for (and the units below it) when one is. */
async function scopeOf(deps: Deps, ctx: RequestContext, f: ReportFilter): Promise<Scope> {
  const prefix = scopePrefix(ctx.actor!, 'complaint.read');
  const period = periodOf(f, deps.clock());
  if (!f.unitId) return { ...period, prefix, unitPath: null };
  const unit = await deps.db.selectFrom('org_unit').select('path').where('id', '=', f.unitId).executeTakeFirst();
  if (!unit) throw new NotFoundError({ en: 'unit', zh: '机构' }, f.unitId);
  assertInScope(ctx.actor!, 'complaint.read', unit.path);
  return { ...period, prefix, unitPath: unit.path };
}

/** The SQL condition on `complaint c` joined to its handling unit `org_unit o`. */
function counted(s: Scope): RawBuilder<boolean> {
  const prefix = s.prefix ? sql` and o.path like ${`${s.prefix}%`}` : sql``;
  const unit = s.unitPath ? sql` and o.path like ${`${s.unitPath}%`}` : sql``;
  return sql<boolean>`c.received_at >= ${s.start} and c.received_at < ${s.end}${prefix}${unit}`;
}

type Row = Record<string, unknown>;
const int = (v: unknown) => Number(v ?? 0);
const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
const oneDecimal = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
const decidedOnTime = sql`c.decided_at is not null and c.decided_at <= c.due_at`;

/** Each month of the period, `YYYY-MM`, so a quiet month shows as zero rather than a gap. */
function monthsOf(p: Period): string[] {
  const months: string[] = [];
  let [y, m] = [Number(p.from.slice(0, 4)), Number(p.from.slice(5, 7))];
  const last = p.to.slice(0, 7);
  for (let month = p.from.slice(0, 7); month <= last; month = `${y}-${String(m).padStart(2, '0')}`) {
    months.push(month);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return months;
}

function totalsOf(t: Row) {
  const received = int(t.received);
  const declined = int(t.declined);
  const decided = int(t.decided);
  const onTime = int(t.on_time);
  const extended = int(t.extended);
  const corrected = int(t.corrected);
  return {
    received,
    open: int(t.open),
    closed: int(t.closed),
    declined,
    decided,
    onTime,
    late: int(t.late),
    /** Still undecided past the due date (超时未决), as of now. */
    breached: int(t.breached),
    onTimeRate: share(onTime, decided),
    meanHandlingDays: oneDecimal(t.mean_days),
    extended,
    extensionRate: share(extended, received - declined),
    corrected,
    correctionRate: share(corrected, int(t.classified)),
  };
}

/** Counts by one category column (business category or cause), unclassified ones under one heading. */
function byCategory(deps: Deps, s: Scope, column: 'category_code' | 'cause_code') {
  return sql<Row>`
    select c.${sql.raw(column)} as code, min(k.name_zh) as name_zh, min(k.name_en) as name_en, count(*)::int as n
    from complaint c join org_unit o on o.id = c.unit_id left join complaint_category k on k.code = c.${sql.raw(column)}
    where ${counted(s)} group by c.${sql.raw(column)} order by n desc, code nulls last`.execute(deps.db);
}

const categoryItem = (r: Row) => ({ code: (r.code as string | null) ?? null, nameZh: (r.name_zh as string | null) ?? UNCLASSIFIED.nameZh, nameEn: (r.name_en as string | null) ?? UNCLASSIFIED.nameEn, count: int(r.n) });

/** The grouped queries of a report, run side by side. */
function figureQueries(deps: Deps, s: Scope, today: string, repeatThreshold: number) {
  const now = deps.clock();
  const from = sql`from complaint c join org_unit o on o.id = c.unit_id`;
  return Promise.all([
    sql<Row>`
      select count(*)::int as received, count(*) filter (where c.status not in ('declined', 'closed'))::int as open,
        count(*) filter (where c.status = 'closed')::int as closed, count(*) filter (where c.status = 'declined')::int as declined,
        count(c.decided_at)::int as decided, count(*) filter (where ${decidedOnTime})::int as on_time, count(*) filter (where c.decided_at > c.due_at)::int as late,
        count(*) filter (where c.decided_at is null and c.status not in ('declined', 'closed') and c.due_at < ${now}::timestamptz)::int as breached,
        avg(extract(epoch from (c.decided_at - c.received_at)) / 86400) as mean_days,
        count(*) filter (where c.extended_days > 0)::int as extended,
        count(*) filter (where c.classification_corrected)::int as corrected, count(c.classification_corrected)::int as classified
      ${from} where ${counted(s)}`.execute(deps.db),
    byCategory(deps, s, 'category_code'),
    byCategory(deps, s, 'cause_code'),
    sql<Row>`
      select o.id, o.code, o.name_zh, o.name_en, count(*)::int as n, count(c.decided_at)::int as decided, count(*) filter (where ${decidedOnTime})::int as on_time
      ${from} where ${counted(s)} group by o.id, o.code, o.name_zh, o.name_en order by n desc, o.code`.execute(deps.db),
    sql<Row>`select c.channel, count(*)::int as n ${from} where ${counted(s)} group by c.channel order by n desc, c.channel`.execute(deps.db),
    sql<Row>`
      select to_char(c.received_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, count(*)::int as received,
        count(c.decided_at)::int as decided, count(*) filter (where ${decidedOnTime})::int as on_time
      ${from} where ${counted(s)} group by 1 order by 1`.execute(deps.db),
    // a customer on file by their id; anyone else by the masked phone and the name they gave
    sql<Row>`
      select c.customer_id, min(c.complainant_name) as name, count(*)::int as n
      ${from} where ${counted(s)}
      group by c.customer_id, case when c.customer_id is null then coalesce(c.complainant_phone_masked, '') || '|' || c.complainant_name end
      having count(*) >= 2 order by n desc, name limit ${REPEAT_COMPLAINANTS_SHOWN}`.execute(deps.db),
    sql<Row>`
      select count(*) filter (where a.status = 'open')::int as open, count(*) filter (where a.status = 'done')::int as done,
        count(*) filter (where a.status = 'open' and a.due_date < ${today}::date)::int as overdue
      from complaint_action a join complaint c on c.id = a.complaint_id join org_unit o on o.id = c.unit_id where ${counted(s)}`.execute(deps.db),
    sql<Row>`
      select r.process_key, r.step_id, count(*)::int as n
      from complaint_root_cause r join complaint c on c.id = r.complaint_id join org_unit o on o.id = c.unit_id
      where ${counted(s)} and r.process_key is not null and r.step_id is not null
      group by r.process_key, r.step_id having count(*) >= ${repeatThreshold} order by n desc, r.process_key, r.step_id`.execute(deps.db),
  ]);
}

async function reportOf(deps: Deps, s: Scope) {
  const [totals, categories, causes, branches, channels, months, repeaters, actions, steps] = await figureQueries(deps, s, chinaDate(deps.clock()), (await loadRules(deps.db)).repeatStepThreshold);
  const byMonth = new Map(months.rows.map((r) => [r.month as string, r]));
  const remediation = actions.rows[0] ?? {};
  return {
    period: { from: s.from, to: s.to },
    totals: totalsOf(totals.rows[0] ?? {}),
    byCategory: categories.rows.map(categoryItem),
    byCause: causes.rows.map(categoryItem),
    byBranch: branches.rows.map((r) => ({ unitId: r.id as string, unitCode: r.code as string, nameZh: r.name_zh as string, nameEn: r.name_en as string, count: int(r.n), onTimeRate: share(int(r.on_time), int(r.decided)) })),
    byChannel: channels.rows.map((r) => ({ channel: r.channel as string, count: int(r.n) })),
    byMonth: monthsOf(s).map((month) => ({ month, received: int(byMonth.get(month)?.received), decided: int(byMonth.get(month)?.decided), onTime: int(byMonth.get(month)?.on_time) })),
    repeatComplainants: repeaters.rows.map((r) => ({ complainant: maskName(r.name as string), customerId: (r.customer_id as string | null) ?? null, count: int(r.n) })),
    remediation: { open: int(remediation.open), done: int(remediation.done), overdue: int(remediation.overdue) },
    repeatedSteps: steps.rows.map((r) => ({ processKey: r.process_key as string, stepId: r.step_id as string, count: int(r.n) })),
  };
}

export type Report = Awaited<ReturnType<typeof reportOf>>;

/** The complaint figures of a period over the caller's units (or one unit of them and the units below it). */
export async function complaintReport(deps: Deps, ctx: RequestContext, f: ReportFilter): Promise<Report> {
  return reportOf(deps, await scopeOf(deps, ctx, f));
}

// ---------------------------------------------------------------------------------------------
// Export: the complaints of the period, one line each, and the figures.

type ExportRow = {
  ref: string;
  regulator_ref: string | null;
  received_at: Date;
  channel: string;
  unit_code: string;
  unit_name_zh: string;
  category_zh: string | null;
  cause_zh: string | null;
  priority: string;
  status: string;
  due_at: Date;
  decided_at: Date | null;
  extended_days: number;
  compensation: string | null;
  complainant_name: string;
  handler: string | null;
};

const CHANNEL_ZH: Record<string, string> = { counter: '柜面', phone: '电话', online: '网上银行', mobile: '手机银行', letter: '信函', regulator: '监管转办' };
const PRIORITY_ZH: Record<string, string> = { normal: '一般', high: '较高', urgent: '紧急' };
const STATUS_ZH: Record<string, string> = {
  received: '已登记', investigating: '调查中', awaiting_approval: '待审批', decided: '已决定', under_review: '复核中', remediation: '整改中', closed: '已结案', declined: '不予受理',
};

type Cell = string | number | Date | null;
type CellKind = 'text' | 'number' | 'money' | 'datetime' | 'date';
type Column = { zh: string; en: string; width: number; kind: CellKind; value: (r: ExportRow) => Cell };

/** The China date of an instant as a date-only value (midnight UTC, as spreadsheets keep dates). */
const dayOf = (at: Date) => new Date(`${chinaDate(at)}T00:00:00Z`);

/** One line per complaint; personal data masked. Instants are shown in China time. */
const COLUMNS: Column[] = [
  { zh: '投诉编号', en: 'Reference', width: 20, kind: 'text', value: (r) => r.ref },
  { zh: '受理时间', en: 'Received', width: 17, kind: 'datetime', value: (r) => r.received_at },
  { zh: '渠道', en: 'Channel', width: 10, kind: 'text', value: (r) => CHANNEL_ZH[r.channel] ?? r.channel },
  { zh: '监管转办编号', en: 'Referral number', width: 18, kind: 'text', value: (r) => r.regulator_ref },
  { zh: '机构代码', en: 'Branch code', width: 10, kind: 'text', value: (r) => r.unit_code },
  { zh: '机构名称', en: 'Branch', width: 22, kind: 'text', value: (r) => r.unit_name_zh },
  { zh: '业务类别', en: 'Category', width: 16, kind: 'text', value: (r) => r.category_zh ?? UNCLASSIFIED.nameZh },
  { zh: '投诉原因', en: 'Cause', width: 18, kind: 'text', value: (r) => r.cause_zh ?? UNCLASSIFIED.nameZh },
  { zh: '优先级', en: 'Priority', width: 8, kind: 'text', value: (r) => PRIORITY_ZH[r.priority] ?? r.priority },
  { zh: '状态', en: 'Status', width: 10, kind: 'text', value: (r) => STATUS_ZH[r.status] ?? r.status },
  { zh: '办理时限', en: 'Due date', width: 12, kind: 'date', value: (r) => dayOf(r.due_at) },
  { zh: '告知决定时间', en: 'Decided at', width: 17, kind: 'datetime', value: (r) => r.decided_at },
  { zh: '按时', en: 'On time', width: 8, kind: 'text', value: (r) => (r.decided_at ? (r.decided_at <= r.due_at ? '是' : '否') : null) },
  { zh: '延期天数', en: 'Extended days', width: 10, kind: 'number', value: (r) => r.extended_days },
  { zh: '处理天数', en: 'Handling days', width: 10, kind: 'number', value: (r) => (r.decided_at ? oneDecimal((r.decided_at.getTime() - r.received_at.getTime()) / DAY) : null) },
  { zh: '补偿金额', en: 'Compensation', width: 12, kind: 'money', value: (r) => r.compensation },
  { zh: '投诉人', en: 'Complainant', width: 12, kind: 'text', value: (r) => maskName(r.complainant_name) },
  { zh: '处理人', en: 'Handler', width: 14, kind: 'text', value: (r) => r.handler },
];

const header = (c: { zh: string; en: string }) => `${c.zh} (${c.en})`;

function exportRows(deps: Deps, s: Scope) {
  return sql<ExportRow>`
    select c.ref, c.regulator_ref, c.received_at, c.channel, o.code as unit_code, o.name_zh as unit_name_zh, k.name_zh as category_zh, z.name_zh as cause_zh,
      c.priority, c.status, c.due_at, c.decided_at, c.extended_days, c.decision->>'compensation' as compensation, c.complainant_name, c.handler
    from complaint c join org_unit o on o.id = c.unit_id
      left join complaint_category k on k.code = c.category_code left join complaint_category z on z.code = c.cause_code
    where ${counted(s)} order by c.received_at, c.ref limit ${MAX_EXPORT_ROWS + 1}`.execute(deps.db);
}

function tooMany(received: number): DomainError {
  return new DomainError('precondition_failed', {
    en: `The period holds ${received} complaints; an export holds at most ${MAX_EXPORT_ROWS}. Choose a shorter period or one unit.`,
    zh: `该区间共有 ${received} 件投诉，单次导出最多 ${MAX_EXPORT_ROWS} 件，请缩短统计区间或选择单个机构。`,
  });
}

type Figure = { zh: string; en: string; value: string | number | null; kind: 'count' | 'rate' | 'days' | 'text' };

/** The headline figures, in the order a reader checks them. */
function figuresOf(r: Report): Figure[] {
  const t = r.totals;
  const f = (zh: string, en: string, value: string | number | null, kind: Figure['kind'] = 'count'): Figure => ({ zh, en, value, kind });
  return [
    f('统计区间', 'Period', `${r.period.from} ~ ${r.period.to}`, 'text'),
    f('受理投诉', 'Received', t.received),
    f('处理中', 'Open', t.open),
    f('已结案', 'Closed', t.closed),
    f('不予受理', 'Declined', t.declined),
    f('已告知处理决定', 'Decided', t.decided),
    f('按时告知', 'On time', t.onTime),
    f('超时告知', 'Late', t.late),
    f('按时率', 'On-time rate', t.onTimeRate, 'rate'),
    f('平均处理天数', 'Mean handling days', t.meanHandlingDays, 'days'),
    f('延期件数', 'Extended', t.extended),
    f('延期率', 'Extension rate', t.extensionRate, 'rate'),
    f('分类更正件数', 'Classification corrected', t.corrected),
    f('分类更正率', 'Correction rate', t.correctionRate, 'rate'),
    f('整改措施（未完成）', 'Actions open', r.remediation.open),
    f('整改措施（已完成）', 'Actions done', r.remediation.done),
    f('整改措施（已逾期）', 'Actions overdue', r.remediation.overdue),
  ];
}

// --- CSV (RFC 4180, UTF-8 with a BOM so Excel reads the Chinese right) ---

/** Text that a spreadsheet would run as a formula (CSV injection) is made plain text with a leading `'`. */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
/** An instant in China time, `YYYY-MM-DD HH:mm`. */
function chinaMinute(at: Date): string {
  const local = new Date(at.getTime() + CHINA);
  return `${local.toISOString().slice(0, 10)} ${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}`;
}

function csvText(value: Cell, kind: CellKind): string {
  if (value === null) return '';
  if (value instanceof Date) return kind === 'date' ? value.toISOString().slice(0, 10) : chinaMinute(value);
  return typeof value === 'number' ? String(value) : guardFormula(value);
}

const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
const csvLine = (fields: string[], width: number) => [...fields, ...Array<string>(Math.max(0, width - fields.length)).fill('')].map(csvField).join(',');

function figureText(f: Figure): string {
  if (f.value === null) return '';
  if (f.kind === 'rate') return `${(Number(f.value) * 100).toFixed(1)}%`;
  return guardFormula(String(f.value));
}

/** The complaints, then a blank line and the headline figures (every line as wide as the header). */
function toCsv(rows: ExportRow[], report: Report): Buffer {
  const width = COLUMNS.length;
  const lines = [
    csvLine(COLUMNS.map(header), width),
    ...rows.map((r) => csvLine(COLUMNS.map((c) => csvText(c.value(r), c.kind)), width)),
    csvLine([], width),
    csvLine([header({ zh: '汇总', en: 'Summary' })], width),
    ...figuresOf(report).map((f) => csvLine([header(f), figureText(f)], width)),
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

// --- XLSX ---

const NUM_FMT: Partial<Record<CellKind | Figure['kind'], string>> = { datetime: 'yyyy-mm-dd hh:mm', date: 'yyyy-mm-dd', money: '#,##0.00', rate: '0.0%', days: '0.0' };

/** A cell value as a spreadsheet keeps it: instants as China wall-clock dates, amounts as numbers. */
function xlsxValue(value: Cell, kind: CellKind): ExcelJS.CellValue {
  if (value instanceof Date) return kind === 'date' ? value : new Date(value.getTime() + CHINA);
  if (kind === 'money' && value !== null) return Number(value);
  return value;
}

function complaintsSheet(book: ExcelJS.Workbook, rows: ExportRow[]): void {
  const sheet = book.addWorksheet('投诉明细 Complaints', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: header(c), width: c.width, style: NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind]! } : {} }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(COLUMNS.map((c) => xlsxValue(c.value(r), c.kind)));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
}

/** A titled table on the summary sheet, then a blank row. */
function table(sheet: ExcelJS.Worksheet, title: string, heads: string[], rows: ExcelJS.CellValue[][], formats: (string | undefined)[] = []): void {
  sheet.addRow([title]).font = { bold: true, size: 12 };
  sheet.addRow(heads).font = { bold: true };
  for (const values of rows) {
    const row = sheet.addRow(values);
    formats.forEach((numFmt, i) => numFmt && (row.getCell(i + 1).numFmt = numFmt));
  }
  sheet.addRow([]);
}

function summarySheet(book: ExcelJS.Workbook, r: Report): void {
  const sheet = book.addWorksheet('汇总 Summary');
  sheet.columns = [{ width: 30 }, { width: 26 }, { width: 14 }, { width: 14 }];
  const figures = figuresOf(r);
  sheet.addRow([header({ zh: '指标', en: 'Figure' }), header({ zh: '数值', en: 'Value' })]).font = { bold: true, size: 12 };
  for (const f of figures) {
    const row = sheet.addRow([header(f), f.value]);
    if (NUM_FMT[f.kind]) row.getCell(2).numFmt = NUM_FMT[f.kind]!;
  }
  sheet.addRow([]);
  const name = (c: { nameZh: string; nameEn: string }) => `${c.nameZh} ${c.nameEn}`;
  table(sheet, '按业务类别 By category', ['类别 (Category)', '代码 (Code)', '件数 (Count)'], r.byCategory.map((c) => [name(c), c.code, c.count]));
  table(sheet, '按投诉原因 By cause', ['原因 (Cause)', '代码 (Code)', '件数 (Count)'], r.byCause.map((c) => [name(c), c.code, c.count]));
  table(sheet, '按机构 By branch', ['机构 (Branch)', '代码 (Code)', '件数 (Count)', '按时率 (On-time rate)'], r.byBranch.map((b) => [name(b), b.unitCode, b.count, b.onTimeRate]), [undefined, undefined, undefined, NUM_FMT.rate]);
  table(sheet, '按渠道 By channel', ['渠道 (Channel)', '代码 (Code)', '件数 (Count)'], r.byChannel.map((c) => [CHANNEL_ZH[c.channel] ?? c.channel, c.channel, c.count]));
  table(sheet, '按月份 By month', ['月份 (Month)', '受理 (Received)', '已决定 (Decided)', '按时 (On time)'], r.byMonth.map((m) => [m.month, m.received, m.decided, m.onTime]));
}

async function toXlsx(rows: ExportRow[], report: Report, now: Date): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Banklane';
  book.created = now;
  complaintsSheet(book, rows);
  summarySheet(book, report);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const CONTENT_TYPE = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/**
 * The complaints of a period (one line each, personal data masked) with the period's figures, as
 * CSV or as an XLSX workbook (the complaints; the figures and their tables). Refuses a period of
 * more than {@link MAX_EXPORT_ROWS} complaints rather than build a file nobody can open.
 */
export async function exportReport(deps: Deps, ctx: RequestContext, f: ReportFilter, format: 'csv' | 'xlsx'): Promise<{ fileName: string; contentType: string; content: Buffer }> {
  const scope = await scopeOf(deps, ctx, f);
  const report = await reportOf(deps, scope);
  if (report.totals.received > MAX_EXPORT_ROWS) throw tooMany(report.totals.received);
  const { rows } = await exportRows(deps, scope);
  if (rows.length > MAX_EXPORT_ROWS) throw tooMany(rows.length);
  const content = format === 'csv' ? toCsv(rows, report) : await toXlsx(rows, report, deps.clock());
  return { fileName: `complaints-${scope.from}-${scope.to}.${format}`, contentType: CONTENT_TYPE[format], content };
}
