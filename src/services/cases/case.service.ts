import { sql, type Transaction } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { assertInScope, assertPermission, scopePrefix } from '../../platform/access/policy.ts';
import { auditInsert, recordAudit } from '../../platform/audit/audit.service.ts';
import { chinaDayStart } from '../../platform/calendar/china-time.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { DomainError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { once } from '../../platform/idempotency.ts';
import { maskName } from '../../platform/pii/index.ts';
import type { Engine } from '../../engine/engine.ts';
import { toDomainError } from '../../engine/engine.ts';
import { startInstance } from '../../engine/runtime/instances.ts';
import { getService, type Service } from '../catalog/catalog.service.ts';
import { loadCustomer } from '../customers/customer.service.ts';
import { localName, nextCaseRef } from './case-ref.ts';
import { atRiskDate, dueDate, slaOf, type SlaState } from './sla.ts';

export const CASE = { en: 'case', zh: '业务' };

type Trx = Transaction<Database>;

export type OpenCaseInput = {
  serviceCode: string;
  customerId: string;
  channel: 'counter' | 'phone' | 'online' | 'mobile';
  /** Where the case came from; its clock starts there (a queue ticket, an appointment). */
  source?: { kind: 'walk_in' | 'inquiry' | 'appointment' | 'ticket' | 'self_service'; ref?: string | undefined; startedAt?: string | undefined } | undefined;
  amount?: string | undefined;
  /** Positions of the catalogue's materials already received and checked at opening. */
  materialsReceived?: number[] | undefined;
  /** Further process variables (form fields of the service). */
  variables?: Record<string, unknown> | undefined;
};

export type CaseView = Awaited<ReturnType<typeof caseView>>;

/**
 * Opens a case: a reference, the service as the catalogue defines it now (its version recorded),
 * the customer, the branch, the materials checklist, the SLA clock, and the service's process
 * started with the case reference as business key — all in one transaction. With an
 * `Idempotency-Key`, a retry after a lost answer finds the case the first request opened
 * (answered as it stands now) instead of opening a second one.
 */
export async function openCase(deps: Deps, engine: Engine, ctx: RequestContext, input: OpenCaseInput, key?: string) {
  const opened = await once<{ id: string }>(deps, ctx, 'case.open', key, input, async (remember) => {
    const id = await openCaseWithin(deps, engine, ctx, input, (trx, id) => remember(trx, { status: 201, body: { id } }));
    return { status: 201, body: { id } };
  });
  return { ...opened, body: await getCase(deps, engine, ctx, opened.body.id) };
}

/**
 * Opens a case and returns its id; `within` runs last in the case's transaction, for what must
 * commit with it or not at all (the idempotency key, the ticket it is opened from).
 */
export async function openCaseWithin(deps: Deps, engine: Engine, ctx: RequestContext, input: OpenCaseInput, within: (trx: Transaction<Database>, id: string) => Promise<void>): Promise<string> {
  const actor = ctx.actor!;
  const now = deps.clock();
  const service = await getService(deps, input.serviceCode, true).catch(() => {
    throw new ValidationError([{ field: '/serviceCode', message: { en: `There is no service "${input.serviceCode}" on offer.`, zh: `服务“${input.serviceCode}”不存在或已停办。` } }]);
  });
  const customer = await loadCustomer(deps.db, input.customerId).catch(() => {
    throw new ValidationError([{ field: '/customerId', message: { en: 'There is no such customer.', zh: '客户不存在。' } }]);
  });
  const unit = await deps.db.selectFrom('org_unit').select(['id', 'code', 'path']).where('id', '=', actor.unitId).executeTakeFirstOrThrow();
  assertInScope(actor, 'case.write', unit.path);
  checkOffered(service, input, customer.kind, unit.path, await ancestorCodes(deps, unit.path));
  const received = new Set(input.materialsReceived ?? []);
  for (const p of received) {
    if (p < 0 || p >= service.materials.length) throw new ValidationError([{ field: '/materialsReceived', message: { en: `The service has no material number ${p}.`, zh: `该服务没有第 ${p} 项材料。` } }]);
  }
  const started = input.source?.startedAt ? new Date(input.source.startedAt) : now;
  if (started > now) throw new ValidationError([{ field: '/source/startedAt', message: { en: 'The clock cannot start in the future.', zh: '计时起点不能晚于当前时间。' } }]);
  const calendar = await engine.businessCalendar();
  const due = dueDate(calendar, started, service.timeLimit);
  const atRisk = due ? atRiskDate(calendar, service.timeLimit.unit, started, due) : null;
  const definitionId = service.processKey ? await engine.definitions.latestProcessId(deps.db, service.processKey) : null;
  if (service.processKey && !definitionId) throw new DomainError('invalid_state', { en: `The process "${service.processKey}" of this service is not deployed.`, zh: `该服务的流程“${service.processKey}”尚未部署。` });
  const id = deps.newId();
  // the day's counter in a statement of its own: a long transaction holding its row would queue every other opening behind it (a failed opening leaves a gap)
  const ref = await nextCaseRef(deps.db, now);
  try {
    await engine.transaction(async (trx) => {
      const instanceId = definitionId ? deps.newId() : null;
      await trx
        .insertInto('service_case')
        .values({ id, ref, service_code: service.code, service_version: service.version, customer_id: customer.id, unit_id: unit.id, channel: input.channel, source: input.source?.kind ?? 'walk_in', source_ref: input.source?.ref ?? null, instance_id: instanceId, status: 'open', outcome_note: null, amount: input.amount ?? null, clock_started_at: started, due_at: due, at_risk_at: atRisk, escalation: null, created_by: actor.username, created_at: now, closed_at: null })
        .execute();
      if (service.materials.length > 0) {
        await trx
          .insertInto('case_material')
          .values(service.materials.map((m, position) => ({ case_id: id, position, name_zh: m.nameZh, name_en: m.nameEn, required: m.required, received: received.has(position), checked_by: received.has(position) ? actor.username : null, checked_at: received.has(position) ? now : null, note: null })))
          .execute();
      }
      await recordAudit(trx, ctx, { action: 'case.open', entityType: 'service_case', entityId: id, unitId: unit.id, after: { ref, service: service.code, version: service.version, customerId: customer.id, channel: input.channel, source: input.source ?? null, amount: input.amount ?? null } }, now);
      if (definitionId && instanceId) {
        const variables = { ...input.variables, caseId: id, caseRef: ref, serviceCode: service.code, customerId: customer.id, customerSegment: customer.segment, channel: input.channel, ...(input.amount !== undefined && { amount: Number(input.amount) }) };
        await startInstance(trx, engine.env(ctx), { definitionId, instanceId, businessKey: ref, variables, unitId: unit.id }, (r) => [
          auditInsert(ctx, { action: 'process.start', entityType: 'process_instance', entityId: r.id, unitId: unit.id, after: { processKey: r.processKey, businessKey: ref, definitionId } }, now),
        ]);
      }
      await within(trx, id);
    });
  } catch (error) {
    throw toDomainError(error);
  }
  return id;
}

function checkOffered(service: Service, input: OpenCaseInput, kind: string, _unitPath: string, unitCodes: string[]): void {
  if (!service.channels.includes(input.channel)) {
    throw new ValidationError([{ field: '/channel', message: { en: `"${service.nameEn}" cannot be started through the ${input.channel} channel.`, zh: `“${service.nameZh}”不能通过该渠道办理。` } }]);
  }
  if (service.customerType !== 'both' && service.customerType !== kind) {
    throw new ValidationError([{ field: '/customerId', message: { en: `"${service.nameEn}" is for ${service.customerType} customers.`, zh: `“${service.nameZh}”仅面向${service.customerType === 'corporate' ? '企业' : '个人'}客户。` } }]);
  }
  if (service.branches.length > 0 && !unitCodes.some((c) => service.branches.includes(c))) {
    throw new ValidationError([{ field: '/serviceCode', message: { en: `"${service.nameEn}" is not offered at your branch.`, zh: `您所在网点不办理“${service.nameZh}”。` } }]);
  }
  if (input.amount !== undefined && !/^(0|[1-9]\d{0,15})(\.\d{1,2})?$/.test(input.amount)) {
    throw new ValidationError([{ field: '/amount', message: { en: 'The amount must be exact decimal text with at most 2 decimals.', zh: '金额应为最多两位小数的数字。' } }]);
  }
}

/** Codes of a unit and every unit above it: a service offered at a branch is offered at its sub-branches. */
async function ancestorCodes(deps: Deps, path: string): Promise<string[]> {
  const ids = path.split('/').filter(Boolean);
  const rows = await deps.db.selectFrom('org_unit').select('code').where('id', 'in', ids).execute();
  return rows.map((r) => r.code);
}

async function loadCaseRow(db: Deps['db'] | Trx, id: string) {
  const row = await db
    .selectFrom('service_case as c')
    .innerJoin('org_unit as o', 'o.id', 'c.unit_id')
    .innerJoin('customer as u', 'u.id', 'c.customer_id')
    .selectAll('c')
    .select(['o.code as unit_code', 'o.path as unit_path', 'o.name_zh as unit_name_zh', 'o.name_en as unit_name_en', 'u.name as customer_name', 'u.segment as customer_segment'])
    .where((eb) => eb.or([eb('c.id', '=', id), eb('c.ref', '=', id)]))
    .executeTakeFirst();
  if (!row) throw new NotFoundError(CASE, id);
  return row;
}
export type CaseRow = Awaited<ReturnType<typeof loadCaseRow>>;

/** The case row by id or reference, refused outside the actor's branches. */
export async function caseInReach(deps: Deps, ctx: RequestContext, id: string, permission: 'case.read' | 'case.write' = 'case.read'): Promise<CaseRow> {
  const row = await loadCaseRow(deps.db, id);
  assertInScope(ctx.actor!, permission, row.unit_path);
  return row;
}

export async function getCase(deps: Deps, engine: Engine, ctx: RequestContext, id: string) {
  return caseView(deps, engine, await caseInReach(deps, ctx, id), ctx.lang);
}

/** A case with its service, SLA state, materials and open steps, as staff see it. */
export async function caseView(deps: Deps, engine: Engine, row: CaseRow, lang: string) {
  return (await caseViews(deps, engine, [row], lang))[0]!;
}

/** Views of many cases with one query each for their service versions, materials and open steps. */
export async function caseViews(deps: Deps, engine: Engine, rows: CaseRow[], lang: string) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const instances = rows.map((r) => r.instance_id).filter((i): i is string => i !== null);
  const [services, materials, steps, calendar] = await Promise.all([
    deps.db
      .selectFrom('service_version')
      .select(['code', 'version', 'data'])
      .where((eb) => eb.or(rows.map((r) => eb.and([eb('code', '=', r.service_code), eb('version', '=', r.service_version)]))))
      .execute(),
    deps.db.selectFrom('case_material').selectAll().where('case_id', 'in', ids).orderBy('position').execute(),
    instances.length > 0 ? deps.db.selectFrom('task').select(['id', 'instance_id', 'name', 'element_id', 'assignee', 'candidate_groups', 'due_at', 'pool']).where('instance_id', 'in', instances).where('status', '=', 'open').orderBy('created_at').execute() : Promise.resolve([]),
    engine.businessCalendar(),
  ]);
  const now = deps.clock();
  return rows.map((row) => {
    const definition = services.find((v) => v.code === row.service_code && v.version === row.service_version)!.data as Service;
    const sla = row.status === 'open' ? slaOf(calendar, definition.timeLimit.unit, row.clock_started_at, row.due_at, now) : { state: (row.due_at && row.closed_at && row.closed_at > row.due_at ? 'breached' : 'none') as SlaState, usedPercent: null };
    return {
      id: row.id,
      ref: row.ref,
      service: { code: row.service_code, version: row.service_version, nameZh: definition.nameZh, nameEn: definition.nameEn, timeLimit: definition.timeLimit },
      customer: { id: row.customer_id, name: maskName(row.customer_name), segment: row.customer_segment },
      unit: { id: row.unit_id, code: row.unit_code, nameZh: row.unit_name_zh, nameEn: row.unit_name_en },
      channel: row.channel,
      source: { kind: row.source, ref: row.source_ref },
      instanceId: row.instance_id,
      status: row.status,
      outcomeNote: row.outcome_note,
      amount: row.amount === null ? null : Number(row.amount).toFixed(2),
      clockStartedAt: row.clock_started_at.toISOString(),
      dueAt: row.due_at?.toISOString() ?? null,
      sla,
      reworkCount: row.rework_count,
      createdBy: row.created_by,
      createdAt: row.created_at.toISOString(),
      closedAt: row.closed_at?.toISOString() ?? null,
      version: row.version,
      materials: materials.filter((m) => m.case_id === row.id).map((m) => ({ position: m.position, nameZh: m.name_zh, nameEn: m.name_en, required: m.required, received: m.received, checkedBy: m.checked_by, checkedAt: m.checked_at?.toISOString() ?? null, note: m.note })),
      currentSteps: steps.filter((t) => t.instance_id === row.instance_id).map((t) => ({ taskId: t.id, elementId: t.element_id, name: localName(t.name, lang), assignee: t.assignee, candidateGroups: t.candidate_groups, dueAt: t.due_at?.toISOString() ?? null, pool: t.pool })),
    };
  });
}

export type CaseFilter = { status?: string | undefined; sla?: SlaState | undefined; customerId?: string | undefined; serviceCode?: string | undefined; ref?: string | undefined; limit: number; offset: number };

/** Cases of the actor's branches, newest first; the SLA filter works on the stored due date. */
export async function listCases(deps: Deps, engine: Engine, ctx: RequestContext, f: CaseFilter) {
  const prefix = scopePrefix(ctx.actor!, 'case.read');
  const now = deps.clock();
  let q = deps.db.selectFrom('service_case as c').innerJoin('org_unit as o', 'o.id', 'c.unit_id').innerJoin('customer as u', 'u.id', 'c.customer_id');
  if (prefix) q = q.where('o.path', 'like', `${prefix}%`);
  if (f.status) q = q.where('c.status', '=', f.status as never);
  if (f.customerId) q = q.where('c.customer_id', '=', f.customerId);
  if (f.serviceCode) q = q.where('c.service_code', '=', f.serviceCode);
  if (f.ref) q = q.where('c.ref', 'like', `${f.ref.replace(/[\\%_]/g, '')}%`);
  if (f.sla === 'breached') q = q.where('c.status', '=', 'open').where('c.due_at', '<=', now);
  if (f.sla === 'at_risk') q = q.where('c.status', '=', 'open').where('c.at_risk_at', '<=', now).where('c.due_at', '>', now);
  if (f.sla === 'on_track') q = q.where('c.status', '=', 'open').where((eb) => eb.or([eb('c.at_risk_at', 'is', null), eb('c.at_risk_at', '>', now)]));
  const [rows, count] = await Promise.all([
    q.selectAll('c').select(['o.code as unit_code', 'o.path as unit_path', 'o.name_zh as unit_name_zh', 'o.name_en as unit_name_en', 'u.name as customer_name', 'u.segment as customer_segment']).orderBy('c.created_at', 'desc').orderBy('c.id').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(count.n), items: await caseViews(deps, engine, rows, ctx.lang) };
}

/** Marks materials received (or not), with who checked them. */
export async function checkMaterials(deps: Deps, ctx: RequestContext, id: string, items: { position: number; received: boolean; note?: string | undefined }[]) {
  const now = deps.clock();
  const row = await caseInReach(deps, ctx, id, 'case.write');
  if (row.status !== 'open') throw new DomainError('invalid_state', { en: 'The case is closed.', zh: '该业务已办结。' });
  await deps.db.transaction().execute(async (trx) => {
    for (const [i, item] of items.entries()) {
      const updated = await trx
        .updateTable('case_material')
        .set({ received: item.received, checked_by: ctx.actor!.username, checked_at: now, note: item.note ?? null })
        .where('case_id', '=', row.id)
        .where('position', '=', item.position)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new ValidationError([{ field: `/items/${i}/position`, message: { en: `The case has no material number ${item.position}.`, zh: `该业务没有第 ${item.position} 项材料。` } }]);
    }
    await recordAudit(trx, ctx, { action: 'case.materials', entityType: 'service_case', entityId: row.id, unitId: row.unit_id, after: { items } }, now);
  });
}

/** Mandatory materials of a case still missing: what the materials gate refuses on. */
export async function missingMaterials(db: Deps['db'] | Trx, caseRef: string) {
  return db
    .selectFrom('case_material as m')
    .innerJoin('service_case as c', 'c.id', 'm.case_id')
    .select(['m.position', 'm.name_zh', 'm.name_en'])
    .where('c.ref', '=', caseRef)
    .where('m.required', '=', true)
    .where('m.received', '=', false)
    .orderBy('m.position')
    .execute();
}

/**
 * The case's story for staff: every step of its process (who, when, how long it waited since the
 * step before, how long it took), and the checks of its materials.
 */
export async function caseTimeline(deps: Deps, ctx: RequestContext, id: string) {
  const row = await caseInReach(deps, ctx, id);
  const events = row.instance_id
    ? await deps.db.selectFrom('event_log').select(['activity_instance_id', 'element_id', 'element_type', 'name', 'lifecycle', 'at', 'resource']).where('instance_id', '=', row.instance_id).orderBy('at').orderBy('id').execute()
    : [];
  const steps = new Map<string, { elementId: string; type: string; name: string | null; startedAt: Date; endedAt: Date | null; by: string | null }>();
  for (const e of events) {
    if (e.element_type.endsWith('Gateway') || e.element_type === 'sequenceFlow') continue;
    const step = steps.get(e.activity_instance_id);
    if (!step) steps.set(e.activity_instance_id, { elementId: e.element_id, type: e.element_type, name: localName(e.name, ctx.lang), startedAt: e.at, endedAt: e.lifecycle === 'complete' ? e.at : null, by: e.lifecycle === 'complete' ? e.resource : null });
    else if (e.lifecycle === 'complete' || e.lifecycle === 'cancel') Object.assign(step, { endedAt: e.at, by: e.resource ?? step.by });
  }
  let lastEnd = row.clock_started_at.getTime();
  const timeline = [...steps.values()].map((s) => {
    const waitedMs = Math.max(0, s.startedAt.getTime() - lastEnd);
    if (s.endedAt) lastEnd = Math.max(lastEnd, s.endedAt.getTime());
    return { elementId: s.elementId, type: s.type, name: s.name, startedAt: s.startedAt.toISOString(), endedAt: s.endedAt?.toISOString() ?? null, by: s.by, waitedSeconds: Math.round(waitedMs / 1000), tookSeconds: s.endedAt ? Math.round((s.endedAt.getTime() - s.startedAt.getTime()) / 1000) : null };
  });
  const [checks, returns] = await Promise.all([
    deps.db.selectFrom('case_material').select(['name_zh', 'name_en', 'received', 'checked_by', 'checked_at']).where('case_id', '=', row.id).where('checked_at', 'is not', null).execute(),
    deps.db.selectFrom('audit_log').select(['after', 'actor_name', 'occurred_at']).where('entity_type', '=', 'service_case').where('entity_id', '=', row.id).where('action', '=', 'case.return').orderBy('seq').execute(),
  ]);
  return {
    ref: row.ref,
    steps: timeline,
    /** Work sent back for correction: from which step, why, by whom, when. */
    returns: returns.map((r) => ({ step: (r.after as { step?: string } | null)?.step ?? null, reason: (r.after as { reason?: string } | null)?.reason ?? null, by: r.actor_name, at: r.occurred_at.toISOString() })),
    materialChecks: checks.map((c) => ({ name: ctx.lang.startsWith('zh') ? c.name_zh : c.name_en, received: c.received, by: c.checked_by, at: c.checked_at!.toISOString() })),
  };
}

/** What a branch manager watches: open cases, at risk, breached, closed today, per branch. */
export async function branchOverview(deps: Deps, ctx: RequestContext) {
  assertPermission(ctx.actor!, 'case.read');
  const prefix = scopePrefix(ctx.actor!, 'case.read');
  const now = deps.clock();
  const dayStart = chinaDayStart(now);
  let q = deps.db.selectFrom('service_case as c').innerJoin('org_unit as o', 'o.id', 'c.unit_id');
  if (prefix) q = q.where('o.path', 'like', `${prefix}%`);
  const rows = await q
    .select(['o.id', 'o.code', 'o.name_zh', 'o.name_en'])
    .select([
      sql<number>`count(*) filter (where c.status = 'open')`.as('open'),
      sql<number>`count(*) filter (where c.status = 'open' and c.at_risk_at <= ${now} and c.due_at > ${now})`.as('at_risk'),
      sql<number>`count(*) filter (where c.status = 'open' and c.due_at <= ${now})`.as('breached'),
      sql<number>`count(*) filter (where c.closed_at >= ${dayStart})`.as('closed_today'),
      sql<number>`sum(c.rework_count)`.as('rework'),
    ])
    .groupBy(['o.id', 'o.code', 'o.name_zh', 'o.name_en'])
    .orderBy('o.code')
    .execute();
  return rows.map((r) => ({ unitId: r.id, unitCode: r.code, nameZh: r.name_zh, nameEn: r.name_en, open: Number(r.open), atRisk: Number(r.at_risk), breached: Number(r.breached), closedToday: Number(r.closed_today), rework: Number(r.rework ?? 0) }));
}
