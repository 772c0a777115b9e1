import { sql } from 'kysely';
import type { Deps } from '../../platform/deps.ts';
import { findLog } from '../event-log.service.ts';
import { filteredEvents, type LogFilter } from './log-filter.ts';
import { eventOrder, seconds } from './log-source.ts';

/*
 * Bottlenecks: where a case's time goes. An activity instance is a completion event (any
 * lifecycle but `start`) paired with the start event of the same activity in the same case, if
 * any (the n-th start with the n-th completion). Its **waiting time** runs from the end of the
 * latest activity completed before it began (its start, or its completion where it has no start)
 * to its start; its **handling time** from its start to its completion. Where the log has no start
 * events, the waiting time is the whole time since the previous completion and there is no
 * handling time. A case's first activity has no waiting time.
 */

export type BottleneckKey = 'activity' | 'resource' | 'branch';

type Stats = { meanSeconds: number | null; medianSeconds: number | null; p90Seconds: number | null };

/** Activity instances of the (filtered) log with their waiting and handling times, in seconds. */
export function activityInstances(log: Awaited<ReturnType<typeof findLog>>, filter: LogFilter) {
  return sql`
    ev as (${filteredEvents(log, filter)}),
    o as (
      select case_id, activity, coalesce(lower(lifecycle) = 'start', false) as is_start, at, resource, branch, service,
        row_number() over w as ord,
        max(case when coalesce(lower(lifecycle), '') <> 'start' then at end) over (w rows between unbounded preceding and 1 preceding) as prev_end
      from ev window w as (partition by case_id order by ${eventOrder(log)})
    ),
    k as (select o.*, row_number() over (partition by case_id, activity, is_start order by ord) as k from o),
    inst as (
      select d.case_id, d.activity, coalesce(d.resource, s.resource) as resource, d.branch, d.service, d.at as end_at, s.at as start_at,
        extract(epoch from coalesce(s.at, d.at) - case when s.case_id is null then d.prev_end else s.prev_end end) as waiting,
        extract(epoch from d.at - s.at) as handling
      from k d left join k s on s.is_start and s.case_id = d.case_id and s.activity = d.activity and s.k = d.k
      where not d.is_start
    )`;
}

/**
 * Waiting and handling time per activity, per resource or per branch: how many activity
 * instances, and the mean, median and 90th percentile of each time. The longest waits first.
 */
export async function bottlenecks(deps: Deps, id: string, by: BottleneckKey, filter: LogFilter = {}) {
  const log = await findLog(deps, id);
  const key = by === 'activity' ? sql`activity` : by === 'resource' ? sql`resource` : sql`branch`;
  const { rows } = await sql<{ key: string | null; n: number; w_mean: unknown; w_median: unknown; w_p90: unknown; h_n: number; h_mean: unknown; h_median: unknown; h_p90: unknown }>`
    with ${activityInstances(log, filter)}
    select ${key} as key, count(*)::int as n,
      avg(waiting)::float8 as w_mean, percentile_cont(0.5) within group (order by waiting) as w_median, percentile_cont(0.9) within group (order by waiting) as w_p90,
      count(handling)::int as h_n, avg(handling)::float8 as h_mean, percentile_cont(0.5) within group (order by handling) as h_median, percentile_cont(0.9) within group (order by handling) as h_p90
    from inst group by 1 order by w_mean desc nulls last, key`.execute(deps.db);
  const stats = (mean: unknown, median: unknown, p90: unknown): Stats => ({ meanSeconds: seconds(mean), medianSeconds: seconds(median), p90Seconds: seconds(p90) });
  return {
    by,
    items: rows.map((r) => ({
      key: r.key,
      events: r.n,
      waiting: stats(r.w_mean, r.w_median, r.w_p90),
      handling: r.h_n ? stats(r.h_mean, r.h_median, r.h_p90) : null,
    })),
  };
}
