import { randomBytes } from 'node:crypto';
import { systemContext, type RequestContext } from '../platform/access/actor.ts';
import { assertInScope } from '../platform/access/policy.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { countFailure, readThrottle } from '../platform/auth/login-throttle.repository.ts';
import type { BusinessCalendar } from '../platform/calendar/business-calendar.ts';
import { chinaDate } from '../platform/calendar/china-time.ts';
import type { Deps } from '../platform/deps.ts';
import { DomainError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { once, type Remember } from '../platform/idempotency.ts';
import { settingOf } from '../services/appointments/appointment.service.ts';
import { tokenHash } from '../services/surveys/survey.service.ts';
import { queueWrite, recordQueueEvent } from './queue-events.ts';
import { APPOINTMENT_EARLY_MINUTES, estimateWaitSeconds, isOpen, ticketCredit } from './queue-rules.ts';
import { countersFor, meanServiceSeconds, nextNumber, ticketsAhead } from './queue.repository.ts';
import { arrivalCode, ensureSetting, queueBranch } from './queue-setup.service.ts';
import type { TicketChannel } from './queue.table.ts';

/*
 * Issuing tickets (kiosk, mobile, appointment check-in, teller), the customer's view of their
 * ticket, the arrival check of a mobile ticket, and the rating after service.
 */

const TICKET = { en: 'ticket', zh: '排队号' };

export type IssueRequest = {
  branch: string;
  /** A queue category, or a catalogue service that one of the branch's categories takes. */
  category?: string | undefined;
  serviceCode?: string | undefined;
  channel: TicketChannel;
  /** Elderly, disabled, pregnant: served with priority. */
  priority?: boolean | undefined;
  customerId?: string | null | undefined;
  /** A mobile ticket taken on the way: it holds its place but is called only once confirmed at the branch. */
  remote?: boolean | undefined;
  appointmentCode?: string | undefined;
};

/** The branch is open for tickets now: a working day, within its opening hours. */
function assertOpen(calendar: BusinessCalendar, hours: { opens: string; closes: string }, now: Date): void {
  if (!isOpen(calendar, hours, now)) {
    throw new DomainError('invalid_state', { en: `The branch is closed now; it takes tickets on working days, ${hours.opens}–${hours.closes}.`, zh: `网点当前未营业，取号时间为工作日 ${hours.opens}–${hours.closes}。` });
  }
}

async function categoryOf(deps: Deps, unitId: string, input: IssueRequest): Promise<string> {
  const categories = await deps.db.selectFrom('queue_category').select(['code', 'service_codes', 'active']).where('unit_id', '=', unitId).orderBy('code').execute();
  const active = categories.filter((c) => c.active);
  if (input.category) {
    if (!active.some((c) => c.code === input.category)) throw new ValidationError([{ field: '/category', message: { en: `The branch has no open queue category "${input.category}".`, zh: `本网点没有可取号的业务类别“${input.category}”。` } }]);
    return input.category;
  }
  // a booked customer is never turned away for want of a matching queue: the first one takes them
  const byService = (input.serviceCode ? active.find((c) => c.service_codes.includes(input.serviceCode!)) : undefined) ?? (input.channel === 'appointment' ? active[0] : undefined);
  if (!byService) throw new ValidationError([{ field: input.serviceCode ? '/serviceCode' : '/category', message: { en: input.serviceCode ? 'No queue at this branch takes that service.' : 'Choose a queue category or a service.', zh: input.serviceCode ? '本网点没有办理该业务的队列。' : '请选择业务类别或服务。' } }]);
  return byService.code;
}

/**
 * Issues a ticket. `ctx` is the teller for a counter-issued ticket, otherwise the anonymous kiosk
 * or phone. With an `Idempotency-Key`, a kiosk or teller that retries after a lost answer gets the
 * same ticket, not a second one.
 */
export async function issueTicket(deps: Deps, calendar: BusinessCalendar, ctx: RequestContext, input: IssueRequest, key?: string) {
  return once<IssuedTicket>(deps, ctx, 'queue.ticket.issue', key, input, async (remember) => ({ status: 201, body: await issue(deps, calendar, ctx, input, remember) }));
}

export type IssuedTicket = Awaited<ReturnType<typeof issue>>;

async function issue(deps: Deps, calendar: BusinessCalendar, ctx: RequestContext, input: IssueRequest, remember: Remember) {
  const unit = await queueBranch(deps.db, input.branch);
  if (input.channel === 'teller') assertInScope(ctx.actor!, 'queue.serve', unit.path);
  const now = deps.clock();
  assertOpen(calendar, await settingOf(deps, unit.id), now);
  const setting = await ensureSetting(deps.db, unit.id);
  const category = await categoryOf(deps, unit.id, input);
  const appointment = input.appointmentCode ? await appointmentFor(deps, unit.id, input.appointmentCode, now) : null;
  const customerId = input.customerId ?? appointment?.customer_id ?? null;
  const customer = customerId ? await deps.db.selectFrom('customer').select(['id', 'segment']).where('id', '=', customerId).executeTakeFirst() : undefined;
  if (customerId && !customer) throw new ValidationError([{ field: '/customerId', message: { en: 'There is no such customer.', zh: '客户不存在。' } }]);
  const { class: cls, credit } = ticketCredit(setting, { appointmentInSlot: appointment?.inSlot ?? false, priority: input.priority ?? false, segment: customer?.segment ?? null });
  const token = randomBytes(18).toString('base64url');
  const id = deps.newId();
  const day = chinaDate(now);
  const remote = input.channel === 'mobile' && (input.remote ?? false);
  if (remote) await limitPhoneTickets(deps, ctx, now);
  return queueWrite(deps.db, unit.id, async (trx) => {
    if (appointment) {
      const checked = await trx.updateTable('appointment').set({ status: 'checked_in', updated_at: now }).where('id', '=', appointment.id).where('status', '=', 'booked').executeTakeFirst();
      if (Number(checked.numUpdatedRows) !== 1) throw new DomainError('invalid_state', { en: 'The booking is already checked in or no longer active.', zh: '该预约已签到或已失效。' });
    }
    const ahead = await ticketsAhead(trx, unit.id, category, now, credit, setting.maxWaitMinutes);
    const counters = await countersFor(trx, unit.id, category);
    const estimate = estimateWaitSeconds({ ahead, ...counters, meanServiceSeconds: await meanServiceSeconds(trx, unit.id, category, now) });
    // the number last: its row is held until commit, and every ticket of the category waits for it
    const number = await nextNumber(trx, unit.id, day, category);
    await trx
      .insertInto('queue_ticket')
      .values({ id, unit_id: unit.id, day, category, number, class: cls, credit_minutes: credit, segment: customer?.segment ?? null, channel: input.channel, customer_id: customerId, appointment_id: appointment?.id ?? null, access_hash: tokenHash(token), status: remote ? 'remote' : 'waiting', issued_at: now, queued_at: now, arrived_at: remote ? null : now, estimated_wait_seconds: remote ? null : estimate, called_at: null, last_called_at: null, counter_id: null, target_counter_id: null, served_by: null, serve_started_at: null, serve_ended_at: null, case_id: null, rating: null, rated_at: null })
      .execute();
    await recordQueueEvent(trx, unit.id, now, 'issued', id, { number, category, class: cls }, { waiting: true });
    await recordAudit(trx, ctx, { action: 'queue.ticket.issue', entityType: 'queue_ticket', entityId: id, unitId: unit.id, after: { number, category, class: cls, channel: input.channel, customerId, appointment: input.appointmentCode ?? null } }, now);
    const ticket = { id, token, number, category, class: cls, status: remote ? 'remote' : 'waiting', ahead, estimatedWaitMinutes: Math.ceil(estimate / 60), issuedAt: now.toISOString(), branch: { code: unit.code, nameZh: unit.name_zh, nameEn: unit.name_en } };
    await remember(trx, { status: 201, body: ticket });
    return ticket;
  });
}

/** Phone tickets one address may take in an hour: a phone ticket holds a place without anyone at the branch. */
export const PHONE_TICKETS_PER_HOUR = 5;

async function limitPhoneTickets(deps: Deps, ctx: RequestContext, now: Date): Promise<void> {
  const key = `queue-phone:${ctx.ip ?? 'unknown'}`;
  const state = await countFailure(deps.db, key, now, 60, PHONE_TICKETS_PER_HOUR + 1, 60);
  if (state.failures > PHONE_TICKETS_PER_HOUR) {
    throw new DomainError('rate_limited', { en: 'Too many phone tickets from this connection; take one at the branch kiosk.', zh: '本网络取号次数过多，请到网点取号机取号。' }, { retryAfterSeconds: 3600 });
  }
}

/** The booking checked in at the kiosk, and whether the customer came in time to keep its priority. */
async function appointmentFor(deps: Deps, unitId: string, code: string, now: Date) {
  const a = await deps.db.selectFrom('appointment').select(['id', 'unit_id', 'starts_at', 'status', 'customer_id']).where('code', '=', code.toUpperCase()).executeTakeFirst();
  if (!a || a.unit_id !== unitId) throw new ValidationError([{ field: '/appointmentCode', message: { en: 'There is no booking with this code at this branch.', zh: '本网点没有该预约码的预约。' } }]);
  if (a.status !== 'booked') throw new DomainError('invalid_state', { en: 'The booking is already checked in or no longer active.', zh: '该预约已签到或已失效。' });
  if (chinaDate(a.starts_at) !== chinaDate(now)) throw new ValidationError([{ field: '/appointmentCode', message: { en: `The booking is for ${chinaDate(a.starts_at)}, not today.`, zh: `该预约日期为 ${chinaDate(a.starts_at)}，不是今天。` } }]);
  const { slotMinutes } = await settingOf(deps, unitId);
  const inSlot = now.getTime() >= a.starts_at.getTime() - APPOINTMENT_EARLY_MINUTES * 60_000 && now.getTime() < a.starts_at.getTime() + slotMinutes * 60_000;
  return { ...a, inSlot };
}

async function byToken(deps: Deps, token: string) {
  const t = await deps.db
    .selectFrom('queue_ticket as t')
    .innerJoin('org_unit as o', 'o.id', 't.unit_id')
    .leftJoin('queue_counter as c', 'c.id', 't.counter_id')
    .selectAll('t')
    .select(['o.code as unit_code', 'o.name_zh', 'o.name_en', 'c.number as counter_number'])
    .where('t.access_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!t) throw new NotFoundError(TICKET, 'token');
  return t;
}

/** The customer's ticket: where it stands now, and how long they can still expect to wait. */
export async function ticketForCustomer(deps: Deps, token: string) {
  const t = await byToken(deps, token);
  const now = deps.clock();
  let ahead: number | null = null;
  let estimate: number | null = null;
  if (t.status === 'waiting' || t.status === 'remote') {
    const setting = await ensureSetting(deps.db, t.unit_id);
    const waited = (now.getTime() - t.queued_at.getTime()) / 60_000;
    // those scoring higher than this ticket now are ahead of it
    ahead = Math.max(0, (await ticketsAhead(deps.db, t.unit_id, t.category, now, Math.ceil(waited + t.credit_minutes), setting.maxWaitMinutes)) - (t.status === 'waiting' ? 1 : 0));
    estimate = Math.ceil(estimateWaitSeconds({ ahead, ...(await countersFor(deps.db, t.unit_id, t.category)), meanServiceSeconds: await meanServiceSeconds(deps.db, t.unit_id, t.category, now) }) / 60);
  }
  return { number: t.number, category: t.category, status: t.status, class: t.class, issuedAt: t.issued_at.toISOString(), ahead, estimatedWaitMinutes: estimate, counter: t.counter_number ?? null, rated: t.rating !== null, branch: { code: t.unit_code, nameZh: t.name_zh, nameEn: t.name_en } };
}

/** A mobile ticket's holder is at the branch: the day's arrival code from the board lets it be called. */
export async function confirmArrival(deps: Deps, token: string, code: string) {
  const t = await byToken(deps, token);
  if (t.status !== 'remote') throw new DomainError('invalid_state', { en: 'This ticket needs no arrival check.', zh: '该排队号无需到店确认。' });
  const now = deps.clock();
  // five wrong codes lock the ticket's check for 15 minutes: the code cannot be guessed from afar
  const key = `queue-arrival:${t.id}`;
  const state = (await readThrottle(deps.db, [key])).get(key);
  if (state?.lockedUntil && state.lockedUntil > now) throw new DomainError('rate_limited', { en: 'Too many wrong codes; ask the staff at the branch.', zh: '确认码错误次数过多，请咨询网点工作人员。' }, { retryAfterSeconds: Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000) });
  if (code !== arrivalCode(deps, t.unit_id, chinaDate(t.issued_at))) {
    await countFailure(deps.db, key, now, 15, 5, 15);
    throw new ValidationError([{ field: '/code', message: { en: 'That is not the code on the branch display board.', zh: '到店确认码不正确，请查看网点叫号屏。' } }]);
  }
  await queueWrite(deps.db, t.unit_id, async (trx) => {
    const moved = await trx.updateTable('queue_ticket').set({ status: 'waiting', arrived_at: now, version: (eb) => eb('version', '+', 1) }).where('id', '=', t.id).where('status', '=', 'remote').executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) return;
    await recordQueueEvent(trx, t.unit_id, now, 'arrived', t.id, { number: t.number, category: t.category }, { waiting: true });
    await recordAudit(trx, systemContext(), { action: 'queue.ticket.arrive', entityType: 'queue_ticket', entityId: t.id, unitId: t.unit_id }, now);
  });
  return ticketForCustomer(deps, token);
}

/** The customer rates the service once it is done; the rating counts for the teller who served and is kept as a survey answer. */
export async function rateService(deps: Deps, token: string, rating: { score: number; comment?: string | undefined }) {
  const t = await byToken(deps, token);
  if (t.status !== 'done') throw new DomainError('invalid_state', { en: 'A ticket can be rated once its service is finished.', zh: '业务办理完成后才能评价。' });
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const rated = await trx.updateTable('queue_ticket').set({ rating: rating.score, rated_at: now }).where('id', '=', t.id).where('rating', 'is', null).executeTakeFirst();
    if (Number(rated.numUpdatedRows) !== 1) throw new DomainError('invalid_state', { en: 'This service has already been rated. Thank you!', zh: '您已评价过本次服务，谢谢！' });
    await trx.insertInto('survey').values({ id: deps.newId(), case_id: null, ticket_id: t.id, token_hash: tokenHash(`ticket:${t.id}`), unit_id: t.unit_id, staff: t.served_by, sent_at: t.serve_ended_at ?? now, answered_at: now, csat: rating.score, nps: null, comment: rating.comment ?? null, follow_up_instance_id: null }).execute();
    await recordAudit(trx, systemContext(), { action: 'queue.ticket.rate', entityType: 'queue_ticket', entityId: t.id, unitId: t.unit_id, after: { score: rating.score } }, now);
  });
  return { rated: true, score: rating.score };
}
