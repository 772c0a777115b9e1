import { sql } from 'kysely';
import type { RequestContext } from '../platform/access/actor.ts';
import { scopePrefix } from '../platform/access/policy.ts';
import type { BusinessCalendar } from '../platform/calendar/business-calendar.ts';
import type { Deps } from '../platform/deps.ts';
import { maskName } from '../platform/pii/index.ts';
import type { Engine } from '../engine/engine.ts';
import { clockOf, nextExtension } from './complaint-clock.ts';
import { loadRules } from './complaint-setup.service.ts';
import { complaintInScope, type ComplaintRow } from './complaint.repository.ts';
import type { ComplaintFilter } from './complaint.schemas.ts';
import { repeatedStep } from './remediation.service.ts';

type ListRow = Pick<ComplaintRow, 'id' | 'ref' | 'channel' | 'received_at' | 'complainant_name' | 'customer_id' | 'subject_type' | 'subject_ref' | 'category_code' | 'cause_code' | 'priority' | 'status' | 'handler' | 'unit_id' | 'unit_code' | 'unit_name_zh' | 'unit_name_en' | 'due_at' | 'at_risk_at' | 'limit_days' | 'day_count' | 'extended_days' | 'decided_at'>;

function listItem(calendar: BusinessCalendar, r: ListRow, step: { elementId: string; name: string | null } | null, extensionPending: boolean, now: Date) {
  return {
    id: r.id,
    ref: r.ref,
    channel: r.channel,
    receivedAt: r.received_at.toISOString(),
    complainantName: maskName(r.complainant_name),
    customerId: r.customer_id,
    subject: { type: r.subject_type, ref: r.subject_ref },
    categoryCode: r.category_code,
    causeCode: r.cause_code,
    priority: r.priority,
    status: r.status,
    step,
    handler: r.handler,
    unitId: r.unit_id,
    unitCode: r.unit_code,
    unitNameZh: r.unit_name_zh,
    unitNameEn: r.unit_name_en,
    clock: clockOf(calendar, { receivedAt: r.received_at, dueAt: r.due_at, atRiskAt: r.at_risk_at, limitDays: r.limit_days, extendedDays: r.extended_days, dayCount: r.day_count, decidedAt: r.decided_at, declined: r.status === 'declined' }, now),
    extensionPending,
  };
}

/**
 * The complaints board: complaints of the actor's units, open ones by default, sorted by how
 * much time is left (the nearest due date first; decided ones after). Filters by clock state
 * use the stored at-risk and due instants, so they are index-friendly and exact.
 */
export async function listComplaints(deps: Deps, engine: Engine, ctx: RequestContext, f: ComplaintFilter) {
  const prefix = scopePrefix(ctx.actor!, 'complaint.read');
  const now = deps.clock();
  let q = deps.db.selectFrom('complaint as c').innerJoin('org_unit as o', 'o.id', 'c.unit_id');
  if (prefix) q = q.where('o.path', 'like', `${prefix}%`);
  const status = f.status ?? 'open';
  if (status === 'open') q = q.where('c.status', 'not in', ['closed', 'declined']);
  else if (status !== 'all') q = q.where('c.status', '=', status);
  if (f.clock === 'breached') q = q.where('c.decided_at', 'is', null).where('c.status', '!=', 'declined').where('c.due_at', '<', now);
  if (f.clock === 'at_risk') q = q.where('c.decided_at', 'is', null).where('c.status', '!=', 'declined').where('c.at_risk_at', '<=', now).where('c.due_at', '>=', now);
  if (f.clock === 'on_track') q = q.where('c.decided_at', 'is', null).where('c.status', '!=', 'declined').where('c.at_risk_at', '>', now);
  if (f.channel) q = q.where('c.channel', '=', f.channel);
  if (f.category) q = q.where((eb) => eb.or([eb('c.category_code', '=', f.category!), eb('c.category_code', 'in', eb.selectFrom('complaint_category').select('code').where('parent_code', '=', f.category!))]));
  if (f.handler) q = q.where('c.handler', '=', f.handler);
  if (f.staff) q = q.where('c.subject_staff', '=', f.staff);
  if (f.customerId) q = q.where('c.customer_id', '=', f.customerId);
  if (f.caseRef) q = q.where('c.subject_case_id', 'in', deps.db.selectFrom('service_case').select('id').where('ref', '=', f.caseRef.toUpperCase()));
  if (f.ref) q = q.where('c.ref', '=', f.ref.toUpperCase());
  const sorted =
    f.sort === 'received' ? q.orderBy('c.received_at', 'asc') : f.sort === '-received' ? q.orderBy('c.received_at', 'desc') : q.orderBy(sql`c.decided_at is not null`).orderBy('c.due_at', 'asc');
  const [rows, count, calendar] = await Promise.all([
    sorted
      .selectAll('c')
      .select(['o.code as unit_code', 'o.name_zh as unit_name_zh', 'o.name_en as unit_name_en'])
      .orderBy('c.id')
      .limit(f.limit ?? 50)
      .offset(f.offset ?? 0)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    engine.businessCalendar(),
  ]);
  const ids = rows.map((r) => r.id);
  const instanceIds = rows.map((r) => r.instance_id).filter((i): i is string => !!i);
  const [tasks, pending] = await Promise.all([
    instanceIds.length ? deps.db.selectFrom('task').select(['instance_id', 'element_id', 'name']).where('instance_id', 'in', instanceIds).where('status', '=', 'open').execute() : [],
    ids.length ? deps.db.selectFrom('complaint_extension').select('complaint_id').where('complaint_id', 'in', ids).where('status', '=', 'pending').execute() : [],
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => {
      const t = tasks.find((x) => x.instance_id === r.instance_id);
      return listItem(calendar, r, t ? { elementId: t.element_id, name: t.name } : null, pending.some((p) => p.complaint_id === r.id), now);
    }),
  };
}

export async function getComplaint(deps: Deps, engine: Engine, ctx: RequestContext, idOrRef: string) {
  const row = await complaintInScope(deps.db, ctx, idOrRef, 'complaint.read');
  return complaintView(deps, engine, ctx, row);
}

/**
 * One complaint as staff see it: the board's facts, the complainant and representatives masked,
 * the classification and what was suggested, the open steps, the timeline, extensions,
 * attachments, root cause and actions. `intakeOnly`: for a clerk who registered it without the
 * right to read complaints — the acknowledgement facts, not the handling.
 */
export async function complaintView(deps: Deps, engine: Engine, _ctx: RequestContext, row: ComplaintRow, opts: { intakeOnly?: boolean } = {}) {
  const now = deps.clock();
  const db = deps.db;
  const [rules, calendar, tasks, events, extensions, attachments, rootCause, actions, parties, subject] = await Promise.all([
    loadRules(db),
    engine.businessCalendar(),
    row.instance_id ? db.selectFrom('task').select(['id', 'element_id', 'name', 'assignee', 'candidate_groups', 'excluded_users', 'due_at']).where('instance_id', '=', row.instance_id).where('status', '=', 'open').orderBy('created_at').execute() : [],
    opts.intakeOnly ? [] : db.selectFrom('complaint_event').selectAll().where('complaint_id', '=', row.id).orderBy('at').orderBy('id').execute(),
    db.selectFrom('complaint_extension').selectAll().where('complaint_id', '=', row.id).orderBy('requested_at').execute(),
    db.selectFrom('complaint_attachment').select(['id', 'file_name', 'content_type', 'size_bytes', 'uploaded_by', 'uploaded_at']).where('complaint_id', '=', row.id).orderBy('uploaded_at').execute(),
    db.selectFrom('complaint_root_cause').selectAll().where('complaint_id', '=', row.id).executeTakeFirst(),
    // the date as written, not as a driver's midnight Date
    db.selectFrom('complaint_action').selectAll().select(sql<string>`due_date::text`.as('due_day')).where('complaint_id', '=', row.id).orderBy('created_at').execute(),
    db.selectFrom('complaint_party').selectAll().where('complaint_id', '=', row.id).orderBy('position').execute(),
    subjectDetail(deps, row),
  ]);
  const step = tasks[0] ? { elementId: tasks[0].element_id, name: tasks[0].name } : null;
  const pending = extensions.some((e) => e.status === 'pending');
  const granted = extensions.filter((e) => e.status === 'approved').length;
  return {
    ...listItem(calendar, row, step, pending, now),
    regulatorRef: row.regulator_ref,
    complainant: { name: maskName(row.complainant_name), phoneMasked: row.complainant_phone_masked, emailMasked: row.complainant_email_masked },
    representatives: parties.map((p) => ({ name: maskName(p.name), phoneMasked: p.phone_masked })),
    description: opts.intakeOnly ? '' : row.description,
    request: opts.intakeOnly ? '' : row.request,
    suggestion: row.suggestion,
    classificationCorrected: row.classification_corrected,
    recused: row.recused,
    declineReason: row.decline_reason,
    decision: row.decision,
    decidedAt: row.decided_at?.toISOString() ?? null,
    response: row.response,
    escalation: row.escalation,
    tasks: tasks.map((t) => ({ id: t.id, elementId: t.element_id, name: t.name, assignee: t.assignee, candidateGroups: t.candidate_groups, excludedUsers: t.excluded_users, dueAt: t.due_at?.toISOString() ?? null })),
    timeline: events.map((e) => ({ id: e.id, kind: e.kind, body: e.body, actor: e.actor, at: e.at.toISOString() })),
    extensions: extensions.map((e) => ({ id: e.id, step: e.step, days: e.days, reason: e.reason, status: e.status, requestedBy: e.requested_by, requestedAt: e.requested_at.toISOString(), decidedBy: e.decided_by, decidedAt: e.decided_at?.toISOString() ?? null, decisionNote: e.decision_note })),
    nextExtension: row.decided_at || row.status === 'declined' || row.status === 'closed' || pending ? null : nextExtension(rules, granted, row.limit_days),
    attachments: attachments.map((a) => ({ id: a.id, fileName: a.file_name, contentType: a.content_type, sizeBytes: a.size_bytes, uploadedBy: a.uploaded_by, uploadedAt: a.uploaded_at.toISOString() })),
    rootCause: rootCause ? { causeCode: rootCause.cause_code, processKey: rootCause.process_key, stepId: rootCause.step_id, staffIssue: rootCause.staff_issue, finding: rootCause.finding, recordedBy: rootCause.recorded_by, recordedAt: rootCause.recorded_at.toISOString() } : null,
    actions: actions.map((a) => ({ id: a.id, action: a.action, owner: a.owner, dueDate: a.due_day, status: a.status, doneAt: a.done_at?.toISOString() ?? null, doneNote: a.done_note })),
    repeatFlag: rootCause?.process_key && rootCause.step_id ? await repeatedStep(db, rules, rootCause.process_key, rootCause.step_id, now) : null,
    subjectDetail: subject,
    intakeUnitCode: (await db.selectFrom('org_unit').select('code').where('id', '=', row.intake_unit_id).executeTakeFirstOrThrow()).code,
    instanceId: row.instance_id,
  };
}

/** What the subject points at, for display: the case and its service, the staff member's name, the branch, the ticket. */
async function subjectDetail(deps: Deps, row: ComplaintRow) {
  const db = deps.db;
  const detail: { caseId?: string; caseRef?: string; serviceNameZh?: string; serviceNameEn?: string; staffName?: string; unitCode?: string; ticketNumber?: string } = {};
  if (row.subject_case_id) {
    const c = await db
      .selectFrom('service_case as c')
      .innerJoin('service_version as v', (j) => j.onRef('v.code', '=', 'c.service_code').onRef('v.version', '=', 'c.service_version'))
      .select(['c.id', 'c.ref', 'v.data'])
      .where('c.id', '=', row.subject_case_id)
      .executeTakeFirst();
    if (c) Object.assign(detail, { caseId: c.id, caseRef: c.ref, serviceNameZh: (c.data as { nameZh: string }).nameZh, serviceNameEn: (c.data as { nameEn: string }).nameEn });
  }
  if (row.subject_staff) {
    const u = await db.selectFrom('app_user').select('display_name').where('username', '=', row.subject_staff).executeTakeFirst();
    if (u) detail.staffName = u.display_name;
  }
  if (row.subject_unit_id) {
    const o = await db.selectFrom('org_unit').select('code').where('id', '=', row.subject_unit_id).executeTakeFirst();
    if (o) detail.unitCode = o.code;
  }
  if (row.subject_ticket_id) detail.ticketNumber = row.subject_ref ?? undefined;
  return detail;
}
