import { sql, type Selectable, type Transaction } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { assertInScope, assertPermission, scopePrefix } from '../../platform/access/policy.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { chinaDate } from '../../platform/calendar/china-time.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { DomainError, NotFoundError, ValidationError, VersionConflictError, type FieldError } from '../../platform/errors.ts';
import { findUnit, findUnitByCode } from '../../platform/org/unit.repository.ts';
import { maskEmail, maskIdNumber, maskName, maskPhone, validateCnResidentId, validateUscc } from '../../platform/pii/index.ts';
import { normalise } from '../../platform/pii/vault.ts';
import type { CustomerTable } from './customer.table.ts';
import { ID_TYPES, type CustomerChange, type IdType, type NewCustomer } from './customer.schemas.ts';

export const CUSTOMER = { en: 'customer', zh: '客户' };

type Row = Selectable<CustomerTable> & { unit_code: string; unit_path: string };
type Db = Deps['db'] | Transaction<Database>;

/** A customer as staff see them: names, numbers and contacts masked. */
export type CustomerView = {
  id: string;
  kind: string;
  name: string;
  idType: string;
  idNumber: string;
  idExpiry: string | null;
  phone: string | null;
  email: string | null;
  segment: string;
  relationshipManager: string | null;
  unitId: string;
  unitCode: string;
  consents: Record<string, boolean>;
  blacklisted: boolean;
  pep: boolean;
  createdAt: string;
  version: number;
};

function dateText(value: Date | string | null): string | null {
  if (value === null) return null;
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

export function customerView(r: Row): CustomerView {
  return {
    id: r.id,
    kind: r.kind,
    name: maskName(r.name),
    idType: r.id_type,
    idNumber: r.id_number_masked,
    idExpiry: dateText(r.id_expiry),
    phone: r.phone_masked,
    email: r.email_masked,
    segment: r.segment,
    relationshipManager: r.relationship_manager,
    unitId: r.unit_id,
    unitCode: r.unit_code,
    consents: r.consents,
    blacklisted: r.blacklisted,
    pep: r.pep,
    createdAt: r.created_at.toISOString(),
    version: r.version,
  };
}

function rows(db: Db) {
  return db
    .selectFrom('customer as c')
    .innerJoin('org_unit as o', 'o.id', 'c.unit_id')
    .selectAll('c')
    .select(['o.code as unit_code', 'o.path as unit_path', sql<string | null>`c.id_expiry::text`.as('id_expiry'), sql<string | null>`c.birth_date::text`.as('birth_date')]);
}

export async function loadCustomer(db: Db, id: string): Promise<Row> {
  const row = await rows(db).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(CUSTOMER, id);
  return row;
}

/** The checks an identity number must pass for its type; empty when it is valid. */
export function identityProblems(kind: 'individual' | 'corporate', idType: IdType, idNumber: string, today: string): FieldError[] {
  const value = normalise(idNumber);
  if (kind === 'corporate' && idType !== 'uscc') return [{ field: '/idType', message: { en: 'A company is identified by its unified social credit code (uscc).', zh: '企业客户应以统一社会信用代码登记。' } }];
  if (kind === 'individual' && idType === 'uscc') return [{ field: '/idType', message: { en: 'A unified social credit code identifies a company, not a person.', zh: '统一社会信用代码用于企业，不能用于个人客户。' } }];
  if (idType === 'resident_id') {
    const result = validateCnResidentId(value, { today });
    if (!result.ok) {
      const why = { length: ['must have 18 characters', '应为18位'], format: ['must be 17 digits and a check character', '应为17位数字加1位校验码'], birth_date: ['contains an impossible birth date', '出生日期无效'], checksum: ['has a wrong check digit: it was mistyped', '校验码不符，可能录入有误'] }[result.reason];
      return [{ field: '/idNumber', message: { en: `The resident ID number ${why[0]}.`, zh: `居民身份证号码${why[1]}。` } }];
    }
    return [];
  }
  if (idType === 'uscc') {
    const result = validateUscc(value);
    if (!result.ok) return [{ field: '/idNumber', message: { en: `The unified social credit code is not valid (${result.reason}).`, zh: '统一社会信用代码无效，请核对。' } }];
    return [];
  }
  if (!/^[A-Z0-9]{5,20}$/.test(value)) return [{ field: '/idNumber', message: { en: 'The document number must be 5 to 20 letters and digits.', zh: '证件号码应为5至20位字母或数字。' } }];
  return [];
}

async function assertSegment(db: Db, code: string, field: string): Promise<void> {
  if (!(await db.selectFrom('customer_segment').select('code').where('code', '=', code).executeTakeFirst())) {
    throw new ValidationError([{ field, message: { en: `There is no customer segment "${code}".`, zh: `客户分层“${code}”不存在。` } }]);
  }
}

async function assertStaff(db: Db, username: string, field: string): Promise<void> {
  if (!(await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst())) {
    throw new ValidationError([{ field, message: { en: `There is no staff member "${username}".`, zh: `员工“${username}”不存在。` } }]);
  }
}

const duplicate = () => new DomainError('already_exists', { en: 'A customer with this identity document is already registered; search for them instead.', zh: '该证件对应的客户已登记，请直接查询该客户。' });

export async function createCustomer(deps: Deps, ctx: RequestContext, input: NewCustomer): Promise<CustomerView> {
  const now = deps.clock();
  const problems = identityProblems(input.kind, input.idType, input.idNumber, chinaDate(now));
  if (problems.length > 0) throw new ValidationError(problems);
  const unit = input.unitCode ? await findUnitByCode(deps.db, input.unitCode) : await findUnit(deps.db, ctx.actor!.unitId);
  if (!unit) throw new ValidationError([{ field: '/unitCode', message: { en: `There is no unit "${input.unitCode}".`, zh: `机构“${input.unitCode}”不存在。` } }]);
  assertInScope(ctx.actor!, 'customer.write', unit.path);
  const segment = input.segment ?? 'standard';
  await assertSegment(deps.db, segment, '/segment');
  if (input.relationshipManager) await assertStaff(deps.db, input.relationshipManager, '/relationshipManager');
  const v = deps.vault;
  const idNumber = normalise(input.idNumber);
  const phone = input.phone ? normalise(input.phone) : null;
  const birth = input.idType === 'resident_id' ? validateCnResidentId(idNumber) : null;
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    const digest = v.digest(`id:${input.idType}`, idNumber);
    if (await trx.selectFrom('customer').select('id').where('id_type', '=', input.idType).where('id_number_digest', '=', digest).executeTakeFirst()) throw duplicate();
    await trx
      .insertInto('customer')
      .values({
        id,
        kind: input.kind,
        name: input.name.trim(),
        id_type: input.idType,
        id_number_sealed: v.seal(idNumber),
        id_number_digest: digest,
        id_number_masked: maskIdNumber(idNumber),
        id_expiry: input.idExpiry ?? null,
        birth_date: birth?.ok ? birth.birthDate : null,
        phone_sealed: phone ? v.seal(phone) : null,
        phone_digest: phone ? v.digest('phone', phone) : null,
        phone_masked: phone ? maskPhone(phone) : null,
        email_sealed: input.email ? v.seal(input.email) : null,
        email_masked: input.email ? maskEmail(input.email) : null,
        segment,
        relationship_manager: input.relationshipManager ?? null,
        unit_id: unit.id,
        consents: JSON.stringify(input.consents ?? { marketing: false, sms: true, dataSharing: false }),
        created_by: ctx.actor?.username ?? null,
        created_at: now,
        updated_at: now,
      })
      .execute()
      .catch((error: unknown) => {
        // two registrations of the same document at the same moment: the unique index decides
        if (String((error as { code?: string }).code) === '23505') throw duplicate();
        throw error;
      });
    await recordAudit(trx, ctx, { action: 'customer.create', entityType: 'customer', entityId: id, unitId: unit.id, after: { kind: input.kind, name: maskName(input.name), idType: input.idType, idNumber: maskIdNumber(idNumber), segment } }, now);
  });
  return customerView(await loadCustomer(deps.db, id));
}

/** One customer, masked, when their home branch is within the actor's reach. */
export async function getCustomer(deps: Deps, ctx: RequestContext, id: string): Promise<CustomerView> {
  const row = await loadCustomer(deps.db, id);
  assertInScope(ctx.actor!, 'customer.read', row.unit_path);
  return customerView(row);
}

/** Customers of the actor's branches, by name prefix and segment; never showing numbers whole. */
export async function listCustomers(deps: Deps, ctx: RequestContext, f: { name?: string | undefined; segment?: string | undefined; limit: number; offset: number }) {
  const prefix = scopePrefix(ctx.actor!, 'customer.read');
  let q = deps.db.selectFrom('customer as c').innerJoin('org_unit as o', 'o.id', 'c.unit_id');
  if (prefix) q = q.where('o.path', 'like', `${prefix}%`);
  if (f.name) q = q.where('c.name', 'like', `${f.name.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  if (f.segment) q = q.where('c.segment', '=', f.segment);
  const [items, count] = await Promise.all([
    q.selectAll('c').select(['o.code as unit_code', 'o.path as unit_path', sql<string | null>`c.id_expiry::text`.as('id_expiry'), sql<string | null>`c.birth_date::text`.as('birth_date')]).orderBy('c.name').orderBy('c.id').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(count.n), items: items.map(customerView) };
}

/**
 * Exact identity search across the bank (a walk-in may be any branch's customer): by the keyed
 * digest of the number, so the number is never compared or logged in clear. Results are masked.
 */
export async function searchCustomers(deps: Deps, ctx: RequestContext, f: { idType?: IdType | undefined; idNumber?: string | undefined; phone?: string | undefined }): Promise<CustomerView[]> {
  assertPermission(ctx.actor!, 'customer.read');
  if (!f.idNumber && !f.phone) throw new ValidationError([{ field: '/idNumber', message: { en: 'Give an ID number or a phone number to search by.', zh: '请输入证件号码或手机号码进行查询。' } }]);
  let q = rows(deps.db);
  if (f.idNumber) {
    const types = f.idType ? [f.idType] : [...ID_TYPES];
    q = q.where((eb) => eb.or(types.map((t) => eb.and([eb('c.id_type', '=', t), eb('c.id_number_digest', '=', deps.vault.digest(`id:${t}`, f.idNumber!))]))));
  }
  if (f.phone) q = q.where('c.phone_digest', '=', deps.vault.digest('phone', f.phone));
  const found = await q.orderBy('c.created_at').limit(20).execute();
  return found.map(customerView);
}

export async function changeCustomer(deps: Deps, ctx: RequestContext, id: string, input: CustomerChange): Promise<CustomerView> {
  const now = deps.clock();
  const v = deps.vault;
  await deps.db.transaction().execute(async (trx) => {
    const row = await loadCustomer(trx, id);
    assertInScope(ctx.actor!, 'customer.write', row.unit_path);
    if (row.version !== input.version) throw new VersionConflictError(CUSTOMER);
    if (input.segment) await assertSegment(trx, input.segment, '/segment');
    if (input.relationshipManager) await assertStaff(trx, input.relationshipManager, '/relationshipManager');
    const phone = input.phone ? normalise(input.phone) : input.phone;
    const updated = await trx
      .updateTable('customer')
      .set({
        ...(input.name !== undefined && { name: input.name.trim() }),
        ...(input.idExpiry !== undefined && { id_expiry: input.idExpiry }),
        ...(phone !== undefined && { phone_sealed: phone ? v.seal(phone) : null, phone_digest: phone ? v.digest('phone', phone) : null, phone_masked: phone ? maskPhone(phone) : null }),
        ...(input.email !== undefined && { email_sealed: input.email ? v.seal(input.email) : null, email_masked: input.email ? maskEmail(input.email) : null }),
        ...(input.segment !== undefined && { segment: input.segment }),
        ...(input.relationshipManager !== undefined && { relationship_manager: input.relationshipManager }),
        ...(input.consents !== undefined && { consents: JSON.stringify(input.consents) }),
        updated_at: now,
        version: sql`version + 1`,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new VersionConflictError(CUSTOMER);
    const { version: _v, phone: p, email: e, ...rest } = input;
    await recordAudit(trx, ctx, { action: 'customer.change', entityType: 'customer', entityId: id, unitId: row.unit_id, before: { segment: row.segment, consents: row.consents }, after: { ...rest, ...(rest.name !== undefined && { name: maskName(rest.name) }), ...(p !== undefined && { phone: p ? maskPhone(p) : null }), ...(e !== undefined && { email: e ? maskEmail(e) : null }) } }, now);
  });
  return getCustomer(deps, ctx, id);
}

/** Blacklist and PEP flags: set by risk officers, with the reason, audited. */
export async function setRiskFlags(deps: Deps, ctx: RequestContext, id: string, input: { version: number; blacklisted: boolean; pep: boolean; reason: string }): Promise<CustomerView> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const row = await loadCustomer(trx, id);
    assertInScope(ctx.actor!, 'customer.risk', row.unit_path);
    const updated = await trx.updateTable('customer').set({ blacklisted: input.blacklisted, pep: input.pep, updated_at: now, version: sql`version + 1` }).where('id', '=', id).where('version', '=', input.version).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new VersionConflictError(CUSTOMER);
    await recordAudit(trx, ctx, { action: 'customer.risk_flags', entityType: 'customer', entityId: id, unitId: row.unit_id, before: { blacklisted: row.blacklisted, pep: row.pep }, after: { blacklisted: input.blacklisted, pep: input.pep, reason: input.reason } }, now);
  });
  return customerView(await loadCustomer(deps.db, id));
}

/** Shows personal data whole to someone whose role needs it, for a stated reason; audited. */
export async function revealCustomer(deps: Deps, ctx: RequestContext, id: string, fields: ('name' | 'idNumber' | 'phone' | 'email')[], reason: string) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await loadCustomer(trx, id);
    assertInScope(ctx.actor!, 'pii.reveal', row.unit_path);
    const open = (sealed: string | null) => (sealed ? deps.vault.open(sealed) : null);
    const out: Record<string, string | null> = {};
    for (const field of new Set(fields)) {
      out[field] = field === 'name' ? row.name : field === 'idNumber' ? open(row.id_number_sealed) : field === 'phone' ? open(row.phone_sealed) : open(row.email_sealed);
    }
    await recordAudit(trx, ctx, { action: 'pii.reveal', entityType: 'customer', entityId: id, unitId: row.unit_id, after: { fields: [...new Set(fields)], reason } }, deps.clock());
    return out;
  });
}

/** The customer's identity as Banklane holds it, in clear: for checks done by the system itself. */
export async function identityOnFile(deps: Deps, id: string, db: Db = deps.db) {
  const row = await loadCustomer(db, id);
  return { name: row.name, idType: row.id_type, idNumber: deps.vault.open(row.id_number_sealed), idExpiry: dateText(row.id_expiry), blacklisted: row.blacklisted, pep: row.pep, phone: row.phone_sealed ? deps.vault.open(row.phone_sealed) : null, kind: row.kind, unitId: row.unit_id, segment: row.segment };
}
