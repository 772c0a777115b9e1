import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type { RequestContext } from '../../platform/access/actor.ts';
import { assertInScope } from '../../platform/access/policy.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { chinaDate } from '../../platform/calendar/china-time.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Certificates valid on a day (`YYYY-MM-DD`), joined to their holders: the rows qualification checks start from. */
export function validCertificates(db: Db, today: string) {
  return db
    .selectFrom('staff_credential as c')
    .innerJoin('app_user as u', 'u.id', 'c.user_id')
    .where('c.kind', '=', 'certificate')
    .where('c.issued_on', '<=', today)
    .where((eb) => eb.or([eb('c.expires_on', 'is', null), eb('c.expires_on', '>=', today)]));
}

/** Whether a user holds a certificate for the qualification valid on the day of `at`. */
export async function isQualified(db: Db, username: string, qualification: string, at: Date): Promise<boolean> {
  const row = await validCertificates(db, chinaDate(at)).select('c.id').where('u.username', '=', username).where('c.qualification', '=', qualification).executeTakeFirst();
  return row !== undefined;
}

/**
 * Everyone active holding a valid qualification, by user name: the members of a committee. With
 * `reaching` (a unit's path), only those whose task work reaches that unit — a role granting
 * `task.work` bank-wide, or in their own unit when it is that unit or one above it — so nobody is
 * asked to vote on a case they may not open.
 */
export async function holdersOf(db: Db, qualification: string, at: Date, reaching?: string): Promise<string[]> {
  let q = validCertificates(db, chinaDate(at)).select('u.username').distinct().where('c.qualification', '=', qualification).where('u.status', '=', 'active');
  if (reaching !== undefined) {
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('user_role as ur')
          .innerJoin('role as r', 'r.key', 'ur.role_key')
          .innerJoin('org_unit as home', 'home.id', 'u.unit_id')
          .select('ur.user_id')
          .whereRef('ur.user_id', '=', 'u.id')
          .where(sql<boolean>`r.permissions ? 'task.work'`)
          .where((eb) => eb.or([eb('r.scope', '=', 'global'), eb(sql.val(reaching), 'like', sql<string>`home.path || '%'`)])),
      ),
    );
  }
  const rows = await q.orderBy('u.username').execute();
  return rows.map((r) => r.username);
}

/** Qualifications tasks commonly require; a bank adds its own. */
const DEFAULT_QUALIFICATIONS = [
  { code: 'large-value-authorisation', name_zh: '大额业务授权', name_en: 'Large-value authorisation' },
  { code: 'credit-approval', name_zh: '信贷审批资格', name_en: 'Credit approval' },
  { code: 'anti-money-laundering', name_zh: '反洗钱岗位资格', name_en: 'Anti-money-laundering' },
  { code: 'wealth-sales', name_zh: '理财销售资格', name_en: 'Wealth product sales' },
];

export async function ensureDefaultQualifications(deps: Deps): Promise<void> {
  await deps.db.insertInto('qualification').values(DEFAULT_QUALIFICATIONS).onConflict((oc) => oc.column('code').doNothing()).execute();
}

export async function listQualifications(deps: Deps) {
  const rows = await deps.db.selectFrom('qualification').selectAll().orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en }));
}

export async function addQualification(deps: Deps, ctx: RequestContext, q: { code: string; nameZh: string; nameEn: string }) {
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('qualification').values({ code: q.code, name_zh: q.nameZh, name_en: q.nameEn }).onConflict((oc) => oc.column('code').doUpdateSet({ name_zh: q.nameZh, name_en: q.nameEn })).execute();
    await recordAudit(trx, ctx, { action: 'qualification.put', entityType: 'qualification', entityId: q.code, after: q }, deps.clock());
  });
  return q;
}

async function staffInScope(deps: Deps, ctx: RequestContext, userId: string, permission: 'staff.qualify' | 'org.user.read') {
  const user = await deps.db.selectFrom('app_user as u').innerJoin('org_unit as o', 'o.id', 'u.unit_id').select(['u.id', 'u.username', 'u.unit_id', 'o.path']).where((eb) => eb.or([eb('u.id', '=', userId), eb('u.username', '=', userId)])).executeTakeFirst();
  if (!user) throw new NotFoundError({ en: 'user', zh: '用户' }, userId);
  assertInScope(ctx.actor!, permission, user.path);
  return user;
}

/** A staff member's training records and certificates, with whether each certificate is valid today. */
export async function credentialsOf(deps: Deps, ctx: RequestContext, userId: string) {
  const user = await staffInScope(deps, ctx, userId, 'org.user.read');
  const today = chinaDate(deps.clock());
  const rows = await deps.db
    .selectFrom('staff_credential')
    .select(['id', 'kind', 'qualification', 'title', 'reference', 'hours', 'recorded_by', sql<string>`issued_on::text`.as('issued'), sql<string | null>`expires_on::text`.as('expires')])
    .where('user_id', '=', user.id)
    .orderBy('issued_on', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    qualification: r.qualification,
    title: r.title,
    reference: r.reference,
    hours: r.hours === null ? null : Number(r.hours),
    issuedOn: r.issued,
    expiresOn: r.expires,
    valid: r.kind === 'certificate' ? (r.expires === null || r.expires >= today) && r.issued <= today : null,
    recordedBy: r.recorded_by,
  }));
}

export type NewCredential = { kind: 'certificate' | 'training'; qualification?: string | undefined; title: string; reference?: string | undefined; hours?: number | undefined; issuedOn: string; expiresOn?: string | null | undefined };

export async function recordCredential(deps: Deps, ctx: RequestContext, userId: string, input: NewCredential) {
  const user = await staffInScope(deps, ctx, userId, 'staff.qualify');
  if (input.kind === 'certificate' && !input.qualification) throw new ValidationError([{ field: '/qualification', message: { en: 'A certificate names the qualification it grants.', zh: '资格证书须注明对应的资质。' } }]);
  if (input.qualification && !(await deps.db.selectFrom('qualification').select('code').where('code', '=', input.qualification).executeTakeFirst())) {
    throw new ValidationError([{ field: '/qualification', message: { en: `There is no qualification "${input.qualification}".`, zh: `资质“${input.qualification}”不存在。` } }]);
  }
  if (input.expiresOn && input.expiresOn < input.issuedOn) throw new ValidationError([{ field: '/expiresOn', message: { en: 'It cannot expire before it was issued.', zh: '有效期不能早于取得日期。' } }]);
  const id = deps.newId();
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('staff_credential').values({ id, user_id: user.id, kind: input.kind, qualification: input.qualification ?? null, title: input.title, reference: input.reference ?? null, hours: input.hours === undefined ? null : String(input.hours), issued_on: input.issuedOn, expires_on: input.expiresOn ?? null, recorded_by: ctx.actor?.username ?? null, recorded_at: now }).execute();
    await recordAudit(trx, ctx, { action: 'staff.credential', entityType: 'app_user', entityId: user.id, unitId: user.unit_id, after: input }, now);
  });
  return (await credentialsOf(deps, ctx, user.id)).find((c) => c.id === id)!;
}
