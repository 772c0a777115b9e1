import { sql } from 'kysely';
import type { RequestContext } from '../platform/access/actor.ts';
import { scopePrefix } from '../platform/access/policy.ts';
import { chinaDate } from '../platform/calendar/china-time.ts';
import type { Deps } from '../platform/deps.ts';
import type { ReviewStatus } from './risk-case.table.ts';

export type ReviewFilter = { status?: ReviewStatus | undefined; merchant?: string | undefined; limit: number; offset: number };

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** Reviews of the actor's branches: running ones first (with their inspection's due date), then the newest. */
export async function listReviews(deps: Deps, ctx: RequestContext, f: ReviewFilter) {
  const prefix = scopePrefix(ctx.actor!, 'merchant.read');
  let q = deps.db
    .selectFrom('merchant_review as r')
    .innerJoin('merchant as m', 'm.id', 'r.merchant_id')
    .innerJoin('org_unit as o', 'o.id', 'm.unit_id')
    .leftJoin('task as t', (join) => join.onRef('t.instance_id', '=', 'r.instance_id').on('t.status', '=', 'open'));
  if (prefix) q = q.where('o.path', 'like', `${prefix}%`);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.merchant) q = q.where((eb) => eb.or([eb('m.id', '=', f.merchant!), eb('m.code', '=', f.merchant!.toUpperCase())]));
  const [rows, count] = await Promise.all([
    q
      .select(['r.id', 'r.status', 'r.instance_id', 'r.rating_before', 'r.rating_after', 'r.started_at', 'r.completed_at', 'r.completed_by', sql<string>`r.due_on::text`.as('due_on'), sql<string | null>`r.next_review_on::text`.as('next_review_on'), 'm.id as merchant_id', 'm.code', 'm.name', 'm.status as merchant_status', 'o.code as unit_code', 't.id as task_id', 't.due_at as task_due_at', 't.assignee'])
      .orderBy(sql`case when r.status = 'in_progress' then 0 else 1 end`)
      .orderBy('r.started_at', 'desc')
      .orderBy('r.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: r.id, status: r.status, dueOn: r.due_on, instanceId: r.instance_id, ratingBefore: r.rating_before, ratingAfter: r.rating_after, nextReviewOn: r.next_review_on,
      merchant: { id: r.merchant_id, code: r.code, name: r.name, status: r.merchant_status, unitCode: r.unit_code },
      inspection: r.task_id ? { taskId: r.task_id, dueAt: r.task_due_at?.toISOString() ?? null, assignee: r.assignee } : null,
      startedAt: r.started_at.toISOString(), completedAt: r.completed_at?.toISOString() ?? null, completedBy: r.completed_by,
    })),
  };
}

type OverdueRow = {
  reason: 'inspection_overdue' | 'not_started';
  review_id: string | null;
  instance_id: string | null;
  task_id: string | null;
  task_due_at: Date | string | null;
  assignee: string | null;
  due_on: string;
  merchant_id: string;
  code: string;
  name: string;
  status: string;
  risk_rating: string | null;
  unit_code: string;
};

/**
 * Re-reviews past their due date, within the actor's branches: a running review whose inspection
 * is past the task's due date (`inspection_overdue`), and an active or restricted merchant whose
 * `next_review_on` has passed with no review running (`not_started` — the sweep has not run, or the
 * process is not deployed). The longest overdue first.
 */
export async function overdueReviews(deps: Deps, ctx: RequestContext, page: { merchant?: string | undefined; limit: number; offset: number }) {
  const prefix = scopePrefix(ctx.actor!, 'merchant.read');
  const now = deps.clock();
  const today = chinaDate(now);
  const overdue = sql`
    select 'inspection_overdue' as reason, r.id as review_id, r.instance_id, t.id as task_id, t.due_at as task_due_at, t.assignee,
           ((t.due_at at time zone 'UTC') + interval '8 hours')::date::text as due_on,
           m.id as merchant_id, m.code, m.name, m.status, m.risk_rating, o.code as unit_code, o.path as unit_path
      from merchant_review r
      join merchant m on m.id = r.merchant_id
      join org_unit o on o.id = m.unit_id
      join task t on t.instance_id = r.instance_id and t.status = 'open'
     where r.status = 'in_progress' and t.due_at < ${now}
    union all
    select 'not_started', null, null, null, null::timestamptz, null, m.next_review_on::text,
           m.id, m.code, m.name, m.status, m.risk_rating, o.code, o.path
      from merchant m
      join org_unit o on o.id = m.unit_id
     where m.status in ('active', 'restricted') and m.next_review_on < ${today}::date
       and not exists (select 1 from merchant_review r where r.merchant_id = m.id and r.status = 'in_progress')`;
  const conditions = [
    ...(prefix ? [sql`overdue.unit_path like ${`${prefix}%`}`] : []),
    ...(page.merchant ? [sql`(overdue.merchant_id = ${page.merchant} or overdue.code = ${page.merchant.toUpperCase()})`] : []),
  ];
  const scope = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const [rows, count] = await Promise.all([
    sql<OverdueRow>`select * from (${overdue}) overdue ${scope} order by overdue.due_on, overdue.code limit ${page.limit} offset ${page.offset}`.execute(deps.db),
    sql<{ n: number }>`select count(*)::int as n from (${overdue}) overdue ${scope}`.execute(deps.db),
  ]);
  return {
    total: Number(count.rows[0]?.n ?? 0),
    items: rows.rows.map((r) => ({
      reason: r.reason,
      dueOn: r.due_on,
      daysOverdue: daysBetween(r.due_on, today),
      reviewId: r.review_id,
      instanceId: r.instance_id,
      inspection: r.task_id ? { taskId: r.task_id, dueAt: r.task_due_at ? new Date(r.task_due_at).toISOString() : null, assignee: r.assignee } : null,
      merchant: { id: r.merchant_id, code: r.code, name: r.name, status: r.status, riskRating: r.risk_rating, unitCode: r.unit_code },
    })),
  };
}
