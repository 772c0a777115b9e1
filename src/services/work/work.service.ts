import { sql } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { Deps } from '../../platform/deps.ts';
import { DomainError } from '../../platform/errors.ts';
import { maskName } from '../../platform/pii/index.ts';
import type { Engine } from '../../engine/engine.ts';
import { claimNextTask } from '../../engine/task-dispatch.ts';
import { completeTask, getTask, listTasks, type TaskView } from '../../engine/task.service.ts';
import { localName } from '../cases/case-ref.ts';
import { chinaDate } from '../../platform/calendar/china-time.ts';
import { validCertificates } from './qualification.service.ts';

/** A task with the case it serves, as a worklist shows it. */
export type WorkItem = TaskView & { label: string | null; case: { id: string; ref: string; serviceNameZh: string; serviceNameEn: string; customer: string; dueAt: string | null; atRisk: boolean; breached: boolean } | null };

/** A task's case as a worklist reads it (timestamps as dates, or as ISO text when read as JSON). */
type CaseRow = { id: string; ref: string; due_at: Date | string | null; at_risk_at: Date | string | null; name: string; name_zh: string; name_en: string };

/** The columns of `CaseRow`, from `service_case as c` joined to its customer `u` and catalogue version `v`. */
const CASE_COLUMNS = sql`c.id, c.ref, c.due_at, c.at_risk_at, u.name, v.data->>'nameZh' as name_zh, v.data->>'nameEn' as name_en`;
const CASE_JOINS = sql`service_case as c join customer as u on u.id = c.customer_id join service_version as v on v.code = c.service_code and v.version = c.service_version`;

/** The case of the task claimed by get-next-work, read in the claim's own statement. */
const CASE_OF_CLAIMED = sql<CaseRow>`select ${CASE_COLUMNS} from ${CASE_JOINS} where c.ref = claimed.business_key`;

/** A task as a worklist shows it: its label in the user's language, and its case (`c`), if it serves one, with the SLA's state at `now`. */
function workItem(ctx: RequestContext, task: TaskView, c: CaseRow | undefined | null, now: Date): WorkItem {
  const dueAt = c?.due_at ? new Date(c.due_at) : null;
  const atRiskAt = c?.at_risk_at ? new Date(c.at_risk_at) : null;
  return {
    ...task,
    label: localName(task.name, ctx.lang),
    case: c ? { id: c.id, ref: c.ref, serviceNameZh: c.name_zh, serviceNameEn: c.name_en, customer: maskName(c.name), dueAt: dueAt?.toISOString() ?? null, atRisk: !!atRiskAt && atRiskAt <= now, breached: !!dueAt && dueAt <= now } : null,
  };
}

async function withCases(deps: Deps, ctx: RequestContext, tasks: TaskView[]): Promise<WorkItem[]> {
  const refs = [...new Set(tasks.map((t) => t.businessKey).filter((k): k is string => k !== null))];
  const rows = refs.length ? (await sql<CaseRow>`select ${CASE_COLUMNS} from ${CASE_JOINS} where c.ref in (${sql.join(refs)})`.execute(deps.db)).rows : [];
  const now = deps.clock();
  const byRef = new Map(rows.map((r) => [r.ref, r]));
  return tasks.map((t) => workItem(ctx, t, t.businessKey ? byRef.get(t.businessKey) : undefined, now));
}

/** My work: tasks assigned to me (`mine`), or open to me and my roles (`available`). */
export async function worklist(deps: Deps, engine: Engine, ctx: RequestContext, f: { view: 'mine' | 'available'; limit: number; offset: number }) {
  const me = ctx.actor!.username;
  const page = await listTasks(engine, ctx, { ...(f.view === 'mine' ? { assignee: me } : { mine: true, unassigned: true }), limit: f.limit, offset: f.offset, sort: { by: 'priority', desc: true } });
  return { total: page.total, items: await withCases(deps, ctx, page.items) };
}

/** Get next work: the most urgent task the user may take, claimed for them; null when none. */
export async function nextWork(deps: Deps, engine: Engine, ctx: RequestContext): Promise<WorkItem | null> {
  const now = deps.clock();
  const claimed = await claimNextTask(engine, ctx, validCertificates(deps.db, chinaDate(now)).select('c.qualification').where('u.username', '=', ctx.actor!.username), CASE_OF_CLAIMED);
  return claimed ? workItem(ctx, claimed.task, claimed.also, now) : null;
}

/**
 * Returns a task's work for correction: completes it with `decision = return` (the process routes
 * back to the maker step) and counts the rework on the case.
 */
export async function returnForCorrection(deps: Deps, engine: Engine, ctx: RequestContext, taskId: string, reason: string) {
  const task = await getTask(engine, ctx, taskId);
  const result = await completeTask(engine, ctx, taskId, { decision: 'return', comment: reason });
  if (task.businessKey) {
    await deps.db.transaction().execute(async (trx) => {
      const updated = await trx.updateTable('service_case').set({ rework_count: sql`rework_count + 1` }).where('ref', '=', task.businessKey!).returning(['id', 'unit_id']).executeTakeFirst();
      if (updated) await recordAudit(trx, ctx, { action: 'case.return', entityType: 'service_case', entityId: updated.id, unitId: updated.unit_id, after: { taskId, step: task.elementId, reason } }, deps.clock());
    });
  }
  return result;
}

export function assertNotSelf(ctx: RequestContext, from: string): void {
  if (from === ctx.actor!.username) throw new DomainError('invalid_state', { en: 'Hand your own tasks back one by one (unclaim); this is for an absent colleague.', zh: '本功能用于转派缺岗同事的任务；您自己的任务请逐项退回。' });
}
