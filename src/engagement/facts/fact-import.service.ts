import { createHash } from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import { isInScope } from '../../platform/access/policy.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { chinaDate } from '../../platform/calendar/china-time.ts';
import type { Deps } from '../../platform/deps.ts';
import { judgeRows, MAX_REPORTED_FAULTS } from '../../platform/http/row-faults.ts';
import { readCsvFile } from '../../merchants/csv-file.ts';
import { ACTIVITY_SPEC, BALANCE_SPEC, fault, type FactRowSpec, type RowFault } from './fact-rows.ts';
import type { FactImportKind } from './facts.table.ts';

/*
 * Customer activity and balance snapshots from core banking's end-of-day files, as CSV or as
 * JSON rows — the way merchant figures come in (src/merchants/txn-import.service.ts): every row
 * checked on its own, faults by line and column; written in one transaction, all of it or (when
 * asked) exactly its valid rows, never half. The same file again (by its SHA-256) changes
 * nothing; a later row for a day already held corrects it. A staff member of a branch imports
 * only their branches' customers.
 */

export type FactImportReport = { importId: string; alreadyImported: boolean; rows: number; accepted: number; rejected: number; replaced: number; faults: RowFault[]; faultsListed: number };
/** What an import wrote: the customers it touched, for their segments to be refreshed. */
export type FactImported = FactImportReport & { customers: string[] };

/** The most faults a report lists (the count is always whole). */
const WRITE_BATCH = 10_000;

export const SPECS: Record<FactImportKind, FactRowSpec> = { activity: ACTIVITY_SPEC, balance: BALANCE_SPEC };

/** Imports an uploaded CSV file (plain or gzipped) of the given kind. */
export async function importFactFile(deps: Deps, ctx: RequestContext, kind: FactImportKind, file: { bytes: Buffer; name: string | null }, acceptValid: boolean): Promise<FactImported> {
  const sha = createHash('sha256').update(file.bytes).digest('hex');
  const earlier = await alreadyImported(deps, kind, sha);
  if (earlier) return earlier;
  const spec = SPECS[kind];
  const read = await readCsvFile(file.bytes, spec.columns);
  const early = read.faults.map((f) => ({ ...f, column: null }));
  return importRows(deps, ctx, kind, { sha, name: file.name }, read.rows.map((r) => ({ raw: r.cells, line: r.line })), early, acceptValid);
}

/** Imports rows sent through the API (their position, from 1, stands for the line). */
export async function importFactRows(deps: Deps, ctx: RequestContext, kind: FactImportKind, rows: Record<string, string>[], acceptValid: boolean): Promise<FactImported> {
  const sha = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
  const earlier = await alreadyImported(deps, kind, sha);
  if (earlier) return earlier;
  return importRows(deps, ctx, kind, { sha, name: null }, rows.map((raw, i) => ({ raw, line: i + 1 })), [], acceptValid);
}

async function alreadyImported(deps: Deps, kind: FactImportKind, sha: string): Promise<FactImported | null> {
  const e = await deps.db.selectFrom('customer_fact_import').selectAll().where('kind', '=', kind).where('file_sha256', '=', sha).executeTakeFirst();
  return e ? { importId: e.id, alreadyImported: true, rows: e.rows, accepted: e.accepted, rejected: e.rejected, replaced: 0, faults: [], faultsListed: 0, customers: [] } : null;
}

async function importRows(deps: Deps, ctx: RequestContext, kind: FactImportKind, source: { sha: string; name: string | null }, rows: { raw: Record<string, string>; line: number }[], earlyFaults: RowFault[], acceptValid: boolean): Promise<FactImported> {
  const now = deps.clock();
  const spec = SPECS[kind];
  const reach = await customersInReach(deps, ctx, rows.map((r) => (r.raw.customer ?? '').trim()));
  const today = chinaDate(now);
  const faults = [...earlyFaults];
  const good: string[][] = [];
  const seen = new Map<string, number>();
  for (const { raw, line } of rows) {
    const customer = (raw.customer ?? '').trim();
    const unknown = customerFault(customer, reach.get(customer), line);
    const checked = spec.check(raw, line, today);
    if ('faults' in checked || unknown) {
      faults.push(...(unknown ? [unknown] : []), ...('faults' in checked ? checked.faults : []));
      continue;
    }
    const values = [customer, ...checked.values];
    const key = values.slice(0, spec.keyLength).join('|');
    const first = seen.get(key);
    if (first !== undefined) {
      faults.push(fault(line, spec.columns[1]!, `This is already on line ${first}.`, `与第 ${first} 行重复。`));
      continue;
    }
    seen.set(key, line);
    good.push(values);
  }
  const { total, badLines } = judgeRows({ rows: rows.length, earlyFaults, faults, good: good.length, acceptValid });
  const importId = deps.newId();
  const replaced = await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('customer_fact_import').values({ id: importId, kind, file_sha256: source.sha, file_name: source.name, rows: total, accepted: good.length, rejected: badLines, imported_by: ctx.actor!.username, imported_at: now }).execute();
    let corrected = 0;
    for (let i = 0; i < good.length; i += WRITE_BATCH) {
      const batch = good.slice(i, i + WRITE_BATCH);
      corrected += await spec.write(trx, spec.columns.map((_, c) => batch.map((v) => v[c]!)), importId);
    }
    await recordAudit(trx, ctx, { action: `customer.${kind}.import`, entityType: 'customer_fact_import', entityId: importId, after: { file: source.name, sha256: source.sha, rows: total, accepted: good.length, rejected: badLines, replaced: corrected } }, now);
    return corrected;
  });
  return { importId, alreadyImported: false, rows: total, accepted: good.length, rejected: badLines, replaced, faults: faults.slice(0, MAX_REPORTED_FAULTS), faultsListed: Math.min(faults.length, MAX_REPORTED_FAULTS), customers: [...new Set(good.map((g) => g[0]!))] };
}

/** A row's customer that does not exist, or is not the importer's to import. */
function customerFault(customer: string, inReach: boolean | undefined, line: number): RowFault | null {
  if (inReach === undefined) return fault(line, 'customer', `No customer "${customer}".`, `没有客户“${customer}”。`);
  if (!inReach) return fault(line, 'customer', `The customer "${customer}" is not in your branches.`, `客户“${customer}”不属于您所在机构及下属机构。`);
  return null;
}

/** For each customer id named: true when it is in the caller's reach, false when outside it; unknown ids are absent. */
async function customersInReach(deps: Deps, ctx: RequestContext, ids: string[]): Promise<Map<string, boolean>> {
  const unique = [...new Set(ids.filter(Boolean))];
  const reach = new Map<string, boolean>();
  for (let i = 0; i < unique.length; i += 5000) {
    const found = await deps.db.selectFrom('customer as c').innerJoin('org_unit as o', 'o.id', 'c.unit_id').select(['c.id', 'o.path']).where('c.id', 'in', unique.slice(i, i + 5000)).execute();
    for (const c of found) reach.set(c.id, isInScope(ctx.actor!, 'segment.manage', c.path));
  }
  return reach;
}
