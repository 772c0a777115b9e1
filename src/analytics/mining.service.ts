import { sql } from 'kysely';
import type { Deps } from '../platform/deps.ts';
import { findLog } from './event-log.service.ts';
import { filteredEvents as events, variantId, type LogFilter } from './mining/log-filter.ts';
import { analytic } from './mining/analytic.ts';
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
  const rows = await analytic(deps, async (db) => (await sql<{ cases: number; events: number; activities: number; variants: number; mean_s: string | null; start: Date | null; end: Date | null }>`
    with ev as (${events(log, filter)}),
    tr as (select case_id, min(at) as s, max(at) as e, string_agg(cls, ${SEP} order by ${order(log)}) as variant from ev group by case_id)
    select (select count(*) from tr)::int as cases, (select count(*) from ev)::int as events, (select count(distinct cls) from ev)::int as activities,
      (select count(distinct variant) from tr)::int as variants, (select avg(extract(epoch from e - s)) from tr) as mean_s,
      (select min(s) from tr) as start, (select max(e) from tr) as "end"`.execute(db)).rows);
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
 *
 * One window over the events in case order gives each event its predecessor; one hashed aggregate
 * over (predecessor, activity) gives the edges, and the pairs without a predecessor the starts.
 * The nodes follow from the pairs: an activity occurs as often as it is reached (from a
 * predecessor or as a start), and ends a case as often as it occurs without being followed. The
 * percentiles sort each edge's own durations (an array per edge), not all of them at once; times
 * are float epochs (`date_part`), as `extract` computes in numeric. Measured on 1.2 M events:
 * 1.3 s, against 2.3 s for one sort of every pair.
 */
export async function dfg(deps: Deps, id: string, filter: LogFilter = {}) {
  const log = await findLog(deps, id);
  const rows = await analytic(deps, async (db) => (await sql<{ prev: string | null; cls: string; n: number; mean: number | null; median: number | null; p90: number | null }>`
    with ev as (${events(log, filter)}),
    o as (
      select cls, lag(cls) over w as prev, date_part('epoch', at) - lag(date_part('epoch', at)) over w as d
      from ev window w as (partition by case_id order by ${order(log)})
    ),
    g as (select prev, cls, count(*)::int as n, avg(d) as mean, array_agg(d) filter (where d is not null) as ds from o group by prev, cls)
    select prev, cls, n, mean, p.median, p.p90 from g
      cross join lateral (select percentile_cont(0.5) within group (order by x) as median, percentile_cont(0.9) within group (order by x) as p90 from unnest(g.ds) as x) p`.execute(db)).rows);
  const nodes = new Map<string, { activity: string; count: number; starts: number; ends: number }>();
  const node = (activity: string) => nodes.get(activity) ?? nodes.set(activity, { activity, count: 0, starts: 0, ends: 0 }).get(activity)!;
  for (const r of rows) {
    const to = node(r.cls);
    to.count += r.n;
    to.ends += r.n;
    if (r.prev === null) to.starts += r.n;
    else node(r.prev).ends -= r.n;
  }
  const edges = rows.filter((r) => r.prev !== null).map((r) => ({ from: r.prev!, to: r.cls, count: r.n, meanSeconds: seconds(r.mean), medianSeconds: seconds(r.median), p90Seconds: seconds(r.p90) }));
  return {
    nodes: [...nodes.values()].sort((x, y) => y.count - x.count || x.activity.localeCompare(y.activity)),
    edges: edges.sort((x, y) => y.count - x.count || x.from.localeCompare(y.from) || x.to.localeCompare(y.to)),
  };
}

/** The variants, most frequent first, each with its cases, share, cumulative coverage and mean duration. */
export async function variants(deps: Deps, id: string, limit = 100, filter: LogFilter = {}) {
  const log = await findLog(deps, id);
  const rows = await analytic(deps, async (db) => (await sql<{ variant: string; vid: string; n: number; mean_s: unknown; total: number }>`
    with ev as (${events(log, filter)}),
    tr as (select case_id, string_agg(cls, ${SEP} order by ${order(log)}) as variant, date_part('epoch', max(at)) - date_part('epoch', min(at)) as d from ev group by case_id),
    v as (select variant, count(*)::int as n, avg(d) as mean_s from tr group by variant)
    select variant, ${variantId(sql`variant`)} as vid, n, mean_s, (select count(*) from tr)::int as total from v order by n desc, variant limit ${limit}`.execute(db)).rows);
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
