import type { RequestContext } from '../platform/access/actor.ts';
import { assertInScope, isInScope } from '../platform/access/policy.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import type { Database } from '../platform/db/schema.ts';
import type { Deps } from '../platform/deps.ts';
import { ValidationError } from '../platform/errors.ts';
import { findUnitByCode } from '../platform/org/unit.repository.ts';
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DEFAULT_QUEUE_SETTING, type QueueSetting } from './queue-rules.ts';
import type { CounterKind } from './queue.table.ts';
import { chinaDate } from '../platform/calendar/china-time.ts';

/*
 * A branch's queue set-up: its rules (weights, bounds, target), its queue categories (each
 * mapping to catalogue services) and its counters (kind, categories served).
 */

export type Category = { code: string; nameZh: string; nameEn: string; serviceCodes: string[]; active: boolean };
export type Counter = { id: string; number: number; kind: CounterKind; categories: string[]; status: 'closed' | 'open' | 'paused'; staff: string | null; staffName: string | null };

/** A branch that takes tickets, by code; the field names the request part at fault. */
export async function queueBranch(db: Kysely<Database>, code: string, field = '/branch') {
  const unit = await findUnitByCode(db, code);
  if (!unit || !unit.active || !['branch', 'sub_branch'].includes(unit.kind)) {
    throw new ValidationError([{ field, message: { en: `There is no branch "${code}" with a counter queue.`, zh: `网点“${code}”不存在或未开通排队叫号。` } }]);
  }
  return unit;
}

/** The branch's rules; its row is made with the defaults the first time it is needed (events count on it). */
export async function ensureSetting(db: Kysely<Database>, unitId: string): Promise<QueueSetting> {
  const row = await db.selectFrom('queue_setting').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
  if (row) {
    return { weights: row.weights, maxOvertakeMinutes: row.max_overtake_minutes, maxWaitMinutes: row.max_wait_minutes, noShowAfterCalls: row.no_show_after_calls, targetWaitMinutes: row.target_wait_minutes, targetShare: Number(row.target_share), remoteHoldMinutes: row.remote_hold_minutes };
  }
  await db.insertInto('queue_setting').values(settingRow(unitId, DEFAULT_QUEUE_SETTING)).onConflict((oc) => oc.column('unit_id').doNothing()).execute();
  return DEFAULT_QUEUE_SETTING;
}

function settingRow(unitId: string, s: QueueSetting) {
  return { unit_id: unitId, weights: JSON.stringify(s.weights), max_overtake_minutes: s.maxOvertakeMinutes, max_wait_minutes: s.maxWaitMinutes, no_show_after_calls: s.noShowAfterCalls, target_wait_minutes: s.targetWaitMinutes, target_share: s.targetShare, remote_hold_minutes: s.remoteHoldMinutes };
}

export async function listCategories(db: Kysely<Database>, unitId: string): Promise<Category[]> {
  const rows = await db.selectFrom('queue_category').selectAll().where('unit_id', '=', unitId).orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en, serviceCodes: r.service_codes, active: r.active }));
}

export async function listCounters(db: Kysely<Database>, unitId: string): Promise<Counter[]> {
  const rows = await db.selectFrom('queue_counter as c').leftJoin('app_user as u', 'u.username', 'c.staff').selectAll('c').select('u.display_name').where('c.unit_id', '=', unitId).orderBy('c.number').execute();
  return rows.map((r) => ({ id: r.id, number: r.number, kind: r.kind, categories: r.categories, status: r.status, staff: r.staff, staffName: r.display_name ?? null }));
}

/** The branch's arrival code of the day: shown on its display board, entered to confirm a mobile ticket at the branch. */
export function arrivalCode(deps: Deps, unitId: string, day: string): string {
  const digest = createHmac('sha256', deps.vault.digest('queue-arrival', `${unitId}:${day}`)).update(day).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/**
 * The branch's queue set-up as staff see it: for those who serve, manage or watch the branch's
 * queue. The day's arrival code only for those who serve (it is shown on the board inside).
 */
export async function branchQueue(deps: Deps, ctx: RequestContext, code: string) {
  const unit = await queueBranch(deps.db, code);
  const actor = ctx.actor!;
  const serves = isInScope(actor, 'queue.serve', unit.path);
  if (!serves && !isInScope(actor, 'queue.manage', unit.path) && !isInScope(actor, 'queue.read', unit.path)) assertInScope(actor, 'queue.serve', unit.path);
  return {
    branch: { code: unit.code, nameZh: unit.name_zh, nameEn: unit.name_en },
    setting: await ensureSetting(deps.db, unit.id),
    categories: await listCategories(deps.db, unit.id),
    counters: await listCounters(deps.db, unit.id),
    // shown on the board inside the branch: a phone's ticket confirms arrival with it
    arrivalCode: serves ? arrivalCode(deps, unit.id, chinaDate(deps.clock())) : null,
  };
}

export async function putSetting(deps: Deps, ctx: RequestContext, code: string, s: QueueSetting) {
  const unit = await queueBranch(deps.db, code);
  assertInScope(ctx.actor!, 'queue.manage', unit.path);
  const before = await ensureSetting(deps.db, unit.id);
  const { unit_id: _, ...values } = settingRow(unit.id, s);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('queue_setting').set(values).where('unit_id', '=', unit.id).execute();
    await recordAudit(trx, ctx, { action: 'queue.setting', entityType: 'org_unit', entityId: unit.id, unitId: unit.id, before, after: s }, deps.clock());
  });
  return s;
}

export async function putCategory(deps: Deps, ctx: RequestContext, code: string, category: Category) {
  const unit = await queueBranch(deps.db, code);
  assertInScope(ctx.actor!, 'queue.manage', unit.path);
  const services = category.serviceCodes.length ? await deps.db.selectFrom('service').select('code').where('code', 'in', category.serviceCodes).execute() : [];
  const unknown = category.serviceCodes.filter((c) => !services.some((s) => s.code === c));
  if (unknown.length) throw new ValidationError([{ field: '/serviceCodes', message: { en: `No such service: ${unknown.join(', ')}.`, zh: `服务不存在：${unknown.join('、')}。` } }]);
  const values = { name_zh: category.nameZh, name_en: category.nameEn, service_codes: JSON.stringify(category.serviceCodes), active: category.active };
  await deps.db.transaction().execute(async (trx) => {
    await ensureSetting(trx, unit.id);
    await trx.insertInto('queue_category').values({ unit_id: unit.id, code: category.code, ...values }).onConflict((oc) => oc.columns(['unit_id', 'code']).doUpdateSet(values)).execute();
    await recordAudit(trx, ctx, { action: 'queue.category', entityType: 'org_unit', entityId: unit.id, unitId: unit.id, after: category }, deps.clock());
  });
  return category;
}

export async function putCounter(deps: Deps, ctx: RequestContext, code: string, number: number, counter: { kind: CounterKind; categories: string[] }) {
  const unit = await queueBranch(deps.db, code);
  assertInScope(ctx.actor!, 'queue.manage', unit.path);
  const known = (await listCategories(deps.db, unit.id)).map((c) => c.code);
  const unknown = counter.categories.filter((c) => !known.includes(c));
  if (unknown.length) throw new ValidationError([{ field: '/categories', message: { en: `The branch has no queue category ${unknown.join(', ')}.`, zh: `本网点没有业务类别 ${unknown.join('、')}。` } }]);
  const id = (await deps.db.selectFrom('queue_counter').select('id').where('unit_id', '=', unit.id).where('number', '=', number).executeTakeFirst())?.id ?? deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('queue_counter')
      .values({ id, unit_id: unit.id, number, kind: counter.kind, categories: JSON.stringify(counter.categories), status: 'closed', staff: null, signed_in_at: null })
      .onConflict((oc) => oc.columns(['unit_id', 'number']).doUpdateSet({ kind: counter.kind, categories: JSON.stringify(counter.categories) }))
      .execute();
    await recordAudit(trx, ctx, { action: 'queue.counter', entityType: 'queue_counter', entityId: id, unitId: unit.id, after: { number, ...counter } }, deps.clock());
  });
  return (await listCounters(deps.db, unit.id)).find((c) => c.number === number)!;
}

/** The demo bank's queues: four categories and four counters at each branch that has none. */
export async function seedDemoQueues(deps: Deps): Promise<void> {
  const branches = await deps.db.selectFrom('org_unit').select(['id', 'code']).where('kind', 'in', ['branch', 'sub_branch']).where('active', '=', true).execute();
  const services = new Set((await deps.db.selectFrom('service').select('code').execute()).map((s) => s.code));
  const only = (codes: string[]) => JSON.stringify(codes.filter((c) => services.has(c)));
  for (const b of branches) {
    const has = await deps.db.selectFrom('queue_category').select('code').where('unit_id', '=', b.id).limit(1).executeTakeFirst();
    if (has) continue;
    await ensureSetting(deps.db, b.id);
    await deps.db
      .insertInto('queue_category')
      .values([
        { unit_id: b.id, code: 'A', name_zh: '个人现金业务', name_en: 'Cash services', service_codes: only(['report-lost-card', 'large-transfer', 'close-account']) },
        { unit_id: b.id, code: 'B', name_zh: '个人非现金业务', name_en: 'Accounts and cards', service_codes: only(['open-personal-account', 'personal-loan', 'credit-card', 'wealth-purchase']) },
        { unit_id: b.id, code: 'C', name_zh: '对公业务', name_en: 'Business customers', service_codes: only(['open-corporate-account', 'merchant-onboarding']) },
        { unit_id: b.id, code: 'V', name_zh: '贵宾业务', name_en: 'Premier customers', service_codes: '[]' },
      ])
      .execute();
    const counters: { number: number; kind: CounterKind; categories: string[] }[] = [
      { number: 1, kind: 'cash', categories: ['A', 'B'] },
      { number: 2, kind: 'cash', categories: ['A'] },
      { number: 3, kind: 'non_cash', categories: ['B', 'A'] },
      { number: 4, kind: 'corporate', categories: ['C', 'B'] },
      { number: 5, kind: 'vip', categories: ['V', 'B', 'A'] },
    ];
    await deps.db.insertInto('queue_counter').values(counters.map((c) => ({ id: deps.newId(), unit_id: b.id, number: c.number, kind: c.kind, categories: JSON.stringify(c.categories), status: 'closed' as const, staff: null, signed_in_at: null }))).execute();
  }
}
