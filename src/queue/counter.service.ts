import { sql, type Selectable, type Transaction } from 'kysely';
import type { RequestContext } from '../platform/access/actor.ts';
import { assertInScope } from '../platform/access/policy.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import type { Database } from '../platform/db/schema.ts';
import type { Deps } from '../platform/deps.ts';
import { DomainError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { once, type Remember } from '../platform/idempotency.ts';
import type { Engine } from '../engine/engine.ts';
import { getCase, openCaseWithin } from '../services/cases/case.service.ts';
import { queueWrite, recordQueueEvent, type QueueEventType } from './queue-events.ts';
import { ensureSetting } from './queue-setup.service.ts';
import type { QueueTicketTable, TicketStatus } from './queue.table.ts';

/*
 * The counter's work: sign in, call the next ticket, recall, no-show, start and finish service,
 * transfer, park and resume, and open a case from the ticket. Every change of a ticket is one
 * transaction with its branch event and audit entry.
 */

const COUNTER = { en: 'counter', zh: '窗口' };
const TICKET = { en: 'ticket', zh: '排队号' };

async function counterOf(deps: Deps, ctx: RequestContext, counterId: string) {
  const c = await deps.db.selectFrom('queue_counter as c').innerJoin('org_unit as o', 'o.id', 'c.unit_id').selectAll('c').select(['o.path', 'o.code as unit_code']).where('c.id', '=', counterId).executeTakeFirst();
  if (!c) throw new NotFoundError(COUNTER, counterId);
  assertInScope(ctx.actor!, 'queue.serve', c.path);
  return c;
}

/** The counter, which must be open with the caller signed in at it. */
async function myCounter(deps: Deps, ctx: RequestContext, counterId: string) {
  const c = await counterOf(deps, ctx, counterId);
  if (c.status !== 'open' || c.staff !== ctx.actor!.username) throw new DomainError('invalid_state', { en: `Sign in at counter ${c.number} first.`, zh: `请先登录 ${c.number} 号窗口。` });
  return c;
}

/** Ends the open time of a counter, or of whatever counter a person staffs. */
async function closeSessions(trx: Transaction<Database>, now: Date, who: { counterId?: string; staff?: string }): Promise<void> {
  let q = trx.updateTable('queue_counter_session').set({ closed_at: now }).where('closed_at', 'is', null);
  if (who.counterId) q = q.where('counter_id', '=', who.counterId);
  if (who.staff) q = q.where('staff', '=', who.staff);
  await q.execute();
}

export async function signIn(deps: Deps, ctx: RequestContext, counterId: string) {
  const c = await counterOf(deps, ctx, counterId);
  const me = ctx.actor!.username;
  if (c.staff && c.staff !== me && c.status !== 'closed') throw new DomainError('invalid_state', { en: `Counter ${c.number} is staffed by ${c.staff}; they sign out first.`, zh: `${c.number} 号窗口已由 ${c.staff} 登录，请其先退出。` });
  const now = deps.clock();
  await queueWrite(deps.db, c.unit_id, async (trx) => {
    // one person, one counter: leaving any other counter
    await trx.updateTable('queue_counter').set({ status: 'closed', staff: null, signed_in_at: null }).where('staff', '=', me).where('id', '!=', c.id).execute();
    await trx.updateTable('queue_counter').set({ status: 'open', staff: me, signed_in_at: now }).where('id', '=', c.id).execute();
    await closeSessions(trx, now, { staff: me });
    await closeSessions(trx, now, { counterId: c.id });
    await trx.insertInto('queue_counter_session').values({ id: deps.newId(), counter_id: c.id, unit_id: c.unit_id, staff: me, opened_at: now, closed_at: null }).execute();
    await recordQueueEvent(trx, c.unit_id, now, 'counter', null, { counter: c.number, status: 'open' });
    await recordAudit(trx, ctx, { action: 'queue.counter.sign_in', entityType: 'queue_counter', entityId: c.id, unitId: c.unit_id }, now);
  });
  return { id: c.id, number: c.number, status: 'open' as const, staff: me };
}

/** Closes the counter (`closed`) or pauses it (`paused`, a break: no calls, still the caller's). */
export async function leave(deps: Deps, ctx: RequestContext, counterId: string, status: 'closed' | 'paused') {
  const c = await myCounter(deps, ctx, counterId).catch(async (error) => {
    const paused = await counterOf(deps, ctx, counterId);
    if (paused.status === 'paused' && paused.staff === ctx.actor!.username) return paused;
    throw error;
  });
  const now = deps.clock();
  await queueWrite(deps.db, c.unit_id, async (trx) => {
    const active = await trx.selectFrom('queue_ticket').select('number').where('counter_id', '=', c.id).where('status', 'in', ['called', 'serving']).executeTakeFirst();
    if (active) throw new DomainError('invalid_state', { en: `Finish or transfer ticket ${active.number} first.`, zh: `请先办结或转移 ${active.number} 号。` });
    await trx.updateTable('queue_counter').set(status === 'closed' ? { status, staff: null, signed_in_at: null } : { status }).where('id', '=', c.id).execute();
    await closeSessions(trx, now, { counterId: c.id });
    await recordQueueEvent(trx, c.unit_id, now, 'counter', null, { counter: c.number, status });
    await recordAudit(trx, ctx, { action: `queue.counter.${status === 'closed' ? 'sign_out' : 'pause'}`, entityType: 'queue_counter', entityId: c.id, unitId: c.unit_id }, now);
  });
  return { id: c.id, number: c.number, status, staff: status === 'closed' ? null : c.staff };
}

/**
 * Calls the next ticket to the counter: among waiting tickets for this counter or of a category it
 * serves, one past the branch's wait bound first (oldest first); otherwise the counter's first
 * category before its next ones, and within them the highest minutes waited + head start. One
 * statement with `FOR UPDATE SKIP LOCKED`: two counters calling at once get different tickets.
 * Null when nobody waits. With an `Idempotency-Key`, a console that retries after a lost answer
 * gets the ticket the first call handed out instead of calling another one.
 */
export async function callNext(deps: Deps, ctx: RequestContext, counterId: string, key?: string) {
  return once<{ ticket: CounterTicket | null }>(deps, ctx, 'queue.ticket.call', key, { counterId }, async (remember) => {
    const ticket = await callNextTicket(deps, ctx, counterId, remember);
    return { status: 200, body: { ticket } };
  });
}

async function callNextTicket(deps: Deps, ctx: RequestContext, counterId: string, remember: Remember) {
  const c = await myCounter(deps, ctx, counterId);
  const setting = await ensureSetting(deps.db, c.unit_id);
  const now = deps.clock();
  return queueWrite(deps.db, c.unit_id, async (trx) => {
    // one call at a time per counter (a double click, two tabs): the counter's row is held to commit
    await trx.selectFrom('queue_counter').select('id').where('id', '=', c.id).forUpdate().execute();
    const active = await trx.selectFrom('queue_ticket').select('number').where('counter_id', '=', c.id).where('status', 'in', ['called', 'serving']).executeTakeFirst();
    if (active) throw new DomainError('invalid_state', { en: `Ticket ${active.number} is still at this counter: finish, transfer or mark it a no-show first.`, zh: `${active.number} 号仍在本窗口，请先办结、转移或过号。` });
    const bound = sql`${now}::timestamptz - make_interval(mins => ${setting.maxWaitMinutes}::int)`;
    const { rows } = await sql<{ id: string; number: string; category: string }>`
      update queue_ticket t set status = 'called', counter_id = ${c.id}, called_at = ${now}, last_called_at = ${now}, call_count = 1, version = t.version + 1
      where t.id = (
        select q.id from queue_ticket q
        where q.unit_id = ${c.unit_id} and q.status = 'waiting'
          and (q.target_counter_id = ${c.id} or (q.target_counter_id is null and ${JSON.stringify(c.categories)}::jsonb ? q.category))
        order by (q.queued_at < ${bound}) desc,
          case when q.queued_at < ${bound} then q.queued_at end,
          (q.target_counter_id is null), coalesce(array_position(${c.categories}::text[], q.category), 0),
          q.queued_at - make_interval(mins => q.credit_minutes)
        limit 1
        for update skip locked
      )
      returning t.id, t.number, t.category`.execute(trx);
    const called = rows[0];
    if (!called) {
      await remember(trx, { status: 200, body: { ticket: null } });
      return null;
    }
    await recordQueueEvent(trx, c.unit_id, now, 'called', called.id, { number: called.number, category: called.category, counter: c.number, call: 1 }, { waiting: true });
    await recordAudit(trx, ctx, { action: 'queue.ticket.call', entityType: 'queue_ticket', entityId: called.id, unitId: c.unit_id, after: { counter: c.number } }, now);
    const ticket = await ticketAtCounter(trx, called.id);
    await remember(trx, { status: 200, body: { ticket } });
    return ticket;
  });
}

export type CounterTicket = Awaited<ReturnType<typeof ticketAtCounter>>;

/** A ticket as the counter console shows it. */
export async function ticketAtCounter(db: Transaction<Database> | Deps['db'], id: string) {
  const t = await db.selectFrom('queue_ticket as t').leftJoin('queue_counter as c', 'c.id', 't.counter_id').selectAll('t').select('c.number as counter_number').where('t.id', '=', id).executeTakeFirstOrThrow();
  return {
    id: t.id, number: t.number, category: t.category, class: t.class, status: t.status, channel: t.channel, customerId: t.customer_id, caseId: t.case_id, counter: t.counter_number ?? null,
    issuedAt: t.issued_at.toISOString(), queuedAt: t.queued_at.toISOString(), calledAt: t.called_at?.toISOString() ?? null, callCount: t.call_count, serveStartedAt: t.serve_started_at?.toISOString() ?? null, serveEndedAt: t.serve_ended_at?.toISOString() ?? null, transfers: t.transfers,
  };
}

type Ticket = Selectable<QueueTicketTable>;
type Move = { from: TicketStatus[]; event: QueueEventType; action: string; set: (t: Ticket) => Record<string, unknown>; check?: (t: Ticket, setting: { noShowAfterCalls: number }) => void };

/** A change of a ticket at the caller's counter, guarded by its status and version. */
async function move(deps: Deps, ctx: RequestContext, counterId: string, ticketId: string, m: Move, extra: Record<string, unknown> = {}) {
  const c = await myCounter(deps, ctx, counterId);
  const t = await deps.db.selectFrom('queue_ticket').selectAll().where('id', '=', ticketId).executeTakeFirst();
  if (!t || t.unit_id !== c.unit_id) throw new NotFoundError(TICKET, ticketId);
  if (t.counter_id !== c.id || !m.from.includes(t.status)) throw new DomainError('invalid_state', { en: `Ticket ${t.number} is ${t.status}${t.counter_id === c.id ? '' : ' at another counter'}; this cannot be done now.`, zh: `${t.number} 号当前状态为 ${t.status}${t.counter_id === c.id ? '' : '（不在本窗口）'}，无法进行此操作。` });
  m.check?.(t, await ensureSetting(deps.db, c.unit_id));
  const now = deps.clock();
  return queueWrite(deps.db, c.unit_id, async (trx) => {
    const changes = m.set(t);
    const changed = await trx.updateTable('queue_ticket').set({ ...changes, version: t.version + 1 }).where('id', '=', t.id).where('version', '=', t.version).executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) throw new DomainError('version_conflict', { en: 'The ticket changed meanwhile; look again.', zh: '该排队号已变化，请刷新。' });
    await recordQueueEvent(trx, c.unit_id, now, m.event, t.id, { number: t.number, category: t.category, counter: c.number, ...extra }, { waiting: true });
    await recordAudit(trx, ctx, { action: m.action, entityType: 'queue_ticket', entityId: t.id, unitId: c.unit_id, before: { status: t.status }, after: { ...changes, ...extra } }, now);
    return ticketAtCounter(trx, t.id);
  });
}

export function recall(deps: Deps, ctx: RequestContext, counterId: string, ticketId: string) {
  const now = deps.clock();
  return move(deps, ctx, counterId, ticketId, {
    from: ['called'], event: 'recalled', action: 'queue.ticket.recall',
    check: (t, s) => {
      if (t.call_count >= s.noShowAfterCalls) throw new DomainError('invalid_state', { en: `Called ${t.call_count} times: mark it a no-show and call the next.`, zh: `已呼叫 ${t.call_count} 次，请过号后叫下一位。` });
    },
    set: (t) => ({ call_count: t.call_count + 1, last_called_at: now }),
  });
}

/** The customer did not come after the branch's number of calls. */
export function noShow(deps: Deps, ctx: RequestContext, counterId: string, ticketId: string) {
  return move(deps, ctx, counterId, ticketId, {
    from: ['called'], event: 'no_show', action: 'queue.ticket.no_show',
    check: (t, s) => {
      if (t.call_count < s.noShowAfterCalls) throw new DomainError('invalid_state', { en: `Call the customer ${s.noShowAfterCalls} times before a no-show (called ${t.call_count}).`, zh: `过号前需呼叫 ${s.noShowAfterCalls} 次（已呼叫 ${t.call_count} 次）。` });
    },
    set: () => ({ status: 'no_show' }),
  });
}

export function startService(deps: Deps, ctx: RequestContext, counterId: string, ticketId: string) {
  const now = deps.clock();
  return move(deps, ctx, counterId, ticketId, { from: ['called'], event: 'serving', action: 'queue.ticket.serve', set: () => ({ status: 'serving', serve_started_at: now, served_by: ctx.actor!.username }) });
}

export function finishService(deps: Deps, ctx: RequestContext, counterId: string, ticketId: string) {
  const now = deps.clock();
  return move(deps, ctx, counterId, ticketId, { from: ['serving'], event: 'done', action: 'queue.ticket.finish', set: () => ({ status: 'done', serve_ended_at: now }) });
}

/** Parks a ticket in service (the customer fills in a form): the counter may call others meanwhile. */
export function park(deps: Deps, ctx: RequestContext, counterId: string, ticketId: string) {
  return move(deps, ctx, counterId, ticketId, { from: ['serving'], event: 'parked', action: 'queue.ticket.park', set: () => ({ status: 'parked' }) });
}

export async function resume(deps: Deps, ctx: RequestContext, counterId: string, ticketId: string) {
  const busy = await deps.db.selectFrom('queue_ticket').select('number').where('counter_id', '=', counterId).where('status', 'in', ['called', 'serving']).executeTakeFirst();
  if (busy) throw new DomainError('invalid_state', { en: `Finish or park ticket ${busy.number} first.`, zh: `请先办结或暂挂 ${busy.number} 号。` });
  return move(deps, ctx, counterId, ticketId, { from: ['parked'], event: 'resumed', action: 'queue.ticket.resume', set: () => ({ status: 'serving' }) });
}

/**
 * Sends the ticket to another category or to one counter of the branch. It waits again with its
 * original queue time, so the customer keeps their place.
 */
export async function transfer(deps: Deps, ctx: RequestContext, counterId: string, ticketId: string, to: { category?: string | undefined; counter?: number | undefined }) {
  const c = await myCounter(deps, ctx, counterId);
  if (!to.category && to.counter === undefined) throw new ValidationError([{ field: '/category', message: { en: 'Name the category or the counter to transfer to.', zh: '请选择转往的业务类别或窗口。' } }]);
  const category = to.category ? await deps.db.selectFrom('queue_category').select('code').where('unit_id', '=', c.unit_id).where('code', '=', to.category).where('active', '=', true).executeTakeFirst() : undefined;
  if (to.category && !category) throw new ValidationError([{ field: '/category', message: { en: `The branch has no open queue category "${to.category}".`, zh: `本网点没有业务类别“${to.category}”。` } }]);
  const target = to.counter !== undefined ? await deps.db.selectFrom('queue_counter').select(['id', 'number']).where('unit_id', '=', c.unit_id).where('number', '=', to.counter).executeTakeFirst() : undefined;
  if (to.counter !== undefined && (!target || target.id === c.id)) throw new ValidationError([{ field: '/counter', message: { en: `There is no other counter ${to.counter} at the branch.`, zh: `本网点没有其他 ${to.counter} 号窗口。` } }]);
  return move(deps, ctx, counterId, ticketId, {
    from: ['called', 'serving'], event: 'transferred', action: 'queue.ticket.transfer',
    set: (t) => ({ status: 'waiting', counter_id: null, target_counter_id: target?.id ?? null, ...(category ? { category: category.code } : {}), transfers: t.transfers + 1, call_count: 0 }),
  }, { to: { category: category?.code ?? null, counter: target?.number ?? null } });
}

/**
 * Opens a service case for the customer being served: its clock starts when the ticket was
 * issued, one clock from the customer's point of view. The case and the ticket's link to it commit
 * together; with an `Idempotency-Key`, a retry after a lost answer gets the case the first request
 * opened.
 */
export async function openCaseFromTicket(deps: Deps, engine: Engine, ctx: RequestContext, counterId: string, ticketId: string, input: { serviceCode: string; customerId: string; amount?: string | undefined; materialsReceived?: number[] | undefined }, key?: string) {
  const opened = await once<{ id: string }>(deps, ctx, 'queue.ticket.case', key, { counterId, ticketId, ...input }, async (remember) => {
    const c = await myCounter(deps, ctx, counterId);
    const t = await deps.db.selectFrom('queue_ticket').selectAll().where('id', '=', ticketId).executeTakeFirst();
    if (!t || t.unit_id !== c.unit_id) throw new NotFoundError(TICKET, ticketId);
    if (t.counter_id !== c.id || t.status !== 'serving') throw new DomainError('invalid_state', { en: `Serve ticket ${t.number} at this counter before opening its case.`, zh: `请先在本窗口开始办理 ${t.number} 号。` });
    const taken = () => new DomainError('invalid_state', { en: `Ticket ${t.number} has a case already.`, zh: `${t.number} 号已受理业务。` });
    if (t.case_id) throw taken();
    const caseInput = { serviceCode: input.serviceCode, customerId: input.customerId, channel: 'counter' as const, amount: input.amount, materialsReceived: input.materialsReceived, source: { kind: 'ticket' as const, ref: t.number, startedAt: t.issued_at.toISOString() } };
    const id = await openCaseWithin(deps, engine, ctx, caseInput, async (trx, id) => {
      // the ticket's own check, again in the transaction: two requests for one ticket open one case
      const linked = await trx.updateTable('queue_ticket').set({ case_id: id, customer_id: t.customer_id ?? input.customerId, version: t.version + 1 }).where('id', '=', t.id).where('case_id', 'is', null).executeTakeFirst();
      if (Number(linked.numUpdatedRows) !== 1) throw taken();
      await recordAudit(trx, ctx, { action: 'queue.ticket.case', entityType: 'queue_ticket', entityId: t.id, unitId: c.unit_id, after: { caseId: id } }, deps.clock());
      await remember(trx, { status: 201, body: { id } });
    });
    return { status: 201, body: { id } };
  });
  return { ...opened, body: await getCase(deps, engine, ctx, opened.body.id) };
}
