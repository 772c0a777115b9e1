import { sql, type Selectable } from 'kysely';
import type { RequestContext } from '../platform/access/actor.ts';
import { assertInScope, scopePrefix } from '../platform/access/policy.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { chinaDate } from '../platform/calendar/china-time.ts';
import type { Deps } from '../platform/deps.ts';
import { AlreadyExistsError, NotFoundError, ValidationError, type FieldError } from '../platform/errors.ts';
import { findUnit, findUnitByCode } from '../platform/org/unit.repository.ts';
import { maskCardNumber, maskIdNumber, maskName, maskPhone, validateUscc } from '../platform/pii/index.ts';
import { normalise } from '../platform/pii/vault.ts';
import { identityProblems } from '../services/customers/customer.service.ts';
import type { MerchantListFilter, NewMerchant } from './merchant.schemas.ts';
import type { MerchantTable } from './merchant.table.ts';
import { digestOf, screenMerchant } from './risk-list.service.ts';

export const MERCHANT = { en: 'merchant', zh: '商户' };

type Row = Selectable<MerchantTable> & { unit_code: string; unit_path: string };

/** A merchant as staff see it: the settlement account and the contact's phone masked. */
export type MerchantView = {
  id: string;
  code: string;
  name: string;
  uscc: string;
  kind: string;
  mcc: string;
  region: string;
  scale: string;
  address: string;
  unitCode: string;
  settlementAccount: string;
  contactName: string;
  contactPhone: string | null;
  tier: string;
  riskRating: string | null;
  status: string;
  controls: Record<string, unknown>;
  nextReviewOn: string | null;
  createdAt: string;
  version: number;
};

export function merchantView(r: Row): MerchantView {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    uscc: r.uscc,
    kind: r.kind,
    mcc: r.mcc,
    region: r.region,
    scale: r.scale,
    address: r.address,
    unitCode: r.unit_code,
    settlementAccount: r.settlement_account_masked,
    contactName: maskName(r.contact_name),
    contactPhone: r.contact_phone_masked,
    tier: r.tier,
    riskRating: r.risk_rating,
    status: r.status,
    controls: r.controls,
    nextReviewOn: r.next_review_on,
    createdAt: r.created_at.toISOString(),
    version: r.version,
  };
}

function rows(deps: Deps) {
  return deps.db
    .selectFrom('merchant as m')
    .innerJoin('org_unit as o', 'o.id', 'm.unit_id')
    .selectAll('m')
    .select(['o.code as unit_code', 'o.path as unit_path', sql<string | null>`m.next_review_on::text`.as('next_review_on')]);
}

/** The merchant with its branch, when the actor may `permission` it in that branch; else 404 or 403. */
export async function merchantInReach(deps: Deps, ctx: RequestContext, id: string, permission: 'merchant.read' | 'merchant.write' | 'merchant.risk'): Promise<Row> {
  const row = await rows(deps).where((eb) => eb.or([eb('m.id', '=', id), eb('m.code', '=', id)])).executeTakeFirst();
  if (!row) throw new NotFoundError(MERCHANT, id);
  assertInScope(ctx.actor!, permission, row.unit_path);
  return row;
}

/** Prefixes a person's identity problems with where the person sits in the request. */
const at = (prefix: string, problems: FieldError[]) => problems.map((p) => ({ ...p, field: `${prefix}${p.field}` }));

/**
 * Registers a merchant applying to be acquired (status `applying`): the company's code checked,
 * its people's ID numbers checked, personal data and the settlement account sealed with keyed
 * digests beside them (for the risk list), audited masked. Onboarding takes it from there.
 */
export async function registerMerchant(deps: Deps, ctx: RequestContext, input: NewMerchant): Promise<MerchantView> {
  const now = deps.clock();
  const today = chinaDate(now);
  const uscc = normalise(input.uscc);
  const problems: FieldError[] = [];
  const code = validateUscc(uscc);
  if (!code.ok) problems.push({ field: '/uscc', message: { en: `The unified social credit code is not valid (${code.reason}).`, zh: '统一社会信用代码无效，请核对。' } });
  const people = [{ role: 'legal_representative' as const, share: null, ...input.legalRepresentative }, ...(input.beneficialOwners ?? []).map((o) => ({ role: 'beneficial_owner' as const, ...o }))];
  people.forEach((p, i) => problems.push(...at(i === 0 ? '/legalRepresentative' : `/beneficialOwners/${i - 1}`, identityProblems('individual', p.idType, p.idNumber, today))));
  const shares = (input.beneficialOwners ?? []).reduce((s, o) => s + o.share, 0);
  if (shares > 100) problems.push({ field: '/beneficialOwners', message: { en: `The owners' shares add up to ${shares}%, more than 100%.`, zh: `受益所有人持股合计 ${shares}%，超过 100%。` } });
  if (problems.length) throw new ValidationError(problems);
  const unit = input.unitCode ? await findUnitByCode(deps.db, input.unitCode) : await findUnit(deps.db, ctx.actor!.unitId);
  if (!unit) throw new ValidationError([{ field: '/unitCode', message: { en: `There is no unit "${input.unitCode}".`, zh: `机构“${input.unitCode}”不存在。` } }]);
  assertInScope(ctx.actor!, 'merchant.write', unit.path);
  const v = deps.vault;
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('merchant').select('id').where('uscc', '=', uscc).executeTakeFirst()) throw new AlreadyExistsError(MERCHANT, 'uscc', uscc);
    const seq = (await sql<{ n: string }>`select nextval('merchant_code_seq') as n`.execute(trx)).rows[0]!.n;
    const phone = input.contactPhone ? normalise(input.contactPhone) : null;
    await trx
      .insertInto('merchant')
      .values({
        id,
        code: `MCH${String(seq).padStart(6, '0')}`,
        name: input.name.trim(),
        uscc,
        kind: input.kind,
        mcc: input.mcc,
        region: input.region,
        scale: input.scale,
        address: input.address.trim(),
        unit_id: unit.id,
        settlement_account_sealed: v.seal(input.settlementAccount),
        settlement_account_digest: digestOf(v, 'account', input.settlementAccount),
        settlement_account_masked: maskCardNumber(input.settlementAccount),
        contact_name: input.contactName.trim(),
        contact_phone_sealed: phone ? v.seal(phone) : null,
        contact_phone_masked: phone ? maskPhone(phone) : null,
        tier: input.tier ?? 'standard',
        created_by: ctx.actor!.username,
        created_at: now,
        updated_at: now,
      })
      .execute();
    let position = 0;
    for (const p of people) {
      const number = normalise(p.idNumber);
      await trx
        .insertInto('merchant_person')
        .values({ merchant_id: id, position: position++, role: p.role, name_sealed: v.seal(p.name.trim()), name_masked: maskName(p.name.trim()), id_type: p.idType, id_number_sealed: v.seal(number), id_number_digest: digestOf(v, 'id_number', number), id_number_masked: maskIdNumber(number), share: p.share === null ? null : String(p.share) })
        .execute();
    }
    await recordAudit(trx, ctx, { action: 'merchant.create', entityType: 'merchant', entityId: id, unitId: unit.id, after: { name: input.name, uscc, kind: input.kind, mcc: input.mcc, region: input.region, scale: input.scale, settlementAccount: maskCardNumber(input.settlementAccount), people: people.length } }, now);
  });
  return merchantView((await rows(deps).where('m.id', '=', id).executeTakeFirst())!);
}

/** Merchants of the actor's branches: by name, code or social credit code, status and rating. */
export async function listMerchants(deps: Deps, ctx: RequestContext, f: MerchantListFilter): Promise<{ total: number; items: MerchantView[] }> {
  const prefix = scopePrefix(ctx.actor!, 'merchant.read');
  let q = rows(deps);
  if (prefix) q = q.where('o.path', 'like', `${prefix}%`);
  if (f.q) {
    const text = f.q.trim();
    q = q.where((eb) => eb.or([eb('m.name', 'like', `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`), eb('m.code', '=', text.toUpperCase()), eb('m.uscc', '=', normalise(text))]));
  }
  if (f.status) q = q.where('m.status', '=', f.status);
  if (f.rating) q = q.where('m.risk_rating', '=', f.rating);
  const [items, count] = await Promise.all([
    q.orderBy('m.created_at', 'desc').orderBy('m.id').limit(f.limit ?? 50).offset(f.offset ?? 0).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(count.n), items: items.map(merchantView) };
}

/**
 * The merchant 360 view: the record, its people (masked), terminals, agreements, rating history,
 * alerts, the last 30 days of transactions summed, and what the risk list says about it.
 */
export async function merchant360(deps: Deps, ctx: RequestContext, id: string) {
  const row = await merchantInReach(deps, ctx, id, 'merchant.read');
  const db = deps.db;
  const [people, terminals, agreements, ratings, alerts, recent, hits] = await Promise.all([
    db.selectFrom('merchant_person').selectAll().where('merchant_id', '=', row.id).orderBy('position').execute(),
    db.selectFrom('merchant_terminal').selectAll().select(sql<string | null>`installed_on::text`.as('installed_on')).where('merchant_id', '=', row.id).orderBy('created_at').execute(),
    db.selectFrom('merchant_agreement').selectAll().select([sql<string>`starts_on::text`.as('starts_on'), sql<string | null>`ends_on::text`.as('ends_on')]).where('merchant_id', '=', row.id).orderBy('version').execute(),
    db.selectFrom('merchant_rating').selectAll().where('merchant_id', '=', row.id).orderBy('decided_at', 'desc').execute(),
    db.selectFrom('risk_alert').selectAll().select([sql<string>`day::text`.as('day'), sql<string>`last_day::text`.as('last_day')]).where('merchant_id', '=', row.id).orderBy('created_at', 'desc').limit(50).execute(),
    sql<{ days: number; count: number | null; amount: string | null; chargebacks: number | null; refunds: string | null }>`
      select count(*)::int as days, sum(count)::int as count, sum(amount)::text as amount, sum(chargebacks)::int as chargebacks, sum(refunds)::text as refunds
      from merchant_txn_day where merchant_id = ${row.id} and day > ${chinaDate(deps.clock())}::date - 30`.execute(db),
    screenMerchant(deps, row.id),
  ]);
  const last30 = recent.rows[0]!;
  return {
    merchant: merchantView(row),
    people: people.map((p) => ({ role: p.role, name: p.name_masked, idType: p.id_type, idNumber: p.id_number_masked, share: p.share === null ? null : Number(p.share) })),
    terminals: terminals.map((t) => ({ id: t.id, serial: t.serial, model: t.model, location: t.location, region: t.region, status: t.status, installedOn: t.installed_on })),
    agreements: agreements.map((a) => ({ version: a.version, feeRate: a.fee_rate, startsOn: a.starts_on, endsOn: a.ends_on, signedBy: a.signed_by })),
    ratings: ratings.map((r) => ({ rating: r.rating, reason: r.reason, inputs: r.inputs, decidedBy: r.decided_by, decidedAt: r.decided_at.toISOString() })),
    alerts: alerts.map((a) => ({ id: a.id, ruleCode: a.rule_code, day: a.day, lastDay: a.last_day, occurrences: a.occurrences, severity: a.severity, status: a.status })),
    last30Days: { days: last30.days, count: last30.count ?? 0, amount: last30.amount ?? '0', chargebacks: last30.chargebacks ?? 0, refunds: last30.refunds ?? '0' },
    riskListHits: hits,
  };
}
