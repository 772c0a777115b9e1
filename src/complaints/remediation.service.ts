import { sql } from 'kysely';
import type { RequestContext } from '../platform/access/actor.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { chinaDate } from '../platform/calendar/china-time.ts';
import type { Deps } from '../platform/deps.ts';
import { DomainError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { enqueue } from '../services/notifications/notification.service.ts';
import { assertCategory, loadRules, type ComplaintRules } from './complaint-setup.service.ts';
import { assertOpen } from './complaint-steps.service.ts';
import { assertNotRecused, complaintInScope, recordEvent, type Db } from './complaint.repository.ts';

/*
 * Root cause and remediation (溯源整改): why the complaint arose — the cause, the process step or
 * staff issue found — and the corrective actions with owners and due dates, tracked to done.
 * A complaint cannot close without them; complaints that keep arising at the same process step
 * are flagged for the process owner.
 */

export type RootCauseInput = { causeCode: string; processKey?: string | undefined; stepId?: string | undefined; staffIssue?: string | undefined; finding: string };

/** Records (or corrects) the root cause while the complaint is open. */
export async function putRootCause(deps: Deps, ctx: RequestContext, idOrRef: string, input: RootCauseInput): Promise<void> {
  if (!!input.processKey !== !!input.stepId) throw new ValidationError([{ field: input.processKey ? '/stepId' : '/processKey', message: { en: 'Give both the process and its step, or neither.', zh: '流程与环节须同时填写或同时不填。' } }]);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const row = await complaintInScope(trx, ctx, idOrRef, 'complaint.handle', true);
    assertOpen(row);
    assertNotRecused(row, ctx);
    await assertCategory(trx, input.causeCode, 'cause', '/causeCode');
    if (input.processKey && !(await trx.selectFrom('process_definition').select('id').where('key', '=', input.processKey).limit(1).executeTakeFirst())) {
      throw new ValidationError([{ field: '/processKey', message: { en: `There is no process "${input.processKey}".`, zh: `流程“${input.processKey}”不存在。` } }]);
    }
    const values = { cause_code: input.causeCode, process_key: input.processKey ?? null, step_id: input.stepId ?? null, staff_issue: input.staffIssue ?? null, finding: input.finding, recorded_by: ctx.actor!.username, recorded_at: now };
    await trx.insertInto('complaint_root_cause').values({ complaint_id: row.id, ...values }).onConflict((oc) => oc.column('complaint_id').doUpdateSet(values)).execute();
    await recordEvent(trx, deps, row.id, 'root_cause', { ...input }, ctx.actor!.username);
    await recordAudit(trx, ctx, { action: 'complaint.root_cause', entityType: 'complaint', entityId: row.id, unitId: row.unit_id, after: input }, now);
    if (input.processKey && input.stepId) await flagRepeatedStep(trx, deps, row.ref, input.processKey, input.stepId, now);
  });
}

/**
 * Tells the process owners (operations managers, who maintain the processes) when complaints
 * traced to one step reach the threshold within the window — once per step and window.
 */
async function flagRepeatedStep(trx: Db, deps: Deps, ref: string, processKey: string, stepId: string, now: Date): Promise<void> {
  const rules = await loadRules(trx);
  const flag = await repeatedStep(trx, rules, processKey, stepId, now);
  if (!flag) return;
  const windowStart = Math.floor(now.getTime() / (rules.repeatWindowDays * 86_400_000));
  const owners = await trx.selectFrom('app_user as u').innerJoin('user_role as r', 'r.user_id', 'u.id').select(['u.username', 'u.email']).where('r.role_key', '=', 'ops_manager').where('u.status', '=', 'active').execute();
  for (const owner of owners) {
    const key = `repeated:${processKey}:${stepId}:${windowStart}:${owner.username}`;
    if (!owner.email || (await trx.selectFrom('notification').select('id').where('subject_type', '=', 'complaint_step').where('subject_id', '=', key).executeTakeFirst())) continue;
    await enqueue(trx, deps, { channel: 'email', to: owner.email, template: 'complaint_repeated_step', lang: 'zh-CN', params: { process: processKey, step: stepId, days: rules.repeatWindowDays, count: flag.count, ref }, subject: { type: 'complaint_step', id: key } });
  }
}

/** Adds a corrective action: what, who owns it, by when (not in the past). */
export async function addAction(deps: Deps, ctx: RequestContext, idOrRef: string, input: { action: string; owner: string; dueDate: string }): Promise<void> {
  const now = deps.clock();
  if (input.dueDate < chinaDate(now)) throw new ValidationError([{ field: '/dueDate', message: { en: 'The due date cannot be in the past.', zh: '完成期限不能早于今天。' } }]);
  await deps.db.transaction().execute(async (trx) => {
    const row = await complaintInScope(trx, ctx, idOrRef, 'complaint.handle', true);
    assertOpen(row);
    assertNotRecused(row, ctx);
    if (!(await trx.selectFrom('app_user').select('id').where('username', '=', input.owner).where('status', '=', 'active').executeTakeFirst())) {
      throw new ValidationError([{ field: '/owner', message: { en: `There is no active staff member "${input.owner}".`, zh: `不存在在职员工“${input.owner}”。` } }]);
    }
    const id = deps.newId();
    await trx.insertInto('complaint_action').values({ id, complaint_id: row.id, action: input.action, owner: input.owner, due_date: input.dueDate, status: 'open', done_at: null, done_note: null, created_by: ctx.actor!.username, created_at: now }).execute();
    await recordEvent(trx, deps, row.id, 'action', { id, ...input }, ctx.actor!.username);
    await recordAudit(trx, ctx, { action: 'complaint.action.add', entityType: 'complaint_action', entityId: id, unitId: row.unit_id, after: input }, now);
  });
}

/** Marks an action done — also after the complaint closed: remediation outlives the complaint. */
export async function completeAction(deps: Deps, ctx: RequestContext, idOrRef: string, actionId: string, note: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const row = await complaintInScope(trx, ctx, idOrRef, 'complaint.handle', true);
    assertNotRecused(row, ctx);
    const updated = await trx.updateTable('complaint_action').set({ status: 'done', done_at: now, done_note: note }).where('id', '=', actionId).where('complaint_id', '=', row.id).where('status', '=', 'open').executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      const exists = await trx.selectFrom('complaint_action').select('status').where('id', '=', actionId).where('complaint_id', '=', row.id).executeTakeFirst();
      if (!exists) throw new NotFoundError({ en: 'corrective action', zh: '整改措施' }, actionId);
      throw new DomainError('invalid_state', { en: 'The action is already done.', zh: '该整改措施已完成。' });
    }
    await recordEvent(trx, deps, row.id, 'action_done', { id: actionId, note }, ctx.actor!.username);
    await recordAudit(trx, ctx, { action: 'complaint.action.done', entityType: 'complaint_action', entityId: actionId, unitId: row.unit_id, after: { note } }, now);
  });
}

/**
 * The gate of the root-cause step: the complaint closes only with its root cause recorded and
 * at least one corrective action with an owner and a due date.
 */
export async function assertRemediationRecorded(db: Db, complaintRef: string): Promise<void> {
  const c = await db.selectFrom('complaint').select('id').where('ref', '=', complaintRef).executeTakeFirst();
  if (!c) return;
  const [cause, actions] = await Promise.all([
    db.selectFrom('complaint_root_cause').select('complaint_id').where('complaint_id', '=', c.id).executeTakeFirst(),
    db.selectFrom('complaint_action').select((eb) => eb.fn.countAll<number>().as('n')).where('complaint_id', '=', c.id).executeTakeFirstOrThrow(),
  ]);
  const errors = [];
  if (!cause) errors.push({ field: '/rootCause', message: { en: 'Record the root cause first.', zh: '请先填写投诉根因。' } });
  if (Number(actions.n) === 0) errors.push({ field: '/actions', message: { en: 'Add at least one corrective action with its owner and due date.', zh: '请至少登记一项整改措施（责任人、完成期限）。' } });
  if (errors.length) {
    throw new DomainError('precondition_failed', { en: 'A complaint cannot close before its root cause and corrective actions are recorded (溯源整改).', zh: '投诉须完成溯源整改登记（根因及整改措施）后方可结案。' }, { errors });
  }
}

/**
 * Whether complaints keep arising at a process step: the count of complaints whose root cause
 * names it within the configured window, when it reaches the threshold.
 */
export async function repeatedStep(db: Db, rules: ComplaintRules, processKey: string, stepId: string, now: Date) {
  const since = new Date(now.getTime() - rules.repeatWindowDays * 86_400_000);
  const row = await db
    .selectFrom('complaint_root_cause as r')
    .innerJoin('complaint as c', 'c.id', 'r.complaint_id')
    .select(sql<number>`count(*)`.as('n'))
    .where('r.process_key', '=', processKey)
    .where('r.step_id', '=', stepId)
    .where('c.received_at', '>=', since)
    .executeTakeFirstOrThrow();
  const count = Number(row.n);
  return count >= rules.repeatStepThreshold ? { processKey, stepId, count, windowDays: rules.repeatWindowDays } : null;
}
