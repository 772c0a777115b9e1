import { sql, type Transaction } from 'kysely';
import { systemContext, type RequestContext } from '../platform/access/actor.ts';
import { auditInsert, recordAudit } from '../platform/audit/audit.service.ts';
import { chinaDate } from '../platform/calendar/china-time.ts';
import type { Database } from '../platform/db/schema.ts';
import type { Deps } from '../platform/deps.ts';
import { DomainError, fieldError } from '../platform/errors.ts';
import { toDomainError, type Engine } from '../engine/engine.ts';
import { startInstance } from '../engine/runtime/instances.ts';
import { enqueue } from '../services/notifications/notification.service.ts';
import { merchantInReach } from './merchant.service.ts';
import type { MerchantStatus, RiskRating } from './merchant.table.ts';
import { screenMerchant } from './risk-list.service.ts';

/*
 * Onboarding (入网) runs on the engine as `merchantOnboarding` (processes/merchant-onboarding.bpmn):
 * the people's steps are tasks; what the bank's records must show at each stage is written here,
 * by the process's service tasks, in the same transaction as the step that reaches them.
 */

/** The shipped months between re-reviews by rating (《银行卡收单业务管理办法》: the riskier, the more often); a bank sets its own. */
export const REVIEW_MONTHS: Record<RiskRating, number> = { high: 3, medium: 6, low: 12 };

/** Days from a transaction to its settlement, by rating: high-risk merchants are settled later. */
export const SETTLEMENT_DAYS: Record<RiskRating, number> = { low: 1, medium: 1, high: 3 };

type Trx = Transaction<Database>;

/** The first day of the month `months` after `day` (YYYY-MM-DD), clamped to the month's length. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

/**
 * Starts onboarding for a merchant that applied (status `applying`), once: the process runs in the
 * merchant's branch, its business key the merchant code.
 */
export async function startOnboarding(deps: Deps, engine: Engine, ctx: RequestContext, merchantId: string) {
  const m = await merchantInReach(deps, ctx, merchantId, 'merchant.write');
  if (m.status !== 'applying') throw new DomainError('invalid_state', { en: `The merchant is ${m.status}; only an applying merchant is onboarded.`, zh: '只有申请中的商户才能发起入网。' });
  const running = await deps.db.selectFrom('process_instance').select('id').where('business_key', '=', m.code).where('process_key', '=', 'merchantOnboarding').where('status', '=', 'active').executeTakeFirst();
  if (running) throw new DomainError('invalid_state', { en: 'Onboarding of this merchant is already under way.', zh: '该商户的入网流程已在办理中。' });
  const definitionId = await engine.definitions.latestProcessId(deps.db, 'merchantOnboarding');
  if (!definitionId) throw new DomainError('invalid_state', { en: 'The onboarding process is not deployed.', zh: '商户入网流程尚未部署。' });
  const instanceId = deps.newId();
  const now = deps.clock();
  const variables = { merchantId: m.id, merchantCode: m.code, merchantKind: m.kind, region: m.region, mcc: m.mcc, scale: m.scale };
  try {
    await engine.transaction(async (trx) => {
      await startInstance(trx, engine.env(ctx), { definitionId, instanceId, businessKey: m.code, variables, unitId: m.unit_id }, (r) => [
        auditInsert(ctx, { action: 'process.start', entityType: 'process_instance', entityId: r.id, unitId: m.unit_id, after: { processKey: r.processKey, businessKey: m.code, definitionId } }, now),
      ]);
      await recordAudit(trx, ctx, { action: 'merchant.onboarding', entityType: 'merchant', entityId: m.id, unitId: m.unit_id, after: { instanceId } }, now);
    });
  } catch (error) {
    throw toDomainError(error);
  }
  return { instanceId, merchantCode: m.code };
}

/** The merchant a handler works on, locked for the step. */
async function lockedMerchant(trx: Trx, variables: Record<string, unknown>) {
  const id = String(variables.merchantId ?? '');
  const m = await trx.selectFrom('merchant').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!m) throw new Error(`merchantOnboarding: no merchant ${id}`);
  return m;
}

async function setStatus(trx: Trx, deps: Deps, m: { id: string; unit_id: string; status: MerchantStatus }, status: MerchantStatus, more: Record<string, unknown> = {}) {
  const now = deps.clock();
  await trx.updateTable('merchant').set({ status, ...more, updated_at: now, version: sql`version + 1` }).where('id', '=', m.id).execute();
  await recordAudit(trx, systemContext(), { action: 'merchant.status', entityType: 'merchant', entityId: m.id, unitId: m.unit_id, before: { status: m.status }, after: { status, ...more } }, now);
}

async function notifyMerchant(trx: Trx, deps: Deps, m: { id: string; contact_phone_sealed: string | null }, template: 'merchant_activated' | 'merchant_refused', params: Record<string, string | number>) {
  if (!m.contact_phone_sealed) return;
  await enqueue(trx, deps, { channel: 'sms', to: deps.vault.open(m.contact_phone_sealed), template, lang: 'zh-CN', params, subject: { type: 'merchant', id: m.id } });
}

/** The fee rate a step gave, as exact percent text; a fault naming the field otherwise. */
function feeRateOf(value: unknown): string {
  const text = String(value ?? '').trim();
  if (!/^[0-9]{1,2}(\.[0-9]{1,4})?$/.test(text)) throw fieldError('feeRate', `"${text}" is not a fee rate in percent (e.g. 0.38).`, `“${text}”不是费率百分比（如 0.38）。`);
  return text;
}

/** The process's system steps (handler `merchantStage`, input `stage`). */
async function stage(deps: Deps, trx: Trx, instanceId: string, variables: Record<string, unknown>): Promise<Record<string, unknown> | void> {
  const m = await lockedMerchant(trx, variables);
  const now = deps.clock();
  const today = chinaDate(now);
  const name = String(variables.stage ?? '');
  switch (name) {
    case 'refused':
      await setStatus(trx, deps, m, 'refused');
      await notifyMerchant(trx, deps, m, 'merchant_refused', { name: m.name });
      return;
    case 'rated': {
      const rating = String(variables.riskRating ?? '') as RiskRating;
      if (!(rating in REVIEW_MONTHS)) throw new Error(`merchantOnboarding: no risk rating (${rating})`);
      const inputs = Object.fromEntries(['mcc', 'region', 'scale', 'merchantKind', 'annualRevenue', 'yearsInBusiness', 'creditRecord', 'inspectionFindings', 'listHits'].map((k) => [k, variables[k] ?? null]));
      await trx.insertInto('merchant_rating').values({ id: deps.newId(), merchant_id: m.id, rating, reason: 'onboarding', inputs: JSON.stringify(inputs), decided_by: null, decided_at: now }).execute();
      await trx.updateTable('merchant').set({ risk_rating: rating, updated_at: now, version: sql`version + 1` }).where('id', '=', m.id).execute();
      await recordAudit(trx, systemContext(), { action: 'merchant.rating', entityType: 'merchant', entityId: m.id, unitId: m.unit_id, before: { rating: m.risk_rating }, after: { rating, reason: 'onboarding' } }, now);
      return;
    }
    case 'agreement': {
      const feeRate = feeRateOf(variables.feeRate);
      const startsOn = /^\d{4}-\d{2}-\d{2}$/.test(String(variables.agreementStartsOn ?? '')) ? String(variables.agreementStartsOn) : today;
      const last = await trx.selectFrom('merchant_agreement').select(['version']).where('merchant_id', '=', m.id).orderBy('version', 'desc').executeTakeFirst();
      const version = (last?.version ?? 0) + 1;
      // signed by whoever completed the signing step
      const signer = await trx.selectFrom('task').select('completed_by').where('instance_id', '=', instanceId).where('element_id', '=', 'signAgreement').where('completed_by', 'is not', null).orderBy('ended_at', 'desc').executeTakeFirst();
      await trx.insertInto('merchant_agreement').values({ id: deps.newId(), merchant_id: m.id, version, fee_rate: feeRate, starts_on: startsOn, ends_on: null, signed_by: signer?.completed_by ?? 'merchantOnboarding', created_at: now }).execute();
      await recordAudit(trx, systemContext(), { action: 'merchant.agreement', entityType: 'merchant', entityId: m.id, unitId: m.unit_id, after: { version, feeRate, startsOn } }, now);
      return;
    }
    case 'installed': {
      const installed = await trx.updateTable('merchant_terminal').set({ status: 'installed', installed_on: today }).where('merchant_id', '=', m.id).where('status', '=', 'ordered').executeTakeFirst();
      return { terminalsRecorded: Number(installed.numUpdatedRows) };
    }
    case 'activated': {
      const rating = (m.risk_rating ?? 'medium') as RiskRating;
      const controls = { ...m.controls, settlementDelayDays: SETTLEMENT_DAYS[rating] };
      await trx.updateTable('merchant_terminal').set({ status: 'active' }).where('merchant_id', '=', m.id).where('status', '=', 'installed').execute();
      // the months the bank set for this rating (merchant_review_setting), the shipped ones otherwise
      const months = (await trx.selectFrom('merchant_review_setting').select('months').where('rating', '=', rating).executeTakeFirst())?.months ?? REVIEW_MONTHS[rating];
      await setStatus(trx, deps, m, 'active', { next_review_on: addMonths(today, months), controls: JSON.stringify(controls) });
      await notifyMerchant(trx, deps, m, 'merchant_activated', { name: m.name, code: m.code, days: SETTLEMENT_DAYS[rating] });
      return;
    }
    default:
      throw new Error(`unknown merchant stage "${name}"`);
  }
}

/** Registers the onboarding process's handlers on the engine. */
export function registerMerchantHandlers(deps: Deps, engine: Engine): void {
  engine.register('merchantStage', ({ variables, db, instanceId }) => stage(deps, db, instanceId, variables));
  engine.register('merchantRiskListCheck', async ({ variables, db }) => {
    const hits = await screenMerchant(deps, String(variables.merchantId ?? ''), db);
    return { listHits: hits.length, listHitKinds: [...new Set(hits.map((h) => h.matched))] };
  });
}
