import { Type, type Static } from '@sinclair/typebox';
import type { RequestContext } from '../platform/access/actor.ts';
import { scopePrefix } from '../platform/access/policy.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { businessCalendar } from '../platform/calendar/calendar.service.ts';
import type { Deps } from '../platform/deps.ts';
import { DomainError, fieldError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { Paging } from '../platform/http/schemas.ts';
import { nextDailyNumber } from '../services/cases/case-ref.ts';
import { dueDate, slaOf, type TimeLimit } from '../services/cases/sla.ts';
import { merchantInReach } from './merchant.service.ts';
import type { LimitUnit, MerchantStatus, MerchantTier, RequestKind } from './merchant.table.ts';

/*
 * Service standards by merchant type (服务标准): for each tier of merchant and each kind of
 * request, how soon the bank answers and how soon it resolves. A merchant's request opens with
 * both clocks set from its tier's standard, counted on the business calendar where the standard
 * says working time; a request is at risk at 80% of a clock and breached past it.
 */

export const REQUEST_KINDS = ['terminal_fault', 'paper_roll', 'settlement_query', 'chargeback_help', 'training'] as const satisfies readonly RequestKind[];
const TIERS = ['standard', 'key', 'strategic'] as const satisfies readonly MerchantTier[];
const UNITS = ['minutes', 'workingHours', 'workingDays', 'calendarDays'] as const satisfies readonly LimitUnit[];
const REQUEST = { en: 'merchant request', zh: '商户服务请求' };

const enumOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Limit = Type.Object({ amount: Type.Integer({ minimum: 1, maximum: 10_000 }), unit: enumOf(UNITS) }, { additionalProperties: false });
export const StandardsBody = Type.Object(
  { standards: Type.Array(Type.Object({ tier: enumOf(TIERS), kind: enumOf(REQUEST_KINDS), response: Limit, resolution: Limit }, { additionalProperties: false }), { minItems: 1, maxItems: 15 }) },
  { additionalProperties: false },
);
export const NewRequestBody = Type.Object(
  {
    merchantId: Type.String({ minLength: 1, maxLength: 100, description: 'The merchant, by id or code' }),
    kind: enumOf(REQUEST_KINDS),
    channel: enumOf(['phone', 'online', 'visit', 'app'] as const),
    description: Type.String({ minLength: 2, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export const RequestListQuery = Type.Object(
  {
    status: Type.Optional(enumOf(['open', 'responded', 'resolved', 'active'] as const)),
    merchant: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    clock: Type.Optional(enumOf(['at_risk', 'breached'] as const)),
    ...Paging,
  },
  { additionalProperties: false },
);
export const NoteBody = Type.Object({ note: Type.String({ minLength: 2, maxLength: 2000 }) }, { additionalProperties: false });

type Limits = { response: TimeLimit; resolution: TimeLimit };

/**
 * The shipped standards: a terminal that cannot take cards costs the merchant sales, so it is
 * answered in minutes and fixed within hours around the clock for the largest merchants;
 * questions and training wait for working time.
 */
const DEFAULT_STANDARDS: Record<RequestKind, Record<MerchantTier, Limits>> = {
  terminal_fault: {
    strategic: { response: { amount: 30, unit: 'minutes' }, resolution: { amount: 1, unit: 'calendarDays' } },
    key: { response: { amount: 60, unit: 'minutes' }, resolution: { amount: 8, unit: 'workingHours' } },
    standard: { response: { amount: 2, unit: 'workingHours' }, resolution: { amount: 2, unit: 'workingDays' } },
  },
  paper_roll: {
    strategic: { response: { amount: 2, unit: 'workingHours' }, resolution: { amount: 1, unit: 'workingDays' } },
    key: { response: { amount: 4, unit: 'workingHours' }, resolution: { amount: 1, unit: 'workingDays' } },
    standard: { response: { amount: 1, unit: 'workingDays' }, resolution: { amount: 3, unit: 'workingDays' } },
  },
  settlement_query: {
    strategic: { response: { amount: 1, unit: 'workingHours' }, resolution: { amount: 1, unit: 'workingDays' } },
    key: { response: { amount: 2, unit: 'workingHours' }, resolution: { amount: 2, unit: 'workingDays' } },
    standard: { response: { amount: 4, unit: 'workingHours' }, resolution: { amount: 3, unit: 'workingDays' } },
  },
  chargeback_help: {
    strategic: { response: { amount: 2, unit: 'workingHours' }, resolution: { amount: 3, unit: 'workingDays' } },
    key: { response: { amount: 4, unit: 'workingHours' }, resolution: { amount: 5, unit: 'workingDays' } },
    standard: { response: { amount: 1, unit: 'workingDays' }, resolution: { amount: 7, unit: 'workingDays' } },
  },
  training: {
    strategic: { response: { amount: 1, unit: 'workingDays' }, resolution: { amount: 3, unit: 'workingDays' } },
    key: { response: { amount: 2, unit: 'workingDays' }, resolution: { amount: 5, unit: 'workingDays' } },
    standard: { response: { amount: 3, unit: 'workingDays' }, resolution: { amount: 10, unit: 'workingDays' } },
  },
};

/** Adds the shipped standards a bank has not set (its own are kept). */
export async function ensureServiceStandards(deps: Deps): Promise<void> {
  const now = deps.clock();
  const rows = REQUEST_KINDS.flatMap((kind) => TIERS.map((tier) => {
    const s = DEFAULT_STANDARDS[kind][tier];
    return { tier, kind, response_amount: s.response.amount, response_unit: s.response.unit as LimitUnit, resolution_amount: s.resolution.amount, resolution_unit: s.resolution.unit as LimitUnit, updated_by: null, updated_at: now };
  }));
  await deps.db.insertInto('merchant_service_standard').values(rows).onConflict((oc) => oc.columns(['tier', 'kind']).doNothing()).execute();
}

export async function listStandards(deps: Deps) {
  const rows = await deps.db.selectFrom('merchant_service_standard').selectAll().orderBy('kind').orderBy('tier').execute();
  return { items: rows.map((r) => ({ tier: r.tier, kind: r.kind, response: { amount: r.response_amount, unit: r.response_unit }, resolution: { amount: r.resolution_amount, unit: r.resolution_unit }, updatedBy: r.updated_by })) };
}

/** Sets standards (each tier and kind given); a resolution sooner than the response is refused. */
export async function setStandards(deps: Deps, ctx: RequestContext, input: Static<typeof StandardsBody>) {
  const minutes = (l: { amount: number; unit: LimitUnit }) => l.amount * { minutes: 1, workingHours: 60, workingDays: 8 * 60, calendarDays: 24 * 60 }[l.unit];
  const errors = input.standards.flatMap((s, i) => (minutes(s.resolution) < minutes(s.response) ? [{ field: `/standards/${i}/resolution`, message: { en: 'A request cannot be resolved sooner than it is answered.', zh: '解决时限不能短于响应时限。' } }] : []));
  if (errors.length) throw new ValidationError(errors);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    for (const s of input.standards) {
      await trx.updateTable('merchant_service_standard').set({ response_amount: s.response.amount, response_unit: s.response.unit, resolution_amount: s.resolution.amount, resolution_unit: s.resolution.unit, updated_by: ctx.actor!.username, updated_at: now }).where('tier', '=', s.tier).where('kind', '=', s.kind).execute();
    }
    await recordAudit(trx, ctx, { action: 'merchant.standards', entityType: 'merchant_service_standard', entityId: null, after: { standards: input.standards } }, now);
  });
  return listStandards(deps);
}

/** The statuses of a merchant the bank serves (one still applying, refused or terminated has no terminals to fault). */
const SERVED: readonly MerchantStatus[] = ['active', 'restricted', 'suspended'];
const STATUS_ZH: Record<MerchantStatus, string> = { applying: '申请中', active: '正常', restricted: '受限', suspended: '暂停', terminated: '已终止', refused: '已拒绝' };

/** Opens a merchant's request with its two clocks from the merchant's tier. */
export async function openRequest(deps: Deps, ctx: RequestContext, input: Static<typeof NewRequestBody>) {
  const key = input.merchantId.trim();
  const m = await merchantInReach(deps, ctx, /^mch/i.test(key) ? key.toUpperCase() : key, 'merchant.write').catch((error: unknown) => {
    if (error instanceof NotFoundError) throw fieldError('merchantId', `There is no merchant "${key}".`, `商户“${key}”不存在。`);
    throw error;
  });
  if (!SERVED.includes(m.status)) {
    throw fieldError('merchantId', `Merchant ${m.code} is ${m.status}: requests are taken for merchants the bank acquires for (active, restricted or suspended).`, `商户 ${m.code} 当前为“${STATUS_ZH[m.status]}”状态，只受理正常、受限或暂停商户的服务请求。`);
  }
  const standard = await deps.db.selectFrom('merchant_service_standard').selectAll().where('tier', '=', m.tier).where('kind', '=', input.kind).executeTakeFirstOrThrow();
  const calendar = await businessCalendar(deps, 'CN');
  const now = deps.clock();
  const responseDue = dueDate(calendar, now, { amount: standard.response_amount, unit: standard.response_unit })!;
  const resolutionDue = dueDate(calendar, now, { amount: standard.resolution_amount, unit: standard.resolution_unit })!;
  const { day, number } = await nextDailyNumber(deps.db, 'merchant_request_sequence', now);
  const id = deps.newId();
  const ref = `MR${day}-${number}`;
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('merchant_request').values({ id, ref, merchant_id: m.id, unit_id: m.unit_id, kind: input.kind, channel: input.channel, description: input.description, status: 'open', tier: m.tier, response_unit: standard.response_unit, resolution_unit: standard.resolution_unit, opened_at: now, response_due: responseDue, resolution_due: resolutionDue, created_by: ctx.actor!.username }).execute();
    await recordAudit(trx, ctx, { action: 'merchant.request.open', entityType: 'merchant_request', entityId: id, unitId: m.unit_id, after: { ref, merchant: m.code, kind: input.kind, channel: input.channel, responseDue: responseDue.toISOString(), resolutionDue: resolutionDue.toISOString() } }, now);
  });
  return getRequest(deps, ctx, id);
}

function requests(deps: Deps) {
  return deps.db.selectFrom('merchant_request as r').innerJoin('merchant as m', 'm.id', 'r.merchant_id').innerJoin('org_unit as o', 'o.id', 'r.unit_id').selectAll('r').select(['m.code as merchant_code', 'm.name as merchant_name', 'o.code as unit_code', 'o.path as unit_path']);
}

type Row = Awaited<ReturnType<ReturnType<typeof requests>['executeTakeFirstOrThrow']>>;

/** A request with where its clocks stand now: the response's until answered, the resolution's until resolved. */
async function view(deps: Deps, rows: Row[]) {
  const calendar = await businessCalendar(deps, 'CN');
  const now = deps.clock();
  return rows.map((r) => ({
    id: r.id, ref: r.ref, kind: r.kind, channel: r.channel, description: r.description, status: r.status, tier: r.tier,
    merchant: { id: r.merchant_id, code: r.merchant_code, name: r.merchant_name, unitCode: r.unit_code },
    openedAt: r.opened_at.toISOString(), responseDue: r.response_due.toISOString(), resolutionDue: r.resolution_due.toISOString(),
    response: { ...slaOf(calendar, r.response_unit, r.opened_at, r.response_due, r.responded_at ?? now), met: r.responded_at ? r.responded_at <= r.response_due : null, at: r.responded_at?.toISOString() ?? null, by: r.responded_by, note: r.response_note },
    resolution: { ...slaOf(calendar, r.resolution_unit, r.opened_at, r.resolution_due, r.resolved_at ?? now), met: r.resolved_at ? r.resolved_at <= r.resolution_due : null, at: r.resolved_at?.toISOString() ?? null, by: r.resolved_by, text: r.resolution },
    createdBy: r.created_by,
  }));
}

export async function getRequest(deps: Deps, ctx: RequestContext, id: string) {
  const row = await requests(deps).where((eb) => eb.or([eb('r.id', '=', id), eb('r.ref', '=', id)])).executeTakeFirst();
  if (!row) throw new NotFoundError(REQUEST, id);
  await merchantInReach(deps, ctx, row.merchant_id, 'merchant.read');
  return (await view(deps, [row]))[0]!;
}

/** Requests of the actor's branches, the soonest resolution first; `clock` keeps those at risk or breached now. */
export async function listRequests(deps: Deps, ctx: RequestContext, f: Static<typeof RequestListQuery>) {
  const prefix = scopePrefix(ctx.actor!, 'merchant.read');
  let q = requests(deps);
  if (prefix) q = q.where('o.path', 'like', `${prefix}%`);
  if (f.status === 'active') q = q.where('r.status', '<>', 'resolved');
  else if (f.status) q = q.where('r.status', '=', f.status);
  if (f.merchant) q = q.where((eb) => eb.or([eb('m.id', '=', f.merchant!), eb('m.code', '=', f.merchant!.toUpperCase())]));
  const limit = f.limit ?? 50;
  const offset = f.offset ?? 0;
  if (f.clock) {
    // the clock's state depends on the calendar: judged here over the unresolved ones, then paged
    const rows = await q.where('r.status', '<>', 'resolved').orderBy('r.resolution_due').orderBy('r.id').limit(5000).execute();
    const judged = (await view(deps, rows)).filter((i) => i.resolution.state === f.clock);
    return { total: judged.length, items: judged.slice(offset, offset + limit) };
  }
  const [rows, count] = await Promise.all([
    q.orderBy('r.resolution_due').orderBy('r.id').limit(limit).offset(offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(count.n), items: await view(deps, rows) };
}

/** Records the first answer to the merchant (stops the response clock), or the resolution (stops both). */
export async function advanceRequest(deps: Deps, ctx: RequestContext, id: string, to: 'responded' | 'resolved', note: string) {
  const now = deps.clock();
  const row = await requests(deps).where((eb) => eb.or([eb('r.id', '=', id), eb('r.ref', '=', id)])).executeTakeFirst();
  if (!row) throw new NotFoundError(REQUEST, id);
  await merchantInReach(deps, ctx, row.merchant_id, 'merchant.write');
  if (row.status === 'resolved' || (to === 'responded' && row.status === 'responded')) throw new DomainError('invalid_state', { en: `The request is already ${row.status}.`, zh: row.status === 'resolved' ? '该请求已解决。' : '该请求已响应。' });
  await deps.db.transaction().execute(async (trx) => {
    const actor = ctx.actor!.username;
    // resolving an unanswered request answers it too
    const answered = row.responded_at ? {} : { responded_at: now, responded_by: actor, response_note: to === 'responded' ? note : null };
    const change = to === 'responded' ? { status: 'responded' as const, ...answered } : { status: 'resolved' as const, ...answered, resolved_at: now, resolved_by: actor, resolution: note };
    const updated = await trx.updateTable('merchant_request').set(change).where('id', '=', row.id).where('status', '=', row.status).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new DomainError('version_conflict', { en: 'The request was changed meanwhile.', zh: '该请求已被他人处理。' });
    await recordAudit(trx, ctx, { action: `merchant.request.${to === 'responded' ? 'respond' : 'resolve'}`, entityType: 'merchant_request', entityId: row.id, unitId: row.unit_id, before: { status: row.status }, after: { status: to, note } }, now);
  });
  return getRequest(deps, ctx, row.id);
}
