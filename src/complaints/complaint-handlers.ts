import { sql, type Transaction } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import type { Deps } from '../platform/deps.ts';
import { DomainError, ValidationError } from '../platform/errors.ts';
import type { Engine } from '../engine/engine.ts';
import { inviteToComplaintSurvey } from '../services/surveys/survey.service.ts';
import { assertEligibleHandler, completedThroughComplaint } from './complaint-steps.service.ts';
import { compensationText, notifyComplainant, recordEvent, type Db } from './complaint.repository.ts';
import type { ComplaintStatus, Decision } from './complaint.table.ts';
import { assertRemediationRecorded } from './remediation.service.ts';

const OUTCOME_ZH: Record<Decision['outcome'], string> = { upheld: '投诉成立', partly_upheld: '投诉部分成立', not_upheld: '投诉不成立' };
const DECLINE_ZH: Record<string, string> = { not_a_complaint: '所反映事项不属于投诉', duplicate: '与已受理的投诉重复', outside_remit: '不属于我行处理范围', withdrawn: '投诉人已撤回' };

/** The decision as the process variables hold it (whatever API completed the step). */
function decisionOf(variables: Record<string, unknown>): Decision {
  const outcome = String(variables.decisionOutcome ?? '') as Decision['outcome'];
  return { outcome: OUTCOME_ZH[outcome] ? outcome : 'not_upheld', text: String(variables.decisionText ?? ''), compensation: Number(variables.compensation ?? 0).toFixed(2) };
}

/**
 * The system steps of `complaintHandling` (handler `complaintStage`, input `stage`): the complaint
 * follows its process — declined, decision communicated (the clock stops at the first one),
 * review communicated, closed with a survey — each telling the complainant in writing, once.
 */
async function stage(deps: Deps, trx: Transaction<Database>, instanceId: string, name: string, variables: Record<string, unknown>): Promise<void> {
  const c = await trx.selectFrom('complaint').selectAll().where('instance_id', '=', instanceId).forUpdate().executeTakeFirst();
  if (!c) throw new Error(`no complaint runs on process instance ${instanceId}`);
  const now = deps.clock();
  const set = (status: ComplaintStatus, more: Record<string, unknown> = {}) => trx.updateTable('complaint').set({ status, ...more, version: sql`version + 1` }).where('id', '=', c.id).execute();
  switch (name) {
    case 'declined': {
      const reason = String(variables.declineReason ?? c.decline_reason ?? '');
      await set('declined', { closed_at: now, decline_reason: reason });
      await notifyComplainant(trx, deps, c, 'complaint_declined', { ref: c.ref, reason: DECLINE_ZH[reason] ?? reason }, `${c.id}:declined`);
      return;
    }
    case 'decided': {
      const decision = decisionOf(variables);
      const round = (await trx.selectFrom('complaint_event').select((eb) => eb.fn.countAll<number>().as('n')).where('complaint_id', '=', c.id).where('kind', '=', 'decided').executeTakeFirstOrThrow()).n;
      await set('decided', { decision: JSON.stringify(decision), decided_at: c.decided_at ?? now, escalation: c.decided_at ? c.escalation : null });
      const written = await notifyComplainant(trx, deps, c, 'complaint_decision', { ref: c.ref, decision: `${OUTCOME_ZH[decision.outcome]}。${decision.text}`, compensation: compensationText(decision.compensation, 'zh') }, `${c.id}:decided:${round}`);
      await recordEvent(trx, deps, c.id, 'decided', { ...decision, round: Number(round) + 1, notified: written }, null);
      return;
    }
    case 'reviewed': {
      await set('remediation');
      const decision = c.decision ?? decisionOf(variables);
      await notifyComplainant(trx, deps, c, 'complaint_reviewed', { ref: c.ref, decision: `${OUTCOME_ZH[decision.outcome]}。${decision.text}` }, `${c.id}:reviewed:${instanceId}`);
      return;
    }
    case 'closed': {
      await set('closed', { closed_at: now });
      await recordEvent(trx, deps, c.id, 'closed', {}, null);
      await inviteToComplaintSurvey(trx, deps, c, (url) => notifyComplainant(trx, deps, c, 'complaint_survey', { ref: c.ref, url }, `${c.id}:survey`));
      return;
    }
    default:
      throw new Error(`unknown complaint stage "${name}"`);
  }
}

async function complaintByRef(db: Db, ref: string | null) {
  return ref ? db.selectFrom('complaint').select(['id', 'recused', 'unit_id']).where('ref', '=', ref).executeTakeFirst() : undefined;
}

/** What the complaint process calls on: its system steps, and the gates of its user tasks. */
export function registerComplaintHandlers(deps: Deps, engine: Engine): void {
  engine.register('complaintStage', ({ variables, instanceId, db }) => stage(deps, db, instanceId, String(variables.stage ?? ''), variables));
  // the handler chosen at assignment: eligible, and not involved in the matter (回避)
  engine.registerGate('complaintHandler', async ({ businessKey, variables, db }) => {
    const c = await complaintByRef(db, businessKey);
    if (c) await assertEligibleHandler(db, c, variables.handler);
  });
  // a proposed decision has an outcome, a text and a compensation that is money
  engine.registerGate('complaintDecision', async ({ variables }) => checkDecision(variables, ''));
  engine.registerGate('complaintReview', async ({ variables }) => {
    if (variables.reviewOutcome !== 'confirm' && variables.reviewOutcome !== 'revise') throw new ValidationError([{ field: '/reviewOutcome', message: { en: 'Confirm or revise the decision.', zh: '请选择维持或改变原决定。' } }]);
    if (variables.reviewOutcome === 'revise') checkDecision(variables, '/decision');
  });
  // a complaint's steps carry its record (classification, handler, decision…): worked on the complaint only
  engine.registerGate('complaintApi', async () => {
    if (completedThroughComplaint()) return;
    throw new DomainError('precondition_failed', { en: "A complaint's steps are worked on the complaint (the complaints page or /api/v1/complaints), where their record is kept.", zh: '投诉处理环节须在投诉处理页面（或投诉接口）办理，以便同时登记处理记录。' });
  });
  engine.registerGate('complaintRootCause', async ({ businessKey, db }) => {
    if (businessKey) await assertRemediationRecorded(db, businessKey);
  });
}

function checkDecision(v: Record<string, unknown>, prefix: string): void {
  const errors = [];
  if (!['upheld', 'partly_upheld', 'not_upheld'].includes(String(v.decisionOutcome))) errors.push({ field: `${prefix}/outcome`, message: { en: 'Say whether the complaint is upheld, partly upheld or not upheld.', zh: '请选择投诉是否成立。' } });
  if (typeof v.decisionText !== 'string' || v.decisionText.trim().length < 5) errors.push({ field: `${prefix}/text`, message: { en: 'Write the decision the complainant will read.', zh: '请填写将告知投诉人的处理决定。' } });
  if (typeof v.compensation !== 'number' || !Number.isFinite(v.compensation) || v.compensation < 0 || Number(v.compensation.toFixed(2)) !== v.compensation) errors.push({ field: `${prefix}/compensation`, message: { en: 'The compensation is an amount in yuan, 0 or more, with at most 2 decimals.', zh: '补偿金额应为不小于 0、最多两位小数的金额（元）。' } });
  if (errors.length) throw new ValidationError(errors);
}
