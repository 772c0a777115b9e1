import { sql } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { Deps } from '../../platform/deps.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Engine } from '../../engine/engine.ts';
import { cancelWithin } from '../../engine/process.service.ts';
import { inviteToSurvey } from '../surveys/survey.service.ts';
import { caseInReach } from './case.service.ts';

/**
 * Closes a case by hand. `completed` is for a service done at the counter without a process (a
 * case with a running process completes when the process ends); `cancelled` withdraws the case
 * and cancels its process, in one transaction. Withdrawing is the branch's to do (`case.write`
 * in reach of the case), not only a process administrator's: a customer withdraws an application
 * at the counter.
 */
export async function closeCaseByHand(deps: Deps, engine: Engine, ctx: RequestContext, id: string, outcome: 'completed' | 'cancelled', note: string): Promise<void> {
  const row = await caseInReach(deps, ctx, id, 'case.write');
  if (row.status !== 'open') throw new DomainError('invalid_state', { en: 'The case is already closed.', zh: '该业务已办结。' });
  const running = row.instance_id ? await deps.db.selectFrom('process_instance').select('status').where('id', '=', row.instance_id).executeTakeFirst() : undefined;
  if (outcome === 'completed' && running?.status === 'active') throw new DomainError('invalid_state', { en: 'The case completes when its process ends; work its open steps.', zh: '该业务的流程尚未结束，请先办理待办环节。' });
  const now = deps.clock();
  await engine.transaction(async (trx) => {
    if (outcome === 'cancelled' && running?.status === 'active') await cancelWithin(engine, trx, ctx, { id: row.instance_id!, unitId: row.unit_id }, note);
    const updated = await trx.updateTable('service_case').set({ status: outcome, outcome_note: note, closed_at: now, version: sql`version + 1` }).where('id', '=', row.id).where('status', '=', 'open').executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new DomainError('version_conflict', { en: 'The case was closed meanwhile.', zh: '该业务已被他人办结。' });
    await recordAudit(trx, ctx, { action: 'case.close', entityType: 'service_case', entityId: row.id, unitId: row.unit_id, after: { status: outcome, note } }, now);
    if (outcome === 'completed') {
      const service = await trx.selectFrom('service_version').select('data').where('code', '=', row.service_code).where('version', '=', row.service_version).executeTakeFirstOrThrow();
      await inviteToSurvey(trx, deps, { ...row, service_name_zh: (service.data as { nameZh: string }).nameZh });
    }
  });
}
