import type { Static } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { RequestContext } from '../platform/access/actor.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import type { Deps } from '../platform/deps.ts';
import { AlreadyExistsError, fieldError } from '../platform/errors.ts';
import { daysBefore } from './alerts.service.ts';
import { merchantInReach } from './merchant.service.ts';
import type { NewAgreementBody, NewTerminalBody } from './merchant.schemas.ts';

type NewTerminal = Static<typeof NewTerminalBody>;
type NewAgreement = Static<typeof NewAgreementBody>;

/** Registers a terminal (POS) for a merchant, `ordered` until it is installed. Serial numbers are unique bank-wide. */
export async function addTerminal(deps: Deps, ctx: RequestContext, merchantId: string, input: NewTerminal) {
  const m = await merchantInReach(deps, ctx, merchantId, 'merchant.write');
  const now = deps.clock();
  const id = deps.newId();
  const serial = input.serial.toUpperCase();
  await deps.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('merchant_terminal').select('id').where('serial', '=', serial).executeTakeFirst()) throw new AlreadyExistsError({ en: 'terminal', zh: '终端' }, 'serial', serial);
    await trx.insertInto('merchant_terminal').values({ id, merchant_id: m.id, serial, model: input.model, location: input.location, region: input.region, status: 'ordered', installed_on: null, created_at: now }).execute();
    await recordAudit(trx, ctx, { action: 'merchant.terminal.add', entityType: 'merchant', entityId: m.id, unitId: m.unit_id, after: { serial, model: input.model, region: input.region } }, now);
  });
  return { id, serial, model: input.model, location: input.location, region: input.region, status: 'ordered', installedOn: null };
}

/**
 * Records a new version of the cooperation agreement (合作协议): its fee rate (exact, in percent)
 * and its term. A version starts after the one before it; the earlier one ends the day before.
 */
export async function addAgreement(deps: Deps, ctx: RequestContext, merchantId: string, input: NewAgreement) {
  const m = await merchantInReach(deps, ctx, merchantId, 'merchant.write');
  if (input.endsOn && input.endsOn < input.startsOn) throw fieldError('endsOn', 'The agreement cannot end before it starts.', '协议终止日期不能早于生效日期。');
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom('merchant_agreement').select(['id', 'version', sql<string>`starts_on::text`.as('starts_on')]).where('merchant_id', '=', m.id).orderBy('version', 'desc').forUpdate().executeTakeFirst();
    if (last && input.startsOn <= last.starts_on) throw fieldError('startsOn', `A new version starts after version ${last.version} (from ${last.starts_on}).`, `新版本须晚于第 ${last.version} 版的生效日期（${last.starts_on}）。`);
    if (last) await trx.updateTable('merchant_agreement').set({ ends_on: daysBefore(input.startsOn, 1) }).where('id', '=', last.id).where('ends_on', 'is', null).execute();
    const version = (last?.version ?? 0) + 1;
    await trx.insertInto('merchant_agreement').values({ id: deps.newId(), merchant_id: m.id, version, fee_rate: input.feeRate, starts_on: input.startsOn, ends_on: input.endsOn ?? null, signed_by: ctx.actor!.username, created_at: now }).execute();
    await recordAudit(trx, ctx, { action: 'merchant.agreement', entityType: 'merchant', entityId: m.id, unitId: m.unit_id, after: { version, feeRate: input.feeRate, startsOn: input.startsOn, endsOn: input.endsOn ?? null } }, now);
    return { version, feeRate: input.feeRate, startsOn: input.startsOn, endsOn: input.endsOn ?? null, signedBy: ctx.actor!.username };
  });
}

/** The merchant's daily transactions between two days (inclusive), oldest first. */
export async function transactionDays(deps: Deps, ctx: RequestContext, merchantId: string, from: string, to: string) {
  const m = await merchantInReach(deps, ctx, merchantId, 'merchant.read');
  const rows = await deps.db
    .selectFrom('merchant_txn_day as t')
    .select(['t.count', 't.amount', 't.refunds', 't.chargebacks', 't.declined', 't.night_share', 't.cnp_share', 't.foreign_share', 't.max_amount', 't.near_limit_count', 't.outside_region_count', sql<string>`t.day::text`.as('day')])
    .where('t.merchant_id', '=', m.id)
    .where('t.day', '>=', from)
    .where('t.day', '<=', to)
    .orderBy('t.day')
    .execute();
  return {
    items: rows.map((r) => ({
      day: r.day, count: r.count, amount: r.amount, refunds: r.refunds, chargebacks: r.chargebacks, declined: r.declined,
      nightShare: Number(r.night_share), cnpShare: Number(r.cnp_share), foreignShare: Number(r.foreign_share),
      maxAmount: r.max_amount, nearLimitCount: r.near_limit_count, outsideRegionCount: r.outside_region_count,
    })),
  };
}
