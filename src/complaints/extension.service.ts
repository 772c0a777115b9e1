import { sql } from 'kysely';
import type { RequestContext } from '../platform/access/actor.ts';
import { scopePrefix } from '../platform/access/policy.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { chinaDate } from '../platform/calendar/china-time.ts';
import type { Deps } from '../platform/deps.ts';
import { DomainError, NotFoundError } from '../platform/errors.ts';
import type { Engine } from '../engine/engine.ts';
import { atRiskAt, dueAt, nextExtension } from './complaint-clock.ts';
import { loadRules } from './complaint-setup.service.ts';
import { assertOpen } from './complaint-steps.service.ts';
import { assertNotRecused, complaintInScope, notifyComplainant, recordEvent } from './complaint.repository.ts';

/*
 * Extensions of the decision clock (办法 art. 22): a complex complaint to 30 days, an especially
 * complex one by 30 more — each with a reason, approved by a superior (not the one who asked),
 * and the complainant told. No third extension, never past the maximum.
 */

const noMore = () => new DomainError('invalid_state', { en: 'No further extension is allowed: the limit is at its maximum.', zh: '已达最长处理期限，不能再延期。' });

/** Asks for the next extension, with the reason. One request at a time, and only before the decision. */
export async function requestExtension(deps: Deps, _engine: Engine, ctx: RequestContext, idOrRef: string, reason: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const row = await complaintInScope(trx, ctx, idOrRef, 'complaint.handle', true);
    assertOpen(row);
    assertNotRecused(row, ctx);
    if (row.decided_at) throw new DomainError('invalid_state', { en: 'The decision has been communicated: the clock has stopped.', zh: '处理决定已告知，无需延期。' });
    const extensions = await trx.selectFrom('complaint_extension').select(['status']).where('complaint_id', '=', row.id).execute();
    if (extensions.some((e) => e.status === 'pending')) throw new DomainError('invalid_state', { en: 'An extension request is already waiting for approval.', zh: '已有延期申请待审批。' });
    const next = nextExtension(await loadRules(trx), extensions.filter((e) => e.status === 'approved').length, row.limit_days);
    if (!next) throw noMore();
    const id = deps.newId();
    await trx.insertInto('complaint_extension').values({ id, complaint_id: row.id, step: next.step, days: next.days, reason, status: 'pending', requested_by: ctx.actor!.username, requested_at: now, decided_by: null, decided_at: null, decision_note: null }).execute();
    await recordEvent(trx, deps, row.id, 'extension_requested', { id, step: next.step, days: next.days, reason }, ctx.actor!.username);
    await recordAudit(trx, ctx, { action: 'complaint.extension.request', entityType: 'complaint_extension', entityId: id, unitId: row.unit_id, after: { step: next.step, days: next.days, reason } }, now);
  });
}

/**
 * Approves or refuses an extension. The approver holds the right to approve in the complaint's
 * unit and is not the one who asked. An approved extension moves the due date (counted again
 * from receipt with the longer limit, under the rules in force) and the complainant is told.
 */
export async function decideExtension(deps: Deps, engine: Engine, ctx: RequestContext, idOrRef: string, extensionId: string, input: { approve: boolean; note: string }): Promise<void> {
  const now = deps.clock();
  const calendar = await engine.businessCalendar();
  await deps.db.transaction().execute(async (trx) => {
    const row = await complaintInScope(trx, ctx, idOrRef, 'complaint.approve', true);
    const ext = await trx.selectFrom('complaint_extension').selectAll().where('id', '=', extensionId).where('complaint_id', '=', row.id).forUpdate().executeTakeFirst();
    if (!ext) throw new NotFoundError({ en: 'extension request', zh: '延期申请' }, extensionId);
    if (ext.status !== 'pending') throw new DomainError('invalid_state', { en: `The request has already been ${ext.status}.`, zh: `该申请已${ext.status === 'approved' ? '批准' : '驳回'}。` });
    if (ext.requested_by === ctx.actor!.username) throw new DomainError('maker_checker', { en: 'An extension is approved by a superior, not by the one who asked for it.', zh: '延期须由上级审批，申请人不能自行审批。' });
    assertNotRecused(row, ctx);
    await trx.updateTable('complaint_extension').set({ status: input.approve ? 'approved' : 'refused', decided_by: ctx.actor!.username, decided_at: now, decision_note: input.note }).where('id', '=', ext.id).execute();
    if (!input.approve) {
      await recordEvent(trx, deps, row.id, 'extension_refused', { id: ext.id, note: input.note }, ctx.actor!.username);
      await recordAudit(trx, ctx, { action: 'complaint.extension.refuse', entityType: 'complaint_extension', entityId: ext.id, unitId: row.unit_id, after: { note: input.note } }, now);
      return;
    }
    assertOpen(row);
    if (row.decided_at) throw new DomainError('invalid_state', { en: 'The decision has been communicated: the clock has stopped.', zh: '处理决定已告知，无需延期。' });
    const rules = await loadRules(trx);
    // within the maximum in force now; counted as the complaint's clock was set at receipt
    const limit = Math.min(rules.maxDays, row.limit_days + ext.days);
    if (limit <= row.limit_days) throw noMore();
    const extended = row.extended_days + (limit - row.limit_days);
    const due = dueAt(calendar, row.received_at, limit, row.day_count);
    await trx.updateTable('complaint').set({ limit_days: limit, extended_days: extended, due_at: due, at_risk_at: atRiskAt(calendar, rules.atRiskShare, row.day_count, row.received_at, due), escalation: null, version: sql`version + 1` }).where('id', '=', row.id).execute();
    await recordEvent(trx, deps, row.id, 'extension_approved', { id: ext.id, step: ext.step, days: ext.days, dueAt: due.toISOString(), note: input.note }, ctx.actor!.username);
    await recordAudit(trx, ctx, { action: 'complaint.extension.approve', entityType: 'complaint_extension', entityId: ext.id, unitId: row.unit_id, before: { dueAt: row.due_at.toISOString() }, after: { dueAt: due.toISOString(), extendedDays: extended } }, now);
    await notifyComplainant(trx, deps, row, 'complaint_extended', { ref: row.ref, due: chinaDate(due), reason: ext.reason }, `${row.id}:extension:${ext.step}`);
  });
}

/** Extension requests of the actor's units, pending first, with the due date each would bring. */
export async function listExtensions(deps: Deps, engine: Engine, ctx: RequestContext, f: { status?: 'pending' | 'approved' | 'refused' | undefined; limit?: number | undefined; offset?: number | undefined }) {
  const prefix = scopePrefix(ctx.actor!, 'complaint.approve');
  let q = deps.db.selectFrom('complaint_extension as e').innerJoin('complaint as c', 'c.id', 'e.complaint_id').innerJoin('org_unit as o', 'o.id', 'c.unit_id');
  if (prefix) q = q.where('o.path', 'like', `${prefix}%`);
  if (f.status) q = q.where('e.status', '=', f.status);
  const [rows, count, rules, calendar] = await Promise.all([
    q.selectAll('e').select(['c.ref', 'c.received_at', 'c.due_at', 'c.limit_days', 'c.day_count', 'o.code as unit_code']).orderBy(sql`e.status = 'pending'`, 'desc').orderBy('e.requested_at', 'desc').limit(f.limit ?? 50).offset(f.offset ?? 0).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    loadRules(deps.db),
    engine.businessCalendar(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: r.id,
      complaintId: r.complaint_id,
      complaintRef: r.ref,
      step: r.step,
      days: r.days,
      reason: r.reason,
      status: r.status,
      requestedBy: r.requested_by,
      requestedAt: r.requested_at.toISOString(),
      currentDueAt: r.due_at.toISOString(),
      newDueAt: r.status === 'pending' ? dueAt(calendar, r.received_at, Math.min(rules.maxDays, r.limit_days + r.days), r.day_count).toISOString() : null,
      decidedBy: r.decided_by,
      decidedAt: r.decided_at?.toISOString() ?? null,
      decisionNote: r.decision_note,
      unitCode: r.unit_code,
    })),
  };
}

