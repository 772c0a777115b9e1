import type { RequestContext } from '../platform/access/actor.ts';
import { assertInScope, isInScope } from '../platform/access/policy.ts';
import { auditInsert, recordAudit } from '../platform/audit/audit.service.ts';
import { chinaDate } from '../platform/calendar/china-time.ts';
import type { Deps } from '../platform/deps.ts';
import { ValidationError, type FieldError } from '../platform/errors.ts';
import { once, type Remember } from '../platform/idempotency.ts';
import { maskEmail, maskName, maskPhone } from '../platform/pii/index.ts';
import type { Engine } from '../engine/engine.ts';
import { toDomainError } from '../engine/engine.ts';
import { evaluateDecisionByKey } from '../engine/process.service.ts';
import { startInstance } from '../engine/runtime/instances.ts';
import { loadCustomer } from '../services/customers/customer.service.ts';
import { atRiskAt, dueAt } from './complaint-clock.ts';
import { loadRules } from './complaint-setup.service.ts';
import { loadComplaint, nextComplaintRef, notifyComplainant, recordEvent, type Db } from './complaint.repository.ts';
import type { IntakeInput } from './complaint.schemas.ts';
import type { ComplaintChannel, ComplaintPriority, Suggestion, SubjectType } from './complaint.table.ts';
import { complaintView } from './complaint-read.service.ts';

type SuggestInput = { channel: ComplaintChannel; subjectType: SubjectType; description: string; request: string };

/**
 * What the decision tables suggest for a complaint: business category, cause, priority and the
 * level that handles it. The handler confirms or corrects it when accepting the complaint.
 */
export async function suggest(engine: Engine, input: SuggestInput): Promise<Omit<Suggestion, 'unitId'>> {
  const variables = { channel: input.channel, subjectType: input.subjectType, description: input.description, request: input.request };
  const [category, cause, priority] = await Promise.all(['complaintCategory', 'complaintCause', 'complaintPriority'].map((key) => evaluateDecisionByKey(engine, key, variables)));
  const p = (priority!.value ?? {}) as { priority?: ComplaintPriority; handlingLevel?: Suggestion['handlingLevel'] };
  return { category: (category!.value as string | null) ?? null, cause: (cause!.value as string | null) ?? null, priority: p.priority ?? 'normal', handlingLevel: p.handlingLevel ?? 'branch' };
}

/** The subject resolved: what it points at, whose unit it belongs to, and who is involved in it (回避). */
type Subject = { ref: string | null; caseId: string | null; ticketId: string | null; staff: string | null; unitId: string | null; involved: string[] };

async function resolveSubject(db: Db, subject: IntakeInput['subject']): Promise<Subject> {
  const none: Subject = { ref: subject.ref ?? null, caseId: null, ticketId: null, staff: null, unitId: null, involved: [] };
  const missing = (what: { en: string; zh: string }) => new ValidationError([{ field: '/subject/ref', message: { en: `There is no ${what.en} "${subject.ref}".`, zh: `${what.zh}“${subject.ref}”不存在。` } }]);
  if (subject.type === 'none' || subject.type === 'product') return none;
  if (!subject.ref) throw new ValidationError([{ field: '/subject/ref', message: { en: 'Say which one the complaint is about.', zh: '请填写投诉对象。' } }]);
  switch (subject.type) {
    case 'case': {
      const c = await db.selectFrom('service_case').select(['id', 'ref', 'unit_id', 'created_by', 'instance_id']).where('ref', '=', subject.ref.toUpperCase()).executeTakeFirst();
      if (!c) throw missing({ en: 'case', zh: '业务' });
      // who handled it: who opened it and whoever completed one of its steps
      const workers = c.instance_id ? await db.selectFrom('task').select('completed_by').distinct().where('instance_id', '=', c.instance_id).where('completed_by', 'is not', null).execute() : [];
      return { ...none, ref: c.ref, caseId: c.id, unitId: c.unit_id, involved: [c.created_by, ...workers.map((w) => w.completed_by)].filter((u): u is string => !!u) };
    }
    case 'ticket': {
      const t = await db.selectFrom('queue_ticket').select(['id', 'number', 'unit_id', 'served_by']).where('id', '=', subject.ref).executeTakeFirst();
      if (!t) throw missing({ en: 'queue ticket', zh: '排队号' });
      return { ...none, ref: t.number, ticketId: t.id, unitId: t.unit_id, involved: t.served_by ? [t.served_by] : [] };
    }
    case 'staff': {
      const u = await db.selectFrom('app_user').select(['username', 'unit_id']).where('username', '=', subject.ref).executeTakeFirst();
      if (!u) throw missing({ en: 'staff member', zh: '员工' });
      return { ...none, staff: u.username, unitId: u.unit_id, involved: [u.username] };
    }
    case 'branch': {
      const o = await db.selectFrom('org_unit').select(['id', 'code']).where('code', '=', subject.ref.toUpperCase()).executeTakeFirst();
      if (!o) throw missing({ en: 'branch', zh: '网点' });
      return { ...none, ref: o.code, unitId: o.id };
    }
  }
  return none;
}

/** The unit at the suggested level above `unitId`: itself, its region, or head office. */
export async function unitAtLevel(db: Db, unitId: string, level: Suggestion['handlingLevel']): Promise<string> {
  if (level === 'branch') return unitId;
  const unit = await db.selectFrom('org_unit').select('path').where('id', '=', unitId).executeTakeFirstOrThrow();
  const ids = unit.path.split('/').filter(Boolean);
  const above = await db.selectFrom('org_unit').select(['id', 'kind']).where('id', 'in', ids).execute();
  const wanted = level === 'region' ? 'region' : 'head_office';
  // the nearest unit of that kind on the way up; the unit itself when there is none
  for (const id of ids.reverse()) if (above.find((u) => u.id === id)?.kind === wanted) return id;
  return unitId;
}

/**
 * Registers a complaint from any channel: the complainant (a customer on file, whose details are
 * used, or someone not on file), representatives of a joint complaint, the subject and who is
 * involved in it (never to handle it), the clock from receipt, the suggested classification,
 * the handling process started at the suggested unit, and the acknowledgement — one transaction.
 * With an `Idempotency-Key`, a retry after a lost answer finds the complaint the first request
 * registered, as it stands now.
 */
export async function registerComplaint(deps: Deps, engine: Engine, ctx: RequestContext, input: IntakeInput, key?: string) {
  const registered = await once<{ id: string }>(deps, ctx, 'complaint.register', key, input, async (remember) => ({ status: 201, body: { id: await register(deps, engine, ctx, input, remember) } }));
  const view = await complaintView(deps, engine, ctx, await loadComplaint(deps.db, registered.body.id), { intakeOnly: !ctx.actor!.permissions.has('complaint.read') });
  return { ...registered, body: view };
}

async function register(deps: Deps, engine: Engine, ctx: RequestContext, input: IntakeInput, remember: Remember): Promise<string> {
  const actor = ctx.actor!;
  const now = deps.clock();
  const intake = await deps.db.selectFrom('org_unit').select(['id', 'path']).where('id', '=', actor.unitId).executeTakeFirstOrThrow();
  assertInScope(actor, 'complaint.intake', intake.path);
  const fromSurvey = input.originSurveyId ? await surveyOrigin(deps, ctx, input.originSurveyId) : null;
  const customerId = input.customerId ?? fromSurvey?.customerId;
  const subjectInput = input.subject.type === 'none' && fromSurvey ? { type: 'case' as const, ref: fromSurvey.caseRef } : input.subject;
  const errors: FieldError[] = [];
  if (input.channel === 'regulator' && !input.regulatorRef) errors.push({ field: '/regulatorRef', message: { en: 'A regulator referral needs its referral number.', zh: '监管转办投诉须填写转办编号。' } });
  if (!customerId && !input.complainant) errors.push({ field: '/complainant', message: { en: 'Say who complains: a customer on file, or their name and contact.', zh: '请选择投诉客户，或填写投诉人姓名及联系方式。' } });
  if (!customerId && input.complainant && !input.complainant.phone && !input.complainant.email) errors.push({ field: '/complainant/phone', message: { en: 'A phone number or an e-mail address is needed to tell the complainant the decision in writing.', zh: '须留电话或电子邮箱，以便书面告知处理决定。' } });
  const rules = await loadRules(deps.db);
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt > now) errors.push({ field: '/receivedAt', message: { en: 'The complaint cannot be received in the future.', zh: '收到投诉的时间不能晚于当前时间。' } });
  if (now.getTime() - receivedAt.getTime() > rules.maxDays * 86_400_000) errors.push({ field: '/receivedAt', message: { en: `A complaint received more than ${rules.maxDays} days ago cannot be registered now.`, zh: `不能补登 ${rules.maxDays} 天以前收到的投诉。` } });
  if (errors.length) throw new ValidationError(errors);
  const customer = customerId
    ? await loadCustomer(deps.db, customerId).catch(() => {
        throw new ValidationError([{ field: '/customerId', message: { en: 'There is no such customer.', zh: '客户不存在。' } }]);
      })
    : null;
  // the decision is told in writing: a customer on file without a phone or e-mail gives one now
  if (customer && !customer.phone_sealed && !customer.email_sealed && !input.complainant?.phone && !input.complainant?.email) {
    throw new ValidationError([{ field: '/complainant/phone', message: { en: 'The customer has no phone or e-mail on file: give one to tell them the decision in writing.', zh: '该客户未登记电话或电子邮箱，请填写一项，以便书面告知处理决定。' } }]);
  }
  const subject = await resolveSubject(deps.db, subjectInput);
  const suggestion = await suggest(engine, { channel: input.channel, subjectType: subjectInput.type, description: input.description, request: input.request });
  const unitId = await unitAtLevel(deps.db, subject.unitId ?? intake.id, suggestion.handlingLevel);
  const calendar = await engine.businessCalendar();
  const due = dueAt(calendar, receivedAt, rules.baseDays, rules.dayCount);
  const definitionId = await engine.definitions.latestProcessId(deps.db, 'complaintHandling');
  if (!definitionId) throw new Error('the complaintHandling process is not deployed');
  const recused = [...new Set(subject.involved)];
  const id = deps.newId();
  const instanceId = deps.newId();
  const ref = await nextComplaintRef(deps.db, now);
  const given = { phoneSealed: input.complainant?.phone ? deps.vault.seal(input.complainant.phone) : null, phoneMasked: input.complainant?.phone ? maskPhone(input.complainant.phone) : null, emailSealed: input.complainant?.email ? deps.vault.seal(input.complainant.email) : null, emailMasked: input.complainant?.email ? maskEmail(input.complainant.email) : null };
  // a customer on file: their own name and contact, or the contact given for this complaint when there is none
  const complainant = customer
    ? customer.phone_sealed || customer.email_sealed
      ? { name: customer.name, phoneSealed: customer.phone_sealed, phoneMasked: customer.phone_masked, emailSealed: customer.email_sealed, emailMasked: customer.email_masked }
      : { name: customer.name, ...given }
    : { name: input.complainant!.name, ...given };
  try {
    await engine.transaction(async (trx) => {
      await trx
        .insertInto('complaint')
        .values({
          id, ref, channel: input.channel, regulator_ref: input.regulatorRef ?? null, received_at: receivedAt, unit_id: unitId, intake_unit_id: intake.id, customer_id: customer?.id ?? null,
          complainant_name: complainant.name, complainant_phone_sealed: complainant.phoneSealed, complainant_phone_masked: complainant.phoneMasked, complainant_email_sealed: complainant.emailSealed, complainant_email_masked: complainant.emailMasked,
          subject_type: subjectInput.type, subject_ref: subject.ref, subject_case_id: subject.caseId, subject_ticket_id: subject.ticketId, subject_staff: subject.staff, subject_unit_id: subject.unitId,
          description: input.description, request: input.request, category_code: null, cause_code: null, priority: suggestion.priority, suggestion: JSON.stringify({ ...suggestion, unitId }), classification_corrected: null,
          recused: JSON.stringify(recused), handler: null, status: 'received', decline_reason: null, decision: null, decided_at: null, response: null,
          day_count: rules.dayCount, limit_days: rules.baseDays, due_at: due, at_risk_at: atRiskAt(calendar, rules.atRiskShare, rules.dayCount, receivedAt, due), escalation: null, instance_id: instanceId, origin_survey_id: fromSurvey?.surveyId ?? null, created_by: actor.username, created_at: now, closed_at: null,
        })
        .execute();
      if (input.representatives?.length) {
        await trx.insertInto('complaint_party').values(input.representatives.map((r, position) => ({ complaint_id: id, position, name: r.name, phone_sealed: r.phone ? deps.vault.seal(r.phone) : null, phone_masked: r.phone ? maskPhone(r.phone) : null }))).execute();
      }
      await recordEvent(trx, deps, id, 'received', { channel: input.channel, regulatorRef: input.regulatorRef ?? null, suggestion, representatives: input.representatives?.length ?? 0, fromSurvey: fromSurvey?.surveyId ?? null }, actor.username);
      await recordAudit(trx, ctx, { action: 'complaint.register', entityType: 'complaint', entityId: id, unitId, after: { ref, channel: input.channel, customerId: customer?.id ?? null, subject: { type: subjectInput.type, ref: subject.ref }, receivedAt: receivedAt.toISOString(), dueAt: due.toISOString() } }, now);
      const unitKind = (await trx.selectFrom('org_unit').select('kind').where('id', '=', unitId).executeTakeFirstOrThrow()).kind;
      const variables = { complaintId: id, complaintRef: ref, recused, channel: input.channel, subjectType: subjectInput.type, priority: suggestion.priority, unitKind };
      await startInstance(trx, engine.env(ctx), { definitionId, instanceId, businessKey: ref, variables, unitId }, (r) => [
        auditInsert(ctx, { action: 'process.start', entityType: 'process_instance', entityId: r.id, unitId, after: { processKey: r.processKey, businessKey: ref, definitionId } }, now),
      ]);
      await notifyComplainant(trx, deps, { id, complainant_phone_sealed: complainant.phoneSealed, complainant_email_sealed: complainant.emailSealed }, 'complaint_received', { ref, due: chinaDate(due) }, `${id}:received`);
      await remember(trx, { status: 201, body: { id } });
    });
  } catch (error) {
    throw toDomainError(error);
  }
  return id;
}

/** A dissatisfied survey answer turned into a complaint: its customer and case. */
async function surveyOrigin(deps: Deps, ctx: RequestContext, surveyId: string) {
  const s = await deps.db
    .selectFrom('survey as s')
    .innerJoin('org_unit as o', 'o.id', 's.unit_id')
    .leftJoin('service_case as c', 'c.id', 's.case_id')
    .select(['s.id', 's.answered_at', 'c.ref', 'c.customer_id', 'o.path'])
    .where('s.id', '=', surveyId)
    .executeTakeFirst();
  if (!s || !s.answered_at || !isInScope(ctx.actor!, 'complaint.intake', s.path)) throw new ValidationError([{ field: '/originSurveyId', message: { en: 'There is no answered survey of your branches with this id.', zh: '本机构没有该已回复的满意度评价。' } }]);
  if (await deps.db.selectFrom('complaint').select('ref').where('origin_survey_id', '=', surveyId).executeTakeFirst()) throw new ValidationError([{ field: '/originSurveyId', message: { en: 'This survey answer has already become a complaint.', zh: '该评价已转为投诉。' } }]);
  return { surveyId: s.id, customerId: s.customer_id ?? undefined, caseRef: s.ref ?? undefined };
}

/**
 * What the bank already holds, so the complainant is not asked for it again (办法 art. 16): the
 * customer's identity and contact (masked), their recent cases with the materials received, and
 * earlier complaints. By customer, by case reference, or both.
 */
export async function onFile(deps: Deps, ctx: RequestContext, q: { customerId?: string | undefined; caseRef?: string | undefined }) {
  const actor = ctx.actor!;
  let customerId = q.customerId ?? null;
  const caseRow = q.caseRef ? await deps.db.selectFrom('service_case').select(['id', 'customer_id']).where('ref', '=', q.caseRef.toUpperCase()).executeTakeFirst() : null;
  if (q.caseRef && !caseRow) throw new ValidationError([{ field: '/caseRef', message: { en: `There is no case "${q.caseRef}".`, zh: `业务“${q.caseRef}”不存在。` } }]);
  customerId ??= caseRow?.customer_id ?? null;
  if (!customerId) return { customer: null, cases: [], complaints: [] };
  const c = await loadCustomer(deps.db, customerId).catch(() => {
    throw new ValidationError([{ field: '/customerId', message: { en: 'There is no such customer.', zh: '客户不存在。' } }]);
  });
  const [found, complaints] = await Promise.all([
    deps.db
      .selectFrom('service_case as c')
      .innerJoin('org_unit as o', 'o.id', 'c.unit_id')
      .innerJoin('service_version as v', (j) => j.onRef('v.code', '=', 'c.service_code').onRef('v.version', '=', 'c.service_version'))
      .select(['c.id', 'c.ref', 'c.status', 'c.created_at', 'o.code as unit_code', 'o.path', 'v.data'])
      .where('c.customer_id', '=', customerId)
      .where((eb) => (caseRow ? eb.or([eb('c.id', '=', caseRow.id), eb('c.created_at', '>', new Date(deps.clock().getTime() - 365 * 86_400_000))]) : eb('c.created_at', '>', new Date(deps.clock().getTime() - 365 * 86_400_000))))
      .orderBy('c.created_at', 'desc')
      .limit(20)
      .execute(),
    deps.db.selectFrom('complaint as k').innerJoin('org_unit as o', 'o.id', 'k.unit_id').select(['k.id', 'k.ref', 'k.status', 'k.received_at', 'o.path']).where('k.customer_id', '=', customerId).orderBy('k.received_at', 'desc').limit(20).execute(),
  ]);
  // what lies within the actor's reach, as the customer 360 view shows it
  const cases = found.filter((x) => isInScope(actor, 'case.read', x.path) || isInScope(actor, 'complaint.intake', x.path));
  const materials = cases.length ? await deps.db.selectFrom('case_material').select(['case_id', 'name_zh', 'name_en', 'received']).where('case_id', 'in', cases.map((x) => x.id)).orderBy('position').execute() : [];
  return {
    customer: { id: c.id, kind: c.kind, name: maskName(c.name), idType: c.id_type, idNumberMasked: c.id_number_masked, phoneMasked: c.phone_masked, emailMasked: c.email_masked, segment: c.segment },
    cases: cases.map((x) => {
      const service = x.data as { nameZh: string; nameEn: string };
      return { id: x.id, ref: x.ref, serviceNameZh: service.nameZh, serviceNameEn: service.nameEn, status: x.status, createdAt: x.created_at.toISOString(), unitCode: x.unit_code, materials: materials.filter((m) => m.case_id === x.id).map((m) => ({ nameZh: m.name_zh, nameEn: m.name_en, received: m.received })) };
    }),
    complaints: complaints.filter((x) => isInScope(actor, 'complaint.read', x.path)).map((x) => ({ id: x.id, ref: x.ref, status: x.status, receivedAt: x.received_at.toISOString() })),
  };
}
