import type { RequestContext } from '../../platform/access/actor.ts';
import { assertInScope, scopePrefix } from '../../platform/access/policy.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { Deps } from '../../platform/deps.ts';
import { DomainError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { once } from '../../platform/idempotency.ts';
import type { Engine } from '../../engine/engine.ts';
import { getService, type Service } from '../catalog/catalog.service.ts';
import { getCase, openCaseWithin, type OpenCaseInput } from '../cases/case.service.ts';

const INQUIRY = { en: 'inquiry', zh: '咨询' };

const UNIT_WORDS = {
  workingDays: ['working days', '个工作日'],
  workingHours: ['working hours', '个工作小时'],
  calendarDays: ['days', '天'],
  minutes: ['minutes', '分钟'],
} as const;

/** The catalogue's answer to "what do I need, what does it cost, how long does it take?". */
export function catalogueAnswer(service: Service, lang: string): string {
  const zh = lang.startsWith('zh');
  const materials = service.materials.map((m) => (zh ? `${m.nameZh}${m.required ? '' : '（可选）'}` : `${m.nameEn}${m.required ? '' : ' (optional)'}`));
  const fees = service.fees.length === 0 ? [zh ? '免费' : 'free of charge'] : service.fees.map((f) => (zh ? `${f.nameZh} ${f.amount} 元${f.conditionZh ? `（${f.conditionZh}）` : ''}` : `${f.nameEn} CNY ${f.amount}${f.conditionEn ? ` (${f.conditionEn})` : ''}`));
  const [en, cn] = UNIT_WORDS[service.timeLimit.unit];
  return zh
    ? `办理“${service.nameZh}”需要：${materials.join('、') || '无需材料'}。费用：${fees.join('；')}。办理时限：${service.timeLimit.amount}${cn}。`
    : `"${service.nameEn}" needs: ${materials.join(', ') || 'no materials'}. Fees: ${fees.join('; ')}. Time limit: ${service.timeLimit.amount} ${en}.`;
}

export type NewInquiry = { channel: 'counter' | 'phone' | 'online' | 'mobile'; customerId?: string | undefined; serviceCode?: string | undefined; topic: string; question: string; answer?: string | undefined };

/** Records an inquiry; when it is about a service and no answer is given, the catalogue answers. */
export async function recordInquiry(deps: Deps, ctx: RequestContext, input: NewInquiry) {
  const actor = ctx.actor!;
  assertInScope(actor, 'case.write', actor.unitPath);
  let answer = input.answer?.trim();
  if (input.serviceCode) {
    const service = await getService(deps, input.serviceCode, true).catch(() => {
      throw new ValidationError([{ field: '/serviceCode', message: { en: 'There is no such service on offer.', zh: '该服务不存在或已停办。' } }]);
    });
    answer ||= catalogueAnswer(service, ctx.lang);
  }
  if (!answer) throw new ValidationError([{ field: '/answer', message: { en: 'Give the answer, or the service the inquiry is about.', zh: '请填写答复内容，或选择所咨询的服务。' } }]);
  if (input.customerId && !(await deps.db.selectFrom('customer').select('id').where('id', '=', input.customerId).executeTakeFirst())) {
    throw new ValidationError([{ field: '/customerId', message: { en: 'There is no such customer.', zh: '客户不存在。' } }]);
  }
  const id = deps.newId();
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('inquiry').values({ id, channel: input.channel, customer_id: input.customerId ?? null, service_code: input.serviceCode ?? null, topic: input.topic, question: input.question, answer, unit_id: actor.unitId, case_id: null, created_by: actor.username, created_at: now }).execute();
    await recordAudit(trx, ctx, { action: 'inquiry.record', entityType: 'inquiry', entityId: id, unitId: actor.unitId, after: { channel: input.channel, topic: input.topic, serviceCode: input.serviceCode ?? null } }, now);
  });
  return getInquiry(deps, ctx, id);
}

export async function getInquiry(deps: Deps, ctx: RequestContext, id: string) {
  const row = await deps.db.selectFrom('inquiry as i').innerJoin('org_unit as o', 'o.id', 'i.unit_id').selectAll('i').select('o.path').where('i.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(INQUIRY, id);
  assertInScope(ctx.actor!, 'case.read', row.path);
  return view(row);
}

function view(r: { id: string; channel: string; customer_id: string | null; service_code: string | null; topic: string; question: string; answer: string; case_id: string | null; created_by: string | null; created_at: Date }) {
  return { id: r.id, channel: r.channel, customerId: r.customer_id, serviceCode: r.service_code, topic: r.topic, question: r.question, answer: r.answer, caseId: r.case_id, createdBy: r.created_by, createdAt: r.created_at.toISOString() };
}

export async function listInquiries(deps: Deps, ctx: RequestContext, f: { customerId?: string | undefined; limit: number; offset: number }) {
  const prefix = scopePrefix(ctx.actor!, 'case.read');
  let q = deps.db.selectFrom('inquiry as i').innerJoin('org_unit as o', 'o.id', 'i.unit_id');
  if (prefix) q = q.where('o.path', 'like', `${prefix}%`);
  if (f.customerId) q = q.where('i.customer_id', '=', f.customerId);
  const rows = await q.selectAll('i').orderBy('i.created_at', 'desc').limit(f.limit).offset(f.offset).execute();
  return { items: rows.map(view) };
}

/**
 * Turns an inquiry into a case in one step: the service it was about, for its customer. The case
 * and the inquiry's link to it commit together; with an `Idempotency-Key`, a retry after a lost
 * answer gets the case the first request opened.
 */
export async function inquiryToCase(deps: Deps, engine: Engine, ctx: RequestContext, id: string, input: Omit<OpenCaseInput, 'serviceCode' | 'customerId' | 'channel'> & { customerId?: string | undefined }, key?: string) {
  const opened = await once<{ id: string }>(deps, ctx, 'inquiry.case', key, { id, ...input }, async (remember) => {
    const inquiry = await getInquiry(deps, ctx, id);
    const taken = () => new DomainError('invalid_state', { en: 'This inquiry already became a case.', zh: '该咨询已转为业务办理。' });
    if (inquiry.caseId) throw taken();
    if (!inquiry.serviceCode) throw new DomainError('invalid_state', { en: 'The inquiry names no service to start.', zh: '该咨询未关联任何服务，无法转办。' });
    const customerId = input.customerId ?? inquiry.customerId;
    if (!customerId) throw new ValidationError([{ field: '/customerId', message: { en: 'Say whose case it is.', zh: '请选择客户。' } }]);
    const caseInput = { ...input, serviceCode: inquiry.serviceCode, customerId, channel: inquiry.channel as OpenCaseInput['channel'], source: { kind: 'inquiry' as const, ref: id, startedAt: inquiry.createdAt } };
    const caseId = await openCaseWithin(deps, engine, ctx, caseInput, async (trx, caseId) => {
      const linked = await trx.updateTable('inquiry').set({ case_id: caseId, customer_id: customerId }).where('id', '=', id).where('case_id', 'is', null).executeTakeFirst();
      if (Number(linked.numUpdatedRows) !== 1) throw taken();
      await remember(trx, { status: 201, body: { id: caseId } });
    });
    return { status: 201, body: { id: caseId } };
  });
  return { ...opened, body: await getCase(deps, engine, ctx, opened.body.id) };
}
