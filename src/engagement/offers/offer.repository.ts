import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type { ProductKind } from '../products/product.ts';
import type { ProductModel } from './offer.ts';

/*
 * What an offer list reads, in as few round trips as a counter can afford: the customer with
 * their branch, last refresh's facts, groups, open holdings and recent declines in one statement;
 * the model version in force, parsed once per version.
 */

/** A customer as the offers read them (`path`: their branch's, for the scope check). */
export type OfferCustomer = {
  id: string;
  name: string;
  segment: string;
  unit_id: string;
  path: string;
  consents: Record<string, boolean> | null;
  /** The last refresh's facts; null when the customer has none yet. */
  aum: number | null;
  frequency: number | null;
  recency: number | null;
  preferred_channel: string | null;
  payroll: boolean | null;
  groups: string[];
  /** Open holdings by product: kind, how many, the latest opened (ISO text). */
  holdings: { code: string; kind: ProductKind; n: number; opened: string }[];
  /** Products declined since the instant asked for. */
  declined: string[];
};

/** The customer and what their offers read, with recency as of `day` (YYYY-MM-DD); null when there is no such customer. */
export async function customerForOffers(db: Kysely<Database>, customerId: string, day: string, declinedSince: Date): Promise<OfferCustomer | null> {
  const { rows } = await sql<OfferCustomer>`
    select c.id, c.name, c.segment, c.unit_id, o.path, c.consents,
      f.aum::float8 as aum, f.frequency, (${day}::date - f.last_activity) as recency, f.preferred_channel, f.payroll,
      coalesce((select json_agg(m.segment_code) from segment_member m where m.customer_id = c.id), '[]') as groups,
      coalesce((select json_agg(json_build_object('code', h.code, 'kind', h.kind, 'n', h.n, 'opened', h.opened))
                from (select h.product_code as code, p.kind, count(*) as n, max(h.opened_at) as opened
                      from customer_holding h join product p on p.code = h.product_code
                      where h.customer_id = c.id and h.closed_at is null group by h.product_code, p.kind) h), '[]') as holdings,
      coalesce((select json_agg(distinct d.product_code) from offer d
                where d.customer_id = c.id and d.outcome = 'declined' and d.outcome_at > ${declinedSince}), '[]') as declined
    from customer c
    join org_unit o on o.id = c.unit_id
    left join customer_fact f on f.customer_id = c.id
    where c.id = ${customerId}`.execute(db);
  return rows[0] ?? null;
}

type Model = { version: number; products: Record<string, ProductModel> };
/** The last model version read per database (known by number and training instant): a version never changes, so its products are parsed once. */
const cache = new WeakMap<Kysely<Database>, Model & { trainedAt: number }>();

/** The latest model version, or null before the first training. */
export async function latestModel(db: Kysely<Database>): Promise<Model | null> {
  const latest = await db.selectFrom('offer_model').select(['version', 'trained_at']).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!latest) return null;
  const cached = cache.get(db);
  if (cached?.version === latest.version && cached.trainedAt === latest.trained_at.getTime()) return cached;
  const row = await db.selectFrom('offer_model').select(['version', 'products']).where('version', '=', latest.version).executeTakeFirstOrThrow();
  const model = { ...row, trainedAt: latest.trained_at.getTime() };
  cache.set(db, model);
  return model;
}
