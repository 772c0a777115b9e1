import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type { Kysely, Transaction } from 'kysely';
import type { Bucket, Dimension } from './experience.ts';

/*
 * The SQL of customer experience: survey answers counted by period and dimension, and the
 * customer's effort per journey from the engine's event log. Each measure is one statement; the
 * caller's branches (a unit path prefix) and the filters narrow it in the database.
 */

type Db = Kysely<Database> | Transaction<Database>;

export type ExperienceFilter = {
  from: Date;
  to: Date;
  /** A unit path prefix: the caller's branches (null: every branch). */
  scope: string | null;
  /** One branch (org unit id) and the units below it. */
  branch?: string | undefined;
  channel?: string | undefined;
  journey?: string | undefined;
  segment?: string | undefined;
};

export type AnswerRow = { key: string; period: string; responses: number; nps_answers: number; promoters: number; detractors: number; csat_answers: number; satisfied: number };

/**
 * Every answered survey in the window with what it is broken down by: the customer (of the case,
 * the complaint or the counter ticket), the channel (the case's or complaint's; a counter rating's
 * is the counter), the branch that served, and the journey (the case's service, a complaint's
 * handling, a counter visit).
 */
function answers(f: ExperienceFilter): RawBuilder<unknown> {
  return sql`
    select s.answered_at, s.csat, s.nps, s.unit_id, o.path as unit_path,
      coalesce(c.customer_id, k.customer_id, t.customer_id) as customer_id,
      case when c.id is not null then c.channel when k.id is not null then k.channel else 'counter' end as channel,
      case when c.id is not null then c.service_code when k.id is not null then 'complaint' else 'counter' end as journey
    from survey s
      join org_unit o on o.id = s.unit_id
      left join service_case c on c.id = s.case_id
      left join complaint k on k.id = s.complaint_id
      left join queue_ticket t on t.id = s.ticket_id
    where s.answered_at is not null and s.answered_at >= ${f.from} and s.answered_at < ${f.to}
      ${f.scope === null ? sql`` : sql`and o.path like ${`${f.scope}%`}`}
      ${f.branch ? sql`and o.path like (select path from org_unit where id = ${f.branch}) || '%'` : sql``}`;
}

/**
 * The answers' counts by period (the first day of the China week or month) and by the key of the
 * dimension: `segment` — the customer's tier and each group they are in now (an answer counts
 * once in each; answers without a known customer are left out); the others, one key each.
 * Without a dimension every answer has the key `all`.
 */
export async function countAnswers(db: Db, f: ExperienceFilter, by: Dimension | null, bucket: Bucket): Promise<AnswerRow[]> {
  const key = by === null ? sql`'all'` : by === 'channel' ? sql`a.channel` : by === 'branch' ? sql`a.unit_id` : by === 'journey' ? sql`a.journey` : sql`g.code`;
  const segments = by === 'segment' || f.segment
    ? sql`cross join lateral (
        select cu.segment as code from customer cu where cu.id = a.customer_id
        union all select m.segment_code from segment_member m join segment sg on sg.code = m.segment_code and sg.kind = 'group' where m.customer_id = a.customer_id
      ) g`
    : sql``;
  const result = await sql<AnswerRow>`
    select ${key} as key, to_char(date_trunc(${bucket}, a.answered_at at time zone 'Asia/Shanghai'), 'YYYY-MM-DD') as period,
      count(*)::int as responses, count(a.nps)::int as nps_answers,
      (count(*) filter (where a.nps >= 9))::int as promoters, (count(*) filter (where a.nps <= 6))::int as detractors,
      count(a.csat)::int as csat_answers, (count(*) filter (where a.csat >= 4))::int as satisfied
    from (${answers(f)}) a ${segments}
    where true
      ${f.channel ? sql`and a.channel = ${f.channel}` : sql``}
      ${f.journey ? sql`and a.journey = ${f.journey}` : sql``}
      ${f.segment ? sql`and g.code = ${f.segment}` : sql``}
    group by 1, 2 order by 1, 2`.execute(db);
  return result.rows;
}

export type EffortRow = {
  journey: string;
  cases: number;
  steps_median: number | null; steps_p90: number | null;
  waiting_median: number | null; waiting_p90: number | null;
  handovers_median: number | null; handovers_p90: number | null;
  total_median: number | null; total_p90: number | null;
  contact_cases: number; contacts_median: number | null; contacts_p90: number | null;
};

/**
 * The customer's effort per journey (a catalogue service), over the cases closed in the window,
 * from the engine's event log of each case's process: the steps (tasks performed), the time
 * spent waiting between one step's end and the next one's start, the handovers (the next step
 * done by someone else), and the whole time from the customer's first contact (the case's clock)
 * to its close; and, where known, the contacts the customer made for it — counter visits (queue
 * tickets that led to it) and recorded inquiries about it. Each as median and 90th percentile.
 */
export async function effortByJourney(db: Db, f: ExperienceFilter): Promise<EffortRow[]> {
  const result = await sql<EffortRow>`
    with cs as (
      select c.id, c.ref, c.service_code as journey, c.instance_id, c.unit_id, c.source, c.source_ref, c.clock_started_at,
        extract(epoch from c.closed_at - c.clock_started_at)::float8 as total_s
      from service_case c join org_unit o on o.id = c.unit_id
      where c.closed_at is not null and c.closed_at >= ${f.from} and c.closed_at < ${f.to} and c.instance_id is not null
        ${f.scope === null ? sql`` : sql`and o.path like ${`${f.scope}%`}`}
        ${f.branch ? sql`and o.path like (select path from org_unit where id = ${f.branch}) || '%'` : sql``}
        ${f.channel ? sql`and c.channel = ${f.channel}` : sql``}
        ${f.journey ? sql`and c.service_code = ${f.journey}` : sql``}
    ),
    st as (
      select cs.id as case_id, e.activity_instance_id, min(e.at) as started, max(e.at) as ended, max(e.resource) as resource
      from cs join event_log e on e.instance_id = cs.instance_id
      where e.element_type like '%Task'
      group by cs.id, e.activity_instance_id
    ),
    gaps as (
      select case_id, greatest(0, extract(epoch from started - lag(ended) over w))::float8 as wait_s
      from st window w as (partition by case_id order by started, activity_instance_id)
    ),
    -- a handover: the next step done by a person is done by another person (system steps have no one)
    hands as (
      select case_id, count(*) filter (where prev is not null and resource <> prev) as handovers
      from (select case_id, resource, lag(resource) over (partition by case_id order by started, activity_instance_id) as prev from st where resource is not null) p
      group by case_id
    ),
    per_case as (
      select cs.id, cs.journey, cs.total_s,
        coalesce(g.steps, 0) as steps, coalesce(g.wait_s, 0) as wait_s, coalesce(h.handovers, 0) as handovers,
        (select count(*) from queue_ticket t where t.case_id = cs.id
            or (cs.source = 'ticket' and t.unit_id = cs.unit_id and t.number = cs.source_ref and t.issued_at = cs.clock_started_at))
          + (select count(*) from inquiry i where i.case_id = cs.id) as contacts
      from cs left join (select case_id, count(*) as steps, sum(wait_s) as wait_s from gaps group by case_id) g on g.case_id = cs.id
        left join hands h on h.case_id = cs.id
    )
    select journey, count(*)::int as cases,
      percentile_cont(0.5) within group (order by steps) as steps_median, percentile_cont(0.9) within group (order by steps) as steps_p90,
      percentile_cont(0.5) within group (order by wait_s) as waiting_median, percentile_cont(0.9) within group (order by wait_s) as waiting_p90,
      percentile_cont(0.5) within group (order by handovers) as handovers_median, percentile_cont(0.9) within group (order by handovers) as handovers_p90,
      percentile_cont(0.5) within group (order by total_s) as total_median, percentile_cont(0.9) within group (order by total_s) as total_p90,
      (count(*) filter (where contacts > 0))::int as contact_cases,
      percentile_cont(0.5) within group (order by contacts) filter (where contacts > 0) as contacts_median,
      percentile_cont(0.9) within group (order by contacts) filter (where contacts > 0) as contacts_p90
    from per_case group by journey order by count(*) desc, journey`.execute(db);
  return result.rows;
}
