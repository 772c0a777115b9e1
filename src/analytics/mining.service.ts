import { sql } from 'kysely';
import type { Deps } from '../platform/deps.ts';
import { findLog } from './event-log.service.ts';
import { filteredEvents as events, variantId, type LogFilter } from './mining/log-filter.ts';
import { eventOrder as order, SEP, seconds } from './mining/log-source.ts';

/*
 * Process mining inside the database: every measure is one SQL statement over the log's events
 * (window functions and aggregates), so it scales with PostgreSQL and runs the same in PGlite.
 * An event's activity is its name, or `name+lifecycle` where it has a lifecycle transition — the
 * XES standard classifier — and a case's variant is the sequence of its activities.
 */

/** Cases, events, activities, variants, mean case duration (first to last event), first and last instant. */
export async function summary(deps: Deps, id: string, filter: LogFilter = {}) {
  const log = await findLog(deps, id);
  const { rows } = await sql<{ cases: number; events: number; activities: number; variants: number; mean_s: string | null; start: Date | null; end: Date | null }>`
    with ev as (${events(log, filter)}),
    tr as (select case_id, min(at) as s, max(at) as e, string_agg(cls, ${SEP} order by ${order(log)}) as variant from ev group by case_id)
    select (select count(*) from tr)::int as cases, (select count(*) from ev)::int as events, (select count(distinct cls) from ev)::int as activities,
      (select count(distinct variant) from tr)::int as variants, (select avg(extract(epoch from e - s)) from tr) as mean_s,
      (select min(s) from tr) as start, (select max(e) from tr) as "end"`.execute(deps.db);
  const r = rows[0]!;
  return {
    cases: r.cases,
    events: r.events,
    activities: r.activities,
    variants: r.variants,
    meanCaseDurationSeconds: r.mean_s === null ? null : Math.round(Number(r.mean_s) * 10) / 10,
    start: r.start?.toISOString() ?? null,
    end: r.end?.toISOString() ?? null,
  };
}

/**
 * The directly-follows graph: each activity with how often it occurs and how often it starts or
 * ends a case; each pair that directly follows in some case with its count and the time between
 * them (mean, median, 90th percentile, seconds).
 */
export async function dfg(deps: Deps, id: string, filter: LogFilter = {}) {
  const log = await findLog(deps, id);
  // One sort of the events by case (the window), shared by the node and the edge aggregates.
  const { rows } = await sql<{ kind: 'n' | 'e'; prev: string | null; cls: string; n: number; starts: number; ends: number; mean: unknown; median: unknown; p90: unknown }>`
    with ev as (${events(log, filter)}),
    o as materialized (
      select cls, lag(cls) over w as prev, extract(epoch from at - lag(at) over w) as d, row_number() over w as n, lead(seq) over w is null as last
      from ev window w as (partition by case_id order by ${order(log)})
    )
    select 'n' as kind, null as prev, cls, count(*)::int as n, count(*) filter (where n = 1)::int as starts, count(*) filter (where last)::int as ends,
      null::float8 as mean, null::float8 as median, null::float8 as p90
    from o group by cls
    union all
    select 'e', prev, cls, count(*)::int, 0, 0, avg(d)::float8, percentile_cont(0.5) within group (order by d), percentile_cont(0.9) within group (order by d)
    from o where prev is not null group by prev, cls`.execute(deps.db);
  const byCount = (x: { n: number; prev: string | null; cls: string }, y: typeof x) => y.n - x.n || (x.prev ?? '').localeCompare(y.prev ?? '') || x.cls.localeCompare(y.cls);
  return {
    nodes: rows.filter((r) => r.kind === 'n').sort(byCount).map((r) => ({ activity: r.cls, count: r.n, starts: r.starts, ends: r.ends })),
    edges: rows.filter((r) => r.kind === 'e').sort(byCount).map((r) => ({ from: r.prev!, to: r.cls, count: r.n, meanSeconds: seconds(r.mean), medianSeconds: seconds(r.median), p90Seconds: seconds(r.p90) })),
  };
}

/** The variants, most frequent first, each with its cases, share, cumulative coverage and mean duration. */
export async function variants(deps: Deps, id: string, limit = 100, filter: LogFilter = {}) {
  const log = await findLog(deps, id);
  const { rows } = await sql<{ variant: string; vid: string; n: number; mean_s: unknown; total: number }>`
    with ev as (${events(log, filter)}),
    tr as (select case_id, string_agg(cls, ${SEP} order by ${order(log)}) as variant, extract(epoch from max(at) - min(at)) as d from ev group by case_id),
    v as (select variant, count(*)::int as n, avg(d) as mean_s from tr group by variant)
    select variant, ${variantId(sql`variant`)} as vid, n, mean_s, (select count(*) from tr)::int as total from v order by n desc, variant limit ${limit}`.execute(deps.db);
  const total = rows[0]?.total ?? 0;
  let covered = 0;
  return {
    cases: total,
    items: rows.map((r) => {
      covered += r.n;
      return { id: r.vid, activities: r.variant.split(SEP), cases: r.n, share: Math.round((r.n / total) * 10000) / 10000, cumulativeShare: Math.round((covered / total) * 10000) / 10000, meanDurationSeconds: seconds(r.mean_s) };
    }),
  };
}

/**
 * Rework: per activity, in how many cases it occurs, in how many of those more than once, and how
 * many times it was repeated (occurrences beyond the first); and how many cases hold any rework.
 */
export async function rework(deps: Deps, id: string, filter: LogFilter = {}) {
  const log = await findLog(deps, id);
  const { rows } = await sql<{ cls: string; cases: number; reworked: number; repeats: number; total: number; any_rework: number }>`
    with ev as (${events(log, filter)}),
    per as (select case_id, cls, count(*)::int as n from ev group by case_id, cls)
    select cls, count(*)::int as cases, count(*) filter (where n > 1)::int as reworked, coalesce(sum(n - 1), 0)::int as repeats,
      (select count(distinct case_id) from per)::int as total, (select count(distinct case_id) from per where n > 1)::int as any_rework
    from per group by cls order by repeats desc, cls`.execute(deps.db);
  return {
    cases: rows[0]?.total ?? 0,
    casesWithRework: rows[0]?.any_rework ?? 0,
    activities: rows.map((r) => ({ activity: r.cls, cases: r.cases, casesWithRework: r.reworked, repeats: r.repeats })),
  };
}
