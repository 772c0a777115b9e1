import { sql } from 'kysely';
import { systemContext, type RequestContext } from '../platform/access/actor.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { addDays } from '../platform/calendar/calendar-data.ts';
import type { Deps } from '../platform/deps.ts';
import { assertInScope, scopePrefix } from '../platform/access/policy.ts';
import { DomainError, NotFoundError } from '../platform/errors.ts';
import type { AlertStatus, Severity } from './merchant.table.ts';
import { DEFAULT_RULES } from './rules/default-rules.ts';
import { compileRules, evaluateRules, type CompiledRule } from './rules/evaluate-rules.ts';
import type { Firing, MerchantDay } from './rules/merchant-day.ts';
import { BASELINE_DAYS } from './rules/baseline.ts';

/*
 * Early warning (风险预警): the active rules run over the daily figures as they arrive, and a rule
 * that fires on a merchant opens an alert — one per merchant and rule while it is not closed, so a
 * condition that persists for days is one alert whose occurrences and last day grow.
 */

const ALERT = { en: 'alert', zh: '预警' };

/** Adds the shipped rules a bank does not have yet (its own edits are kept). */
export async function ensureDefaultRules(deps: Deps): Promise<void> {
  const now = deps.clock();
  await deps.db
    .insertInto('risk_rule')
    .values(DEFAULT_RULES.map((r) => ({ code: r.code, name_zh: r.nameZh, name_en: r.nameEn, expression: r.expression, severity: r.severity, updated_by: null, updated_at: now })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

/** The active rules, compiled. */
export async function activeRules(deps: Deps): Promise<CompiledRule[]> {
  const rows = await deps.db.selectFrom('risk_rule').selectAll().where('active', '=', true).orderBy('code').execute();
  return compileRules(rows.map((r) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en, expression: r.expression, severity: r.severity })));
}

/** The calendar day `days` before `day` (YYYY-MM-DD). */
export const daysBefore = (day: string, days: number) => addDays(day, -days);

/**
 * The merchant-days of some merchants (all when `merchantIds` is null) between two days, in the
 * order the rules need them: by merchant, then day.
 */
export async function* merchantDays(deps: Deps, merchantIds: string[] | null, from: string, to: string): AsyncGenerator<MerchantDay[]> {
  const batches = merchantIds === null ? [null] : Array.from({ length: Math.ceil(merchantIds.length / 500) }, (_, i) => merchantIds.slice(i * 500, i * 500 + 500));
  for (const ids of batches) {
    let q = deps.db
      .selectFrom('merchant_txn_day')
      .select(['merchant_id', 'count', 'amount', 'refunds', 'chargebacks', 'declined', 'night_share', 'cnp_share', 'foreign_share', 'max_amount', 'near_limit_count', 'outside_region_count', sql<string>`day::text`.as('d')])
      .where('day', '>=', from)
      .where('day', '<=', to);
    if (ids) q = q.where('merchant_id', 'in', ids);
    const rows = await q.orderBy('merchant_id').orderBy('day').execute();
    yield rows.map((r) => ({
      merchantId: r.merchant_id, day: r.d, count: r.count, amount: Number(r.amount), refunds: Number(r.refunds), chargebacks: r.chargebacks, declined: r.declined,
      nightShare: Number(r.night_share), cnpShare: Number(r.cnp_share), foreignShare: Number(r.foreign_share), maxAmount: Number(r.max_amount), nearLimitCount: r.near_limit_count, outsideRegionCount: r.outside_region_count,
    }));
  }
}

/**
 * Runs the active rules over the merchants' days from `from` to `to` (each day judged against the
 * 30 days before it) and opens or extends their alerts. Answers how many alerts were opened and
 * how many open ones fired again.
 */
export async function raiseAlerts(deps: Deps, ctx: RequestContext | null, merchantIds: string[], from: string, to: string): Promise<{ opened: number; repeated: number }> {
  const rules = await activeRules(deps);
  if (rules.length === 0 || merchantIds.length === 0) return { opened: 0, repeated: 0 };
  const firings: Firing[] = [];
  for await (const days of merchantDays(deps, merchantIds, daysBefore(from, BASELINE_DAYS), to)) firings.push(...evaluateRules(days, rules, from));
  return recordFirings(deps, ctx ?? systemContext(), firings);
}

/** Opens an alert per merchant and rule, or extends the one still open; audited. */
async function recordFirings(deps: Deps, ctx: RequestContext, firings: Firing[]): Promise<{ opened: number; repeated: number }> {
  const now = deps.clock();
  let opened = 0;
  let repeated = 0;
  if (firings.length === 0) return { opened, repeated };
  await deps.db.transaction().execute(async (trx) => {
    const units = new Map((await trx.selectFrom('merchant').select(['id', 'unit_id']).where('id', 'in', [...new Set(firings.map((f) => f.merchantId))]).execute()).map((m) => [m.id, m.unit_id]));
    for (const f of firings) {
      const id = deps.newId();
      const row = await trx
        .insertInto('risk_alert')
        .values({ id, merchant_id: f.merchantId, rule_code: f.ruleCode, day: f.day, last_day: f.day, severity: f.severity, values: JSON.stringify(f.values), created_at: now })
        .onConflict((oc) =>
          oc
            .columns(['merchant_id', 'rule_code'])
            .where('status', '<>', 'closed')
            .doUpdateSet({
              // a day judged again (a corrected file) is not a new occurrence
              occurrences: sql`risk_alert.occurrences + case when excluded.last_day > risk_alert.last_day then 1 else 0 end`,
              last_day: sql`greatest(risk_alert.last_day, excluded.last_day)`,
              values: sql`case when excluded.last_day >= risk_alert.last_day then excluded.values else risk_alert.values end`,
            }),
        )
        .returning(['id', sql<boolean>`xmax = 0`.as('inserted')])
        .executeTakeFirstOrThrow();
      if (row.inserted) {
        opened++;
        await recordAudit(trx, ctx, { action: 'risk_alert.open', entityType: 'risk_alert', entityId: row.id, unitId: units.get(f.merchantId) ?? null, after: { merchantId: f.merchantId, rule: f.ruleCode, day: f.day, severity: f.severity, values: f.values } }, now);
      } else repeated++;
    }
  });
  return { opened, repeated };
}

export type AlertFilter = { status?: AlertStatus | 'active' | undefined; severity?: Severity | undefined; merchant?: string | undefined; limit: number; offset: number };

/**
 * The alerts board of the actor's branches: open before closed, the most severe first, with the
 * merchant, the rule's names and the risk case the alert is handled in (the latest one).
 */
export async function listAlerts(deps: Deps, ctx: RequestContext, f: AlertFilter) {
  const prefix = scopePrefix(ctx.actor!, 'merchant.risk');
  let q = deps.db.selectFrom('risk_alert as a').innerJoin('merchant as m', 'm.id', 'a.merchant_id').innerJoin('risk_rule as r', 'r.code', 'a.rule_code').innerJoin('org_unit as o', 'o.id', 'm.unit_id');
  if (prefix) q = q.where('o.path', 'like', `${prefix}%`);
  if (f.status === 'active') q = q.where('a.status', '<>', 'closed');
  else if (f.status) q = q.where('a.status', '=', f.status);
  if (f.severity) q = q.where('a.severity', '=', f.severity);
  if (f.merchant) q = q.where((eb) => eb.or([eb('m.id', '=', f.merchant!), eb('m.code', '=', f.merchant!)]));
  const [rows, count] = await Promise.all([
    q
      .select(['a.id', 'a.rule_code', 'a.occurrences', 'a.severity', 'a.values', 'a.status', 'a.created_at', 'a.closed_at', 'a.closed_by', 'a.note', 'm.id as merchant_id', 'm.code', 'm.name', 'm.status as merchant_status', 'm.risk_rating', 'o.code as unit_code', 'r.name_zh', 'r.name_en', sql<string>`a.day::text`.as('first_day'),
        sql<string | null>`(select c.ref || ' ' || c.status from merchant_risk_case c where c.alert_id = a.id order by c.created_at desc limit 1)`.as('risk_case'), sql<string>`a.last_day::text`.as('last'), sql<number>`case a.severity when 'high' then 3 when 'medium' then 2 else 1 end`.as('weight')])
      .orderBy(sql`case when a.status = 'closed' then 1 else 0 end`)
      .orderBy('weight', 'desc')
      .orderBy('a.created_at', 'desc')
      .orderBy('a.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: r.id, rule: { code: r.rule_code, nameZh: r.name_zh, nameEn: r.name_en }, severity: r.severity, status: r.status, firstDay: r.first_day, lastDay: r.last, occurrences: r.occurrences, values: r.values,
      merchant: { id: r.merchant_id, code: r.code, name: r.name, status: r.merchant_status, riskRating: r.risk_rating, unitCode: r.unit_code },
      createdAt: r.created_at.toISOString(), closedAt: r.closed_at?.toISOString() ?? null, closedBy: r.closed_by, note: r.note,
      riskCase: r.risk_case ? { ref: r.risk_case.split(' ')[0]!, status: r.risk_case.split(' ')[1]! } : null,
    })),
  };
}

/** Acknowledges an open alert (someone is on it) or closes it with a note; audited. */
export async function changeAlert(deps: Deps, ctx: RequestContext, id: string, to: 'acknowledged' | 'closed', note: string | null) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const a = await trx.selectFrom('risk_alert as a').innerJoin('merchant as m', 'm.id', 'a.merchant_id').innerJoin('org_unit as o', 'o.id', 'm.unit_id').select(['a.id', 'a.status', 'm.unit_id', 'o.path']).where('a.id', '=', id).forUpdate('a').executeTakeFirst();
    if (!a) throw new NotFoundError(ALERT, id);
    assertInScope(ctx.actor!, 'merchant.risk', a.path);
    if (a.status === 'closed' || (to === 'acknowledged' && a.status === 'acknowledged')) throw new DomainError('invalid_state', { en: `The alert is already ${a.status}.`, zh: a.status === 'closed' ? '该预警已关闭。' : '该预警已确认。' });
    await trx.updateTable('risk_alert').set(to === 'closed' ? { status: 'closed', closed_at: now, closed_by: ctx.actor!.username, note } : { status: 'acknowledged', note: note ?? null }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: `risk_alert.${to === 'closed' ? 'close' : 'acknowledge'}`, entityType: 'risk_alert', entityId: id, unitId: a.unit_id, before: { status: a.status }, after: { status: to, note } }, now);
    return { id, status: to };
  });
}
