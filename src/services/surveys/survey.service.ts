import { createHash, randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { systemContext } from '../../platform/access/actor.ts';
import { scopePrefix } from '../../platform/access/policy.ts';
import { auditInsert, recordAudit } from '../../platform/audit/audit.service.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { DomainError, NotFoundError } from '../../platform/errors.ts';
import type { Engine } from '../../engine/engine.ts';
import { startInstance } from '../../engine/runtime/instances.ts';
import { enqueue } from '../notifications/notification.service.ts';

const SURVEY = { en: 'survey', zh: '满意度评价' };

/** A score at or below this opens a follow-up task for the branch manager. */
export const FOLLOW_UP_AT_OR_BELOW = 2;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * Invites the customer of a closed case to rate it: a survey row (linked to the case, the branch
 * and the staff member who served) and an SMS with a link carrying a one-use token.
 */
export async function inviteToSurvey(trx: Transaction<Database>, deps: Deps, c: { id: string; ref: string; unit_id: string; created_by: string | null; customer_id: string; service_name_zh: string }): Promise<void> {
  const token = randomBytes(18).toString('base64url');
  const now = deps.clock();
  const inserted = await trx
    .insertInto('survey')
    .values({ id: deps.newId(), case_id: c.id, token_hash: tokenHash(token), unit_id: c.unit_id, staff: c.created_by, sent_at: now, answered_at: null, csat: null, nps: null, comment: null, follow_up_instance_id: null })
    .onConflict((oc) => oc.column('case_id').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return;
  const customer = await trx.selectFrom('customer').select(['phone_sealed', 'consents']).where('id', '=', c.customer_id).executeTakeFirstOrThrow();
  if (!customer.phone_sealed || customer.consents.sms === false) return;
  await enqueue(trx, deps, {
    channel: 'sms',
    to: deps.vault.open(customer.phone_sealed),
    template: 'survey_invite',
    lang: 'zh-CN',
    params: { service: c.service_name_zh, url: `${deps.config.publicUrl}/portal/survey/${token}` },
    subject: { type: 'service_case', id: c.id },
  });
}

/** What a complaint's closing survey rates, in place of a service. */
const COMPLAINT_HANDLING = { nameZh: '投诉处理', nameEn: 'Complaint handling' };

/** A survey by its link's token: of a closed case, or of a closed complaint. */
async function surveyByToken(deps: Deps, token: string) {
  const row = await deps.db
    .selectFrom('survey as s')
    .leftJoin('service_case as c', 'c.id', 's.case_id')
    .leftJoin('complaint as k', 'k.id', 's.complaint_id')
    .innerJoin('org_unit as o', 'o.id', 's.unit_id')
    .leftJoin('service_version as v', (j) => j.onRef('v.code', '=', 'c.service_code').onRef('v.version', '=', 'c.service_version'))
    .select(['s.id', 's.case_id', 's.unit_id', 's.staff', 's.answered_at', 's.sent_at', 'c.ref as case_ref', 'k.ref as complaint_ref', 'o.name_zh', 'o.name_en', 'v.data', sql<string | null>`coalesce(c.customer_id, k.customer_id)`.as('customer_id')])
    .where('s.token_hash', '=', tokenHash(token))
    .where((eb) => eb.or([eb('s.case_id', 'is not', null), eb('s.complaint_id', 'is not', null)]))
    .executeTakeFirst();
  if (!row) throw new NotFoundError(SURVEY, '…');
  return { ...row, ref: (row.case_ref ?? row.complaint_ref)!, data: row.data ?? COMPLAINT_HANDLING };
}

/** What the customer is asked to rate (no personal data: the link may be forwarded). */
export async function surveyForCustomer(deps: Deps, token: string) {
  const s = await surveyByToken(deps, token);
  const service = s.data as { nameZh: string; nameEn: string };
  return { ref: s.ref, service: { nameZh: service.nameZh, nameEn: service.nameEn }, branch: { nameZh: s.name_zh, nameEn: s.name_en }, answered: s.answered_at !== null, sentAt: s.sent_at.toISOString() };
}

/**
 * Records the customer's answer, once. A CSAT of 2 or less starts the follow-up process for the
 * branch manager of the branch that served them, in the same transaction.
 */
export async function answerSurvey(deps: Deps, engine: Engine, token: string, answer: { csat: number; nps: number; comment?: string | undefined }) {
  const s = await surveyByToken(deps, token);
  const now = deps.clock();
  const ctx = systemContext();
  await engine.transaction(async (trx) => {
    const updated = await trx.updateTable('survey').set({ csat: answer.csat, nps: answer.nps, comment: answer.comment ?? null, answered_at: now }).where('id', '=', s.id).where('answered_at', 'is', null).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new DomainError('invalid_state', { en: 'This survey has already been answered. Thank you!', zh: '您已提交过本次评价，谢谢！' });
    await recordAudit(trx, ctx, { action: 'survey.answer', entityType: 'survey', entityId: s.id, unitId: s.unit_id, after: { csat: answer.csat, nps: answer.nps } }, now);
    if (answer.csat > FOLLOW_UP_AT_OR_BELOW) return;
    const definitionId = await engine.definitions.latestProcessId(trx, 'surveyFollowUp');
    if (!definitionId) throw new Error('the surveyFollowUp process is not deployed');
    const instanceId = deps.newId();
    await startInstance(trx, engine.env(ctx), { definitionId, instanceId, businessKey: s.ref, unitId: s.unit_id, variables: { caseRef: s.ref, caseId: s.case_id, customerId: s.customer_id, surveyId: s.id, csat: answer.csat, nps: answer.nps, comment: answer.comment ?? '', staff: s.staff } }, (r) => [
      auditInsert(ctx, { action: 'process.start', entityType: 'process_instance', entityId: r.id, unitId: s.unit_id, after: { processKey: r.processKey, businessKey: s.ref, survey: s.id } }, now),
    ]);
    await trx.updateTable('survey').set({ follow_up_instance_id: instanceId }).where('id', '=', s.id).execute();
  });
  return { thanks: true };
}

/** Answers of the actor's branches with the means staff KPIs use: CSAT, and NPS (promoters − detractors). */
export async function listSurveys(deps: Deps, ctx: RequestContext, f: { staff?: string | undefined; limit: number; offset: number }) {
  const prefix = scopePrefix(ctx.actor!, 'survey.read');
  // a counter rating has a ticket instead of a case
  let q = deps.db.selectFrom('survey as s').innerJoin('org_unit as o', 'o.id', 's.unit_id').leftJoin('service_case as c', 'c.id', 's.case_id').leftJoin('queue_ticket as t', 't.id', 's.ticket_id').leftJoin('complaint as k', 'k.id', 's.complaint_id').where('s.answered_at', 'is not', null);
  if (prefix) q = q.where('o.path', 'like', `${prefix}%`);
  if (f.staff) q = q.where('s.staff', '=', f.staff);
  const [rows, summary] = await Promise.all([
    q.select(['s.id', 'c.ref', 't.number as ticket_number', 'k.ref as complaint_ref', 's.csat', 's.nps', 's.comment', 's.staff', 's.answered_at', 'o.code as unit_code', 's.follow_up_instance_id']).orderBy('s.answered_at', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select([sql<number>`count(*)`.as('n'), sql<number>`avg(s.csat)`.as('csat'), sql<number>`count(s.nps)`.as('nps_answers'), sql<number>`count(*) filter (where s.nps >= 9)`.as('promoters'), sql<number>`count(*) filter (where s.nps <= 6)`.as('detractors')]).executeTakeFirstOrThrow(),
  ]);
  const n = Number(summary.n);
  return {
    summary: { answered: n, meanCsat: n ? Math.round(Number(summary.csat) * 100) / 100 : null, nps: Number(summary.nps_answers) ? Math.round((100 * (Number(summary.promoters) - Number(summary.detractors))) / Number(summary.nps_answers)) : null },
    items: rows.map((r) => ({ id: r.id, caseRef: r.ref, ticket: r.ticket_number, complaintRef: r.complaint_ref, csat: r.csat, nps: r.nps, comment: r.comment, staff: r.staff, unitCode: r.unit_code, answeredAt: r.answered_at!.toISOString(), followUpInstanceId: r.follow_up_instance_id })),
  };
}

/**
 * Invites a complainant to rate how their complaint was handled, once: a survey row for the
 * complaint (its unit, its handler) and a link with a one-use token sent by `send` — the
 * complaint module writes to the complainant's own contact.
 */
export async function inviteToComplaintSurvey(trx: Transaction<Database>, deps: Deps, c: { id: string; unit_id: string; handler: string | null }, send: (url: string) => Promise<unknown>): Promise<void> {
  const token = randomBytes(18).toString('base64url');
  const inserted = await trx
    .insertInto('survey')
    .values({ id: deps.newId(), case_id: null, complaint_id: c.id, token_hash: tokenHash(token), unit_id: c.unit_id, staff: c.handler, sent_at: deps.clock(), answered_at: null, csat: null, nps: null, comment: null, follow_up_instance_id: null })
    .onConflict((oc) => oc.column('complaint_id').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) await send(`${deps.config.publicUrl}/portal/survey/${token}`);
}
