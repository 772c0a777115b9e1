import { Type, type Static } from '@sinclair/typebox';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import type { RequestContext } from '../platform/access/actor.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { chinaDate } from '../platform/calendar/china-time.ts';
import type { Deps } from '../platform/deps.ts';
import { ValidationError, type FieldError } from '../platform/errors.ts';
import { maskCardNumber, maskIdNumber, validateUscc } from '../platform/pii/index.ts';
import { normalise, type PiiVault } from '../platform/pii/vault.ts';
import { readCsvFile } from './csv-file.ts';
import type { RiskListKind } from './merchant.table.ts';

/*
 * The risk-information list (风险信息名单): social credit codes, ID numbers of people and
 * settlement accounts that acquiring must refuse or treat with caution (《银行卡收单业务管理办法》).
 * Entries are kept as keyed digests — the clear value is never stored — so a merchant is screened
 * by comparing digests, and the list shows values masked.
 */

export const RISK_LIST_KINDS = ['uscc', 'id_number', 'account'] as const satisfies readonly RiskListKind[];

/** The digest kind of each entry kind: a person's ID number is the same whatever document it is on. */
const DIGEST_KIND: Record<RiskListKind, string> = { uscc: 'uscc', id_number: 'person-id', account: 'account' };

export const digestOf = (vault: PiiVault, kind: RiskListKind, value: string) => vault.digest(DIGEST_KIND[kind], value);

const maskOf = (kind: RiskListKind, value: string) => (kind === 'account' ? maskCardNumber(value) : maskIdNumber(value));

export const RiskListEntryBody = Type.Object(
  {
    kind: Type.Unsafe<RiskListKind>({ type: 'string', enum: [...RISK_LIST_KINDS], description: 'uscc (a company), id_number (a person), account (a settlement account)' }),
    value: Type.String({ minLength: 5, maxLength: 40 }),
    reason: Type.String({ minLength: 2, maxLength: 500 }),
    source: Type.String({ minLength: 2, maxLength: 100, description: 'Where the entry comes from: the card schemes’ risk information sharing, the regulator, the bank’s own findings' }),
    listedOn: Type.Optional(Type.String({ format: 'date' })),
  },
  { additionalProperties: false },
);
export type RiskListEntryInput = Static<typeof RiskListEntryBody>;

/** What is wrong with an entry's value, under `field`, or nothing. */
function valueProblems(kind: RiskListKind, raw: string, field: string): FieldError[] {
  const value = normalise(raw);
  if (kind === 'uscc' && !validateUscc(value).ok) return [{ field, message: { en: 'This is not a valid unified social credit code.', zh: '统一社会信用代码无效。' } }];
  if (kind === 'id_number' && !/^[A-Z0-9]{5,20}$/.test(value)) return [{ field, message: { en: 'An ID number is 5 to 20 letters and digits.', zh: '证件号码应为5至20位字母或数字。' } }];
  if (kind === 'account' && !/^[0-9]{12,30}$/.test(value)) return [{ field, message: { en: 'An account number is 12 to 30 digits.', zh: '账号应为12至30位数字。' } }];
  return [];
}

export type ListedEntry = { id: string; kind: RiskListKind; valueMasked: string; reason: string; source: string; listedOn: string };

/**
 * Adds entries to the list, all or none: any bad entry refuses the whole batch, each fault named by
 * its position. An entry already listed is left as it is and counted.
 */
export async function addRiskListEntries(deps: Deps, ctx: RequestContext, entries: RiskListEntryInput[], fieldOf: (index: number, name: string) => string): Promise<{ added: number; alreadyListed: number }> {
  const errors = entries.flatMap((e, i) => valueProblems(e.kind, e.value, fieldOf(i, 'value')));
  if (errors.length) throw new ValidationError(errors);
  const now = deps.clock();
  const today = chinaDate(now);
  return deps.db.transaction().execute(async (trx) => {
    let added = 0;
    for (const e of entries) {
      const value = normalise(e.value);
      const id = deps.newId();
      const inserted = await trx
        .insertInto('risk_list_entry')
        .values({ id, kind: e.kind, value_digest: digestOf(deps.vault, e.kind, value), value_masked: maskOf(e.kind, value), reason: e.reason, source: e.source, listed_on: e.listedOn ?? today, created_by: ctx.actor!.username, created_at: now })
        .onConflict((oc) => oc.columns(['kind', 'value_digest']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) continue;
      added++;
      await recordAudit(trx, ctx, { action: 'risk_list.add', entityType: 'risk_list_entry', entityId: id, after: { kind: e.kind, value: maskOf(e.kind, value), reason: e.reason, source: e.source } }, now);
    }
    return { added, alreadyListed: entries.length - added };
  });
}

/** The list, newest first, values masked. */
export async function listRiskEntries(deps: Deps, f: { kind?: RiskListKind | undefined; limit: number; offset: number }): Promise<{ total: number; items: ListedEntry[] }> {
  let q = deps.db.selectFrom('risk_list_entry');
  if (f.kind) q = q.where('kind', '=', f.kind);
  const [rows, count] = await Promise.all([
    q.selectAll().select(sql<string>`listed_on::text`.as('listed_on')).orderBy('created_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(count.n), items: rows.map((r) => ({ id: r.id, kind: r.kind, valueMasked: r.value_masked, reason: r.reason, source: r.source, listedOn: r.listed_on })) };
}

/** A hit of the list on a merchant: what matched (the company, one of its people, its account) and the entry. */
export type RiskListHit = { matched: 'merchant' | 'legal_representative' | 'beneficial_owner' | 'settlement_account'; kind: RiskListKind; valueMasked: string; reason: string; source: string; listedOn: string };

/**
 * Screens a merchant against the list: its social credit code, its people's ID numbers, its
 * settlement account. In `db` — a process step's transaction, when a step screens.
 */
export async function screenMerchant(deps: Deps, merchantId: string, db: Kysely<Database> | Transaction<Database> = deps.db): Promise<RiskListHit[]> {
  const merchant = await db.selectFrom('merchant').select(['uscc', 'settlement_account_digest']).where('id', '=', merchantId).executeTakeFirstOrThrow();
  const people = await db.selectFrom('merchant_person').select(['role', 'id_number_digest']).where('merchant_id', '=', merchantId).execute();
  const wanted: { matched: RiskListHit['matched']; kind: RiskListKind; digest: string }[] = [
    { matched: 'merchant', kind: 'uscc', digest: digestOf(deps.vault, 'uscc', merchant.uscc) },
    { matched: 'settlement_account', kind: 'account', digest: merchant.settlement_account_digest },
    ...people.map((p) => ({ matched: p.role, kind: 'id_number' as const, digest: p.id_number_digest })),
  ];
  const entries = await db.selectFrom('risk_list_entry').selectAll().select(sql<string>`listed_on::text`.as('listed_on')).where((eb) => eb.or(wanted.map((w) => eb.and([eb('kind', '=', w.kind), eb('value_digest', '=', w.digest)])))).execute();
  return wanted.flatMap((w) =>
    entries.filter((e) => e.kind === w.kind && e.value_digest === w.digest).map((e) => ({ matched: w.matched, kind: e.kind, valueMasked: e.value_masked, reason: e.reason, source: e.source, listedOn: e.listed_on })),
  );
}

/** The columns of a risk-list file, in any order: `listed_on` may be left out (today). */
export const RISK_LIST_COLUMNS = ['kind', 'value', 'reason', 'source', 'listed_on'] as const;

/**
 * The entries of a risk-list CSV file (the card schemes' and the regulator's lists come as files),
 * each with its line; a fault of the file itself, or of a row's shape, named by its line.
 */
export async function riskListRows(bytes: Buffer): Promise<{ entries: RiskListEntryInput[]; lines: number[] }> {
  const read = await readCsvFile(bytes, ['kind', 'value', 'reason', 'source'], ['listed_on']);
  const errors: FieldError[] = read.faults.map((f) => ({ field: `/rows/${f.line}`, message: f.message }));
  const entries: RiskListEntryInput[] = [];
  const lines: number[] = [];
  for (const { cells, line } of read.rows) {
    const cell = (c: 'kind' | 'value' | 'reason' | 'source' | 'listed_on') => cells[c].trim();
    const kind = cell('kind') as RiskListKind;
    const listedOn = cell('listed_on');
    if (!(RISK_LIST_KINDS as readonly string[]).includes(kind)) errors.push({ field: `/rows/${line}/kind`, message: { en: `"${kind}" is not uscc, id_number or account.`, zh: `“${kind}”不是 uscc、id_number 或 account。` } });
    else if (cell('reason').length < 2 || cell('source').length < 2) errors.push({ field: `/rows/${line}/${cell('reason').length < 2 ? 'reason' : 'source'}`, message: { en: 'Say why the entry is listed and where it comes from.', zh: '请填写列入原因和来源。' } });
    else if (listedOn && !/^\d{4}-\d{2}-\d{2}$/.test(listedOn)) errors.push({ field: `/rows/${line}/listed_on`, message: { en: `"${listedOn}" is not a date (YYYY-MM-DD).`, zh: `“${listedOn}”不是日期（YYYY-MM-DD）。` } });
    else {
      entries.push({ kind, value: cell('value'), reason: cell('reason').slice(0, 500), source: cell('source').slice(0, 100), ...(listedOn ? { listedOn } : {}) });
      lines.push(line);
    }
  }
  if (errors.length) throw new ValidationError(errors.slice(0, 1000));
  if (entries.length === 0) throw new ValidationError([{ field: '/file', message: { en: 'The file holds no entries.', zh: '文件中没有名单条目。' } }]);
  return { entries, lines };
}
