import { sql, type Transaction } from 'kysely';
import { systemContext } from '../../platform/access/actor.ts';
import { auditInsert, recordAudit } from '../../platform/audit/audit.service.ts';
import { chinaDate } from '../../platform/calendar/china-time.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { ValidationError, type FieldError } from '../../platform/errors.ts';
import { maskName } from '../../platform/pii/index.ts';
import type { Engine } from '../../engine/engine.ts';
import { cancelWithin } from '../../engine/process.service.ts';
import { startInstance } from '../../engine/runtime/instances.ts';
import { factBatch, fillFacts } from '../facts/facts.repository.ts';
import { emptyFacts } from '../facts/facts.ts';
import { churnScore, type Churn } from './experience.ts';
import type { RetentionOutcome } from './experience.table.ts';

/*
 * Retention tasks (挽留任务): a customer who enters the "at risk of leaving" segment gets a
 * retention call from their relationship manager — a `customerRetention` process whose user task
 * is assigned to the customer's relationship manager, or offered to the relationship managers of
 * the customer's branch when they have none. One open task per customer at a time (a unique
 * index); a customer who leaves the segment before the call has their task cancelled.
 *
 * The sweep reads the segment's membership events after its mark and, for each customer they
 * name, brings the tasks in line with the membership as it is now: several events of one
 * customer since the last sweep (in, out, in) come to the same as the last one.
 */

export const AT_RISK = 'at-risk';
export const RETENTION_PROCESS = 'customerRetention';
/** The sweep's mark of the membership events it has read. */
const MARK = 'retention';
/** One sweep at a time, bank-wide. */
const SWEEP_LOCK = 7_205_051;
/** Membership events read per transaction. */
const BATCH = 500;
export const OUTCOMES: readonly RetentionOutcome[] = ['retained', 'considering', 'leaving', 'unreachable'];

export type SweepSummary = { events: number; opened: number; cancelled: number };

/** One sweep: every membership event of the at-risk segment since the mark, batch by batch. */
export async function sweepRetention(deps: Deps, engine: Engine): Promise<SweepSummary> {
  const total: SweepSummary = { events: 0, opened: 0, cancelled: 0 };
  for (;;) {
    const done = await engine.transaction((trx) => sweepBatch(deps, engine, trx));
    total.events += done.events;
    total.opened += done.opened;
    total.cancelled += done.cancelled;
    if (done.events < BATCH) return total;
  }
}

async function sweepBatch(deps: Deps, engine: Engine, trx: Transaction<Database>): Promise<SweepSummary> {
  await sql`select pg_advisory_xact_lock(${SWEEP_LOCK})`.execute(trx);
  const mark = await trx.selectFrom('engagement_mark').select('last_event_id').where('name', '=', MARK).executeTakeFirst();
  const after = mark?.last_event_id ?? '0';
  const events = await trx
    .selectFrom('segment_membership_event')
    .select(['id', 'customer_id'])
    .where('segment_code', '=', AT_RISK)
    .where('id', '>', after)
    .orderBy('id')
    .limit(BATCH)
    .execute();
  const summary: SweepSummary = { events: events.length, opened: 0, cancelled: 0 };
  if (events.length === 0) return summary;
  const customers = [...new Set(events.map((e) => e.customer_id))];
  const [members, open] = await Promise.all([
    trx.selectFrom('segment_member').select('customer_id').where('segment_code', '=', AT_RISK).where('customer_id', 'in', customers).execute(),
    trx.selectFrom('retention_task').select(['id', 'customer_id', 'instance_id', 'unit_id']).where('status', '=', 'open').where('customer_id', 'in', customers).execute(),
  ]);
  const isMember = new Set(members.map((m) => m.customer_id));
  const openOf = new Map(open.map((t) => [t.customer_id, t]));
  const entering = customers.filter((c) => isMember.has(c) && !openOf.has(c));
  if (entering.length) summary.opened = await openTasks(deps, engine, trx, entering);
  for (const c of customers) {
    const task = openOf.get(c);
    if (isMember.has(c) || !task) continue;
    await closeTask(deps, engine, trx, task, 'cancelled', 'the customer left the at-risk segment');
    summary.cancelled++;
  }
  const last = events[events.length - 1]!.id;
  await trx.insertInto('engagement_mark').values({ name: MARK, last_event_id: last }).onConflict((oc) => oc.column('name').doUpdateSet({ last_event_id: last })).execute();
  return summary;
}

/** The churn score and reasons of customers, on the facts of the last refresh. */
export async function churnOf(deps: Deps, db: Transaction<Database> | Deps['db'], customers: readonly string[]): Promise<Map<string, Churn>> {
  const last = await db.selectFrom('segment_run').select(sql<string>`day::text`.as('day')).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const rows = customers.length ? await factBatch(db, last?.day ?? chinaDate(deps.clock()), '', customers.length, { customers, withMembers: false }) : [];
  return new Map(rows.map((r) => [r.id, churnScore(fillFacts(r, emptyFacts()))]));
}

/** Opens a retention task for each customer (at risk, none open): a process instance in the customer's branch. */
async function openTasks(deps: Deps, engine: Engine, trx: Transaction<Database>, customerIds: string[]): Promise<number> {
  const definitionId = await engine.definitions.latestProcessId(trx, RETENTION_PROCESS);
  if (!definitionId) throw new Error(`the ${RETENTION_PROCESS} process is not deployed`);
  const customers = await trx
    .selectFrom('customer as c')
    .innerJoin('org_unit as o', 'o.id', 'c.unit_id')
    .leftJoin('app_user as u', (j) => j.onRef('u.username', '=', 'c.relationship_manager').on('u.status', '=', 'active'))
    .select(['c.id', 'c.name', 'c.unit_id', 'o.code as unit_code', 'u.username as rm'])
    .where('c.id', 'in', customerIds)
    .orderBy('c.id')
    .execute();
  const churn = await churnOf(deps, trx, customerIds);
  const ctx = systemContext();
  const now = deps.clock();
  for (const c of customers) {
    const { score, reasons } = churn.get(c.id) ?? { score: 0, reasons: [] };
    const instanceId = deps.newId();
    const id = deps.newId();
    const variables = {
      customerId: c.id, customerName: maskName(c.name), unitCode: c.unit_code, retentionTaskId: id,
      rm: c.rm, rmGroup: c.rm ? '' : 'relationship_manager',
      churnScore: score, churnReasonsEn: reasons.map((r) => r.en).join('; '), churnReasonsZh: reasons.map((r) => r.zh).join('；'),
    };
    await trx.insertInto('retention_task').values({ id, customer_id: c.id, unit_id: c.unit_id, instance_id: instanceId, assignee: c.rm, score, reasons: JSON.stringify(reasons.map(({ code, en, zh }) => ({ code, en, zh }))), status: 'open', opened_at: now, closed_at: null, contacted: null, outcome: null, note: null, completed_by: null, end_reason: null }).execute();
    await startInstance(trx, engine.env(ctx), { definitionId, instanceId, businessKey: c.id, variables, unitId: c.unit_id }, (r) => [
      auditInsert(ctx, { action: 'process.start', entityType: 'process_instance', entityId: r.id, unitId: c.unit_id, after: { processKey: r.processKey, businessKey: c.id, definitionId } }, now),
    ]);
    await recordAudit(trx, ctx, { action: 'retention_task.open', entityType: 'customer', entityId: c.id, unitId: c.unit_id, after: { retentionTaskId: id, instanceId, assignee: c.rm, score } }, now);
  }
  return customers.length;
}

/** Ends an open task without a call: its process cancelled, the reason kept. */
async function closeTask(deps: Deps, engine: Engine, trx: Transaction<Database>, task: { id: string; customer_id: string; instance_id: string; unit_id: string }, status: 'cancelled', reason: string): Promise<void> {
  const ctx = systemContext();
  const now = deps.clock();
  const instance = await trx.selectFrom('process_instance').select('status').where('id', '=', task.instance_id).executeTakeFirst();
  if (instance?.status === 'active') await cancelWithin(engine, trx, ctx, { id: task.instance_id, unitId: task.unit_id }, reason);
  await trx.updateTable('retention_task').set({ status, closed_at: now, end_reason: reason }).where('id', '=', task.id).execute();
  await recordAudit(trx, ctx, { action: 'retention_task.cancel', entityType: 'customer', entityId: task.customer_id, unitId: task.unit_id, after: { retentionTaskId: task.id, reason } }, now);
}

/** What is wrong with the answers of the retention call, each fault named by its variable. */
function callProblems(v: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof v.contacted !== 'boolean') errors.push({ field: '/variables/contacted', message: { en: 'Say whether you reached the customer (true or false).', zh: '请说明是否已联系上客户（true 或 false）。' } });
  if (!OUTCOMES.includes(v.outcome as RetentionOutcome)) errors.push({ field: '/variables/outcome', message: { en: 'Choose the outcome: retained, considering, leaving or unreachable.', zh: '请选择结果：已挽留、考虑中、仍将离开或未能联系。' } });
  else if (v.contacted === false && v.outcome !== 'unreachable') errors.push({ field: '/variables/outcome', message: { en: 'A customer not reached has the outcome "unreachable".', zh: '未联系上客户时，结果应为“未能联系”。' } });
  if (v.note !== null && v.note !== undefined && (typeof v.note !== 'string' || v.note.length > 1000)) errors.push({ field: '/variables/note', message: { en: 'The note is text of at most 1,000 characters.', zh: '备注为不超过 1000 字的文字。' } });
  return errors;
}

/** The call's system step (handler `customerRetentionRecord`): the outcome on the retention task. */
async function recordCall(deps: Deps, trx: Transaction<Database>, instanceId: string, v: Record<string, unknown>): Promise<void> {
  const task = await trx.selectFrom('retention_task').select(['id', 'customer_id', 'unit_id']).where('instance_id', '=', instanceId).forUpdate().executeTakeFirst();
  if (!task) throw new Error(`customerRetention: no retention task runs on process instance ${instanceId}`);
  const by = await trx.selectFrom('task').select('completed_by').where('instance_id', '=', instanceId).where('element_id', '=', 'retentionCall').where('completed_by', 'is not', null).orderBy('ended_at', 'desc').limit(1).executeTakeFirst();
  const now = deps.clock();
  const outcome = { contacted: v.contacted === true, outcome: String(v.outcome) as RetentionOutcome, note: typeof v.note === 'string' && v.note ? v.note : null };
  await trx.updateTable('retention_task').set({ status: 'completed', closed_at: now, ...outcome, completed_by: by?.completed_by ?? null }).where('id', '=', task.id).execute();
  await recordAudit(trx, systemContext(), { action: 'retention_task.complete', entityType: 'customer', entityId: task.customer_id, unitId: task.unit_id, after: { retentionTaskId: task.id, ...outcome, completedBy: by?.completed_by ?? null } }, now);
}

/** Registers the retention process's handler and the check of the call's answers. */
export function registerRetentionHandlers(deps: Deps, engine: Engine): void {
  engine.register('customerRetentionRecord', ({ variables, db, instanceId }) => recordCall(deps, db, instanceId, variables));
  engine.registerGate('customerRetentionCall', async ({ variables }) => {
    const errors = callProblems(variables);
    if (errors.length) throw new ValidationError(errors);
  });
}
