import { sql } from 'kysely';
import { chinaDate } from '../../platform/calendar/china-time.ts';
import type { Deps } from '../../platform/deps.ts';

/*
 * One customer's facts as people read them: money as exact decimal text, the day-dependent ones
 * (age, tenure, recency) as of today, the names those segment rules use.
 */

export type CustomerFactsView = {
  aum: string;
  aumBefore: string | null;
  age: number | null;
  tenureDays: number;
  holdings: { deposit: number; wealth: number; card: number; loan: number; insurance: number; total: number };
  lastActivity: string | null;
  recency: number | null;
  frequency: number;
  monetary: string;
  frequencyBefore: number;
  monetaryBefore: string;
  rfm: { r: number; f: number; m: number; total: number };
  preferredChannel: string | null;
  salaryAccountOpened: boolean;
  payroll: boolean;
};

/** The customer's stored facts (from the last refresh that reached them), or null before any. */
export async function customerFactsView(deps: Deps, customerId: string): Promise<CustomerFactsView | null> {
  const d = sql`${chinaDate(deps.clock())}::date`;
  const r = await deps.db
    .selectFrom('customer_fact as f')
    .innerJoin('customer as c', 'c.id', 'f.customer_id')
    .selectAll('f')
    .select([
      sql<string | null>`f.last_activity::text`.as('last_activity'),
      sql<number | null>`extract(year from age(${d}, c.birth_date))::int`.as('age'),
      sql<number>`${d} - (c.created_at at time zone 'Asia/Shanghai')::date`.as('tenure_days'),
      sql<number | null>`${d} - f.last_activity`.as('recency'),
    ])
    .where('f.customer_id', '=', customerId)
    .executeTakeFirst();
  if (!r) return null;
  return {
    aum: r.aum,
    aumBefore: r.aum_before,
    age: r.age !== null && r.age >= 0 ? r.age : null,
    tenureDays: r.tenure_days,
    holdings: { deposit: r.deposits, wealth: r.wealth, card: r.cards, loan: r.loans, insurance: r.insurance, total: r.deposits + r.wealth + r.cards + r.loans + r.insurance },
    lastActivity: r.last_activity,
    recency: r.recency,
    frequency: r.frequency,
    monetary: r.monetary,
    frequencyBefore: r.frequency_before,
    monetaryBefore: r.monetary_before,
    rfm: { r: r.r_score, f: r.f_score, m: r.m_score, total: r.r_score + r.f_score + r.m_score },
    preferredChannel: r.preferred_channel,
    salaryAccountOpened: r.salary_account_opened,
    payroll: r.payroll,
  };
}
