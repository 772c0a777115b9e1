import { sql } from 'kysely';
import type { RequestContext } from '../platform/access/actor.ts';
import { assertInScope } from '../platform/access/policy.ts';
import { chinaDate } from '../platform/calendar/china-time.ts';
import type { Deps } from '../platform/deps.ts';
import { maskName } from '../platform/pii/index.ts';
import { lastSeq } from './queue-events.ts';
import { waitingCounts } from './queue.repository.ts';
import { ensureSetting, listCategories, queueBranch } from './queue-setup.service.ts';
import { settingOf } from '../services/appointments/appointment.service.ts';
import type { BusinessCalendar } from '../platform/calendar/business-calendar.ts';
import { isOpen } from './queue-rules.ts';
import type { TicketStatus } from './queue.table.ts';

/**
 * Today's tickets of a branch for its staff, customers masked, in the order of the line: minutes
 * waited plus head start (the calling rule's key; a counter's category preference and the wait
 * bound may still change the next call).
 */
export async function liveTickets(deps: Deps, ctx: RequestContext, code: string, statuses: TicketStatus[]) {
  const unit = await queueBranch(deps.db, code);
  assertInScope(ctx.actor!, 'queue.serve', unit.path);
  const day = chinaDate(deps.clock());
  let q = deps.db
    .selectFrom('queue_ticket as t')
    .leftJoin('queue_counter as c', 'c.id', 't.counter_id')
    .leftJoin('queue_counter as tc', 'tc.id', 't.target_counter_id')
    .leftJoin('customer as u', 'u.id', 't.customer_id')
    .select(['t.id', 't.number', 't.category', 't.class', 't.status', 't.channel', 't.issued_at', 't.queued_at', 't.credit_minutes', 't.target_counter_id', 'tc.number as target_counter', 't.called_at', 't.call_count', 't.serve_started_at', 't.serve_ended_at', 't.estimated_wait_seconds', 't.case_id', 't.customer_id', 't.served_by', 'c.number as counter', 'u.name as customer_name'])
    .where('t.unit_id', '=', unit.id)
    .where('t.day', '=', day);
  if (statuses.length) q = q.where('t.status', 'in', statuses);
  const rows = await q.orderBy(sql`t.queued_at - make_interval(mins => t.credit_minutes)`).orderBy('t.queued_at').limit(1000).execute();
  return {
    items: rows.map((r) => ({
      id: r.id, number: r.number, category: r.category, class: r.class, status: r.status, channel: r.channel, counter: r.counter ?? null, servedBy: r.served_by, caseId: r.case_id,
      customer: r.customer_id ? { id: r.customer_id, name: maskName(r.customer_name ?? '') } : null,
      issuedAt: r.issued_at.toISOString(), queuedAt: r.queued_at.toISOString(), headStartMinutes: r.credit_minutes, targetCounter: r.target_counter ?? null, calledAt: r.called_at?.toISOString() ?? null, callCount: r.call_count, serveStartedAt: r.serve_started_at?.toISOString() ?? null, serveEndedAt: r.serve_ended_at?.toISOString() ?? null, estimatedWaitSeconds: r.estimated_wait_seconds,
    })),
  };
}

/**
 * What a display board, kiosk or phone shows of a branch (no personal data): categories with their
 * waiting counts, open counters, the latest calls, opening hours and whether it is open now, and
 * the event number a live stream continues from. The day's arrival code is not here: it is for the screens inside the branch (staff signed in).
 */
export async function boardState(deps: Deps, calendarOf: () => Promise<BusinessCalendar>, code: string) {
  const unit = await queueBranch(deps.db, code);
  const now = deps.clock();
  const day = chinaDate(now);
  const [categories, waiting, counters, calls, seq, hours, setting, calendar] = await Promise.all([
    listCategories(deps.db, unit.id),
    waitingCounts(deps.db, unit.id),
    deps.db.selectFrom('queue_counter').select(['number', 'kind', 'status', 'categories']).where('unit_id', '=', unit.id).orderBy('number').execute(),
    deps.db
      .selectFrom('queue_ticket as t')
      .innerJoin('queue_counter as c', 'c.id', 't.counter_id')
      .select(['t.number', 't.status', 't.last_called_at', 'c.number as counter'])
      .where('t.unit_id', '=', unit.id)
      .where('t.day', '=', day)
      .where('t.last_called_at', 'is not', null)
      .orderBy('t.last_called_at', 'desc')
      .limit(10)
      .execute(),
    lastSeq(deps.db, unit.id),
    settingOf(deps, unit.id),
    ensureSetting(deps.db, unit.id),
    calendarOf(),
  ]);
  return {
    branch: { code: unit.code, nameZh: unit.name_zh, nameEn: unit.name_en },
    categories: categories.filter((c) => c.active).map((c) => ({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, serviceCodes: c.serviceCodes, waiting: waiting[c.code] ?? 0 })),
    counters: counters.map((c) => ({ number: c.number, kind: c.kind, status: c.status, categories: c.categories })),
    hours: { opens: hours.opens, closes: hours.closes, openNow: isOpen(calendar, hours, now) },
    remoteHoldMinutes: setting.remoteHoldMinutes,
    calls: calls.map((c) => ({ number: c.number, counter: c.counter, status: c.status, at: c.last_called_at!.toISOString() })),
    seq,
  };
}
