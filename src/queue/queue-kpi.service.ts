import { sql } from 'kysely';
import type { RequestContext } from '../platform/access/actor.ts';
import { assertInScope } from '../platform/access/policy.ts';
import type { Deps } from '../platform/deps.ts';
import { ValidationError } from '../platform/errors.ts';
import { countersNeeded, expectedAt } from './staffing/erlang.ts';
import { DEFAULT_SERVICE_SECONDS } from './queue-rules.ts';
import { ensureSetting, queueBranch } from './queue-setup.service.ts';
import { settingOf } from '../services/appointments/appointment.service.ts';

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/*
 * The queue's figures over a period (waits, target attainment, no-shows, service times, tellers,
 * hours of the day, the estimate's error) and the staffing advice drawn from them.
 */

const DAY = 86_400_000;

function period(from: string, to: string) {
  const start = new Date(`${from}T00:00:00+08:00`);
  const end = new Date(new Date(`${to}T00:00:00+08:00`).getTime() + DAY);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || start >= end) throw new ValidationError([{ field: 'querystring:/from', message: { en: 'The period must start on or before its end.', zh: '统计区间起始日期不能晚于结束日期。' } }]);
  if (end.getTime() - start.getTime() > 366 * DAY) throw new ValidationError([{ field: 'querystring:/to', message: { en: 'A period is at most one year.', zh: '统计区间最长一年。' } }]);
  return { start, end };
}

const seconds = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));

/** A branch's queue figures for the days `from`…`to` (China dates, inclusive). */
export async function queueKpis(deps: Deps, ctx: RequestContext, code: string, from: string, to: string) {
  const unit = await queueBranch(deps.db, code);
  assertInScope(ctx.actor!, 'queue.read', unit.path);
  const { start, end } = period(from, to);
  const setting = await ensureSetting(deps.db, unit.id);
  const scope = sql`t.unit_id = ${unit.id} and t.issued_at >= ${start} and t.issued_at < ${end}`;
  const wait = sql`extract(epoch from (t.called_at - t.queued_at))`;
  const service = sql`extract(epoch from (t.serve_ended_at - t.serve_started_at))`;
  const nowAt = deps.clock();
  const [overall, categories, tellers, hours, counters] = await Promise.all([
    sql<Record<string, unknown>>`
      select count(*)::int as issued, count(*) filter (where t.status = 'done')::int as served, count(*) filter (where t.status = 'no_show')::int as no_shows,
        count(*) filter (where t.status = 'cancelled')::int as cancelled,
        avg(${wait}) as mean_wait, percentile_cont(0.5) within group (order by ${wait}) as p50_wait, percentile_cont(0.9) within group (order by ${wait}) as p90_wait,
        avg((${wait} <= ${setting.targetWaitMinutes * 60})::int) filter (where t.called_at is not null) as within_target,
        avg(${service}) as mean_service,
        avg(abs(t.estimated_wait_seconds - ${wait})) filter (where t.estimated_wait_seconds is not null and t.called_at is not null) as estimate_mae,
        avg(t.estimated_wait_seconds - ${wait}) filter (where t.estimated_wait_seconds is not null and t.called_at is not null) as estimate_bias,
        count(*) filter (where t.estimated_wait_seconds is not null and t.called_at is not null)::int as estimated,
        avg(t.rating) as mean_rating
      from queue_ticket t where ${scope}`.execute(deps.db),
    sql<Record<string, unknown>>`
      select t.category, count(*)::int as issued, avg(${wait}) as mean_wait, percentile_cont(0.9) within group (order by ${wait}) as p90_wait, avg(${service}) as mean_service
      from queue_ticket t where ${scope} group by t.category order by t.category`.execute(deps.db),
    sql<Record<string, unknown>>`
      select t.served_by, min(u.display_name) as display_name, count(*)::int as served, avg(${service}) as mean_service, sum(${service}) as busy, avg(t.rating) as mean_rating, count(t.rating)::int as ratings
      from queue_ticket t left join app_user u on u.username = t.served_by
      where ${scope} and t.status = 'done' and t.served_by is not null group by t.served_by order by t.served_by`.execute(deps.db),
    sql<Record<string, unknown>>`
      select extract(isodow from t.issued_at at time zone 'Asia/Shanghai')::int as weekday, extract(hour from t.issued_at at time zone 'Asia/Shanghai')::int as hour,
        count(*)::int as arrivals, avg(${wait}) as mean_wait
      from queue_ticket t where ${scope} group by 1, 2 order by 1, 2`.execute(deps.db),
    sql<Record<string, unknown>>`
      select c.number,
        (select sum(extract(epoch from (least(coalesce(s.closed_at, ${nowAt}::timestamptz), ${end}::timestamptz) - greatest(s.opened_at, ${start}::timestamptz))))
          from queue_counter_session s where s.counter_id = c.id and s.opened_at < ${end}::timestamptz and coalesce(s.closed_at, ${nowAt}::timestamptz) > ${start}::timestamptz) as open,
        (select sum(${service}) from queue_ticket t where ${scope} and t.counter_id = c.id and t.status = 'done') as busy
      from queue_counter c where c.unit_id = ${unit.id} order by c.number`.execute(deps.db),
  ]);
  const o = overall.rows[0]!;
  const issued = Number(o.issued);
  return {
    branch: unit.code,
    from,
    to,
    target: { waitMinutes: setting.targetWaitMinutes, share: setting.targetShare },
    issued,
    served: Number(o.served),
    noShows: Number(o.no_shows),
    abandonment: issued ? Number(o.no_shows) / issued : null,
    wait: { meanSeconds: seconds(o.mean_wait), p50Seconds: seconds(o.p50_wait), p90Seconds: seconds(o.p90_wait), withinTarget: o.within_target === null ? null : Number(o.within_target) },
    meanServiceSeconds: seconds(o.mean_service),
    meanRating: o.mean_rating === null ? null : Math.round(Number(o.mean_rating) * 100) / 100,
    estimate: { tickets: Number(o.estimated), meanAbsoluteErrorSeconds: seconds(o.estimate_mae), biasSeconds: seconds(o.estimate_bias) },
    categories: categories.rows.map((r) => ({ category: r.category as string, issued: Number(r.issued), meanWaitSeconds: seconds(r.mean_wait), p90WaitSeconds: seconds(r.p90_wait), meanServiceSeconds: seconds(r.mean_service) })),
    tellers: tellers.rows.map((r) => ({ username: r.served_by as string, displayName: (r.display_name as string | null) ?? null, served: Number(r.served), meanServiceSeconds: seconds(r.mean_service), busySeconds: seconds(r.busy), meanRating: r.mean_rating === null ? null : Math.round(Number(r.mean_rating) * 100) / 100, ratings: Number(r.ratings) })),
    counters: counters.rows.map((r) => ({ number: Number(r.number), openSeconds: seconds(r.open) ?? 0, busySeconds: seconds(r.busy) ?? 0, utilisation: Number(r.open) > 0 ? Math.round((Number(r.busy ?? 0) / Number(r.open)) * 1000) / 1000 : null })),
    byHour: hours.rows.map((r) => ({ weekday: Number(r.weekday), hour: Number(r.hour), arrivals: Number(r.arrivals), meanWaitSeconds: seconds(r.mean_wait) })),
  };
}

/**
 * Counters needed per opening hour of a day (each hour the branch is open, quiet ones too): arrivals
 * per hour as recorded on the same weekday
 * over the `weeks` before it, service time as recorded (Erlang C; Erlang A when `patienceMinutes`
 * is given, for customers who leave). With `counters`, also what that many would give each hour.
 */
export async function staffingAdvice(deps: Deps, ctx: RequestContext, code: string, input: { date: string; weeks: number; counters?: number | undefined; patienceMinutes?: number | undefined }) {
  const unit = await queueBranch(deps.db, code);
  assertInScope(ctx.actor!, 'queue.read', unit.path);
  const day = new Date(`${input.date}T00:00:00+08:00`);
  if (Number.isNaN(day.getTime())) throw new ValidationError([{ field: 'querystring:/date', message: { en: 'Give the day as YYYY-MM-DD.', zh: '日期格式应为 YYYY-MM-DD。' } }]);
  const setting = await ensureSetting(deps.db, unit.id);
  const sameWeekdays = Array.from({ length: input.weeks }, (_, i) => new Date(day.getTime() - (i + 1) * 7 * DAY));
  const { rows } = await sql<{ hour: number; arrivals: number; mean_service: number | null }>`
    select extract(hour from t.issued_at at time zone 'Asia/Shanghai')::int as hour, count(*)::int as arrivals,
      avg(extract(epoch from (t.serve_ended_at - t.serve_started_at)))::float8 as mean_service
    from queue_ticket t
    where t.unit_id = ${unit.id} and date_trunc('day', t.issued_at at time zone 'Asia/Shanghai') = any(${sameWeekdays.map((d) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10))}::timestamp[])
    group by 1 order by 1`.execute(deps.db);
  const overallService = await sql<{ mean: number | null }>`select avg(extract(epoch from (serve_ended_at - serve_started_at)))::float8 as mean from queue_ticket where unit_id = ${unit.id} and status = 'done'`.execute(deps.db);
  const fallbackService = (overallService.rows[0]?.mean ?? DEFAULT_SERVICE_SECONDS) / 60;
  // every opening hour of the branch, the quiet ones too
  const { opens, closes } = await settingOf(deps, unit.id);
  const byHour = new Map(rows.map((r) => [Number(r.hour), r]));
  const openHours = Array.from({ length: Math.ceil(minutesOf(closes) / 60) - Math.floor(minutesOf(opens) / 60) }, (_, i) => Math.floor(minutesOf(opens) / 60) + i);
  const hours = openHours.map((hour) => {
    const r = byHour.get(hour) ?? { hour, arrivals: 0, mean_service: null };
    const arrivalRate = Number(r.arrivals) / input.weeks / 60;
    const meanServiceTime = r.mean_service ? Number(r.mean_service) / 60 : fallbackService;
    const base = { arrivalRate, meanServiceTime, targetWait: setting.targetWaitMinutes, ...(input.patienceMinutes ? { meanPatience: input.patienceMinutes } : {}) };
    const need = countersNeeded({ ...base, targetShare: setting.targetShare, maxCounters: 50 });
    return {
      hour: Number(r.hour),
      arrivalsPerHour: Math.round(arrivalRate * 60 * 10) / 10,
      meanServiceMinutes: Math.round(meanServiceTime * 10) / 10,
      countersNeeded: need.type === 'met' ? need.servers : null,
      atNeeded: need.type === 'met' ? need.figures : null,
      ...(input.counters ? { whatIf: expectedAt(input.counters, base) } : {}),
    };
  });
  return { branch: unit.code, date: input.date, basedOnWeeks: input.weeks, target: { waitMinutes: setting.targetWaitMinutes, share: setting.targetShare }, hours };
}
