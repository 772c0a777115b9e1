import { sql } from 'kysely';
import { systemContext } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { Deps } from '../../platform/deps.ts';
import { inviteToSurvey } from '../surveys/survey.service.ts';

/**
 * Closes the cases whose process has ended: rejected when it ended at an end event whose id
 * begins with `rejected`, cancelled when the instance was cancelled, completed otherwise; then
 * invites the customer to a survey. Runs in the background on every node; the status guard makes
 * each case close once.
 */
export async function closeFinishedCases(deps: Deps, batch = 100): Promise<number> {
  const finished = await deps.db
    .selectFrom('service_case as c')
    .innerJoin('process_instance as p', 'p.id', 'c.instance_id')
    .innerJoin('service_version as v', (j) => j.onRef('v.code', '=', 'c.service_code').onRef('v.version', '=', 'c.service_version'))
    .select(['c.id', 'c.ref', 'c.unit_id', 'c.created_by', 'c.customer_id', 'c.instance_id', 'p.status as instance_status', 'p.ended_at', 'v.data'])
    .where('c.status', '=', 'open')
    .where('p.status', '!=', 'active')
    .limit(batch)
    .execute();
  let closed = 0;
  for (const c of finished) {
    const lastEnd = await deps.db.selectFrom('event_log').select('element_id').where('instance_id', '=', c.instance_id!).where('element_type', '=', 'endEvent').orderBy('at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const status = c.instance_status === 'completed' ? (lastEnd?.element_id.startsWith('rejected') ? 'rejected' : 'completed') : 'cancelled';
    const now = deps.clock();
    await deps.db.transaction().execute(async (trx) => {
      const updated = await trx.updateTable('service_case').set({ status, closed_at: c.ended_at ?? now, version: sql`version + 1` }).where('id', '=', c.id).where('status', '=', 'open').executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return;
      await recordAudit(trx, systemContext(), { action: 'case.close', entityType: 'service_case', entityId: c.id, unitId: c.unit_id, after: { status, endEvent: lastEnd?.element_id ?? null } }, now);
      if (status !== 'cancelled') await inviteToSurvey(trx, deps, { ...c, service_name_zh: (c.data as { nameZh: string }).nameZh });
      closed++;
    });
  }
  return closed;
}

/** Task priority while a case is at risk, and once it is breached: get-next-work serves them first. */
export const ESCALATED_PRIORITY = { at_risk: 80, breached: 90 } as const;

/**
 * Escalates open cases whose clock passed 80% (at risk) or 100% (breached): records it once per
 * level, and raises the priority of the case's open tasks so they are worked first.
 */
export async function escalateCases(deps: Deps): Promise<number> {
  const now = deps.clock();
  let count = 0;
  for (const level of ['breached', 'at_risk'] as const) {
    const due = await deps.db
      .selectFrom('service_case')
      .select(['id', 'unit_id', 'instance_id', 'ref'])
      .where('status', '=', 'open')
      .where(level === 'breached' ? 'due_at' : 'at_risk_at', '<=', now)
      .where((eb) => (level === 'breached' ? eb.or([eb('escalation', 'is', null), eb('escalation', '!=', 'breached')]) : eb('escalation', 'is', null)))
      .limit(200)
      .execute();
    for (const c of due) {
      await deps.db.transaction().execute(async (trx) => {
        const updated = await trx.updateTable('service_case').set({ escalation: level }).where('id', '=', c.id).where('status', '=', 'open').executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) return;
        if (c.instance_id) {
          await trx.updateTable('task').set({ priority: sql`greatest(priority, ${ESCALATED_PRIORITY[level]})` }).where('instance_id', '=', c.instance_id).where('status', '=', 'open').execute();
        }
        await recordAudit(trx, systemContext(), { action: `case.${level}`, entityType: 'service_case', entityId: c.id, unitId: c.unit_id, after: { ref: c.ref } }, now);
        count++;
      });
    }
  }
  return count;
}
