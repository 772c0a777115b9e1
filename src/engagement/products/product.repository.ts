import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { PRODUCT, productOf, type Product, type ProductKind, type ProductStatus } from './product.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * A product by its code (any case). When the code came from a request field, an unknown code is a
 * fault on that field; from the path, it is not found.
 */
export async function productByCode(db: Db, code: string, field: string | null): Promise<Product> {
  const row = await db.selectFrom('product').selectAll().where('code', '=', code.toUpperCase()).executeTakeFirst();
  if (row) return productOf(row);
  if (field) throw new ValidationError([{ field, message: { en: `There is no product "${code}".`, zh: `产品“${code}”不存在。` } }]);
  throw new NotFoundError(PRODUCT, code);
}

/** Every product on sale, by kind, risk and code. */
export async function activeProducts(db: Db): Promise<Product[]> {
  const rows = await db.selectFrom('product').selectAll().where('status', '=', 'active').orderBy('kind').orderBy('risk_level').orderBy('code').execute();
  return rows.map(productOf);
}

export type ProductFilter = { kind?: ProductKind | undefined; status?: ProductStatus | undefined; risk?: number | undefined; q?: string | undefined; limit: number; offset: number };

/** The catalogue, filtered; a search matches the code or either name. */
export async function listProducts(db: Db, f: ProductFilter) {
  let q = db.selectFrom('product');
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.risk) q = q.where('risk_level', '=', f.risk);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('code', 'ilike', like), eb('name_zh', 'like', like), eb('name_en', 'ilike', like)]));
  }
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('kind').orderBy('risk_level').orderBy('code').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(count.n), items: rows.map(productOf) };
}
