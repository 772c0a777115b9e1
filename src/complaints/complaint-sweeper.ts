import { sql } from 'kysely';
import { systemContext } from '../platform/access/actor.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { chinaDate } from '../platform/calendar/china-time.ts';
import type { Deps } from '../platform/deps.ts';
import { enqueue } from '../services/notifications/notification.service.ts';
import { recordEvent, type Db } from './complaint.repository.ts';

/** Task priority while a complaint is at risk, and once breached: its steps are worked first. */
const ESCALATED_PRIORITY = { at_risk: 80, breached: 90 } as const;

/**
 * Escalates complaints whose decision clock passed the at-risk share or the due date: once per
 * level, recorded on the timeline and in the audit trail, the open steps raised in priority, and
 * the handler's managers told (the branch managers of the complaint's unit and above; operations
 * managers where there is none). Safe on several nodes: the escalation guard takes each once.
 */
export async function escalateComplaints(deps: Deps): Promise<number> {
  const now = deps.clock();
  let count = 0;
  for (const level of ['breached', 'at_risk'] as const) {
    const due = await deps.db
      .selectFrom('complaint as c')
      .innerJoin('org_unit as o', 'o.id', 'c.unit_id')
      .select(['c.id', 'c.ref', 'c.unit_id', 'c.instance_id', 'c.handler', 'c.due_at', 'o.path'])
      .where('c.decided_at', 'is', null)
      .where('c.status', 'not in', ['declined', 'closed'])
      .where(level === 'breached' ? 'c.due_at' : 'c.at_risk_at', '<=', now)
      .where((eb) => (level === 'breached' ? eb.or([eb('c.escalation', 'is', null), eb('c.escalation', '!=', 'breached')]) : eb('c.escalation', 'is', null)))
      .limit(200)
      .execute();
    for (const c of due) {
      await deps.db.transaction().execute(async (trx) => {
        const updated = await trx.updateTable('complaint').set({ escalation: level }).where('id', '=', c.id).where('decided_at', 'is', null).where((eb) => (level === 'breached' ? eb.or([eb('escalation', 'is', null), eb('escalation', '!=', 'breached')]) : eb('escalation', 'is', null))).executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) return;
        if (c.instance_id) await trx.updateTable('task').set({ priority: sql`greatest(priority, ${ESCALATED_PRIORITY[level]})` }).where('instance_id', '=', c.instance_id).where('status', '=', 'open').execute();
        const told = await tellManagers(trx, deps, c, level);
        await recordEvent(trx, deps, c.id, level, { dueAt: c.due_at.toISOString(), managers: told }, null);
        await recordAudit(trx, systemContext(), { action: `complaint.${level}`, entityType: 'complaint', entityId: c.id, unitId: c.unit_id, after: { ref: c.ref, managers: told } }, now);
        count++;
      });
    }
  }
  return count;
}

/** E-mails the managers above the complaint; returns who was told. */
async function tellManagers(trx: Db, deps: Deps, c: { id: string; ref: string; path: string; handler: string | null; due_at: Date }, level: 'at_risk' | 'breached'): Promise<string[]> {
  const above = c.path.split('/').filter(Boolean);
  const managers = await trx
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select(['u.username', 'u.email', 'r.role_key'])
    .where('u.status', '=', 'active')
    .where((eb) => eb.or([eb.and([eb('r.role_key', '=', 'branch_manager'), eb('u.unit_id', 'in', above)]), eb('r.role_key', '=', 'ops_manager')]))
    .execute();
  const branch = managers.filter((m) => m.role_key === 'branch_manager');
  // only those an e-mail reaches count as told
  const told = (branch.length > 0 ? branch : managers).filter((m) => m.email);
  for (const m of told) {
    await enqueue(trx, deps, { channel: 'email', to: m.email!, template: 'complaint_escalated', lang: 'zh-CN', params: { ref: c.ref, state: level === 'at_risk' ? '临近处理时限' : '超过处理时限', due: chinaDate(c.due_at), handler: c.handler ?? '未指派' }, subject: { type: 'complaint', id: `${c.id}:${level}:${m.username}` } });
  }
  return told.map((m) => m.username);
}
