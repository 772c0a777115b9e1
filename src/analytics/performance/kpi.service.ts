import { sql, type RawBuilder } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { scopePrefix } from '../../platform/access/policy.ts';
import type { Deps } from '../../platform/deps.ts';
import { monthBounds } from './period.ts';
import { attainment, METRICS, type Level, type Metric } from './metrics.ts';

/*
 * Performance figures (绩效) for a month, per staff member, team (the org unit where the work was
 * done), branch (the region above it; head office for itself) or process:
 * - volume: user tasks completed;
 * - handling: the mean time from a task's creation to its completion;
 * - handling index: the time taken over the time the same steps took everyone (each step's mean
 *   over the period): 1.0 is the bank's pace for that mix of work, below 1 faster — the fair
 *   comparison between people and branches with different service mixes;
 * - on time: the share of tasks with a due date completed by it;
 * - rework caused: work returned for correction by a checker (the maker is who completed the
 *   instance's step before the checker's);
 * - CSAT (1–5) and NPS from the surveys answered in the month, and complaints received about the
 *   staff member, the unit or a case of the process.
 * Each figure is shown with its target for the month, if one is set, and the attainment.
 */

type Figure = { actual: number | null; target: number | null; attainment: ReturnType<typeof attainment> | null };

type Row = { key: string } & Partial<Record<Metric, number | null>> & { responses?: number };

/** The key of a level from a unit id (team, branch) or the row's own column (staff, process). */
function unitKey(level: 'team' | 'branch', unitId: RawBuilder<unknown>): RawBuilder<string> {
  return level === 'team'
    ? sql<string>`(select code from org_unit where id = ${unitId})`
    : sql<string>`(select coalesce((select r.code from org_unit r where r.kind = 'region' and u.path like r.path || '%'), u.code) from org_unit u where u.id = ${unitId})`;
}

function keyFor(level: Level, cols: { staff: RawBuilder<unknown>; unit: RawBuilder<unknown>; process: RawBuilder<unknown> }): RawBuilder<unknown> {
  return level === 'staff' ? cols.staff : level === 'process' ? cols.process : unitKey(level, cols.unit);
}

/** Units within the actor's reach: a unit-scoped manager sees their own subtree. */
function inScope(prefix: string | null, unitId: RawBuilder<unknown>): RawBuilder<unknown> {
  return prefix === null ? sql`true` : sql`exists (select 1 from org_unit su where su.id = ${unitId} and su.path like ${`${prefix}%`})`;
}

export async function kpis(deps: Deps, ctx: RequestContext, level: Level, period: string) {
  const { start, end } = monthBounds(period);
  const prefix = scopePrefix(ctx.actor!, 'performance.read');
  const tasks = sql`
    with t as (
      select t.completed_by, t.unit_id, t.process_key, t.element_id, t.ended_at, t.due_at, extract(epoch from t.ended_at - t.created_at) as d
      from task t where t.status = 'completed' and t.completed_by is not null and t.ended_at >= ${start} and t.ended_at < ${end}
    ),
    peer as (select process_key, element_id, avg(d) as mean_d from t group by 1, 2)
    select ${keyFor(level, { staff: sql`t.completed_by`, unit: sql`t.unit_id`, process: sql`t.process_key` })} as key,
      count(*)::int as volume, avg(t.d)::float8 as "handlingSeconds", (sum(t.d) / nullif(sum(peer.mean_d), 0))::float8 as "handlingIndex",
      avg(case when t.due_at is null then null when t.ended_at <= t.due_at then 1.0 else 0.0 end)::float8 as "onTimeRate"
    from t join peer using (process_key, element_id)
    where ${inScope(prefix, sql`t.unit_id`)} group by 1`;
  const rework = sql`
    select ${keyFor(level, { staff: sql`m.completed_by`, unit: sql`m.unit_id`, process: sql`rt.process_key` })} as key, count(*)::int as "reworkCaused"
    from audit_log a
      join task rt on rt.id = a.after ->> 'taskId'
      join lateral (
        select mt.completed_by, mt.unit_id from task mt
        where mt.instance_id = rt.instance_id and mt.id <> rt.id and mt.status = 'completed' and mt.ended_at <= rt.created_at
        order by mt.ended_at desc limit 1
      ) m on true
    where a.action = 'case.return' and a.occurred_at >= ${start} and a.occurred_at < ${end} and ${inScope(prefix, sql`m.unit_id`)}
    group by 1`;
  const surveys = sql`
    select ${keyFor(level, { staff: sql`s.staff`, unit: sql`s.unit_id`, process: sql`p.process_key` })} as key,
      avg(s.csat)::float8 as csat, count(s.nps)::int as responses,
      (100.0 * (count(*) filter (where s.nps >= 9) - count(*) filter (where s.nps <= 6)) / nullif(count(s.nps), 0))::float8 as nps
    from survey s left join service_case c on c.id = s.case_id left join process_instance p on p.id = c.instance_id
    where s.answered_at >= ${start} and s.answered_at < ${end} and ${inScope(prefix, sql`s.unit_id`)} group by 1`;
  const complaints = sql`
    select ${keyFor(level, { staff: sql`cp.subject_staff`, unit: sql`coalesce(cp.subject_unit_id, cp.unit_id)`, process: sql`p.process_key` })} as key, count(*)::int as complaints
    from complaint cp left join service_case c on c.id = cp.subject_case_id left join process_instance p on p.id = c.instance_id
    where cp.received_at >= ${start} and cp.received_at < ${end} and ${inScope(prefix, sql`coalesce(cp.subject_unit_id, cp.unit_id)`)} group by 1`;
  const [a, b, c, d, targets] = await Promise.all([
    sql<Row>`${tasks}`.execute(deps.db),
    sql<Row>`${rework}`.execute(deps.db),
    sql<Row>`${surveys}`.execute(deps.db),
    sql<Row>`${complaints}`.execute(deps.db),
    deps.db.selectFrom('kpi_target').select(['key', 'metric', 'value']).where('level', '=', level).where('period', '=', period).execute(),
  ]);
  const byKey = new Map<string, Row>();
  for (const r of [...a.rows, ...b.rows, ...c.rows, ...d.rows]) {
    if (r.key === null) continue;
    byKey.set(r.key, { ...byKey.get(r.key), ...r });
  }
  const names = await labels(deps, level, [...byKey.keys(), ...targets.map((t) => t.key)]);
  const keys = [...new Set([...byKey.keys(), ...targets.filter((t) => names.has(t.key) || level === 'staff' || level === 'process').map((t) => t.key)])];
  return {
    level,
    period,
    items: keys.map((key) => {
      const r = byKey.get(key) ?? { key };
      const figures = Object.fromEntries(METRICS.map((m) => {
        const actual = round(r[m] ?? (m === 'volume' || m === 'reworkCaused' || m === 'complaints' ? 0 : null));
        const target = targets.find((t) => t.key === key && t.metric === m);
        return [m, { actual, target: target ? Number(target.value) : null, attainment: target ? attainment(m, actual, Number(target.value)) : null }];
      })) as Record<Metric, Figure>;
      return { key, name: names.get(key) ?? key, surveyResponses: r.responses ?? 0, ...figures };
    }).sort((x, y) => (y.volume.actual ?? 0) - (x.volume.actual ?? 0) || x.key.localeCompare(y.key)),
  };
}

const round = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(Number(v) * 1000) / 1000);

/** Display names: staff by display name, units in both languages, processes by their latest name. */
async function labels(deps: Deps, level: Level, keys: string[]): Promise<Map<string, { en: string; zh: string } | string>> {
  if (!keys.length) return new Map();
  if (level === 'staff') return new Map((await deps.db.selectFrom('app_user').select(['username', 'display_name']).where('username', 'in', keys).execute()).map((u) => [u.username, u.display_name]));
  if (level === 'process') {
    const rows = await deps.db.selectFrom('process_definition').select(['key', 'name', 'version']).where('key', 'in', keys).orderBy('version', 'desc').execute();
    const out = new Map<string, string>();
    for (const r of rows) if (!out.has(r.key)) out.set(r.key, r.name ?? r.key);
    return out;
  }
  return new Map((await deps.db.selectFrom('org_unit').select(['code', 'name_en', 'name_zh']).where('code', 'in', keys).execute()).map((u) => [u.code, { en: u.name_en, zh: u.name_zh }]));
}
