import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type { RfmBounds } from '../segments/segment.table.ts';

/*
 * The customer facts recomputed in one statement, for every customer or for a few: balances,
 * holdings and the last 180 days of activity aggregated per customer, scored into RFM quintiles,
 * and written to `customer_fact` only where something changed. Heavy SQL on purpose: a million
 * customers is a few scans and hash aggregations, not a million round trips.
 *
 * Days are China's calendar days; a holding's day is its opening instant's day in Asia/Shanghai.
 * Windows, for the day D: recent = (D-90, D], before = (D-180, D-90]. Only days with transactions
 * count as activity. A customer's last activity older than 180 days is kept from the facts
 * already stored (activity is never deleted, only corrected).
 */

type Db = Kysely<Database> | Transaction<Database>;

/** The fraction points of the RFM quintile bounds. */
const QUINTILES = sql.raw('array[0.2, 0.4, 0.6, 0.8]');

/** The value each RFM score ranks by, higher is better: a last-activity day as a number (none: -1), frequency, monetary. */
const R_VALUE = sql.raw(`coalesce(last_activity - date '2000-01-01', -1)::float8`);

export type FactRefresh = { bounds: RfmBounds; changed: number };

/** The facts' columns after the key, in the order `raw` computes them, then the scores. */
const VALUES = ['aum', 'aum_before', 'deposits', 'wealth', 'cards', 'loans', 'insurance', 'last_activity', 'frequency', 'monetary', 'frequency_before', 'monetary_before', 'preferred_channel', 'salary_account_opened', 'payroll', 'r_score', 'f_score', 'm_score'] as const;
const COLUMNS = ['customer_id', ...VALUES];

/**
 * Recomputes the facts as of `day` (YYYY-MM-DD). `customers` null: every customer, and the RFM
 * bounds are the quintiles of this computation; otherwise only those customers, scored against
 * `bounds` (the last full refresh's). Returns the bounds used and how many rows changed.
 */
export async function refreshFacts(db: Db, day: string, customers: readonly string[] | null, bounds: RfmBounds | null): Promise<FactRefresh> {
  const result = await factsStatement(day, customers, bounds).execute(db);
  const row = result.rows[0]!;
  return { bounds: { r: numbers(row.r), f: numbers(row.f), m: numbers(row.m) }, changed: Number(row.changed) };
}

/** The statement refreshFacts runs (apart, to be explained: `explain analyze` in front of it). */
export function factsStatement(day: string, customers: readonly string[] | null, bounds: RfmBounds | null) {
  if (customers !== null && bounds === null) throw new Error('refreshing some customers needs the RFM bounds of a full refresh');
  const only = (column: string): RawBuilder<unknown> => (customers === null ? sql`` : sql`and ${sql.ref(column)} = any(${[...customers]}::text[])`);
  const d = sql`${day}::date`;
  const boundsSql = bounds === null
    ? sql`select percentile_cont(${QUINTILES}) within group (order by ${R_VALUE}) as r,
             percentile_cont(${QUINTILES}) within group (order by frequency::float8) as f,
             percentile_cont(${QUINTILES}) within group (order by monetary::float8) as m
        from raw`
    : sql`select ${bounds.r}::float8[] as r, ${bounds.f}::float8[] as f, ${bounds.m}::float8[] as m`;
  // 1 + the bounds the value exceeds (quintileScore in facts.ts); a missing bound is not exceeded
  const score = (value: RawBuilder<unknown>, b: string) => {
    const above = (i: number) => sql`coalesce((${value} > ${sql.ref(`bounds.${b}`)}[${sql.lit(i)}])::int, 0)`;
    return sql`(1 + ${above(1)} + ${above(2)} + ${above(3)} + ${above(4)})::smallint`;
  };
  return sql<{ r: unknown; f: unknown; m: unknown; changed: string | number }>`
    with bal as (
      select distinct on (customer_id) customer_id, as_of, aum from customer_balance
      where as_of <= ${d} and as_of > ${d} - 180 ${only('customer_id')}
      order by customer_id, as_of desc
    ), bal_before as (
      select distinct on (customer_id) customer_id, aum from customer_balance
      where as_of <= ${d} - 90 and as_of > ${d} - 180 ${only('customer_id')}
      order by customer_id, as_of desc
    ), hold as (
      select h.customer_id,
        count(*) filter (where p.kind = 'deposit') as deposits,
        count(*) filter (where p.kind = 'wealth') as wealth,
        count(*) filter (where p.kind = 'card') as cards,
        count(*) filter (where p.kind = 'loan') as loans,
        count(*) filter (where p.kind = 'insurance') as insurance,
        sum(h.amount) filter (where p.kind in ('deposit', 'wealth', 'insurance') and (b.as_of is null or (h.opened_at at time zone 'Asia/Shanghai')::date > b.as_of)) as new_assets,
        bool_or(p.salary_account and (h.opened_at at time zone 'Asia/Shanghai')::date > ${d} - 90) as salary_opened
      from customer_holding h
      join product p on p.code = h.product_code
      left join bal b on b.customer_id = h.customer_id
      where h.closed_at is null and (h.opened_at at time zone 'Asia/Shanghai')::date <= ${d} ${only('h.customer_id')}
      group by h.customer_id
    ), act as (
      -- one pass over the window: distinct days, and the channel of the most days (mode())
      select customer_id, max(day) as last_activity,
        count(distinct day) filter (where day > ${d} - 90) as frequency,
        coalesce(sum(amount) filter (where day > ${d} - 90), 0) as monetary,
        count(distinct day) filter (where day <= ${d} - 90) as frequency_before,
        coalesce(sum(amount) filter (where day <= ${d} - 90), 0) as monetary_before,
        coalesce(bool_or(channel = 'payroll') filter (where day > ${d} - 90), false) as payroll,
        mode() within group (order by channel) filter (where day > ${d} - 90 and channel <> 'payroll') as preferred_channel
      from customer_activity_day
      where day <= ${d} and day > ${d} - 180 and transactions > 0 ${only('customer_id')}
      group by customer_id
    ), raw as (
      select c.id as customer_id,
        coalesce(b.aum, 0) + coalesce(h.new_assets, 0) as aum,
        bb.aum as aum_before,
        coalesce(h.deposits, 0)::int as deposits, coalesce(h.wealth, 0)::int as wealth, coalesce(h.cards, 0)::int as cards,
        coalesce(h.loans, 0)::int as loans, coalesce(h.insurance, 0)::int as insurance,
        greatest(a.last_activity, f.last_activity) as last_activity,
        coalesce(a.frequency, 0)::int as frequency, coalesce(a.monetary, 0) as monetary,
        coalesce(a.frequency_before, 0)::int as frequency_before, coalesce(a.monetary_before, 0) as monetary_before,
        a.preferred_channel,
        coalesce(h.salary_opened, false) as salary_account_opened,
        coalesce(a.payroll, false) as payroll
      from customer c
      left join customer_fact f on f.customer_id = c.id
      left join bal b on b.customer_id = c.id
      left join bal_before bb on bb.customer_id = c.id
      left join hold h on h.customer_id = c.id
      left join act a on a.customer_id = c.id
      where true ${only('c.id')}
    ), bounds as (${boundsSql}
    ), scored as (
      select raw.*, ${score(R_VALUE, 'r')} as r_score, ${score(sql`frequency`, 'f')} as f_score, ${score(sql`monetary`, 'm')} as m_score
      from raw cross join bounds
    ), written as (
      -- only new or changed rows reach the insert: on most days most customers' facts stand
      insert into customer_fact (${sql.raw(COLUMNS.join(', '))})
      select ${sql.raw(COLUMNS.map((c) => `s.${c}`).join(', '))}
      from scored s left join customer_fact f on f.customer_id = s.customer_id
      where f.customer_id is null or (${sql.raw(VALUES.map((c) => `f.${c}`).join(', '))}) is distinct from (${sql.raw(VALUES.map((c) => `s.${c}`).join(', '))})
      on conflict (customer_id) do update set ${sql.raw(VALUES.map((c) => `${c} = excluded.${c}`).join(', '))}
      returning 1
    )
    select bounds.r, bounds.f, bounds.m, (select count(*) from written) as changed from bounds
  `;
}

/** A float8[] as the driver gives it (an array, or PGlite's text form when untyped), as numbers; no bounds when there were no customers. */
function numbers(value: unknown): number[] {
  if (value === null || value === undefined) return [];
  const items = Array.isArray(value) ? value : String(value).replace(/[{}]/g, '').split(',').filter(Boolean);
  return items.map(Number);
}
