import type { Kysely, Transaction } from 'kysely';
import type { RequestContext } from '../platform/access/actor.ts';
import { assertInScope } from '../platform/access/policy.ts';
import type { Permission } from '../platform/access/permissions.ts';
import type { Database } from '../platform/db/schema.ts';
import type { Deps } from '../platform/deps.ts';
import { DomainError, NotFoundError } from '../platform/errors.ts';
import { nextDailyNumber } from '../services/cases/case-ref.ts';
import { enqueue } from '../services/notifications/notification.service.ts';
import type { TemplateName } from '../services/notifications/templates.ts';
import type { ComplaintEventKind } from './complaint.table.ts';

export type Db = Kysely<Database> | Transaction<Database>;

export const COMPLAINT = { en: 'complaint', zh: '投诉' };

/** The next complaint reference of the day (China time): `TS20261128-000007`, numbered like case references. */
export async function nextComplaintRef(db: Kysely<Database>, now: Date): Promise<string> {
  const { day, number } = await nextDailyNumber(db, 'complaint_sequence', now);
  return `TS${day}-${number}`;
}

/** A complaint by id or reference, with its unit's path and code. */
export async function loadComplaint(db: Db, idOrRef: string, lock = false) {
  let q = db
    .selectFrom('complaint as c')
    .innerJoin('org_unit as o', 'o.id', 'c.unit_id')
    .selectAll('c')
    .select(['o.path as unit_path', 'o.code as unit_code', 'o.name_zh as unit_name_zh', 'o.name_en as unit_name_en'])
    .where((eb) => (idOrRef.startsWith('TS') ? eb('c.ref', '=', idOrRef) : eb('c.id', '=', idOrRef)));
  if (lock) q = q.forUpdate('c');
  const row = await q.executeTakeFirst();
  if (!row) throw new NotFoundError(COMPLAINT, idOrRef);
  return row;
}

export type ComplaintRow = Awaited<ReturnType<typeof loadComplaint>>;

/** Loads a complaint the actor may act on with `permission` in its unit. */
export async function complaintInScope(db: Db, ctx: RequestContext, idOrRef: string, permission: Permission, lock = false): Promise<ComplaintRow> {
  const row = await loadComplaint(db, idOrRef, lock);
  assertInScope(ctx.actor!, permission, row.unit_path);
  return row;
}

/** Recusal (回避) for the complaint's own records: whoever is involved in the matter may not work on it. */
export function assertNotRecused(row: Pick<ComplaintRow, 'recused'>, ctx: RequestContext): void {
  if (!row.recused.includes(ctx.actor!.username)) return;
  throw new DomainError('recused', { en: 'You are involved in the matter complained about and may not work on it (recusal).', zh: '您与被投诉事项有关，须回避，不得处理。' });
}

/** Adds an entry to the complaint's timeline. */
export async function recordEvent(trx: Db, deps: Deps, complaintId: string, kind: ComplaintEventKind, body: Record<string, unknown>, actor: string | null): Promise<void> {
  await trx.insertInto('complaint_event').values({ id: deps.newId(), complaint_id: complaintId, kind, body: JSON.stringify(body), actor, at: deps.clock() }).execute();
}

/**
 * Tells the complainant in writing: an SMS to the phone given, else an e-mail. Once per `key`
 * (a retried step does not send twice). A complainant gave the contact for this complaint, so
 * service notices about it need no marketing consent.
 */
export async function notifyComplainant(trx: Db, deps: Deps, c: Pick<ComplaintRow, 'id' | 'complainant_phone_sealed' | 'complainant_email_sealed'>, template: TemplateName, params: Record<string, string | number>, key: string): Promise<boolean> {
  const to = c.complainant_phone_sealed ? { channel: 'sms' as const, sealed: c.complainant_phone_sealed } : c.complainant_email_sealed ? { channel: 'email' as const, sealed: c.complainant_email_sealed } : null;
  if (!to) return false;
  if (await trx.selectFrom('notification').select('id').where('subject_type', '=', 'complaint').where('subject_id', '=', key).executeTakeFirst()) return true;
  await enqueue(trx, deps, { channel: to.channel, to: deps.vault.open(to.sealed), template, lang: 'zh-CN', params, subject: { type: 'complaint', id: key } });
  return true;
}

/** The open task of the complaint's process at `elementId`, or a refusal saying which step it is at. */
export async function openTaskAt(db: Db, c: Pick<ComplaintRow, 'instance_id' | 'ref'>, elementIds: string | string[]): Promise<{ id: string; element_id: string; assignee: string | null }> {
  const wanted = Array.isArray(elementIds) ? elementIds : [elementIds];
  const tasks = c.instance_id ? await db.selectFrom('task').select(['id', 'element_id', 'assignee', 'name']).where('instance_id', '=', c.instance_id).where('status', '=', 'open').execute() : [];
  const task = tasks.find((t) => wanted.includes(t.element_id));
  if (task) return task;
  const at = tasks.map((t) => t.name ?? t.element_id).join(', ');
  throw new DomainError('invalid_state', {
    en: `Complaint ${c.ref} is not at this step${at ? ` (it is at: ${at})` : ''}.`,
    zh: `投诉 ${c.ref} 当前不在此环节${at ? `（当前环节：${at}）` : ''}。`,
  });
}

/** A money amount as yuan text for a notice: "，补偿 1,000.00 元。" or just the full stop. */
export function compensationText(amount: string | null | undefined, lang: 'zh' | 'en'): string {
  const n = Number(amount ?? 0);
  if (!(n > 0)) return lang === 'zh' ? '。' : '. ';
  const yuan = n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return lang === 'zh' ? `，补偿 ${yuan} 元。` : `, compensation CNY ${yuan}. `;
}
