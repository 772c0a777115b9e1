import type { Kysely, Transaction } from 'kysely';
import type { RequestContext } from '../platform/access/actor.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import type { Database } from '../platform/db/schema.ts';
import type { Deps } from '../platform/deps.ts';
import { ValidationError } from '../platform/errors.ts';
import { DEFAULT_CATEGORIES } from './categories.ts';
import { DEFAULT_CLOCK_RULES, type ClockRules } from './complaint-clock.ts';
import type { CategoryInput, RulesInput } from './complaint.schemas.ts';

type Db = Kysely<Database> | Transaction<Database>;

export type ComplaintRules = ClockRules & { repeatStepThreshold: number; repeatWindowDays: number; attachmentMaxBytes: number };

export const DEFAULT_RULES: ComplaintRules = { ...DEFAULT_CLOCK_RULES, repeatStepThreshold: 3, repeatWindowDays: 90, attachmentMaxBytes: 10 * 1024 * 1024 };

export const CHANNELS = ['counter', 'phone', 'online', 'mobile', 'letter', 'regulator'] as const;
export const DECLINE_REASONS = ['not_a_complaint', 'duplicate', 'outside_remit', 'withdrawn'] as const;

/** Writes the default rules and category tree where missing: a bank's own changes are kept. */
export async function ensureComplaintSetup(deps: Deps): Promise<void> {
  const r = DEFAULT_RULES;
  await deps.db
    .insertInto('complaint_setting')
    .values({ id: 'default', base_days: r.baseDays, first_extension_to_days: r.firstExtensionToDays, second_extension_by_days: r.secondExtensionByDays, max_days: r.maxDays, day_count: r.dayCount, at_risk_share: r.atRiskShare, repeat_step_threshold: r.repeatStepThreshold, repeat_window_days: r.repeatWindowDays, attachment_max_bytes: r.attachmentMaxBytes, updated_by: null, updated_at: deps.clock() })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  // parents first: the list is in tree order
  for (const [position, c] of DEFAULT_CATEGORIES.entries()) {
    await deps.db.insertInto('complaint_category').values({ code: c.code, kind: c.kind, parent_code: c.parent, name_zh: c.zh, name_en: c.en, position }).onConflict((oc) => oc.column('code').doNothing()).execute();
  }
}

/** The rules in force. */
export async function loadRules(db: Db): Promise<ComplaintRules> {
  const r = await db.selectFrom('complaint_setting').selectAll().where('id', '=', 'default').executeTakeFirst();
  if (!r) return DEFAULT_RULES;
  return {
    baseDays: r.base_days,
    firstExtensionToDays: r.first_extension_to_days,
    secondExtensionByDays: r.second_extension_by_days,
    maxDays: r.max_days,
    dayCount: r.day_count,
    atRiskShare: Number(r.at_risk_share),
    repeatStepThreshold: r.repeat_step_threshold,
    repeatWindowDays: r.repeat_window_days,
    attachmentMaxBytes: r.attachment_max_bytes,
  };
}

export async function listCategories(db: Db) {
  const rows = await db.selectFrom('complaint_category').selectAll().orderBy('kind').orderBy('position').orderBy('code').execute();
  return rows.map((c) => ({ code: c.code, kind: c.kind, parentCode: c.parent_code, nameZh: c.name_zh, nameEn: c.name_en, position: c.position, active: c.active }));
}

export async function getSetup(deps: Deps) {
  const [rules, categories] = await Promise.all([loadRules(deps.db), listCategories(deps.db)]);
  return { rules, categories, channels: [...CHANNELS], declineReasons: [...DECLINE_REASONS] };
}

/** Changes the rules; complaints keep the due dates they were given (an extension uses the new rules). */
export async function putRules(deps: Deps, ctx: RequestContext, input: RulesInput) {
  const errors = [];
  if (input.firstExtensionToDays < input.baseDays) errors.push({ field: '/firstExtensionToDays', message: { en: 'The first extension cannot shorten the limit.', zh: '第一次延期后的期限不能短于基本期限。' } });
  if (input.maxDays < input.firstExtensionToDays) errors.push({ field: '/maxDays', message: { en: 'The longest limit cannot be shorter than the first extension.', zh: '最长期限不能短于第一次延期后的期限。' } });
  if (errors.length) throw new ValidationError(errors);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const before = await loadRules(trx);
    await trx
      .updateTable('complaint_setting')
      .set({ base_days: input.baseDays, first_extension_to_days: input.firstExtensionToDays, second_extension_by_days: input.secondExtensionByDays, max_days: input.maxDays, day_count: input.dayCount, at_risk_share: input.atRiskShare, repeat_step_threshold: input.repeatStepThreshold, repeat_window_days: input.repeatWindowDays, attachment_max_bytes: input.attachmentMaxBytes, updated_by: ctx.actor!.username, updated_at: now })
      .where('id', '=', 'default')
      .execute();
    await recordAudit(trx, ctx, { action: 'complaint.rules.update', entityType: 'complaint_setting', entityId: 'default', before, after: input }, now);
  });
  return getSetup(deps);
}

/** Adds or changes a category or cause; a parent must exist, be of the same kind, and not make a loop. */
export async function putCategory(deps: Deps, ctx: RequestContext, code: string, input: CategoryInput) {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('complaint_category').selectAll().where('code', '=', code).executeTakeFirst();
    if (existing && existing.kind !== input.kind) throw new ValidationError([{ field: '/kind', message: { en: 'A category cannot change between business category and cause.', zh: '业务类别与投诉原因不能互相转换。' } }]);
    const parent = input.parentCode ?? null;
    if (parent) {
      const p = await trx.selectFrom('complaint_category').select(['kind', 'parent_code']).where('code', '=', parent).executeTakeFirst();
      if (!p || p.kind !== input.kind) throw new ValidationError([{ field: '/parentCode', message: { en: `There is no ${input.kind === 'business' ? 'business category' : 'cause'} "${parent}".`, zh: `不存在${input.kind === 'business' ? '业务类别' : '投诉原因'}“${parent}”。` } }]);
      if (await isBelow(trx, parent, code)) throw new ValidationError([{ field: '/parentCode', message: { en: 'A category cannot sit below itself.', zh: '分类不能挂在自身之下。' } }]);
    }
    const values = { kind: input.kind, parent_code: parent, name_zh: input.nameZh, name_en: input.nameEn, position: input.position ?? existing?.position ?? 0, active: input.active ?? true };
    await trx.insertInto('complaint_category').values({ code, ...values }).onConflict((oc) => oc.column('code').doUpdateSet(values)).execute();
    await recordAudit(trx, ctx, { action: existing ? 'complaint.category.update' : 'complaint.category.create', entityType: 'complaint_category', entityId: code, before: existing ?? null, after: values }, now);
  });
  return getSetup(deps);
}

/** Whether `code` is `ancestor` itself or lies below it: walks up from `code` to the root. */
async function isBelow(db: Db, code: string, ancestor: string): Promise<boolean> {
  let at: string | null = code;
  for (let guard = 0; at && guard < 50; guard++) {
    if (at === ancestor) return true;
    const row: { parent_code: string | null } | undefined = await db.selectFrom('complaint_category').select('parent_code').where('code', '=', at).executeTakeFirst();
    at = row?.parent_code ?? null;
  }
  return false;
}

/** Refuses a code that is not an active category of the kind. */
export async function assertCategory(db: Db, code: string, kind: 'business' | 'cause', field: string): Promise<void> {
  const row = await db.selectFrom('complaint_category').select('code').where('code', '=', code).where('kind', '=', kind).where('active', '=', true).executeTakeFirst();
  if (!row) throw new ValidationError([{ field, message: { en: `"${code}" is not an active ${kind === 'business' ? 'business category' : 'cause'}.`, zh: `“${code}”不是有效的${kind === 'business' ? '业务类别' : '投诉原因'}。` } }]);
}
