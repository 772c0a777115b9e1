import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/platform/db/schema.ts';

/*
 * A million generated customers for the segments benchmark, written with SQL in a few
 * `insert … select … from generate_series` statements. Each customer's traits come from hashes of
 * its number, so every run writes the same bank:
 *
 * - one in 20 a company; people born 1950–2005; registered up to four years ago, spread over the
 *   branches;
 * - one in 10 silent (no activity in half a year); the others active every 6 to 60 days through
 *   their usual channel, one in 10 of them far less in the last 90 days; one in three salaried
 *   (payroll on the 10th of each month);
 * - two balance snapshots, yesterday and 91 days ago, AUM spread evenly in log scale from 1 yuan
 *   to about 9 million (about a third gold or above, 2.5% private); one in 17 has lost half;
 * - one in three holds a product of the demo catalogue.
 */

export type Generated = { others: number; activityRows: number; balanceRows: number; holdings: number; seconds: number };

const CHANNELS = "array['mobile', 'counter', 'atm', 'online', 'pos', 'phone']";
const PRODUCTS = "array['DEP-1Y', 'WM-BOND-180', 'CARD-DEBIT', 'LOAN-CONSUMER', 'INS-ACCIDENT-1Y', 'DEP-PAYROLL', 'WM-CASH']";

export async function generateCustomers(db: Kysely<Database>, count: number, today: string): Promise<Generated> {
  const started = performance.now();
  const others = Number((await sql<{ n: string }>`select count(*) as n from customer`.execute(db)).rows[0]!.n);
  const d = sql`${today}::date`;
  await sql`create unlogged table bench_profile as
    select 'bench-' || lpad(g::text, 7, '0') as id, g, h,
      h % 20 = 0 as corporate, h % 10 = 1 as silent, (h / 10) % 10 = 2 as declining, (h / 100) % 3 = 0 as salaried,
      (6 + (h / 1000) % 55)::int as gap, (${sql.raw(CHANNELS)})[1 + (h / 7) % 6] as channel
    from generate_series(1, ${count}) as g, lateral (select abs(hashtext('c' || g)::bigint) as h) x`.execute(db);
  const units = (await db.selectFrom('org_unit').select('id').where('kind', 'in', ['branch', 'sub_branch']).execute()).map((u) => u.id);
  await sql`insert into customer (id, kind, name, id_type, id_number_sealed, id_number_digest, id_number_masked, birth_date, segment, unit_id, consents, created_at, updated_at)
    select id, case when corporate then 'corporate' else 'individual' end, '客户' || g, 'passport', 'sealed', 'bench-' || g, 'E****' || (g % 10000),
      case when corporate then null else date '1950-01-01' + ((h / 3) % 20000)::int end,
      'standard', (${units}::text[])[1 + g % ${units.length}], '{}', ${d} - (1 + h % 1460)::int, now()
    from bench_profile`.execute(db);
  const importId = 'bench-import';
  await sql`insert into customer_fact_import (id, kind, file_sha256, file_name, rows, accepted, rejected, imported_by, imported_at) values (${importId}, 'activity', 'bench', 'bench', 0, 0, 0, 'bench', now())`.execute(db);
  const activity = await sql`insert into customer_activity_day (customer_id, day, channel, transactions, amount, import_id)
    select id, ${d} - back, channel, 1 + (h + back) % 4, ((h + back * 7919) % 300000 / 100.0)::numeric(18, 2), ${importId}
    from bench_profile, generate_series((1 + h % gap)::int, 179, gap) as back
    where not silent and (back >= 90 or not declining or (back / gap) % 4 = 0)`.execute(db);
  const payroll = await sql`insert into customer_activity_day (customer_id, day, channel, transactions, amount, import_id)
    select id, day, 'payroll', 1, (5000 + h % 20000)::numeric(18, 2), ${importId}
    from bench_profile, generate_series(date_trunc('month', ${d} - 179) + interval '9 days', ${d}, interval '1 month') as day
    where salaried and not corporate and not silent and day > ${d} - 180`.execute(db);
  const balances = await sql`insert into customer_balance (customer_id, as_of, aum, import_id)
    select id, as_of, round((exp((h % 16000) / 1000.0) * case when as_of < ${d} - 1 and h % 17 = 0 then 2 else 1 end)::numeric, 2), ${importId}
    from bench_profile, unnest(array[${d} - 1, ${d} - 91]) as as_of`.execute(db);
  const holdings = await sql`insert into customer_holding (id, customer_id, product_code, amount, opened_at, closed_at, sale_id)
    select 'bench-h-' || g, id, (${sql.raw(PRODUCTS)})[1 + (h / 13) % 7], (1000 + h % 100000)::numeric(18, 2), now() - ((h % 400) || ' days')::interval, null, null
    from bench_profile where g % 3 = 1`.execute(db);
  await sql`drop table bench_profile`.execute(db);
  for (const table of ['customer', 'customer_activity_day', 'customer_balance', 'customer_holding']) await sql`vacuum analyze ${sql.table(table)}`.execute(db);
  const n = (r: { numAffectedRows?: bigint }) => Number(r.numAffectedRows ?? 0);
  return { others, activityRows: n(activity) + n(payroll), balanceRows: n(balances), holdings: n(holdings), seconds: (performance.now() - started) / 1000 };
}
