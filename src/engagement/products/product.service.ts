import { sql, type Transaction } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { AlreadyExistsError, ValidationError, VersionConflictError } from '../../platform/errors.ts';
import { productByCode } from './product.repository.ts';
import { plainAmount, PRODUCT, type Product } from './product.ts';
import type { NewProduct, ProductChange } from './product.schemas.ts';

type Trx = Transaction<Database>;

/** An eligibility decision must be deployed before a product can name it. */
async function assertDecision(trx: Trx, key: string | null | undefined): Promise<void> {
  if (!key) return;
  if (await trx.selectFrom('decision_definition').select('id').where('key', '=', key).limit(1).executeTakeFirst()) return;
  throw new ValidationError([{ field: '/eligibility', message: { en: `No decision "${key}" is deployed; deploy it first, or leave eligibility empty.`, zh: `未部署决策“${key}”，请先部署或不设准入规则。` } }]);
}

/** Adds a product to the catalogue, on sale at once (audited). */
export async function createProduct(deps: Deps, ctx: RequestContext, input: NewProduct): Promise<Product> {
  const now = deps.clock();
  const code = input.code.toUpperCase();
  await deps.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('product').select('code').where('code', '=', code).executeTakeFirst()) throw new AlreadyExistsError(PRODUCT, 'code', code);
    await assertDecision(trx, input.eligibility);
    const values = {
      code,
      kind: input.kind,
      name_zh: input.nameZh.trim(),
      name_en: input.nameEn.trim(),
      risk_level: input.riskLevel,
      eligibility: input.eligibility ?? null,
      min_amount: input.minAmount ? plainAmount(input.minAmount) : null,
      term_months: input.termMonths ?? null,
      rate_text: input.rateText ?? null,
      salary_account: input.salaryAccount ?? false,
      status: 'active' as const,
      created_at: now,
      updated_at: now,
      updated_by: ctx.actor?.username ?? null,
    };
    await trx.insertInto('product').values(values).execute();
    await recordAudit(trx, ctx, { action: 'product.create', entityType: 'product', entityId: code, after: { ...input, code } }, now);
  });
  return productByCode(deps.db, code, null);
}

const COLUMNS = { nameZh: 'name_zh', nameEn: 'name_en', riskLevel: 'risk_level', eligibility: 'eligibility', minAmount: 'min_amount', termMonths: 'term_months', rateText: 'rate_text', salaryAccount: 'salary_account', status: 'status' } as const;

/**
 * Changes a product (optimistic: `version` must be the one read). Withdrawing it (status
 * `withdrawn`) stops every sale at once; holdings already opened stay. Audited before and after.
 */
export async function changeProduct(deps: Deps, ctx: RequestContext, code: string, input: ProductChange): Promise<Product> {
  const now = deps.clock();
  const before = await productByCode(deps.db, code, null);
  await deps.db.transaction().execute(async (trx) => {
    if (input.eligibility !== undefined) await assertDecision(trx, input.eligibility);
    const set: Record<string, unknown> = {};
    const was: Record<string, unknown> = {};
    for (const [key, column] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, string][]) {
      const value = input[key];
      if (value === undefined) continue;
      set[column] = key === 'minAmount' && typeof value === 'string' ? plainAmount(value) : value;
      was[key] = before[key];
    }
    const updated = await trx
      .updateTable('product')
      .set({ ...set, updated_at: now, updated_by: ctx.actor?.username ?? null, version: sql`version + 1` })
      .where('code', '=', before.code)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new VersionConflictError(PRODUCT);
    await recordAudit(trx, ctx, { action: input.status === 'withdrawn' && before.status !== 'withdrawn' ? 'product.withdraw' : 'product.change', entityType: 'product', entityId: before.code, before: was, after: Object.fromEntries(Object.keys(was).map((k) => [k, input[k as keyof typeof COLUMNS]])) }, now);
  });
  return productByCode(deps.db, before.code, null);
}
