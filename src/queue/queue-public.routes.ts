import type { ServerResponse } from 'node:http';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { answer, idempotencyKey } from '../platform/idempotency.ts';
import { ValidationError } from '../platform/errors.ts';
import type { Engine } from '../engine/engine.ts';
import { lastSeq, type QueueEvent, type QueueEventHub } from './queue-events.ts';
import { boardState } from './queue-read.service.ts';
import { queueBranch } from './queue-setup.service.ts';
import { confirmArrival, issueTicket, rateService, ticketForCustomer } from './ticket.service.ts';

const Branch = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) });
const Token = Type.Object({ token: Type.String({ minLength: 10, maxLength: 100 }) });
const TakeBody = Type.Object(
  { channel: Type.Union([Type.Literal('kiosk'), Type.Literal('mobile')]), category: Type.Optional(Type.String({ pattern: '^[A-Z]{1,2}$' })), serviceCode: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })), priority: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
const CheckInBody = Type.Object({ appointmentCode: Type.String({ pattern: '^[A-Za-z0-9]{6,12}$' }) }, { additionalProperties: false });
const ArriveBody = Type.Object({ code: Type.String({ pattern: '^\\d{6}$' }) }, { additionalProperties: false });
const RatingBody = Type.Object({ score: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
const EventsQuery = Type.Object({ lastEventId: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false });

/** An event as an SSE frame, made once however many clients get it (the hub hands each the same object). */
const frames = new WeakMap<QueueEvent, string>();
function frameOf(e: QueueEvent): string {
  let frame = frames.get(e);
  if (!frame) {
    frame = `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify({ seq: e.seq, type: e.type, at: e.at, ticketId: e.ticketId, ...e.data })}\n\n`;
    frames.set(e, frame);
  }
  return frame;
}

/** A client this far behind (bytes not yet taken) is dropped; it reconnects with Last-Event-ID and misses nothing. */
const MAX_BACKLOG = 1 << 20;

/**
 * What customers and the branch's own screens reach without signing in: the board's state and
 * live events, taking a ticket at the kiosk or on the phone, checking in a booking, following and
 * rating one's ticket (its token is the proof). No personal data in any of it.
 */
export function queuePublicRoutes(engine: Engine, hub: QueueEventHub, streams: Set<ServerResponse>) {
  return (app: FastifyInstance, deps: Deps): void => {
    const tags = ['counter queue (public)'];
    const open = { access: { public: true } } as const;

    app.get<{ Params: Static<typeof Branch> }>('/api/v1/public/queue/branches/:code', { config: open, schema: { tags, security: [], summary: "The branch's board: categories and how many wait, counters, the latest calls", params: Branch } }, async (request) => boardState(deps, () => engine.businessCalendar(), request.params.code));
    app.post<{ Params: Static<typeof Branch>; Body: Static<typeof TakeBody> }>('/api/v1/public/queue/branches/:code/tickets', {
      config: open,
      schema: { tags, security: [], summary: 'Take a ticket at the kiosk, or on the phone on the way (confirmed at the branch with the code on its board)', params: Branch, body: TakeBody },
    }, async (request, reply) => answer(reply, await issueTicket(deps, await engine.businessCalendar(), request.ctx, { branch: request.params.code, ...request.body, remote: request.body.channel === 'mobile' }, idempotencyKey(request))));
    app.post<{ Params: Static<typeof Branch>; Body: Static<typeof CheckInBody> }>('/api/v1/public/queue/branches/:code/check-in', {
      config: open,
      schema: { tags, security: [], summary: 'Check a booking in at the kiosk: a ticket with appointment priority when on time for its slot', params: Branch, body: CheckInBody },
    }, async (request, reply) => answer(reply, await issueTicket(deps, await engine.businessCalendar(), request.ctx, { branch: request.params.code, channel: 'appointment', appointmentCode: request.body.appointmentCode, serviceCode: await bookedService(deps, request.body.appointmentCode) }, idempotencyKey(request))));
    app.get<{ Params: Static<typeof Token> }>('/api/v1/public/queue/tickets/:token', { config: open, schema: { tags, security: [], summary: 'My ticket: its status, people ahead and the wait to expect now', params: Token } }, async (request) => ticketForCustomer(deps, request.params.token));
    app.post<{ Params: Static<typeof Token>; Body: Static<typeof ArriveBody> }>('/api/v1/public/queue/tickets/:token/arrive', { config: open, schema: { tags, security: [], summary: "I am at the branch: the code on its board confirms a phone's ticket", params: Token, body: ArriveBody } }, async (request) => confirmArrival(deps, request.params.token, request.body.code));
    app.post<{ Params: Static<typeof Token>; Body: Static<typeof RatingBody> }>('/api/v1/public/queue/tickets/:token/rating', { config: open, schema: { tags, security: [], summary: 'Rate the service at the counter (once)', params: Token, body: RatingBody } }, async (request) => rateService(deps, request.params.token, request.body));

    app.get<{ Params: Static<typeof Branch>; Querystring: Static<typeof EventsQuery> }>('/api/v1/public/queue/branches/:code/events', {
      config: open,
      schema: { tags, security: [], summary: "The branch's live events (Server-Sent Events); reconnecting with Last-Event-ID resumes without loss", params: Branch, querystring: EventsQuery },
    }, async (request, reply) => {
      const unit = await queueBranch(deps.db, request.params.code, '/code');
      const header = Number(request.headers['last-event-id']);
      const after = Number.isInteger(header) && header >= 0 ? header : (request.query.lastEventId ?? (await lastSeq(deps.db, unit.id)));
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write('retry: 2000\n\n');
      streams.add(res);
      let closed = false;
      const send = (e: QueueEvent) => {
        if (closed) return;
        if (res.writableLength > MAX_BACKLOG) return void res.destroy();
        res.write(frameOf(e));
      };
      const unsubscribe = await hub.subscribe(unit.id, after, send);
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      const close = () => {
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(res);
      };
      res.on('close', close);
      if (res.destroyed) close();
    });
  };
}

/** The service a booking was made for; an unknown code is the field at fault. */
async function bookedService(deps: Deps, code: string): Promise<string> {
  const row = await deps.db.selectFrom('appointment').select('service_code').where('code', '=', code.toUpperCase()).executeTakeFirst();
  if (!row) throw new ValidationError([{ field: '/appointmentCode', message: { en: 'There is no booking with this code.', zh: '没有该预约码的预约。' } }]);
  return row.service_code;
}
