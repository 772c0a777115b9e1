import type { RequestContext } from '../../platform/access/actor.ts';
import { assertInScope, scopePrefix } from '../../platform/access/policy.ts';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { maskName } from '../../platform/pii/index.ts';
import type { ChurnParams } from './experience.schemas.ts';
import { AT_RISK, churnOf } from './retention.service.ts';

/*
 * Churn signals (流失预警) as staff read them: the customers of the caller's branches in the
 * "at risk of leaving" segment, highest churn score first, names masked, each with the reasons
 * and their retention task; and one customer's score.
 */

const CUSTOMER = { en: 'customer', zh: '客户' };

type TaskRow = { customer_id: string; id: string; status: string; assignee: string | null; opened_at: Date; closed_at: Date | null; contacted: boolean | null; outcome: string | null; completed_by: string | null; end_reason: string | null; task_id: string | null };

function retentionView(t: TaskRow | undefined) {
  if (!t) return null;
  return { id: t.id, status: t.status, assignee: t.assignee, taskId: t.task_id, openedAt: t.opened_at.toISOString(), closedAt: t.closed_at?.toISOString() ?? null, contacted: t.contacted, outcome: t.outcome, completedBy: t.completed_by, endReason: t.end_reason };
}

/** Each customer's latest retention task, with its open user task if any. */
async function latestTasks(deps: Deps, customers: string[]): Promise<Map<string, TaskRow>> {
  if (customers.length === 0) return new Map();
  const rows = await deps.db
    .selectFrom('retention_task as r')
    .leftJoin('task as t', (j) => j.onRef('t.instance_id', '=', 'r.instance_id').on('t.status', '=', 'open'))
    .select(['r.customer_id', 'r.id', 'r.status', 'r.assignee', 'r.opened_at', 'r.closed_at', 'r.contacted', 'r.outcome', 'r.completed_by', 'r.end_reason', 't.id as task_id'])
    .where('r.customer_id', 'in', customers)
    .orderBy('r.opened_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
  const latest = new Map<string, TaskRow>();
  for (const r of rows) if (!latest.has(r.customer_id)) latest.set(r.customer_id, r);
  return latest;
}

/**
 * The at-risk customers of the caller's branches, highest score first (then longest in the
 * segment). Scores are computed on the facts of the last refresh for every member in reach and
 * sorted here: the segment holds a small share of customers.
 */
export async function churnList(deps: Deps, ctx: RequestContext, q: ChurnParams) {
  const prefix = scopePrefix(ctx.actor!, 'experience.read');
  let members = deps.db
    .selectFrom('segment_member as m')
    .innerJoin('customer as c', 'c.id', 'm.customer_id')
    .innerJoin('org_unit as o', 'o.id', 'c.unit_id')
    .select(['c.id', 'c.name', 'c.segment', 'c.relationship_manager', 'o.code as unit_code', 'm.since'])
    .where('m.segment_code', '=', AT_RISK);
  if (prefix !== null) members = members.where('o.path', 'like', `${prefix}%`);
  const rows = await members.orderBy('m.since').orderBy('c.id').execute();
  const churn = await churnOf(deps, deps.db, rows.map((r) => r.id));
  const scored = rows
    .map((r) => ({ ...r, churn: churn.get(r.id) ?? { score: 0, level: 'low' as const, reasons: [] } }))
    .filter((r) => q.minScore === undefined || r.churn.score >= q.minScore)
    .sort((a, b) => b.churn.score - a.churn.score);
  const offset = q.offset ?? 0;
  const page = scored.slice(offset, offset + (q.limit ?? 50));
  const tasks = await latestTasks(deps, page.map((r) => r.id));
  return {
    total: scored.length,
    items: page.map((r) => ({
      customerId: r.id, name: maskName(r.name), tier: r.segment, unitCode: r.unit_code, relationshipManager: r.relationship_manager, since: r.since.toISOString(),
      score: r.churn.score, level: r.churn.level, reasons: r.churn.reasons, retention: retentionView(tasks.get(r.id)),
    })),
  };
}

/** One customer's churn score and reasons now, and their latest retention task. */
export async function customerChurn(deps: Deps, ctx: RequestContext, customerId: string) {
  const c = await deps.db.selectFrom('customer as c').innerJoin('org_unit as o', 'o.id', 'c.unit_id').select(['c.id', 'o.path']).where('c.id', '=', customerId).executeTakeFirst();
  if (!c) throw new NotFoundError(CUSTOMER, customerId);
  assertInScope(ctx.actor!, 'experience.read', c.path);
  const [churn, atRisk, tasks] = await Promise.all([
    churnOf(deps, deps.db, [customerId]),
    deps.db.selectFrom('segment_member').select('since').where('segment_code', '=', AT_RISK).where('customer_id', '=', customerId).executeTakeFirst(),
    latestTasks(deps, [customerId]),
  ]);
  const score = churn.get(customerId) ?? null;
  return { customerId, atRisk: atRisk !== undefined, atRiskSince: atRisk?.since.toISOString() ?? null, score: score?.score ?? null, level: score?.level ?? null, reasons: score?.reasons ?? [], retention: retentionView(tasks.get(customerId)) };
}
