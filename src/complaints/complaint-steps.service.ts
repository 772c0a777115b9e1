import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type Transaction } from 'kysely';
import type { RequestContext } from '../platform/access/actor.ts';
import { isInScope, mergeRolePermissions } from '../platform/access/policy.ts';
import type { Permission } from '../platform/access/permissions.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { rolesOfUser } from '../platform/auth/session.repository.ts';
import type { Database } from '../platform/db/schema.ts';
import type { Deps } from '../platform/deps.ts';
import { DomainError, ValidationError } from '../platform/errors.ts';
import type { Engine } from '../engine/engine.ts';
import { toDomainError } from '../engine/engine.ts';
import { completeTaskIn } from '../engine/task.service.ts';
import { assertCategory } from './complaint-setup.service.ts';
import { assertNotRecused, complaintInScope, recordEvent, openTaskAt, type ComplaintRow, type Db } from './complaint.repository.ts';
import type { ComplaintPriority, ComplaintStatus, Decision } from './complaint.table.ts';

type Trx = Transaction<Database>;

/** Set while this module completes a step: the `complaintApi` gate lets only those completions through. */
const throughComplaint = new AsyncLocalStorage<true>();

/** Whether the task being completed is completed by a complaint step (with its record), not by a generic task API. */
export function completedThroughComplaint(): boolean {
  return throughComplaint.getStore() === true;
}
type Work = (trx: Trx, row: ComplaintRow) => Promise<Record<string, unknown>>;

/**
 * Runs one step of a complaint's handling: the complaint locked, its process at one of
 * `elementIds`, the step's own record written, and the engine task completed with `work`'s
 * variables — one transaction, so the record and the process never disagree. The engine applies
 * every rule of the task (who may work it, recusal, maker-checker, gates); the `complaintApi`
 * gate refuses completions of complaint tasks through the generic task APIs, which would move
 * the process without the complaint's record.
 */
async function atStep(deps: Deps, engine: Engine, ctx: RequestContext, idOrRef: string, elementIds: string | string[], permission: Permission, work: Work): Promise<void> {
  await engine.refreshCalendar();
  let instanceId: string | null = null;
  try {
    await engine.transaction(async (trx) => {
      const row = await complaintInScope(trx, ctx, idOrRef, permission, true);
      const task = await openTaskAt(trx, row, elementIds);
      const variables = await work(trx, row);
      instanceId = row.instance_id;
      await throughComplaint.run(true, () => completeTaskIn(engine, trx, ctx, task.id, variables));
    });
  } catch (error) {
    throw toDomainError(error);
  } finally {
    if (instanceId) engine.hot.forget(instanceId);
  }
}

type StatusChange = { handler?: string; response?: 'accepted' | 'disputed'; category_code?: string; cause_code?: string; priority?: ComplaintPriority; unit_id?: string; classification_corrected?: boolean };

async function setStatus(trx: Db, id: string, status: ComplaintStatus, more: StatusChange = {}): Promise<void> {
  await trx.updateTable('complaint').set({ status, ...more, version: sql`version + 1` }).where('id', '=', id).execute();
}

/**
 * Accepts the complaint with its classification confirmed or corrected (a correction of the
 * suggestion is counted). A different handling unit moves the complaint and its process there
 * before the next steps open.
 */
export async function accept(deps: Deps, engine: Engine, ctx: RequestContext, idOrRef: string, input: { categoryCode: string; causeCode: string; priority: 'normal' | 'high' | 'urgent'; unitId?: string | undefined }) {
  await atStep(deps, engine, ctx, idOrRef, 'accept', 'complaint.handle', async (trx, row) => {
    await assertCategory(trx, input.categoryCode, 'business', '/categoryCode');
    await assertCategory(trx, input.causeCode, 'cause', '/causeCode');
    const unitId = input.unitId ?? row.unit_id;
    const unit = await trx.selectFrom('org_unit').select(['path', 'kind']).where('id', '=', unitId).executeTakeFirst();
    if (unitId !== row.unit_id) {
      if (!unit || !isInScope(ctx.actor!, 'complaint.handle', unit.path)) throw new ValidationError([{ field: '/unitId', message: { en: 'Choose a unit within your reach.', zh: '请选择您权限范围内的机构。' } }]);
      await trx.updateTable('process_instance').set((eb) => ({ unit_id: unitId, version: eb('version', '+', 1) })).where('id', '=', row.instance_id!).execute();
      await trx.updateTable('task').set({ unit_id: unitId }).where('instance_id', '=', row.instance_id!).where('status', '=', 'open').execute();
    }
    const s = row.suggestion;
    const corrected = !s || s.category !== input.categoryCode || s.cause !== input.causeCode || s.priority !== input.priority || s.unitId !== unitId;
    await setStatus(trx, row.id, 'investigating', { category_code: input.categoryCode, cause_code: input.causeCode, priority: input.priority, unit_id: unitId, classification_corrected: corrected });
    await recordEvent(trx, deps, row.id, 'classified', { category: input.categoryCode, cause: input.causeCode, priority: input.priority, unitId, corrected }, ctx.actor!.username);
    await recordAudit(trx, ctx, { action: 'complaint.accept', entityType: 'complaint', entityId: row.id, unitId, before: { suggestion: s }, after: { ...input, unitId, corrected } }, deps.clock());
    // the approval level depends on the level of the unit that handles it
    return { accepted: true, declineReason: null, unitKind: unit!.kind };
  });
}

/** Declines the complaint with the reason; the process tells the complainant and ends. */
export async function decline(deps: Deps, engine: Engine, ctx: RequestContext, idOrRef: string, input: { reason: string; note: string }) {
  await atStep(deps, engine, ctx, idOrRef, 'accept', 'complaint.handle', async (trx, row) => {
    await trx.updateTable('complaint').set({ decline_reason: input.reason }).where('id', '=', row.id).execute();
    await recordEvent(trx, deps, row.id, 'declined', input, ctx.actor!.username);
    await recordAudit(trx, ctx, { action: 'complaint.decline', entityType: 'complaint', entityId: row.id, unitId: row.unit_id, after: input }, deps.clock());
    return { accepted: false, declineReason: input.reason };
  });
}

/**
 * Whether `username` may handle the complaint: an active user holding the right to handle
 * complaints in its unit, and not involved in the matter (回避). Also the engine's gate on the
 * assign step, so no API can hand the complaint to someone involved.
 */
export async function assertEligibleHandler(db: Db, c: Pick<ComplaintRow, 'recused' | 'unit_id'>, username: unknown): Promise<void> {
  const field = '/handler';
  if (typeof username !== 'string' || !username) throw new ValidationError([{ field, message: { en: 'Choose the handler.', zh: '请选择处理人。' } }]);
  if (c.recused.includes(username)) {
    throw new DomainError('recused', { en: `${username} is involved in the matter complained about and may not handle it (recusal).`, zh: `${username} 与被投诉事项有关，须回避，不得处理该投诉。` }, { errors: [{ field, message: { en: 'Involved in the matter: must recuse.', zh: '与投诉事项有关，须回避。' } }] });
  }
  const user = await db.selectFrom('app_user').select(['id', 'status']).where('username', '=', username).executeTakeFirst();
  const unit = await db.selectFrom('org_unit').select('path').where('id', '=', c.unit_id).executeTakeFirstOrThrow();
  const roles = user && user.status === 'active' ? await rolesOfUser(db, user.id) : [];
  const home = user ? await db.selectFrom('app_user as u').innerJoin('org_unit as o', 'o.id', 'u.unit_id').select('o.path').where('u.id', '=', user.id).executeTakeFirstOrThrow() : null;
  const permissions = mergeRolePermissions(roles);
  const scope = permissions.get('complaint.handle');
  if (!home || !scope || (scope === 'unit' && !unit.path.startsWith(home.path))) {
    throw new ValidationError([{ field, message: { en: `${username} cannot handle complaints of this unit.`, zh: `${username} 无权处理该机构的投诉。` } }]);
  }
}

/** Assigns the handler, who then investigates. */
export async function assign(deps: Deps, engine: Engine, ctx: RequestContext, idOrRef: string, handler: string) {
  await atStep(deps, engine, ctx, idOrRef, 'assign', 'complaint.handle', async (trx, row) => {
    await assertEligibleHandler(trx, row, handler);
    await setStatus(trx, row.id, 'investigating', { handler });
    await recordEvent(trx, deps, row.id, 'assigned', { handler }, ctx.actor!.username);
    await recordAudit(trx, ctx, { action: 'complaint.assign', entityType: 'complaint', entityId: row.id, unitId: row.unit_id, before: { handler: row.handler }, after: { handler } }, deps.clock());
    return { handler };
  });
}

/** A note, a contact with the complainant (how), or evidence, on the timeline while the complaint is open. */
export async function addEvent(deps: Deps, ctx: RequestContext, idOrRef: string, input: { kind: 'note' | 'contact' | 'evidence'; text: string; method?: string | undefined }) {
  if (input.kind === 'contact' && !input.method) throw new ValidationError([{ field: '/method', message: { en: 'Say how the complainant was contacted.', zh: '请选择联系方式。' } }]);
  await deps.db.transaction().execute(async (trx) => {
    const row = await complaintInScope(trx, ctx, idOrRef, 'complaint.handle', true);
    assertOpen(row);
    assertNotRecused(row, ctx);
    await recordEvent(trx, deps, row.id, input.kind, { text: input.text, method: input.method ?? null }, ctx.actor!.username);
    await recordAudit(trx, ctx, { action: `complaint.${input.kind}`, entityType: 'complaint', entityId: row.id, unitId: row.unit_id, after: { kind: input.kind, method: input.method ?? null } }, deps.clock());
  });
}

export function assertOpen(row: Pick<ComplaintRow, 'status' | 'ref'>): void {
  if (row.status === 'closed' || row.status === 'declined') throw new DomainError('invalid_state', { en: `Complaint ${row.ref} is ${row.status}.`, zh: `投诉 ${row.ref} 已${row.status === 'closed' ? '结案' : '不予受理'}。` });
}

function decisionVariables(d: Decision) {
  return { decisionOutcome: d.outcome, decisionText: d.text, compensation: Number(d.compensation) };
}

/** The handler proposes the decision; the compensation decides who approves it (DMN). */
export async function propose(deps: Deps, engine: Engine, ctx: RequestContext, idOrRef: string, decision: Decision) {
  await atStep(deps, engine, ctx, idOrRef, 'investigate', 'complaint.handle', async (trx, row) => {
    await trx.updateTable('complaint').set({ status: 'awaiting_approval', decision: JSON.stringify(decision), version: sql`version + 1` }).where('id', '=', row.id).execute();
    await recordEvent(trx, deps, row.id, 'proposed', decision, ctx.actor!.username);
    await recordAudit(trx, ctx, { action: 'complaint.propose', entityType: 'complaint', entityId: row.id, unitId: row.unit_id, after: decision }, deps.clock());
    return decisionVariables(decision);
  });
}

/** Approves the proposed decision (then it is communicated) or returns it to the handler. */
export async function approve(deps: Deps, engine: Engine, ctx: RequestContext, idOrRef: string, input: { decision: 'approve' | 'return'; comment?: string | undefined }) {
  await atStep(deps, engine, ctx, idOrRef, 'approveDecision', 'complaint.approve', async (trx, row) => {
    if (input.decision === 'return') await setStatus(trx, row.id, 'investigating');
    await recordEvent(trx, deps, row.id, input.decision === 'approve' ? 'approved' : 'returned', { comment: input.comment ?? null }, ctx.actor!.username);
    await recordAudit(trx, ctx, { action: `complaint.${input.decision}`, entityType: 'complaint', entityId: row.id, unitId: row.unit_id, after: input }, deps.clock());
    return { decision: input.decision, comment: input.comment ?? null };
  });
}

/** The complainant's response to the decision: accepted (root cause next) or disputed (a review by another handler). */
export async function respond(deps: Deps, engine: Engine, ctx: RequestContext, idOrRef: string, input: { response: 'accepted' | 'disputed'; note?: string | undefined }) {
  await atStep(deps, engine, ctx, idOrRef, 'recordResponse', 'complaint.handle', async (trx, row) => {
    await setStatus(trx, row.id, input.response === 'accepted' ? 'remediation' : 'under_review', { response: input.response });
    await recordEvent(trx, deps, row.id, 'response', input, ctx.actor!.username);
    await recordAudit(trx, ctx, { action: 'complaint.response', entityType: 'complaint', entityId: row.id, unitId: row.unit_id, after: input }, deps.clock());
    return { response: input.response };
  });
}

/** Another handler reviews a disputed decision: confirms it, or revises it (approved and communicated again). */
export async function review(deps: Deps, engine: Engine, ctx: RequestContext, idOrRef: string, input: { outcome: 'confirm' | 'revise'; note: string; decision?: Decision | undefined }) {
  if (input.outcome === 'revise' && !input.decision) throw new ValidationError([{ field: '/decision', message: { en: 'A revised decision needs its outcome, text and compensation.', zh: '改变原决定须填写新的处理决定。' } }]);
  await atStep(deps, engine, ctx, idOrRef, 'review', 'complaint.handle', async (trx, row) => {
    if (input.outcome === 'revise') await trx.updateTable('complaint').set({ status: 'awaiting_approval', decision: JSON.stringify(input.decision), version: sql`version + 1` }).where('id', '=', row.id).execute();
    await recordEvent(trx, deps, row.id, 'review', { outcome: input.outcome, note: input.note, decision: input.decision ?? null }, ctx.actor!.username);
    await recordAudit(trx, ctx, { action: 'complaint.review', entityType: 'complaint', entityId: row.id, unitId: row.unit_id, after: { outcome: input.outcome, decision: input.decision ?? null } }, deps.clock());
    return { reviewOutcome: input.outcome, ...(input.decision && decisionVariables(input.decision)) };
  });
}

/** Closes the complaint: the root-cause step completes (its gate refuses without a root cause and an action). */
export async function close(deps: Deps, engine: Engine, ctx: RequestContext, idOrRef: string) {
  await atStep(deps, engine, ctx, idOrRef, 'rootCause', 'complaint.handle', async (trx, row) => {
    await recordAudit(trx, ctx, { action: 'complaint.close', entityType: 'complaint', entityId: row.id, unitId: row.unit_id }, deps.clock());
    return {};
  });
}
