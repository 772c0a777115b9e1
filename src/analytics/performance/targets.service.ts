import type { RequestContext } from '../../platform/access/actor.ts';
import { assertInScope, assertPermission } from '../../platform/access/policy.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { Deps } from '../../platform/deps.ts';
import { DomainError, ValidationError } from '../../platform/errors.ts';
import type { Level, Metric } from './metrics.ts';

export type TargetInput = { level: Level; key: string; metric: Metric; period: string; value: number | null };

/** The values a target may take, by measure: rates are shares, ratings on their scales. */
const RANGES: Partial<Record<Metric, [number, number]>> = { onTimeRate: [0, 1], csat: [1, 5], nps: [-100, 100], handlingIndex: [0, 100] };

/** The unit a target is about (its scope), or null for a process (bank-wide). */
async function targetUnit(deps: Deps, level: Level, key: string): Promise<{ id: string; path: string } | null> {
  const notFound = () => new ValidationError([{ field: '/key', message: { en: `There is no ${level === 'staff' ? 'staff member' : level === 'process' ? 'process' : 'unit'} "${key}".`, zh: `没有“${key}”这个${level === 'staff' ? '员工' : level === 'process' ? '流程' : '机构'}。` } }]);
  if (level === 'process') {
    if (!(await deps.db.selectFrom('process_definition').select('key').where('key', '=', key).executeTakeFirst())) throw notFound();
    return null;
  }
  const unit = level === 'staff'
    ? await deps.db.selectFrom('app_user as u').innerJoin('org_unit as o', 'o.id', 'u.unit_id').select(['o.id', 'o.path']).where('u.username', '=', key).executeTakeFirst()
    : await deps.db.selectFrom('org_unit').select(['id', 'path']).where('code', '=', key).executeTakeFirst();
  if (!unit) throw notFound();
  return unit;
}

/** Sets (or, with a null value, removes) a target; a unit-scoped manager sets them within their own units. */
export async function setTarget(deps: Deps, ctx: RequestContext, input: TargetInput): Promise<void> {
  const range = RANGES[input.metric] ?? [0, Number.MAX_SAFE_INTEGER];
  if (input.value !== null && (input.value < range[0] || input.value > range[1])) {
    throw new ValidationError([{ field: '/value', message: { en: `This target lies between ${range[0]} and ${range[1]}.`, zh: `该目标值应在 ${range[0]} 到 ${range[1]} 之间。` } }]);
  }
  if (input.level === 'process' && assertPermission(ctx.actor!, 'performance.target') !== 'global') {
    throw new DomainError('out_of_scope', { en: 'Process targets are bank-wide: only head office sets them.', zh: '流程目标为全行目标，仅总行可设定。' });
  }
  const unit = await targetUnit(deps, input.level, input.key);
  if (unit) assertInScope(ctx.actor!, 'performance.target', unit.path);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const where = { level: input.level, key: input.key, metric: input.metric, period: input.period };
    const before = await trx.selectFrom('kpi_target').select('value').where('level', '=', where.level).where('key', '=', where.key).where('metric', '=', where.metric).where('period', '=', where.period).executeTakeFirst();
    if (input.value === null) {
      await trx.deleteFrom('kpi_target').where('level', '=', where.level).where('key', '=', where.key).where('metric', '=', where.metric).where('period', '=', where.period).execute();
    } else {
      await trx.insertInto('kpi_target').values({ ...where, value: String(input.value), unit_id: unit?.id ?? null, set_by: ctx.actor!.username, set_at: now })
        .onConflict((oc) => oc.columns(['level', 'key', 'metric', 'period']).doUpdateSet({ value: String(input.value), unit_id: unit?.id ?? null, set_by: ctx.actor!.username, set_at: now })).execute();
    }
    await recordAudit(trx, ctx, { action: 'kpi_target.set', entityType: 'kpi_target', entityId: `${where.level}:${where.key}:${where.metric}:${where.period}`, unitId: unit?.id ?? null, before: before ? { value: Number(before.value) } : null, after: input.value === null ? null : { value: input.value } }, now);
  });
}
