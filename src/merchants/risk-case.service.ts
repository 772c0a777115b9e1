import { sql, type Transaction } from 'kysely';
import { systemContext, type RequestContext } from '../platform/access/actor.ts';
import { assertInScope } from '../platform/access/policy.ts';
import { auditInsert, recordAudit, type AuditChange } from '../platform/audit/audit.service.ts';
import { chinaDate } from '../platform/calendar/china-time.ts';
import type { Database } from '../platform/db/schema.ts';
import type { Deps } from '../platform/deps.ts';
import { DomainError, fieldError, ValidationError } from '../platform/errors.ts';
import { maskIdNumber } from '../platform/pii/index.ts';
import type { Engine } from '../engine/engine.ts';
import { cancelWithin } from '../engine/process.service.ts';
import { startInstance } from '../engine/runtime/instances.ts';
import { enqueue } from '../services/notifications/notification.service.ts';
import type { MerchantStatus } from './merchant.table.ts';
import { addMonths } from './onboarding.ts';
import { reviewMonths } from './review.service.ts';
import { KIND_OF_RULE, measuresText, noticeFor, proposalOf, proposalProblems, controlsAfter, statusAfter } from './risk-case.ts';
import { statusName } from './risk-case-lift.ts';
import { completedBy, lockedCaseOfInstance, nextRiskCaseRef } from './risk-case.repository.ts';
import type { RiskAction, RiskCaseKind } from './risk-case.table.ts';
import { digestOf } from './risk-list.service.ts';

/*
 * Risk cases (风险事件处置) run on the engine as `merchantRiskCase`
 * (processes/merchant-risk-case.bpmn): people investigate, propose and approve in its tasks; what
 * the case and the merchant's records must show at each stage is written here, by the process's
 * service task `merchantRiskAction`, in the same transaction as the step that reaches it.
 */

type Trx = Transaction<Database>;

/** Statuses of a merchant a risk case can be opened on: one still acquiring, or suspended (to terminate). */
const OPEN_ON: readonly MerchantStatus[] = ['active', 'restricted', 'suspended'];
/** Statuses a rectification review (整改复查) is opened on: there are controls to lift. */
const RECTIFY_ON: readonly MerchantStatus[] = ['restricted', 'suspended'];

export type NewRiskCase = { merchantId?: string | undefined; alertId?: string | undefined; kind?: RiskCaseKind | undefined; description: string };

/**
 * Opens a risk case on a merchant, from an alert or a report, and starts its process in the
 * merchant's branch (business key: the case reference). An alert is acknowledged and linked; it
 * may carry one open case at a time.
 */
export async function openRiskCase(deps: Deps, engine: Engine, ctx: RequestContext, input: NewRiskCase) {
  if (!input.merchantId && !input.alertId) throw fieldError('merchantId', 'Say which merchant (merchantId) or which alert (alertId) the case is about.', '请指明风险事件涉及的商户（merchantId）或预警（alertId）。');
  const alert = input.alertId ? await deps.db.selectFrom('risk_alert').select(['id', 'merchant_id', 'rule_code', 'status']).where('id', '=', input.alertId).executeTakeFirst() : undefined;
  if (input.alertId && !alert) throw fieldError('alertId', `There is no alert "${input.alertId}".`, `预警“${input.alertId}”不存在。`);
  const key = input.merchantId?.trim();
  const m = await deps.db
    .selectFrom('merchant as m')
    .innerJoin('org_unit as o', 'o.id', 'm.unit_id')
    .select(['m.id', 'm.code', 'm.name', 'm.status', 'm.risk_rating', 'm.unit_id', 'o.path as unit_path'])
    .where((eb) => (alert ? eb('m.id', '=', alert.merchant_id) : eb.or([eb('m.id', '=', key!), eb('m.code', '=', key!.toUpperCase())])))
    .executeTakeFirst();
  if (!m) throw fieldError('merchantId', `There is no merchant "${key}".`, `商户“${key}”不存在。`);
  if (alert && key && key !== m.id && key.toUpperCase() !== m.code) throw fieldError('alertId', `The alert is about merchant ${m.code}, not "${key}".`, `该预警涉及的是商户 ${m.code}，而不是“${key}”。`);
  assertInScope(ctx.actor!, 'merchant.risk', m.unit_path);
  if (input.kind === 'rectification') assertRectifiable(m, alert !== undefined);
  if (!OPEN_ON.includes(m.status)) throw new DomainError('invalid_state', { en: `The merchant is ${m.status}; a risk case is opened on an active, restricted or suspended merchant.`, zh: '只能对正常、受限或暂停状态的商户发起风险事件处置。' });
  if (alert?.status === 'closed') throw new DomainError('invalid_state', { en: 'The alert is closed; open the case on the merchant (merchantId) instead.', zh: '该预警已关闭，请改为按商户（merchantId）登记风险事件。' });
  const kind = input.kind ?? (alert ? (KIND_OF_RULE[alert.rule_code] ?? 'other') : undefined);
  if (!kind) throw fieldError('kind', 'Say what kind of event it is: cash_out, laundering, fraud, moved_terminal, data_leak, other, or rectification (a review to lift controls).', '请选择事件类型：cash_out（套现）、laundering（洗钱）、fraud（欺诈）、moved_terminal（移机）、data_leak（信息泄露）、other（其他）或 rectification（整改复查，解除管控）。');
  const definitionId = await engine.definitions.latestProcessId(deps.db, 'merchantRiskCase');
  if (!definitionId) throw new DomainError('invalid_state', { en: 'The risk-case process is not deployed.', zh: '风险事件处置流程尚未部署。' });
  const now = deps.clock();
  const ref = await nextRiskCaseRef(deps.db, now);
  const id = deps.newId();
  const instanceId = deps.newId();
  const description = input.description.trim();
  await engine.transaction(async (trx) => {
    if (alert) {
      const locked = await trx.selectFrom('risk_alert').select(['status', 'note']).where('id', '=', alert.id).forUpdate().executeTakeFirstOrThrow();
      const running = await trx.selectFrom('merchant_risk_case').select('ref').where('alert_id', '=', alert.id).where('status', '<>', 'closed').executeTakeFirst();
      if (running) throw new DomainError('invalid_state', { en: `The alert is already handled in risk case ${running.ref}.`, zh: `该预警已在风险事件 ${running.ref} 中处置。` });
      if (locked.status === 'closed') throw new DomainError('invalid_state', { en: 'The alert was closed meanwhile.', zh: '该预警已被关闭。' });
      if (locked.status === 'open') {
        await trx.updateTable('risk_alert').set({ status: 'acknowledged', note: locked.note ?? ref }).where('id', '=', alert.id).execute();
        await recordAudit(trx, ctx, { action: 'risk_alert.acknowledge', entityType: 'risk_alert', entityId: alert.id, unitId: m.unit_id, before: { status: 'open' }, after: { status: 'acknowledged', riskCase: ref } }, now);
      }
    }
    await trx
      .insertInto('merchant_risk_case')
      .values({ id, ref, merchant_id: m.id, kind, source: alert ? 'alert' : 'report', alert_id: alert?.id ?? null, description, findings: null, decided_by: null, approved_by: null, instance_id: instanceId, unit_id: m.unit_id, created_by: ctx.actor!.username, created_at: now, closed_at: null })
      .execute();
    const variables = { caseId: id, caseRef: ref, merchantId: m.id, merchantCode: m.code, merchantName: m.name, kind, source: alert ? 'alert' : 'report', alertId: alert?.id ?? null, description, ratingBefore: m.risk_rating };
    await startInstance(trx, engine.env(ctx), { definitionId, instanceId, businessKey: ref, variables, unitId: m.unit_id }, (r) => [
      auditInsert(ctx, { action: 'process.start', entityType: 'process_instance', entityId: r.id, unitId: m.unit_id, after: { processKey: r.processKey, businessKey: ref, definitionId } }, now),
    ]);
    await recordAudit(trx, ctx, { action: 'merchant_risk_case.open', entityType: 'merchant_risk_case', entityId: id, unitId: m.unit_id, after: { ref, merchant: m.code, kind, source: alert ? 'alert' : 'report', alertId: alert?.id ?? null, description } }, now);
  });
  return { id, ref, instanceId, kind, merchantCode: m.code };
}

/**
 * A rectification review (整改复查) is reported by risk management on a merchant under controls:
 * restricted or suspended, never terminated (a terminated merchant is never reinstated).
 */
function assertRectifiable(m: { code: string; status: MerchantStatus }, fromAlert: boolean): void {
  if (fromAlert) throw fieldError('kind', 'A rectification review is reported, not raised by an alert: open it on the merchant (merchantId).', '整改复查须人工登记，不能由预警发起：请按商户（merchantId）登记。');
  if (RECTIFY_ON.includes(m.status)) return;
  const status = statusName(m.status);
  throw fieldError('kind', `A rectification review is opened on a restricted or suspended merchant; ${m.code} is ${status.en}${m.status === 'terminated' ? ' and is never reinstated' : ''}.`, `整改复查只能对受限或暂停状态的商户发起；商户 ${m.code} 当前为“${status.zh}”${m.status === 'terminated' ? '，已终止合作的商户不能恢复' : ''}。`);
}

/** The audit actor for a system step done on someone's behalf: the user who completed the task before it. */
async function onBehalfOf(trx: Trx, username: string | null): Promise<AuditChange['actor']> {
  if (!username) return undefined;
  const user = await trx.selectFrom('app_user').select(['id', 'username']).where('username', '=', username).executeTakeFirst();
  return user ? { id: user.id, name: user.username } : undefined;
}

async function lockedMerchant(trx: Trx, id: string) {
  return trx
    .selectFrom('merchant')
    .selectAll()
    .select(sql<string | null>`next_review_on::text`.as('next_review_on'))
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

type Case = Awaited<ReturnType<typeof lockedCaseOfInstance>>;
type Merchant = Awaited<ReturnType<typeof lockedMerchant>>;

/**
 * Lists a terminated merchant on the risk list: its settlement account, its social credit code and
 * its legal representative (digests, as every entry), each audited. An entry already there stays.
 */
async function listTerminated(deps: Deps, trx: Trx, c: Case, m: Merchant, reason: string, by: string | null, actor: AuditChange['actor']) {
  const now = deps.clock();
  const representative = await trx.selectFrom('merchant_person').select(['id_number_digest', 'id_number_masked']).where('merchant_id', '=', m.id).where('role', '=', 'legal_representative').executeTakeFirst();
  const entries = [
    { kind: 'account' as const, value_digest: m.settlement_account_digest, value_masked: m.settlement_account_masked },
    { kind: 'uscc' as const, value_digest: digestOf(deps.vault, 'uscc', m.uscc), value_masked: maskIdNumber(m.uscc) },
    ...(representative ? [{ kind: 'id_number' as const, value_digest: representative.id_number_digest, value_masked: representative.id_number_masked }] : []),
  ];
  let added = 0;
  for (const e of entries) {
    const id = deps.newId();
    const source = `行内风险事件 ${c.ref}`;
    const inserted = await trx.insertInto('risk_list_entry').values({ id, ...e, reason, source, listed_on: chinaDate(now), created_by: by ?? 'merchantRiskCase', created_at: now }).onConflict((oc) => oc.columns(['kind', 'value_digest']).doNothing()).executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) continue;
    added++;
    await recordAudit(trx, systemContext(), { action: 'risk_list.add', entityType: 'risk_list_entry', entityId: id, actor, after: { kind: e.kind, value: e.value_masked, reason, source } }, now);
  }
  return added;
}

/** Ends the re-review running on a merchant a case terminates: there is nothing left to review. */
async function cancelReview(engine: Engine, trx: Trx, c: Case, m: Merchant) {
  const review = await trx.selectFrom('merchant_review').select(['id', 'instance_id']).where('merchant_id', '=', m.id).where('status', '=', 'in_progress').forUpdate().executeTakeFirst();
  if (!review) return;
  await cancelWithin(engine, trx, systemContext(), { id: review.instance_id, unitId: m.unit_id }, `merchant terminated by risk case ${c.ref}`);
  await trx.updateTable('merchant_review').set({ status: 'cancelled', completed_at: engine.deps.clock() }).where('id', '=', review.id).execute();
}

/** The approved actions applied to the merchant (step `apply`). */
async function apply(deps: Deps, engine: Engine, trx: Trx, c: Case, instanceId: string, variables: Record<string, unknown>) {
  const m = await lockedMerchant(trx, c.merchant_id);
  const { actions, riskRating } = proposalOf(variables, m);
  const now = deps.clock();
  const approver = await completedBy(trx, instanceId, 'approve');
  const actor = await onBehalfOf(trx, approver);
  const controls = controlsAfter(m.controls, actions);
  const status = statusAfter(m.status, actions, controls);
  const sooner = addMonths(chinaDate(now), (await reviewMonths(trx))[riskRating]);
  // a higher rating brings the next re-review forward; a terminated merchant has none
  const nextReview = status === 'terminated' ? null : m.next_review_on && m.next_review_on <= sooner ? m.next_review_on : sooner;
  await trx.updateTable('merchant').set({ status, controls: JSON.stringify(controls), risk_rating: riskRating, next_review_on: nextReview, updated_at: now, version: sql`version + 1` }).where('id', '=', m.id).execute();
  const recover = actions.some((a) => a.type === 'recover_terminals' || a.type === 'terminate');
  const recovered = recover ? Number((await trx.updateTable('merchant_terminal').set({ status: 'recovered' }).where('merchant_id', '=', m.id).where('status', '<>', 'recovered').executeTakeFirst()).numUpdatedRows) : 0;
  const termination = actions.find((a): a is Extract<RiskAction, { type: 'terminate' }> => a.type === 'terminate');
  const listed = termination ? await listTerminated(deps, trx, c, m, termination.blacklistReason, approver, actor) : 0;
  if (status === 'terminated' && m.status !== 'terminated') await cancelReview(engine, trx, c, m);
  await trx.insertInto('merchant_rating').values({ id: deps.newId(), merchant_id: m.id, rating: riskRating, reason: 'risk_case', inputs: JSON.stringify({ caseRef: c.ref, kind: c.kind, ratingBefore: m.risk_rating, actions }), decided_by: c.decided_by, decided_at: now }).execute();
  await trx.updateTable('merchant_risk_case').set({ status: 'actions_applied', actions: JSON.stringify(actions), approved_by: approver }).where('id', '=', c.id).execute();
  const audit = (change: Omit<AuditChange, 'actor' | 'unitId'>) => recordAudit(trx, systemContext(), { ...change, unitId: m.unit_id, actor }, now);
  await audit({ action: 'merchant_risk_case.apply', entityType: 'merchant_risk_case', entityId: c.id, after: { ref: c.ref, actions, riskRating, approvedBy: approver, terminalsRecovered: recovered, listed } });
  if (status !== m.status) await audit({ action: 'merchant.status', entityType: 'merchant', entityId: m.id, before: { status: m.status }, after: { status, riskCase: c.ref } });
  if (JSON.stringify(controls) !== JSON.stringify(m.controls)) await audit({ action: 'merchant.controls', entityType: 'merchant', entityId: m.id, before: m.controls, after: { ...controls, riskCase: c.ref } });
  await audit({ action: 'merchant.rating', entityType: 'merchant', entityId: m.id, before: { rating: m.risk_rating, nextReviewOn: m.next_review_on }, after: { rating: riskRating, reason: 'risk_case', nextReviewOn: nextReview } });
  return { merchantStatus: status, terminalsRecovered: recovered };
}

/** The merchant told what changed (step `notify`): nothing to tell when no action was taken. */
async function notify(deps: Deps, trx: Trx, c: Case) {
  const m = await trx.selectFrom('merchant').select(['id', 'code', 'name', 'status', 'controls', 'contact_phone_sealed']).where('id', '=', c.merchant_id).executeTakeFirstOrThrow();
  const template = noticeFor(c.actions, m.status);
  if (!template || !m.contact_phone_sealed) return { merchantNotified: false };
  const params = { name: m.name, code: m.code, measures: measuresText(c.actions, 'zh'), days: m.controls.settlementDelayDays ?? 1 };
  await enqueue(trx, deps, { channel: 'sms', to: deps.vault.open(m.contact_phone_sealed), template, lang: 'zh-CN', params, subject: { type: 'merchant', id: m.id } });
  return { merchantNotified: true };
}

/** The case closed (step `close`), and the alert it came from closed with the case's findings. */
async function close(deps: Deps, trx: Trx, c: Case) {
  const now = deps.clock();
  const approver = c.approved_by;
  const actor = await onBehalfOf(trx, approver);
  await trx.updateTable('merchant_risk_case').set({ status: 'closed', closed_at: now }).where('id', '=', c.id).execute();
  await recordAudit(trx, systemContext(), { action: 'merchant_risk_case.close', entityType: 'merchant_risk_case', entityId: c.id, unitId: c.unit_id, actor, before: { status: c.status }, after: { status: 'closed' } }, now);
  if (!c.alert_id) return;
  const alert = await trx.selectFrom('risk_alert').select(['status']).where('id', '=', c.alert_id).forUpdate().executeTakeFirst();
  if (!alert || alert.status === 'closed') return;
  const note = `${c.ref}: ${c.findings ?? ''}`.trim();
  await trx.updateTable('risk_alert').set({ status: 'closed', closed_at: now, closed_by: approver ?? 'merchantRiskCase', note }).where('id', '=', c.alert_id).execute();
  await recordAudit(trx, systemContext(), { action: 'risk_alert.close', entityType: 'risk_alert', entityId: c.alert_id, unitId: c.unit_id, actor, before: { status: alert.status }, after: { status: 'closed', note, riskCase: c.ref } }, now);
}

/** The process's system steps (handler `merchantRiskAction`, input `step`). */
async function step(deps: Deps, engine: Engine, trx: Trx, instanceId: string, variables: Record<string, unknown>): Promise<Record<string, unknown> | void> {
  const c = await lockedCaseOfInstance(trx, instanceId);
  const now = deps.clock();
  const name = String(variables.step ?? '');
  switch (name) {
    case 'proposed': {
      const m = await trx.selectFrom('merchant').select(['status', 'controls']).where('id', '=', c.merchant_id).executeTakeFirstOrThrow();
      const proposal = proposalOf(variables, m);
      const proposer = await completedBy(trx, instanceId, 'proposeActions');
      const findings = typeof variables.findings === 'string' ? variables.findings.trim() : c.findings;
      await trx.updateTable('merchant_risk_case').set({ status: 'awaiting_approval', findings, actions: JSON.stringify(proposal.actions), decided_by: proposer }).where('id', '=', c.id).execute();
      await recordAudit(trx, systemContext(), { action: 'merchant_risk_case.propose', entityType: 'merchant_risk_case', entityId: c.id, unitId: c.unit_id, actor: await onBehalfOf(trx, proposer), after: { findings, ...proposal } }, now);
      // `all` named as the controls it is: the approval authority and the approver see what is lifted
      const lift = proposal.actions.find((a) => a.type === 'lift_controls');
      return lift ? { liftControls: lift.controls } : undefined;
    }
    case 'returned': {
      const by = await completedBy(trx, instanceId, 'approve');
      await trx.updateTable('merchant_risk_case').set({ status: 'investigating' }).where('id', '=', c.id).execute();
      await recordAudit(trx, systemContext(), { action: 'merchant_risk_case.return', entityType: 'merchant_risk_case', entityId: c.id, unitId: c.unit_id, actor: await onBehalfOf(trx, by), before: { status: c.status }, after: { status: 'investigating', note: variables.approvalNote ?? null } }, now);
      return;
    }
    case 'apply':
      return apply(deps, engine, trx, c, instanceId, variables);
    case 'notify':
      return notify(deps, trx, c);
    case 'close':
      return close(deps, trx, c);
    default:
      throw new Error(`unknown merchant risk-case step "${name}"`);
  }
}

/** Registers the risk case's handler and the checks of its steps' answers on the engine. */
export function registerRiskCaseHandlers(deps: Deps, engine: Engine): void {
  engine.register('merchantRiskAction', ({ variables, db, instanceId }) => step(deps, engine, db, instanceId, variables));
  engine.registerGate('merchantRiskFindings', async ({ variables }) => {
    if (typeof variables.findings !== 'string' || variables.findings.trim().length < 2) throw fieldError('/variables/findings', 'Write down what the investigation found.', '请填写调查发现。');
  });
  // a delay, limit or lift is checked against what is in force: the merchant of the case, by its reference
  engine.registerGate('merchantRiskActions', async ({ businessKey, variables, db }) => {
    const subject = businessKey ? await db.selectFrom('merchant_risk_case as c').innerJoin('merchant as m', 'm.id', 'c.merchant_id').select(['m.status', 'm.controls', 'c.kind']).where('c.ref', '=', businessKey).executeTakeFirst() : undefined;
    if (!subject) throw new DomainError('invalid_state', { en: 'This step does not belong to a risk case.', zh: '该步骤不属于风险事件处置。' });
    const errors = proposalProblems(variables, subject);
    if (errors.length) throw new ValidationError(errors);
  });
  engine.registerGate('merchantRiskApproval', async ({ variables }) => {
    if (variables.approval !== 'approve' && variables.approval !== 'return') throw fieldError('/variables/approval', 'Approve the actions (approve) or return them to risk management (return).', '请选择同意（approve）或退回风险管理部（return）。');
    if (variables.approval === 'return' && (typeof variables.approvalNote !== 'string' || variables.approvalNote.trim().length < 2)) throw fieldError('/variables/approvalNote', 'Say what should change before the actions can be approved.', '退回时请说明需要修改的内容。');
  });
}

