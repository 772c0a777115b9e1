import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { answer, idempotencyKey } from '../platform/idempotency.ts';
import type { Engine } from '../engine/engine.ts';
import * as counters from './counter.service.ts';
import { queueKpis, staffingAdvice } from './queue-kpi.service.ts';
import { liveTickets } from './queue-read.service.ts';
import * as setup from './queue-setup.service.ts';
import { issueTicket } from './ticket.service.ts';

const Branch = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) });
const CounterParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const TicketParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }), ticketId: Type.String({ minLength: 1, maxLength: 100 }) });
const CategoryParam = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }), category: Type.String({ pattern: '^[A-Z]{1,2}$' }) });
const CounterNumberParam = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }), number: Type.Integer({ minimum: 1, maximum: 999 }) });
const CategoryCode = Type.String({ pattern: '^[A-Z]{1,2}$' });
const Minutes = (max: number) => Type.Integer({ minimum: 0, maximum: max });

const SettingBody = Type.Object(
  {
    weights: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_-]{0,39}$' }), Minutes(120), { maxProperties: 30 }),
    maxOvertakeMinutes: Minutes(120),
    maxWaitMinutes: Type.Integer({ minimum: 1, maximum: 480 }),
    noShowAfterCalls: Type.Integer({ minimum: 1, maximum: 10 }),
    targetWaitMinutes: Type.Integer({ minimum: 1, maximum: 240 }),
    targetShare: Type.Number({ minimum: 0.01, maximum: 1 }),
    remoteHoldMinutes: Type.Integer({ minimum: 5, maximum: 480 }),
  },
  { additionalProperties: false },
);
const CategoryBody = Type.Object({ nameZh: Type.String({ minLength: 1, maxLength: 40 }), nameEn: Type.String({ minLength: 1, maxLength: 80 }), serviceCodes: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 50, uniqueItems: true }), active: Type.Boolean() }, { additionalProperties: false });
const CounterBody = Type.Object({ kind: Type.Union([Type.Literal('cash'), Type.Literal('non_cash'), Type.Literal('corporate'), Type.Literal('vip'), Type.Literal('assist')]), categories: Type.Array(CategoryCode, { minItems: 1, maxItems: 20, uniqueItems: true }) }, { additionalProperties: false });
const LeaveBody = Type.Object({ status: Type.Union([Type.Literal('closed'), Type.Literal('paused')]) }, { additionalProperties: false });
const IssueBody = Type.Object({ category: Type.Optional(CategoryCode), serviceCode: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })), customerId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), priority: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
const TransferBody = Type.Object({ category: Type.Optional(CategoryCode), counter: Type.Optional(Type.Integer({ minimum: 1, maximum: 999 })) }, { additionalProperties: false });
const CaseBody = Type.Object({ serviceCode: Type.String({ minLength: 1, maxLength: 60 }), customerId: Type.String({ minLength: 1, maxLength: 100 }), amount: Type.Optional(Type.String({ pattern: '^\\d{1,15}(\\.\\d{1,2})?$' })), materialsReceived: Type.Optional(Type.Array(Type.Integer({ minimum: 0, maximum: 100 }), { maxItems: 50 })) }, { additionalProperties: false });
const TicketStatusSchema = Type.Union([Type.Literal('remote'), Type.Literal('waiting'), Type.Literal('called'), Type.Literal('serving'), Type.Literal('parked'), Type.Literal('done'), Type.Literal('no_show'), Type.Literal('cancelled')]);
const LiveQuery = Type.Object({ status: Type.Optional(Type.Array(TicketStatusSchema, { maxItems: 8 })) }, { additionalProperties: false });

const Day = Type.String({ format: 'date' });
const KpiQuery = Type.Object({ from: Day, to: Day }, { additionalProperties: false });
const StaffingQuery = Type.Object({ date: Day, weeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })), counters: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })), patienceMinutes: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 240 })) }, { additionalProperties: false });

/** Staff side of the counter queue: set-up, the counter console's actions, tickets issued by a teller. */
export function queueRoutes(engine: Engine) {
  return (app: FastifyInstance, deps: Deps): void => {
    const tags = ['queue'];
    const serve = { access: { permission: 'queue.serve' } } as const;
    const manage = { access: { permission: 'queue.manage' } } as const;

    app.get<{ Params: Static<typeof Branch> }>('/api/v1/queue/branches/:code', { config: { access: { authenticated: true } }, schema: { tags, summary: "A branch's queue set-up: rules, categories, counters (for those who serve, manage or watch its queue; the arrival code only for those who serve)", params: Branch } }, async (request) => setup.branchQueue(deps, request.ctx, request.params.code));
    app.put<{ Params: Static<typeof Branch>; Body: Static<typeof SettingBody> }>('/api/v1/queue/branches/:code/setting', { config: manage, schema: { tags, summary: 'The calling rules: head starts, bounds, no-shows, the service target', params: Branch, body: SettingBody } }, async (request) => setup.putSetting(deps, request.ctx, request.params.code, request.body));
    app.put<{ Params: Static<typeof CategoryParam>; Body: Static<typeof CategoryBody> }>('/api/v1/queue/branches/:code/categories/:category', { config: manage, schema: { tags, summary: 'A queue category and the catalogue services it takes', params: CategoryParam, body: CategoryBody } }, async (request) => setup.putCategory(deps, request.ctx, request.params.code, { code: request.params.category, ...request.body }));
    app.put<{ Params: Static<typeof CounterNumberParam>; Body: Static<typeof CounterBody> }>('/api/v1/queue/branches/:code/counters/:number', { config: manage, schema: { tags, summary: 'A counter: its kind and the categories it serves, first preferred', params: CounterNumberParam, body: CounterBody } }, async (request) => setup.putCounter(deps, request.ctx, request.params.code, request.params.number, request.body));
    app.get<{ Params: Static<typeof Branch>; Querystring: Static<typeof LiveQuery> }>('/api/v1/queue/branches/:code/tickets', { config: serve, schema: { tags, summary: "Today's tickets of the branch, live (customers masked): waiting ones in calling order; `status` may repeat", params: Branch, querystring: LiveQuery } }, async (request) => liveTickets(deps, request.ctx, request.params.code, request.query.status ?? []));
    app.post<{ Params: Static<typeof Branch>; Body: Static<typeof IssueBody> }>('/api/v1/queue/branches/:code/tickets', { config: serve, schema: { tags, summary: 'Issue a ticket at the counter (for a known customer: their segment counts)', params: Branch, body: IssueBody } }, async (request, reply) => answer(reply, await issueTicket(deps, await engine.businessCalendar(), request.ctx, { branch: request.params.code, channel: 'teller', ...request.body }, idempotencyKey(request))));

    const read = { access: { permission: 'queue.read' } } as const;
    app.get<{ Params: Static<typeof Branch>; Querystring: Static<typeof KpiQuery> }>('/api/v1/queue/branches/:code/kpis', { config: read, schema: { tags, summary: 'Queue figures of a period: waits, target attainment, no-shows, service times, tellers, hours, the estimate\'s error', params: Branch, querystring: KpiQuery } }, async (request) => queueKpis(deps, request.ctx, request.params.code, request.query.from, request.query.to));
    app.get<{ Params: Static<typeof Branch>; Querystring: Static<typeof StaffingQuery> }>('/api/v1/queue/branches/:code/staffing', { config: read, schema: { tags, summary: 'Counters needed per hour of a day to meet the target (Erlang C / A from recorded demand); with `counters`, what that many would give', params: Branch, querystring: StaffingQuery } }, async (request) => staffingAdvice(deps, request.ctx, request.params.code, { date: request.query.date, weeks: request.query.weeks ?? 4, counters: request.query.counters, patienceMinutes: request.query.patienceMinutes }));

    app.post<{ Params: Static<typeof CounterParam> }>('/api/v1/queue/counters/:id/sign-in', { config: serve, schema: { tags, summary: 'Sign in at a counter (and out of any other)', params: CounterParam } }, async (request) => counters.signIn(deps, request.ctx, request.params.id));
    app.post<{ Params: Static<typeof CounterParam>; Body: Static<typeof LeaveBody> }>('/api/v1/queue/counters/:id/leave', { config: serve, schema: { tags, summary: 'Close the counter, or pause it for a break', params: CounterParam, body: LeaveBody } }, async (request) => counters.leave(deps, request.ctx, request.params.id, request.body.status));
    app.post<{ Params: Static<typeof CounterParam> }>('/api/v1/queue/counters/:id/call-next', { config: serve, schema: { tags, summary: 'Call the next ticket to this counter (null when nobody waits)', params: CounterParam } }, async (request, reply) => answer(reply, await counters.callNext(deps, request.ctx, request.params.id, idempotencyKey(request))));
    const action = (path: string, summary: string, run: typeof counters.recall) =>
      app.post<{ Params: Static<typeof TicketParam> }>(`/api/v1/queue/counters/:id/tickets/:ticketId/${path}`, { config: serve, schema: { tags, summary, params: TicketParam } }, async (request) => run(deps, request.ctx, request.params.id, request.params.ticketId));
    action('recall', 'Call the ticket again', counters.recall);
    action('no-show', 'The customer did not come after the branch\'s number of calls', counters.noShow);
    action('start', 'The customer is at the counter: service starts', counters.startService);
    action('finish', 'Service finished', counters.finishService);
    action('park', 'Park the ticket (the customer fills in a form); call others meanwhile', counters.park);
    action('resume', 'Resume a parked ticket at this counter', counters.resume);
    app.post<{ Params: Static<typeof TicketParam>; Body: Static<typeof TransferBody> }>('/api/v1/queue/counters/:id/tickets/:ticketId/transfer', { config: serve, schema: { tags, summary: 'Send the ticket to another category or counter; it keeps its place', params: TicketParam, body: TransferBody } }, async (request) => counters.transfer(deps, request.ctx, request.params.id, request.params.ticketId, request.body));
    app.post<{ Params: Static<typeof TicketParam>; Body: Static<typeof CaseBody> }>('/api/v1/queue/counters/:id/tickets/:ticketId/case', { config: { access: { permission: 'case.write' } }, schema: { tags, summary: "Open a service case for the ticket's customer; its clock starts at the ticket", params: TicketParam, body: CaseBody } }, async (request, reply) => answer(reply, await counters.openCaseFromTicket(deps, engine, request.ctx, request.params.id, request.params.ticketId, request.body, idempotencyKey(request))));
  };
}
