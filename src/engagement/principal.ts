import type { Kysely, Transaction } from 'kysely';
import type { RequestContext } from '../platform/access/actor.ts';
import type { Permission } from '../platform/access/permissions.ts';
import { assertInScope } from '../platform/access/policy.ts';
import type { AuditChange } from '../platform/audit/audit.service.ts';
import type { Database } from '../platform/db/schema.ts';
import { DomainError, NotFoundError, type FieldError } from '../platform/errors.ts';
import { CUSTOMER_CHANNELS, STAFF_CHANNELS, type Channel } from './products/product.ts';

/**
 * Who acts on a customer in customer operations: a staff member, held to their roles and branches,
 * or the customer themselves, verified in their own channel (portal, mobile app). Assessments and
 * sales take one of these, so every channel goes through the same service function.
 */
export type Principal = { kind: 'staff'; ctx: RequestContext } | { kind: 'customer'; customerId: string; ctx: RequestContext };

export const CUSTOMER_ENTITY = { en: 'customer', zh: '客户' };

/** The customer row an action works on, locked, with its branch's path. */
export type ActedOn = { id: string; kind: 'individual' | 'corporate'; unit_id: string; unit_path: string; blacklisted: boolean; birth_date: string | null };

/** The name an action is recorded under: the staff member's username, or `customer`. */
export function actingName(p: Principal): string {
  return p.kind === 'staff' ? p.ctx.actor!.username : 'customer';
}

/** The audit's actor when the customer acts for themselves (a request context carries staff only). */
export function auditActor(p: Principal): Pick<AuditChange, 'actor'> {
  return p.kind === 'customer' ? { actor: { id: p.customerId, name: 'customer' } } : {};
}

/** A channel the principal may record: staff serve at the counter or by phone; customers use their own. */
export function channelProblem(p: Principal, channel: Channel): FieldError | null {
  const allowed = p.kind === 'staff' ? STAFF_CHANNELS : CUSTOMER_CHANNELS;
  if (allowed.includes(channel)) return null;
  return p.kind === 'staff'
    ? { field: '/channel', message: { en: `Staff record sales and assessments at the counter or by phone; "${channel}" is the customer’s own channel.`, zh: `员工只能以柜面或电话渠道办理，“${channel}”为客户自助渠道。` } }
    : { field: '/channel', message: { en: `A customer acts through the portal or the mobile app, not "${channel}".`, zh: `客户自助只能通过网上银行或手机银行，不能使用“${channel}”渠道。` } };
}

/**
 * The customer, locked for the action, when the principal may act on them: staff with the
 * permission over the customer's branch; a customer only on themselves. `field` names the request
 * field that gave the id, so an unknown customer is a field error there (a path id: not found).
 */
export async function customerToActOn(trx: Transaction<Database>, p: Principal, customerId: string, permission: Permission, field: string | null): Promise<ActedOn> {
  const row = await trx
    .selectFrom('customer as c')
    .innerJoin('org_unit as o', 'o.id', 'c.unit_id')
    .select(['c.id', 'c.kind', 'c.unit_id', 'o.path as unit_path', 'c.blacklisted'])
    .select((eb) => eb.cast<string | null>('c.birth_date', 'text').as('birth_date'))
    .where('c.id', '=', customerId)
    .forUpdate('c')
    .executeTakeFirst();
  if (!row) {
    if (field) throw new DomainError('validation', { en: `There is no customer "${customerId}".`, zh: `客户“${customerId}”不存在。` }, { errors: [{ field, message: { en: 'no such customer', zh: '客户不存在' } }] });
    throw new NotFoundError(CUSTOMER_ENTITY, customerId);
  }
  if (p.kind === 'staff') assertInScope(p.ctx.actor!, permission, row.unit_path);
  else if (p.customerId !== row.id) throw new DomainError('forbidden', { en: 'A customer acts only for themselves.', zh: '客户只能为本人办理。' });
  return row;
}

/** Staff reading a customer's records: the customer must exist and be within the actor's branches for `permission`. */
export async function assertCustomerInReach(db: Kysely<Database>, ctx: RequestContext, customerId: string, permission: Permission): Promise<void> {
  const c = await db.selectFrom('customer as c').innerJoin('org_unit as o', 'o.id', 'c.unit_id').select('o.path').where('c.id', '=', customerId).executeTakeFirst();
  if (!c) throw new NotFoundError(CUSTOMER_ENTITY, customerId);
  assertInScope(ctx.actor!, permission, c.path);
}
