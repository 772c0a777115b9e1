import { sql, type Kysely, type Transaction } from 'kysely';
import type { RequestContext } from '../platform/access/actor.ts';
import { assertInScope, scopePrefix } from '../platform/access/policy.ts';
import { chinaDate } from '../platform/calendar/china-time.ts';
import type { Database } from '../platform/db/schema.ts';
import type { Deps } from '../platform/deps.ts';
import { NotFoundError } from '../platform/errors.ts';
import type { RiskCaseStatus } from './risk-case.table.ts';

type Db = Kysely<Database> | Transaction<Database>;

export const RISK_CASE = { en: 'risk case', zh: '风险事件' };

/**
 * The next case reference of the day (China time), `RC20261128-0001`. One upsert committed on its
 * own, so concurrent openings never share a number nor wait on each other (a failed opening
 * leaves a gap).
 */
export async function nextRiskCaseRef(db: Kysely<Database>, now: Date): Promise<string> {
  const day = chinaDate(now).replaceAll('-', '');
  const { rows } = await sql<{ last: number }>`
    insert into merchant_risk_case_sequence (day, last) values (${day}, 1)
    on conflict (day) do update set last = merchant_risk_case_sequence.last + 1
    returning last`.execute(db);
  return `RC${day}-${String(rows[0]!.last).padStart(4, '0')}`;
}

/** The case a process step works on, locked for the step. */
export async function lockedCaseOfInstance(trx: Transaction<Database>, instanceId: string) {
  const c = await trx.selectFrom('merchant_risk_case').selectAll().where('instance_id', '=', instanceId).forUpdate().executeTakeFirst();
  if (!c) throw new Error(`merchantRiskCase: no case runs on process instance ${instanceId}`);
  return c;
}

/** Who last completed a user task of the instance (the one the step follows), or null. */
export async function completedBy(db: Db, instanceId: string, elementId: string): Promise<string | null> {
  const row = await db.selectFrom('task').select('completed_by').where('instance_id', '=', instanceId).where('element_id', '=', elementId).where('completed_by', 'is not', null).orderBy('ended_at', 'desc').limit(1).executeTakeFirst();
  return row?.completed_by ?? null;
}

function cases(db: Db) {
  return db
    .selectFrom('merchant_risk_case as c')
    .innerJoin('merchant as m', 'm.id', 'c.merchant_id')
    .innerJoin('org_unit as o', 'o.id', 'c.unit_id')
    .selectAll('c')
    .select(['m.code as merchant_code', 'm.name as merchant_name', 'm.status as merchant_status', 'm.risk_rating as merchant_rating', 'm.controls as merchant_controls', 'o.code as unit_code', 'o.path as unit_path']);
}

type CaseRow = NonNullable<Awaited<ReturnType<ReturnType<typeof cases>['executeTakeFirst']>>>;

function caseView(r: CaseRow) {
  return {
    id: r.id,
    ref: r.ref,
    kind: r.kind,
    source: r.source,
    alertId: r.alert_id,
    description: r.description,
    status: r.status,
    findings: r.findings,
    actions: r.actions,
    decidedBy: r.decided_by,
    approvedBy: r.approved_by,
    instanceId: r.instance_id,
    merchant: { id: r.merchant_id, code: r.merchant_code, name: r.merchant_name, status: r.merchant_status, riskRating: r.merchant_rating, controls: r.merchant_controls, unitCode: r.unit_code },
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
  };
}

export type RiskCaseFilter = { status?: RiskCaseStatus | 'open' | undefined; merchant?: string | undefined; limit: number; offset: number };

/** Cases of the actor's branches, open ones first, newest first. */
export async function listRiskCases(deps: Deps, ctx: RequestContext, f: RiskCaseFilter) {
  const prefix = scopePrefix(ctx.actor!, 'merchant.risk');
  let q = cases(deps.db);
  if (prefix) q = q.where('o.path', 'like', `${prefix}%`);
  if (f.status === 'open') q = q.where('c.status', '<>', 'closed');
  else if (f.status) q = q.where('c.status', '=', f.status);
  if (f.merchant) q = q.where((eb) => eb.or([eb('m.id', '=', f.merchant!), eb('m.code', '=', f.merchant!.toUpperCase())]));
  const [rows, count] = await Promise.all([
    q.orderBy(sql`case when c.status = 'closed' then 1 else 0 end`).orderBy('c.created_at', 'desc').orderBy('c.id').limit(f.limit).offset(f.offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(count.n), items: rows.map(caseView) };
}

/**
 * One case (by id or reference) with its actions, the alert it came from, the process's open step
 * (where the case waits, for whom, until when) and the steps done so far.
 */
export async function getRiskCase(deps: Deps, ctx: RequestContext, idOrRef: string) {
  const key = idOrRef.trim();
  const row = await cases(deps.db)
    .where((eb) => eb.or([eb('c.id', '=', key), eb('c.ref', '=', key.toUpperCase())]))
    .executeTakeFirst();
  if (!row) throw new NotFoundError(RISK_CASE, idOrRef);
  assertInScope(ctx.actor!, 'merchant.risk', row.unit_path);
  const instanceId = row.instance_id ?? '';
  const [tasks, alert] = await Promise.all([
    deps.db.selectFrom('task').select(['id', 'element_id', 'name', 'status', 'candidate_groups', 'assignee', 'due_at', 'created_at', 'ended_at', 'completed_by', 'not_completed_by', 'excluded_users']).where('instance_id', '=', instanceId).orderBy('created_at').orderBy('id').execute(),
    row.alert_id ? deps.db.selectFrom('risk_alert').select(['id', 'rule_code', 'severity', 'status', 'note', sql<string>`day::text`.as('day'), sql<string>`last_day::text`.as('last_day')]).where('id', '=', row.alert_id).executeTakeFirst() : undefined,
  ]);
  const open = tasks.find((t) => t.status === 'open');
  // who may not take the open step: those it excludes, and (maker-checker) whoever did the steps it names
  const excluded = open ? [...new Set([...open.excluded_users, ...tasks.filter((t) => open.not_completed_by.includes(t.element_id) && t.completed_by).map((t) => t.completed_by!)])] : [];
  return {
    ...caseView(row),
    alert: alert ? { id: alert.id, ruleCode: alert.rule_code, severity: alert.severity, status: alert.status, firstDay: alert.day, lastDay: alert.last_day, note: alert.note } : null,
    openStep: open ? { taskId: open.id, elementId: open.element_id, name: open.name, candidateGroups: open.candidate_groups, assignee: open.assignee, dueAt: open.due_at?.toISOString() ?? null, excludedUsers: excluded } : null,
    steps: tasks.filter((t) => t.status === 'completed').map((t) => ({ elementId: t.element_id, name: t.name, completedBy: t.completed_by, completedAt: t.ended_at?.toISOString() ?? null })),
  };
}
