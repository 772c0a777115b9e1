import { Type, type Static } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { RequestContext } from '../platform/access/actor.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import type { Deps } from '../platform/deps.ts';
import { AlreadyExistsError, NotFoundError, ValidationError, VersionConflictError } from '../platform/errors.ts';
import { daysBefore, merchantDays } from './alerts.service.ts';
import type { Severity } from './merchant.table.ts';
import { BASELINE_DAYS } from './rules/baseline.ts';
import { compileRule, dryRun } from './rules/evaluate-rules.ts';
import type { MerchantDay, RuleDefinition } from './rules/merchant-day.ts';

/*
 * The early-warning rules a risk officer maintains: FEEL conditions over a merchant's day and its
 * own 30-day baseline. A rule is checked when it is saved — syntax, the names it uses, that it is
 * a condition — so a stored rule always compiles; a dry run shows what it would have raised.
 */

const RULE = { en: 'rule', zh: '规则' };
const SEVERITY = Type.Unsafe<Severity>({ type: 'string', enum: ['low', 'medium', 'high'] });

export const RuleBody = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-zA-Z0-9_-]{2,40}$' }),
    nameZh: Type.String({ minLength: 2, maxLength: 60 }),
    nameEn: Type.String({ minLength: 2, maxLength: 100 }),
    expression: Type.String({ minLength: 1, maxLength: 2000, description: 'A FEEL condition over the day (count, amount, chargebackRatio, …) and baseline.<figure>.mean / .sd / baseline.days' }),
    severity: SEVERITY,
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const RuleChangeBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    nameZh: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
    nameEn: Type.Optional(Type.String({ minLength: 2, maxLength: 100 })),
    expression: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    severity: Type.Optional(SEVERITY),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const DryRunBody = Type.Object(
  { expression: Type.String({ minLength: 1, maxLength: 2000 }), from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) },
  { additionalProperties: false },
);

/** Compiles a rule, or refuses it naming the expression with what is wrong and where. */
function checked(definition: RuleDefinition) {
  const outcome = compileRule(definition);
  if (!outcome.ok) throw new ValidationError([{ field: '/expression', message: { en: outcome.error.en, zh: outcome.error.zh } }]);
  return outcome.rule;
}

const view = (r: { code: string; name_zh: string; name_en: string; expression: string; severity: Severity; active: boolean; version: number; updated_by: string | null; updated_at: Date }) => ({
  code: r.code, nameZh: r.name_zh, nameEn: r.name_en, expression: r.expression, severity: r.severity, active: r.active, version: r.version, updatedBy: r.updated_by, updatedAt: r.updated_at.toISOString(),
});

export async function listRules(deps: Deps) {
  return { items: (await deps.db.selectFrom('risk_rule').selectAll().orderBy('code').execute()).map(view) };
}

export async function createRule(deps: Deps, ctx: RequestContext, input: Static<typeof RuleBody>) {
  checked({ ...input });
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('risk_rule').select('code').where('code', '=', input.code).executeTakeFirst()) throw new AlreadyExistsError(RULE, 'code', input.code);
    const row = await trx.insertInto('risk_rule').values({ code: input.code, name_zh: input.nameZh, name_en: input.nameEn, expression: input.expression, severity: input.severity, active: input.active ?? true, updated_by: ctx.actor!.username, updated_at: now }).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'risk_rule.create', entityType: 'risk_rule', entityId: input.code, after: input }, now);
    return view(row);
  });
}

/** Changes a rule (optimistic locking by version); a new expression is checked before it is kept. */
export async function changeRule(deps: Deps, ctx: RequestContext, code: string, change: Static<typeof RuleChangeBody>) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('risk_rule').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
    if (!r) throw new NotFoundError(RULE, code);
    if (r.version !== change.version) throw new VersionConflictError(RULE);
    const next = { code, nameZh: change.nameZh ?? r.name_zh, nameEn: change.nameEn ?? r.name_en, expression: change.expression ?? r.expression, severity: change.severity ?? r.severity };
    checked(next);
    const row = await trx
      .updateTable('risk_rule')
      .set({ name_zh: next.nameZh, name_en: next.nameEn, expression: next.expression, severity: next.severity, active: change.active ?? r.active, version: sql`version + 1`, updated_by: ctx.actor!.username, updated_at: now })
      .where('code', '=', code)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'risk_rule.change', entityType: 'risk_rule', entityId: code, before: view(r), after: view(row) }, now);
    return view(row);
  });
}

/** The most days a dry run covers. */
const MAX_DRY_RUN_DAYS = 366;

/**
 * What a rule would have raised over past data ("this rule would have fired N times last month"):
 * firings per day and how many merchants, without opening anything.
 */
export async function dryRunRule(deps: Deps, input: Static<typeof DryRunBody>) {
  if (input.from > input.to) throw new ValidationError([{ field: '/to', message: { en: 'The end must not come before the start.', zh: '结束日期不能早于开始日期。' } }]);
  if ((Date.parse(input.to) - Date.parse(input.from)) / 86_400_000 >= MAX_DRY_RUN_DAYS) throw new ValidationError([{ field: '/to', message: { en: `A dry run covers at most ${MAX_DRY_RUN_DAYS} days.`, zh: `试运行最多覆盖 ${MAX_DRY_RUN_DAYS} 天。` } }]);
  const rule = checked({ code: 'dry-run', nameZh: '试运行', nameEn: 'dry run', expression: input.expression, severity: 'low' });
  const days: MerchantDay[] = [];
  for await (const batch of merchantDays(deps, null, daysBefore(input.from, BASELINE_DAYS), input.to)) days.push(...batch);
  const result = dryRun(days, [rule], input.from);
  return { from: input.from, to: input.to, ...result };
}
