import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type { CustomerFacts } from './facts.ts';
import type { ActivityChannel } from './facts.table.ts';

/*
 * Reading the stored facts back, a batch of customers at a time in id order, with what depends
 * on the day (age, tenure, recency) computed for that day: what a refresh or a dry run
 * classifies.
 */

type Db = Kysely<Database> | Transaction<Database>;

/** A customer's stored facts as read for classifying, with their tier, branch and current segments. */
export type FactRow = {
  id: string;
  kind: 'individual' | 'corporate';
  segment: string;
  unit_id: string;
  age: number | null;
  tenure_days: number;
  aum: number;
  aum_before: number | null;
  deposits: number;
  wealth: number;
  cards: number;
  loans: number;
  insurance: number;
  recency: number | null;
  frequency: number;
  monetary: number;
  frequency_before: number;
  monetary_before: number;
  preferred_channel: ActivityChannel | null;
  salary_account_opened: boolean;
  payroll: boolean;
  r_score: number;
  f_score: number;
  m_score: number;
  /** The segments the customer is a member of now (only when asked for). */
  member_of: string[] | null;
};

export type FactBatchOptions = {
  /** Only these customers; null: every customer with facts. */
  customers: readonly string[] | null;
  /** Read each customer's current segments too. */
  withMembers: boolean;
};

/**
 * Customers with facts after the id `after` (exclusive, '' to start), `limit` of them in id
 * order, with age, tenure and recency as of `day` (YYYY-MM-DD, China's calendar). Both tables
 * are bounded by `after`: the merge join then starts each batch where the last one ended, rather
 * than walking the facts from the first customer every time.
 */
export async function factBatch(db: Db, day: string, after: string, limit: number, options: FactBatchOptions): Promise<FactRow[]> {
  const d = sql`${day}::date`;
  const members = options.withMembers ? sql`coalesce((select array_agg(m.segment_code) from segment_member m where m.customer_id = c.id), '{}')` : sql`null`;
  const only = options.customers === null ? sql`` : sql`and c.id = any(${[...options.customers]}::text[])`;
  const result = await sql<FactRow>`
    select c.id, c.kind, c.segment, c.unit_id,
      extract(year from age(${d}, c.birth_date))::int as age,
      (${d} - (c.created_at at time zone 'Asia/Shanghai')::date) as tenure_days,
      f.aum::float8 as aum, f.aum_before::float8 as aum_before,
      f.deposits, f.wealth, f.cards, f.loans, f.insurance,
      (${d} - f.last_activity) as recency,
      f.frequency, f.monetary::float8 as monetary, f.frequency_before, f.monetary_before::float8 as monetary_before,
      f.preferred_channel, f.salary_account_opened, f.payroll, f.r_score, f.f_score, f.m_score,
      ${members} as member_of
    from customer c join customer_fact f on f.customer_id = c.id
    where c.id > ${after} and f.customer_id > ${after} ${only}
    order by c.id
    limit ${limit}
  `.execute(db);
  return result.rows;
}

/** Copies a row's facts into `facts` (reused across customers). */
export function fillFacts(row: FactRow, facts: CustomerFacts): CustomerFacts {
  facts.aum = row.aum;
  facts.aumBefore = row.aum_before;
  // a birth date after the day (a data error) gives no age rather than a negative one
  facts.age = row.age !== null && row.age >= 0 ? row.age : null;
  facts.tenureDays = row.tenure_days;
  facts.kind = row.kind;
  const h = facts.holdings;
  h.deposit = row.deposits;
  h.wealth = row.wealth;
  h.card = row.cards;
  h.loan = row.loans;
  h.insurance = row.insurance;
  h.total = row.deposits + row.wealth + row.cards + row.loans + row.insurance;
  facts.recency = row.recency;
  facts.frequency = row.frequency;
  facts.monetary = row.monetary;
  facts.frequencyBefore = row.frequency_before;
  facts.monetaryBefore = row.monetary_before;
  facts.rfm.r = row.r_score;
  facts.rfm.f = row.f_score;
  facts.rfm.m = row.m_score;
  facts.rfm.total = row.r_score + row.f_score + row.m_score;
  facts.preferredChannel = row.preferred_channel;
  facts.salaryAccountOpened = row.salary_account_opened;
  facts.payroll = row.payroll;
  return facts;
}
