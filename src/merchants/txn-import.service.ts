import { createHash } from 'node:crypto';
import type { RequestContext } from '../platform/access/actor.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { chinaDate } from '../platform/calendar/china-time.ts';
import type { Deps } from '../platform/deps.ts';
import { readCsvFile } from './csv-file.ts';
import { judgeRows, MAX_REPORTED_FAULTS, rowFault, type RowFault as RowFaultOf } from '../platform/http/row-faults.ts';

/*
 * Daily transaction aggregates per merchant (the acquiring system's end-of-day figures), imported
 * from a CSV file or sent through the API. Every row is validated on its own and faults are
 * reported by line and column; a file is written in one transaction — all of it, or (when asked
 * to accept the valid rows) exactly its valid rows — never half. The same file again (by its
 * SHA-256) is recognised and changes nothing; a later file with a day already held corrects it.
 */

/** The columns of a transaction file, in any order; each one required. */
export const TXN_COLUMNS = ['merchant', 'day', 'count', 'amount', 'refunds', 'chargebacks', 'declined', 'night_share', 'cnp_share', 'foreign_share', 'max_amount', 'near_limit_count', 'outside_region_count'] as const;
type Column = (typeof TXN_COLUMNS)[number];
export type RawTxnRow = Record<Column, string>;

const INTEGERS = ['count', 'chargebacks', 'declined', 'near_limit_count', 'outside_region_count'] as const;
const AMOUNTS = ['amount', 'refunds', 'max_amount'] as const;
const SHARES = ['night_share', 'cnp_share', 'foreign_share'] as const;

/** A fault of one row: its line in the file (or position in the request) and the column. */
export type RowFault = RowFaultOf<Column>;

export type TxnDayValues = {
  merchant_id: string;
  day: string;
  count: number;
  amount: string;
  refunds: string;
  chargebacks: number;
  declined: number;
  night_share: string;
  cnp_share: string;
  foreign_share: string;
  max_amount: string;
  near_limit_count: number;
  outside_region_count: number;
};

export type ImportReport = { importId: string; alreadyImported: boolean; rows: number; accepted: number; rejected: number; replaced: number; faults: RowFault[]; faultsListed: number };
/** What an import wrote, for the early-warning rules to judge: its merchants and the span of its days. */
export type Imported = ImportReport & { written: { merchantIds: string[]; from: string; to: string } | null };

const fault = (line: number, column: Column | null, en: string, zh: string): RowFault => rowFault(line, column, en, zh);

/** One row checked: its values for the table, or what is wrong with it. */
function checkRow(raw: RawTxnRow, line: number, merchants: Map<string, string>, today: string): { values: TxnDayValues } | { faults: RowFault[] } {
  const faults: RowFault[] = [];
  const merchantId = merchants.get(raw.merchant.trim().toUpperCase());
  if (!merchantId) faults.push(fault(line, 'merchant', `No merchant "${raw.merchant}".`, `没有商户“${raw.merchant}”。`));
  const day = raw.day.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) faults.push(fault(line, 'day', `"${raw.day}" is not a date (YYYY-MM-DD).`, `“${raw.day}”不是日期（YYYY-MM-DD）。`));
  else if (day > today) faults.push(fault(line, 'day', `${day} has not happened yet.`, `${day} 尚未到来。`));
  const ints: Partial<Record<Column, number>> = {};
  for (const c of INTEGERS) {
    const text = raw[c].trim();
    if (!/^\d{1,9}$/.test(text)) faults.push(fault(line, c, `"${raw[c]}" is not a whole number of 0 or more.`, `“${raw[c]}”不是非负整数。`));
    else ints[c] = Number(text);
  }
  for (const c of AMOUNTS) {
    if (!/^\d{1,16}(\.\d{1,2})?$/.test(raw[c].trim())) faults.push(fault(line, c, `"${raw[c]}" is not an amount in yuan of 0 or more, with at most 2 decimals.`, `“${raw[c]}”不是非负金额（元，最多两位小数）。`));
  }
  for (const c of SHARES) {
    const text = raw[c].trim();
    if (!/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/.test(text)) faults.push(fault(line, c, `"${raw[c]}" is not a share between 0 and 1 (at most 4 decimals).`, `“${raw[c]}”不是 0 到 1 之间的比例（最多四位小数）。`));
  }
  if (faults.length) return { faults };
  const count = ints.count!;
  const cents = (c: (typeof AMOUNTS)[number]) => BigInt(raw[c].trim().replace(/^(\d+)$/, '$1.00').replace(/\.(\d)$/, '.$10').replace('.', ''));
  if (cents('max_amount') > cents('amount')) faults.push(fault(line, 'max_amount', 'The largest transaction cannot exceed the day’s amount.', '单笔最大金额不能超过当日交易金额。'));
  if (count === 0 && cents('amount') !== 0n) faults.push(fault(line, 'amount', 'A day without transactions has no amount.', '交易笔数为 0 时交易金额应为 0。'));
  if (ints.near_limit_count! > count) faults.push(fault(line, 'near_limit_count', 'More transactions just under a limit than transactions.', '临近限额的交易笔数超过了交易笔数。'));
  if (ints.outside_region_count! > count) faults.push(fault(line, 'outside_region_count', 'More transactions outside the region than transactions.', '异地交易笔数超过了交易笔数。'));
  if (faults.length) return { faults };
  return {
    values: {
      merchant_id: merchantId!,
      day,
      count,
      amount: raw.amount.trim(),
      refunds: raw.refunds.trim(),
      chargebacks: ints.chargebacks!,
      declined: ints.declined!,
      night_share: raw.night_share.trim(),
      cnp_share: raw.cnp_share.trim(),
      foreign_share: raw.foreign_share.trim(),
      max_amount: raw.max_amount.trim(),
      near_limit_count: ints.near_limit_count!,
      outside_region_count: ints.outside_region_count!,
    },
  };
}

/** The rows of a transaction file, each with its line; faults of the file and of rows' shapes by line. */
async function csvRows(bytes: Buffer): Promise<{ rows: { raw: RawTxnRow; line: number }[]; faults: RowFault[] }> {
  const read = await readCsvFile(bytes, TXN_COLUMNS);
  return { rows: read.rows.map((r) => ({ raw: r.cells, line: r.line })), faults: read.faults.map((f) => ({ ...f, column: null })) };
}

/**
 * Imports a transaction file. Refused whole (422, every fault by line and column) when a row is
 * bad, unless `acceptValid`: then the valid rows are written and the bad ones reported. Answers
 * the earlier import's report when this very file was imported before.
 */
export async function importTransactionFile(deps: Deps, ctx: RequestContext, file: { bytes: Buffer; name: string | null }, acceptValid: boolean): Promise<Imported> {
  const sha = createHash('sha256').update(file.bytes).digest('hex');
  const earlier = await deps.db.selectFrom('merchant_txn_import').selectAll().where('file_sha256', '=', sha).executeTakeFirst();
  if (earlier) return { importId: earlier.id, alreadyImported: true, rows: earlier.rows, accepted: earlier.accepted, rejected: earlier.rejected, replaced: 0, faults: [], faultsListed: 0, written: null };
  const parsed = await csvRows(file.bytes);
  return importRows(deps, ctx, { sha, name: file.name }, parsed.rows, parsed.faults, acceptValid);
}

/** Imports rows sent through the API (their position, from 1, stands for the line). */
export async function importTransactionRows(deps: Deps, ctx: RequestContext, rows: RawTxnRow[], acceptValid: boolean): Promise<Imported> {
  const sha = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
  const earlier = await deps.db.selectFrom('merchant_txn_import').selectAll().where('file_sha256', '=', sha).executeTakeFirst();
  if (earlier) return { importId: earlier.id, alreadyImported: true, rows: earlier.rows, accepted: earlier.accepted, rejected: earlier.rejected, replaced: 0, faults: [], faultsListed: 0, written: null };
  return importRows(deps, ctx, { sha, name: null }, rows.map((raw, i) => ({ raw, line: i + 1 })), [], acceptValid);
}

async function importRows(deps: Deps, ctx: RequestContext, source: { sha: string; name: string | null }, rows: { raw: RawTxnRow; line: number }[], earlyFaults: RowFault[], acceptValid: boolean): Promise<Imported> {
  const now = deps.clock();
  const codes = [...new Set(rows.map((r) => r.raw.merchant.trim().toUpperCase()))];
  const merchants = new Map<string, string>();
  for (let i = 0; i < codes.length; i += 5000) {
    const found = await deps.db.selectFrom('merchant').select(['id', 'code']).where('code', 'in', codes.slice(i, i + 5000)).execute();
    for (const m of found) merchants.set(m.code, m.id);
  }
  const today = chinaDate(now);
  const faults = [...earlyFaults];
  const good: TxnDayValues[] = [];
  const seen = new Map<string, number>();
  for (const { raw, line } of rows) {
    const checked = checkRow(raw, line, merchants, today);
    if ('faults' in checked) {
      faults.push(...checked.faults);
      continue;
    }
    const key = `${checked.values.merchant_id}|${checked.values.day}`;
    const first = seen.get(key);
    if (first !== undefined) {
      faults.push(fault(line, 'day', `This merchant's ${checked.values.day} is already on line ${first}.`, `该商户 ${checked.values.day} 的数据已在第 ${first} 行。`));
      continue;
    }
    seen.set(key, line);
    good.push(checked.values);
  }
  const { total, badLines } = judgeRows({ rows: rows.length, earlyFaults, faults, good: good.length, acceptValid });
  const importId = deps.newId();
  const replaced = await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('merchant_txn_import').values({ id: importId, file_sha256: source.sha, file_name: source.name, rows: total, accepted: good.length, rejected: badLines, imported_by: ctx.actor!.username, imported_at: now }).execute();
    let corrected = 0;
    for (let i = 0; i < good.length; i += 1000) {
      const batch = good.slice(i, i + 1000);
      const existing = await trx.selectFrom('merchant_txn_day').select(['merchant_id', 'day']).select((eb) => eb.fn.countAll<number>().over().as('n')).where((eb) => eb.or(batch.map((b) => eb.and([eb('merchant_id', '=', b.merchant_id), eb('day', '=', b.day)])))).limit(1).execute();
      corrected += Number(existing[0]?.n ?? 0);
      await trx
        .insertInto('merchant_txn_day')
        .values(batch.map((b) => ({ ...b, import_id: importId })))
        .onConflict((oc) =>
          oc.columns(['merchant_id', 'day']).doUpdateSet((eb) => ({
            count: eb.ref('excluded.count'), amount: eb.ref('excluded.amount'), refunds: eb.ref('excluded.refunds'), chargebacks: eb.ref('excluded.chargebacks'), declined: eb.ref('excluded.declined'),
            night_share: eb.ref('excluded.night_share'), cnp_share: eb.ref('excluded.cnp_share'), foreign_share: eb.ref('excluded.foreign_share'), max_amount: eb.ref('excluded.max_amount'),
            near_limit_count: eb.ref('excluded.near_limit_count'), outside_region_count: eb.ref('excluded.outside_region_count'), import_id: eb.ref('excluded.import_id'),
          })),
        )
        .execute();
    }
    await recordAudit(trx, ctx, { action: 'merchant.transactions.import', entityType: 'merchant_txn_import', entityId: importId, after: { file: source.name, sha256: source.sha, rows: total, accepted: good.length, rejected: badLines, replaced: corrected } }, now);
    return corrected;
  });
  const daysWritten = good.map((g) => g.day).sort();
  const written = good.length ? { merchantIds: [...new Set(good.map((g) => g.merchant_id))], from: daysWritten[0]!, to: daysWritten[daysWritten.length - 1]! } : null;
  return { importId, alreadyImported: false, rows: total, accepted: good.length, rejected: badLines, replaced, faults: faults.slice(0, MAX_REPORTED_FAULTS), faultsListed: Math.min(faults.length, MAX_REPORTED_FAULTS), written };
}
