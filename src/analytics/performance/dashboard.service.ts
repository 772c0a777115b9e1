import { sql, type RawBuilder } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { scopePrefix } from '../../platform/access/policy.ts';
import type { Deps } from '../../platform/deps.ts';
import { monthBounds, previousPeriod } from './period.ts';

/*
 * The executive dashboard (管理驾驶舱): a month's volumes, service levels, queue waits,
 * satisfaction, complaints and alerts for the units within the reader's reach, next to the month
 * before, and day by day. Days are China's (UTC+8).
 */

const day = (col: RawBuilder<unknown>) => sql<string>`to_char((${col} at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;

function scoped(prefix: string | null, unitId: RawBuilder<unknown>): RawBuilder<unknown> {
  return prefix === null ? sql`true` : sql`exists (select 1 from org_unit su where su.id = ${unitId} and su.path like ${`${prefix}%`})`;
}

type Figures = Awaited<ReturnType<typeof figures>>;

async function figures(deps: Deps, prefix: string | null, start: Date, end: Date, now: Date) {
  const { rows } = await sql<{
    opened: number; closed: number; closed_on_time: number; open_overdue: number; at_risk: number; tasks: number;
    served: number; mean_wait: number | null; p90_wait: number | null; csat: number | null; nps: number | null; responses: number;
    complaints: number; decided: number; decided_on_time: number; complaints_overdue: number; incidents: number;
  }>`
    select
      (select count(*) from service_case c where c.created_at >= ${start} and c.created_at < ${end} and ${scoped(prefix, sql`c.unit_id`)})::int as opened,
      (select count(*) from service_case c where c.closed_at >= ${start} and c.closed_at < ${end} and ${scoped(prefix, sql`c.unit_id`)})::int as closed,
      (select count(*) from service_case c where c.closed_at >= ${start} and c.closed_at < ${end} and (c.due_at is null or c.closed_at <= c.due_at) and ${scoped(prefix, sql`c.unit_id`)})::int as closed_on_time,
      (select count(*) from service_case c where c.created_at < ${end} and (c.closed_at is null or c.closed_at >= ${end}) and c.due_at < least(${end}::timestamptz, ${now}::timestamptz) and ${scoped(prefix, sql`c.unit_id`)})::int as open_overdue,
      (select count(*) from service_case c where c.created_at < ${end} and c.closed_at is null and c.at_risk_at <= ${now} and (c.due_at is null or c.due_at > ${now}) and ${scoped(prefix, sql`c.unit_id`)})::int as at_risk,
      (select count(*) from task t where t.status = 'completed' and t.ended_at >= ${start} and t.ended_at < ${end} and ${scoped(prefix, sql`t.unit_id`)})::int as tasks,
      (select count(*) from queue_ticket q where q.serve_ended_at >= ${start} and q.serve_ended_at < ${end} and ${scoped(prefix, sql`q.unit_id`)})::int as served,
      (select avg(extract(epoch from q.called_at - q.queued_at))::float8 from queue_ticket q where q.called_at >= ${start} and q.called_at < ${end} and ${scoped(prefix, sql`q.unit_id`)}) as mean_wait,
      (select percentile_cont(0.9) within group (order by extract(epoch from q.called_at - q.queued_at)) from queue_ticket q where q.called_at >= ${start} and q.called_at < ${end} and ${scoped(prefix, sql`q.unit_id`)}) as p90_wait,
      (select avg(s.csat)::float8 from survey s where s.answered_at >= ${start} and s.answered_at < ${end} and ${scoped(prefix, sql`s.unit_id`)}) as csat,
      (select (100.0 * (count(*) filter (where s.nps >= 9) - count(*) filter (where s.nps <= 6)) / nullif(count(s.nps), 0))::float8 from survey s where s.answered_at >= ${start} and s.answered_at < ${end} and ${scoped(prefix, sql`s.unit_id`)}) as nps,
      (select count(*) from survey s where s.answered_at >= ${start} and s.answered_at < ${end} and ${scoped(prefix, sql`s.unit_id`)})::int as responses,
      (select count(*) from complaint k where k.received_at >= ${start} and k.received_at < ${end} and ${scoped(prefix, sql`k.unit_id`)})::int as complaints,
      (select count(*) from complaint k where k.decided_at >= ${start} and k.decided_at < ${end} and ${scoped(prefix, sql`k.unit_id`)})::int as decided,
      (select count(*) from complaint k where k.decided_at >= ${start} and k.decided_at < ${end} and k.decided_at <= k.due_at and ${scoped(prefix, sql`k.unit_id`)})::int as decided_on_time,
      (select count(*) from complaint k where k.received_at < ${end} and (k.decided_at is null or k.decided_at >= ${end}) and k.due_at < least(${end}::timestamptz, ${now}::timestamptz) and k.status <> 'declined' and ${scoped(prefix, sql`k.unit_id`)})::int as complaints_overdue,
      (select count(*) from incident i join process_instance p on p.id = i.instance_id where i.resolved_at is null and ${scoped(prefix, sql`p.unit_id`)})::int as incidents`.execute(deps.db);
  const r = rows[0]!;
  const share = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 1000 : null);
  const num = (v: number | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);
  return {
    volumes: { casesOpened: r.opened, casesClosed: r.closed, tasksCompleted: r.tasks, ticketsServed: r.served, complaintsReceived: r.complaints },
    serviceLevels: { casesOnTimeRate: share(r.closed_on_time, r.closed), casesOverdue: r.open_overdue, complaintsDecidedOnTimeRate: share(r.decided_on_time, r.decided), complaintsOverdue: r.complaints_overdue },
    waits: { meanSeconds: num(r.mean_wait), p90Seconds: num(r.p90_wait) },
    satisfaction: { csat: r.csat === null ? null : Math.round(Number(r.csat) * 100) / 100, nps: num(r.nps), responses: r.responses },
    alerts: { casesAtRisk: r.at_risk, incidents: r.incidents, complaintsOverdue: r.complaints_overdue },
  };
}

async function daily(deps: Deps, prefix: string | null, start: Date, end: Date) {
  const { rows } = await sql<{ day: string; opened: number; closed: number; on_time: number; served: number; mean_wait: number | null; csat: number | null; complaints: number }>`
    with days as (select ${day(sql`g`)} as day from generate_series(${start}::timestamptz, ${end}::timestamptz - interval '1 hour', interval '1 day') g),
    c1 as (select ${day(sql`created_at`)} as day, count(*)::int as n from service_case c where created_at >= ${start} and created_at < ${end} and ${scoped(prefix, sql`c.unit_id`)} group by 1),
    c2 as (select ${day(sql`closed_at`)} as day, count(*)::int as n, count(*) filter (where due_at is null or closed_at <= due_at)::int as on_time from service_case c where closed_at >= ${start} and closed_at < ${end} and ${scoped(prefix, sql`c.unit_id`)} group by 1),
    q as (select ${day(sql`called_at`)} as day, count(*) filter (where serve_ended_at is not null)::int as n, avg(extract(epoch from called_at - queued_at))::float8 as w from queue_ticket t where called_at >= ${start} and called_at < ${end} and ${scoped(prefix, sql`t.unit_id`)} group by 1),
    s as (select ${day(sql`answered_at`)} as day, avg(csat)::float8 as csat from survey v where answered_at >= ${start} and answered_at < ${end} and ${scoped(prefix, sql`v.unit_id`)} group by 1),
    k as (select ${day(sql`received_at`)} as day, count(*)::int as n from complaint k where received_at >= ${start} and received_at < ${end} and ${scoped(prefix, sql`k.unit_id`)} group by 1)
    select days.day, coalesce(c1.n, 0) as opened, coalesce(c2.n, 0) as closed, coalesce(c2.on_time, 0) as on_time, coalesce(q.n, 0) as served, q.w as mean_wait, s.csat, coalesce(k.n, 0) as complaints
    from days left join c1 using (day) left join c2 using (day) left join q using (day) left join s using (day) left join k using (day) order by days.day`.execute(deps.db);
  return rows.map((r) => ({
    day: r.day,
    casesOpened: r.opened,
    casesClosed: r.closed,
    casesOnTimeRate: r.closed ? Math.round((r.on_time / r.closed) * 1000) / 1000 : null,
    ticketsServed: r.served,
    meanWaitSeconds: r.mean_wait === null ? null : Math.round(Number(r.mean_wait)),
    csat: r.csat === null ? null : Math.round(Number(r.csat) * 100) / 100,
    complaints: r.complaints,
  }));
}

/** The month's figures, the previous month's for comparison, and the month day by day. */
export async function executiveDashboard(deps: Deps, ctx: RequestContext, period: string) {
  const prefix = scopePrefix(ctx.actor!, 'performance.read');
  const { start, end } = monthBounds(period);
  const previousStart = monthBounds(previousPeriod(period)).start;
  const now = deps.clock();
  const [current, previous, days]: [Figures, Figures, Awaited<ReturnType<typeof daily>>] = await Promise.all([
    figures(deps, prefix, start, end, now),
    figures(deps, prefix, previousStart, start, now),
    daily(deps, prefix, start, end),
  ]);
  return { period, ...current, previous, daily: days };
}
