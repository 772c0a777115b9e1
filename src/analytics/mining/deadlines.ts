import { sql, type RawBuilder } from 'kysely';
import type { Deps } from '../../platform/deps.ts';
import { ValidationError } from '../../platform/errors.ts';
import { findLog } from '../event-log.service.ts';
import { activityInstances } from './bottlenecks.ts';
import type { LogFilter } from './log-filter.ts';
import { seconds } from './log-source.ts';

/*
 * Deadline analysis: which cases missed their deadline, where (service, branch), and which steps
 * consumed the time. A case's deadline is, in the engine's log, the one its own record keeps — a
 * service case's time limit (`service_case.due_at`, met when the case closes in time) or a
 * complaint's regulatory limit (`complaint.due_at`, met when it is decided in time); a case still
 * open past its deadline has missed it, and its overrun runs until now. A target given with the request (`targetSeconds`, the only
 * deadline of an imported log) applies to every case instead: met when its last event comes within
 * the target of its first. A step's time is the time from the previous completion in the case to
 * its own completion (waiting and handling together); a case's first step counts from its start.
 */

type Group = { key: string | null; cases: number; breached: number; breachRate: number; meanOverrunSeconds: number | null };

export async function deadlines(deps: Deps, id: string, targetSeconds: number | undefined, filter: LogFilter = {}) {
  const log = await findLog(deps, id);
  if (log.eventOrder !== 'engine' && targetSeconds === undefined) {
    throw new ValidationError([{ field: 'querystring:/targetSeconds', message: { en: 'An imported log carries no deadlines: give the target case duration in seconds.', zh: '导入的日志不含时限，请给出目标办理时长（秒）。' } }]);
  }
  const now = deps.clock();
  const deadline: RawBuilder<unknown> = targetSeconds !== undefined
    ? sql`select cs.*, cs.s + make_interval(secs => ${targetSeconds}) as due, cs.e as fin from cs`
    : sql`select cs.*, coalesce(sc.due_at, cp.due_at) as due, case when sc.due_at is not null then coalesce(sc.closed_at, ${now}) else coalesce(cp.decided_at, ${now}) end as fin
      from cs left join service_case sc on sc.ref = cs.case_id left join complaint cp on cp.ref = cs.case_id`;
  const rows = await sql<{ kind: 'total' | 'service' | 'branch' | 'step'; key: string | null; cases: number; breached: number; over: unknown; met_s: unknown; breached_s: unknown; share: unknown; largest: number; analysed: number | null }>`
    with ${activityInstances(log, filter)},
    cs as (select case_id, min(at) as s, max(at) as e, max(branch) as branch, max(service) as service from ev group by case_id),
    dl as (${deadline}),
    cb as (select *, fin > due as breached, extract(epoch from fin - due) as over from dl where due is not null),
    step as (
      select i.case_id, i.activity, sum(coalesce(i.waiting, 0) + coalesce(i.handling, 0)) as t
      from inst i join cb on cb.case_id = i.case_id group by i.case_id, i.activity
    ),
    ranked as (select step.*, cb.breached, rank() over (partition by step.case_id order by step.t desc) as r from step join cb using (case_id)),
    breached_total as (select sum(t) as t from ranked where breached)
    select 'total' as kind, null as key, count(*)::int as cases, count(*) filter (where breached)::int as breached,
      avg(over) filter (where breached)::float8 as over, null::float8 as met_s, null::float8 as breached_s, null::float8 as share, 0 as largest, (select count(*) from cs)::int as analysed from cb
    union all
    select 'service', service, count(*)::int, count(*) filter (where breached)::int, avg(over) filter (where breached)::float8, null, null, null, 0, null from cb group by service
    union all
    select 'branch', branch, count(*)::int, count(*) filter (where breached)::int, avg(over) filter (where breached)::float8, null, null, null, 0, null from cb group by branch
    union all
    select 'step', activity, count(*)::int, count(*) filter (where breached)::int, null,
      avg(t) filter (where not breached)::float8, avg(t) filter (where breached)::float8,
      (sum(t) filter (where breached) / nullif((select t from breached_total), 0))::float8,
      count(*) filter (where breached and r = 1)::int, null
    from ranked group by activity`.execute(deps.db);
  const total = rows.rows.find((r) => r.kind === 'total')!;
  const group = (kind: 'service' | 'branch'): Group[] =>
    rows.rows.filter((r) => r.kind === kind).map((r) => ({ key: r.key, cases: r.cases, breached: r.breached, breachRate: rate(r.breached, r.cases), meanOverrunSeconds: seconds(r.over) })).sort((a, b) => b.breachRate - a.breachRate || b.cases - a.cases);
  return {
    cases: total.analysed!,
    withDeadline: total.cases,
    breached: total.breached,
    breachRate: rate(total.breached, total.cases),
    meanOverrunSeconds: seconds(total.over),
    byService: group('service'),
    byBranch: group('branch'),
    steps: rows.rows.filter((r) => r.kind === 'step').map((r) => ({
      activity: r.key,
      cases: r.cases,
      breachedCases: r.breached,
      meanSecondsWhenMet: seconds(r.met_s),
      meanSecondsWhenBreached: seconds(r.breached_s),
      shareOfBreachedTime: r.share === null ? null : Math.round(Number(r.share) * 10000) / 10000,
      largestInBreachedCases: r.largest,
    })).sort((a, b) => (b.shareOfBreachedTime ?? -1) - (a.shareOfBreachedTime ?? -1) || b.cases - a.cases),
  };
}

const rate = (n: number, of: number) => (of ? Math.round((n / of) * 10000) / 10000 : 0);
