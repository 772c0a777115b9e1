import { randomInt } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type { RequestContext } from '../../platform/access/actor.ts';
import { systemContext } from '../../platform/access/actor.ts';
import { assertInScope, scopePrefix } from '../../platform/access/policy.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { BusinessCalendar } from '../../platform/calendar/business-calendar.ts';
import type { Deps } from '../../platform/deps.ts';
import { DomainError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { once, type Remember } from '../../platform/idempotency.ts';
import { findUnitByCode } from '../../platform/org/unit.repository.ts';
import { maskName, maskPhone } from '../../platform/pii/index.ts';
import { normalise } from '../../platform/pii/vault.ts';
import { getService } from '../catalog/catalog.service.ts';
import { enqueue } from '../notifications/notification.service.ts';

const APPOINTMENT = { en: 'appointment', zh: '预约' };
/** When a branch has set nothing: 09:00–17:00, half-hour slots of two customers, two weeks ahead. */
export const DEFAULT_SETTING = { opens: '09:00', closes: '17:00', slotMinutes: 30, capacity: 2, daysAhead: 14 };
/** Future bookings one phone may hold at once. */
const MAX_ACTIVE_PER_PHONE = 3;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

type Setting = typeof DEFAULT_SETTING;

/** A branch's appointment hours and slots; its opening hours for the counter queue too. */
export async function settingOf(deps: Deps, unitId: string): Promise<Setting> {
  const row = await deps.db.selectFrom('appointment_setting').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
  return row ? { opens: row.opens, closes: row.closes, slotMinutes: row.slot_minutes, capacity: row.capacity, daysAhead: row.days_ahead } : DEFAULT_SETTING;
}

async function branch(deps: Deps, code: string, field = '/branch') {
  const unit = await findUnitByCode(deps.db, code);
  if (!unit || !unit.active || !['branch', 'sub_branch'].includes(unit.kind)) throw new ValidationError([{ field, message: { en: `There is no branch "${code}" taking appointments.`, zh: `网点“${code}”不存在或不接受预约。` } }]);
  return unit;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Slot starts of a branch over the coming days: working days only, within its opening hours. */
export function slotStarts(calendar: BusinessCalendar, setting: Setting, from: Date, days: number): Date[] {
  const out: Date[] = [];
  const offset = calendar.utcOffsetMinutes * 60_000;
  const firstDay = Math.floor((from.getTime() + offset) / 86_400_000);
  for (let d = 0; d < days; d++) {
    const midnight = (firstDay + d) * 86_400_000 - offset;
    if (!calendar.isWorkingDay(calendar.localDate(new Date(midnight + 3600_000)))) continue;
    for (let m = minutes(setting.opens); m + setting.slotMinutes <= minutes(setting.closes); m += setting.slotMinutes) {
      const start = new Date(midnight + m * 60_000);
      if (start > from) out.push(start);
    }
  }
  return out;
}

/** Free places per slot of a branch for a service, over `days` days from today. */
export async function availableSlots(deps: Deps, calendar: BusinessCalendar, input: { branch: string; service: string; days?: number | undefined }) {
  const unit = await branch(deps, input.branch);
  const service = await getService(deps, input.service, true);
  if (service.branches.length > 0 && !service.branches.includes(unit.code)) throw new ValidationError([{ field: '/service', message: { en: 'This branch does not offer the service.', zh: '该网点不办理此项业务。' } }]);
  const setting = await settingOf(deps, unit.id);
  const starts = slotStarts(calendar, setting, deps.clock(), Math.min(input.days ?? 7, setting.daysAhead));
  if (starts.length === 0) return { branch: unit.code, slotMinutes: setting.slotMinutes, slots: [] };
  const booked = await deps.db.selectFrom('appointment_slot').select(['starts_at', 'capacity', 'booked']).where('unit_id', '=', unit.id).where('starts_at', '>=', starts[0]!).where('starts_at', '<=', starts.at(-1)!).execute();
  const byStart = new Map(booked.map((b) => [b.starts_at.getTime(), b]));
  return {
    branch: unit.code,
    slotMinutes: setting.slotMinutes,
    slots: starts.map((s) => {
      const b = byStart.get(s.getTime());
      return { startsAt: s.toISOString(), available: Math.max(0, (b?.capacity ?? setting.capacity) - (b?.booked ?? 0)) };
    }),
  };
}

function newCode(): string {
  return Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

const full = () => new DomainError('version_conflict', { en: 'That time is fully booked now; choose another.', zh: '该时段已约满，请选择其他时段。' }, { errors: [{ field: '/startsAt', message: { en: 'fully booked', zh: '已约满' } }] });

/**
 * Takes one place of a slot: the row is created at its capacity on first use, and the increment
 * is guarded by `booked < capacity` in one statement, so concurrent bookings never overfill it.
 */
async function takePlace(trx: Transaction<Database>, unitId: string, startsAt: Date, capacity: number): Promise<void> {
  await trx.insertInto('appointment_slot').values({ unit_id: unitId, starts_at: startsAt, capacity, booked: 0 }).onConflict((oc) => oc.columns(['unit_id', 'starts_at']).doNothing()).execute();
  const taken = await trx.updateTable('appointment_slot').set({ booked: sql`booked + 1` }).where('unit_id', '=', unitId).where('starts_at', '=', startsAt).where(sql<boolean>`booked < capacity`).executeTakeFirst();
  if (Number(taken.numUpdatedRows) !== 1) throw full();
}

async function checkSlot(deps: Deps, calendar: BusinessCalendar, unitId: string, startsAt: Date): Promise<Setting> {
  const setting = await settingOf(deps, unitId);
  const valid = slotStarts(calendar, setting, deps.clock(), setting.daysAhead).some((s) => s.getTime() === startsAt.getTime());
  if (!valid) throw new ValidationError([{ field: '/startsAt', message: { en: 'That is not a bookable time at this branch (closed, past, or too far ahead).', zh: '该时间不可预约（非营业时间、已过或超出可预约天数）。' } }]);
  return setting;
}

type BookRequest = { branch: string; service: string; startsAt: string; name: string; phone: string; lang: string };

/**
 * Books a place for a customer (no sign-in): name and phone; the answer carries the booking code.
 * With an `Idempotency-Key`, a phone that retries after a lost answer gets the booking it already
 * made (the same code), not a second place.
 */
export async function book(deps: Deps, calendar: BusinessCalendar, ctx: RequestContext, input: BookRequest, key?: string) {
  const request = { branch: input.branch, service: input.service, startsAt: input.startsAt, name: input.name, phone: input.phone }; // not the language of the answer
  return once<BookingView>(deps, ctx, 'appointment.book', key, request, async (remember) => ({ status: 201, body: await bookPlace(deps, calendar, input, remember) }));
}

async function bookPlace(deps: Deps, calendar: BusinessCalendar, input: BookRequest, remember: Remember) {
  const unit = await branch(deps, input.branch);
  const service = await getService(deps, input.service, true).catch(() => {
    throw new ValidationError([{ field: '/service', message: { en: 'There is no such service.', zh: '服务不存在。' } }]);
  });
  if (service.branches.length > 0 && !service.branches.includes(unit.code)) throw new ValidationError([{ field: '/service', message: { en: 'This branch does not offer the service.', zh: '该网点不办理此项业务。' } }]);
  const startsAt = new Date(input.startsAt);
  const setting = await checkSlot(deps, calendar, unit.id, startsAt);
  const phone = normalise(input.phone);
  const digest = deps.vault.digest('phone', phone);
  const now = deps.clock();
  const id = deps.newId();
  const code = newCode();
  return deps.db.transaction().execute(async (trx) => {
    const active = await trx.selectFrom('appointment').select((eb) => eb.fn.countAll<number>().as('n')).where('phone_digest', '=', digest).where('status', '=', 'booked').where('starts_at', '>', now).executeTakeFirstOrThrow();
    if (Number(active.n) >= MAX_ACTIVE_PER_PHONE) throw new DomainError('invalid_state', { en: `A phone number may hold ${MAX_ACTIVE_PER_PHONE} bookings at once; cancel one first.`, zh: `同一手机号最多同时保留 ${MAX_ACTIVE_PER_PHONE} 个预约，请先取消其他预约。` });
    await takePlace(trx, unit.id, startsAt, setting.capacity);
    await trx.insertInto('appointment').values({ id, code, unit_id: unit.id, service_code: service.code, starts_at: startsAt, customer_name: input.name.trim(), phone_sealed: deps.vault.seal(phone), phone_digest: digest, phone_masked: maskPhone(phone), customer_id: null, status: 'booked', reminded_at: null, case_id: null, created_at: now, updated_at: now }).execute();
    await recordAudit(trx, systemContext(), { action: 'appointment.book', entityType: 'appointment', entityId: id, unitId: unit.id, after: { code, service: service.code, startsAt: startsAt.toISOString(), phone: maskPhone(phone) } }, now);
    await enqueue(trx, deps, { channel: 'sms', to: phone, template: 'appointment_booked', lang: input.lang, params: { branch: input.lang.startsWith('zh') ? unit.name_zh : unit.name_en, time: localTime(calendar, startsAt), service: input.lang.startsWith('zh') ? service.nameZh : service.nameEn, code }, subject: { type: 'appointment', id } });
    const view = bookingView({ code, status: 'booked', starts_at: startsAt, unit_code: unit.code, name_zh: unit.name_zh, name_en: unit.name_en, customer_name: input.name.trim(), phone_masked: maskPhone(phone) }, service);
    await remember(trx, { status: 201, body: view });
    return view;
  });
}

function localTime(calendar: BusinessCalendar, at: Date): string {
  const local = new Date(at.getTime() + calendar.utcOffsetMinutes * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

/** A booking as its customer sees it, found by code and the phone it was made with. */
async function ownBooking(deps: Deps, code: string, phone: string) {
  const row = await deps.db
    .selectFrom('appointment as a')
    .innerJoin('org_unit as o', 'o.id', 'a.unit_id')
    .selectAll('a')
    .select(['o.code as unit_code', 'o.name_zh', 'o.name_en'])
    .where('a.code', '=', code.toUpperCase())
    .executeTakeFirst();
  // a wrong phone answers like a wrong code: the code alone reveals nothing
  if (!row || row.phone_digest !== deps.vault.digest('phone', normalise(phone))) throw new NotFoundError(APPOINTMENT, code);
  return row;
}

export async function publicView(deps: Deps, code: string, phone: string) {
  const a = await ownBooking(deps, code, phone);
  return bookingView(a, await getService(deps, a.service_code, false));
}

type BookingRow = { code: string; status: string; starts_at: Date; unit_code: string; name_zh: string; name_en: string; customer_name: string; phone_masked: string };
type BookingView = ReturnType<typeof bookingView>;

function bookingView(a: BookingRow, service: Awaited<ReturnType<typeof getService>>) {
  return { code: a.code, status: a.status, startsAt: a.starts_at.toISOString(), branch: { code: a.unit_code, nameZh: a.name_zh, nameEn: a.name_en }, service: { code: service.code, nameZh: service.nameZh, nameEn: service.nameEn, materials: service.materials }, name: maskName(a.customer_name), phone: a.phone_masked };
}

/** Moves a booking to another slot: the new place is taken before the old one is given back. */
export async function reschedule(deps: Deps, calendar: BusinessCalendar, code: string, phone: string, startsAtText: string) {
  const a = await ownBooking(deps, code, phone);
  if (a.status !== 'booked') throw new DomainError('invalid_state', { en: 'Only an active booking can be moved.', zh: '只能改约有效的预约。' });
  const startsAt = new Date(startsAtText);
  const setting = await checkSlot(deps, calendar, a.unit_id, startsAt);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await takePlace(trx, a.unit_id, startsAt, setting.capacity);
    await trx.updateTable('appointment_slot').set({ booked: sql`greatest(booked - 1, 0)` }).where('unit_id', '=', a.unit_id).where('starts_at', '=', a.starts_at).execute();
    const moved = await trx.updateTable('appointment').set({ starts_at: startsAt, updated_at: now, reminded_at: null }).where('id', '=', a.id).where('status', '=', 'booked').where('starts_at', '=', a.starts_at).executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw new DomainError('version_conflict', { en: 'The booking changed meanwhile; look again.', zh: '预约已变更，请刷新后重试。' });
    await recordAudit(trx, systemContext(), { action: 'appointment.reschedule', entityType: 'appointment', entityId: a.id, unitId: a.unit_id, before: { startsAt: a.starts_at.toISOString() }, after: { startsAt: startsAt.toISOString() } }, now);
  });
  return publicView(deps, code, phone);
}

export async function cancel(deps: Deps, calendar: BusinessCalendar, code: string, phone: string, lang: string) {
  const a = await ownBooking(deps, code, phone);
  if (a.status !== 'booked') throw new DomainError('invalid_state', { en: 'The booking is no longer active.', zh: '该预约已失效。' });
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const cancelled = await trx.updateTable('appointment').set({ status: 'cancelled', updated_at: now }).where('id', '=', a.id).where('status', '=', 'booked').executeTakeFirst();
    if (Number(cancelled.numUpdatedRows) !== 1) return;
    await trx.updateTable('appointment_slot').set({ booked: sql`greatest(booked - 1, 0)` }).where('unit_id', '=', a.unit_id).where('starts_at', '=', a.starts_at).execute();
    await recordAudit(trx, systemContext(), { action: 'appointment.cancel', entityType: 'appointment', entityId: a.id, unitId: a.unit_id }, now);
    await enqueue(trx, deps, { channel: 'sms', to: normalise(phone), template: 'appointment_cancelled', lang, params: { branch: lang.startsWith('zh') ? a.name_zh : a.name_en, time: localTime(calendar, a.starts_at) }, subject: { type: 'appointment', id: a.id } });
  });
  return publicView(deps, code, phone);
}

/** Reminds customers of tomorrow's bookings (those starting within 24 hours), once each. */
export async function sendReminders(deps: Deps, calendar: BusinessCalendar): Promise<number> {
  const now = deps.clock();
  const due = await deps.db
    .selectFrom('appointment as a')
    .innerJoin('org_unit as o', 'o.id', 'a.unit_id')
    .select(['a.id', 'a.code', 'a.starts_at', 'a.phone_sealed', 'a.service_code', 'o.name_zh'])
    .where('a.status', '=', 'booked')
    .where('a.reminded_at', 'is', null)
    .where('a.starts_at', '>', now)
    .where('a.starts_at', '<=', new Date(now.getTime() + 24 * 3600_000))
    .limit(200)
    .execute();
  for (const a of due) {
    const service = await getService(deps, a.service_code, false);
    await deps.db.transaction().execute(async (trx) => {
      const marked = await trx.updateTable('appointment').set({ reminded_at: now }).where('id', '=', a.id).where('reminded_at', 'is', null).executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) return;
      await enqueue(trx, deps, { channel: 'sms', to: deps.vault.open(a.phone_sealed), template: 'appointment_reminder', lang: 'zh-CN', params: { branch: a.name_zh, time: localTime(calendar, a.starts_at), service: service.nameZh, code: a.code }, subject: { type: 'appointment', id: a.id } });
    });
  }
  return due.length;
}

/** A branch's bookings of a day, for its staff. */
export async function listAppointments(deps: Deps, ctx: RequestContext, f: { date?: string | undefined; status?: string | undefined; limit: number; offset: number }) {
  const prefix = scopePrefix(ctx.actor!, 'case.read');
  let q = deps.db.selectFrom('appointment as a').innerJoin('org_unit as o', 'o.id', 'a.unit_id');
  if (prefix) q = q.where('o.path', 'like', `${prefix}%`);
  if (f.date) {
    const start = new Date(`${f.date}T00:00:00+08:00`);
    q = q.where('a.starts_at', '>=', start).where('a.starts_at', '<', new Date(start.getTime() + 86_400_000));
  }
  if (f.status) q = q.where('a.status', '=', f.status as never);
  const rows = await q.selectAll('a').select(['o.code as unit_code']).orderBy('a.starts_at').limit(f.limit).offset(f.offset).execute();
  return { items: rows.map((a) => ({ id: a.id, code: a.code, unitCode: a.unit_code, serviceCode: a.service_code, startsAt: a.starts_at.toISOString(), name: maskName(a.customer_name), phone: a.phone_masked, status: a.status, customerId: a.customer_id, caseId: a.case_id })) };
}

/**
 * The customer arrives: the booking is checked in (and linked to the customer when known). The
 * answer gives the time the case's clock starts from: the booked time, or arrival if later.
 */
export async function checkIn(deps: Deps, ctx: RequestContext, code: string, customerId: string | null) {
  const a = await deps.db.selectFrom('appointment as a').innerJoin('org_unit as o', 'o.id', 'a.unit_id').selectAll('a').select('o.path').where('a.code', '=', code.toUpperCase()).executeTakeFirst();
  if (!a) throw new NotFoundError(APPOINTMENT, code);
  assertInScope(ctx.actor!, 'case.write', a.path);
  if (a.status !== 'booked') throw new DomainError('invalid_state', { en: `The booking is ${a.status}.`, zh: '该预约已失效或已签到。' });
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('appointment').set({ status: 'checked_in', customer_id: customerId, updated_at: now }).where('id', '=', a.id).execute();
    await recordAudit(trx, ctx, { action: 'appointment.check_in', entityType: 'appointment', entityId: a.id, unitId: a.unit_id, after: { customerId } }, now);
  });
  return { code: a.code, serviceCode: a.service_code, startsAt: a.starts_at.toISOString(), clockStartsAt: (a.starts_at > now ? now : a.starts_at).toISOString(), status: 'checked_in' };
}

/** Opening hours, slot length and capacity of a branch's appointments. */
export async function putSetting(deps: Deps, ctx: RequestContext, unitCode: string, s: Setting) {
  const unit = await branch(deps, unitCode, '/unitCode');
  assertInScope(ctx.actor!, 'appointment.manage', unit.path);
  if (minutes(s.opens) + s.slotMinutes > minutes(s.closes)) throw new ValidationError([{ field: '/closes', message: { en: 'Closing must leave room for at least one slot after opening.', zh: '结束时间应晚于开始时间至少一个时段。' } }]);
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('appointment_setting').values({ unit_id: unit.id, opens: s.opens, closes: s.closes, slot_minutes: s.slotMinutes, capacity: s.capacity, days_ahead: s.daysAhead }).onConflict((oc) => oc.column('unit_id').doUpdateSet({ opens: s.opens, closes: s.closes, slot_minutes: s.slotMinutes, capacity: s.capacity, days_ahead: s.daysAhead })).execute();
    await recordAudit(trx, ctx, { action: 'appointment.setting', entityType: 'org_unit', entityId: unit.id, unitId: unit.id, after: s }, deps.clock());
  });
  return s;
}
