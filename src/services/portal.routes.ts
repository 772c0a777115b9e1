import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { DomainError } from '../platform/errors.ts';
import { answer, idempotencyKey } from '../platform/idempotency.ts';
import type { Engine } from '../engine/engine.ts';
import * as appointments from './appointments/appointment.service.ts';
import { demoInbox } from './notifications/notification.service.ts';
import { answerSurvey, surveyForCustomer } from './surveys/survey.service.ts';
import { sendTrackingCode, trackCase, verifyTrackingCode } from './tracking/tracking.service.ts';

const Ref = Type.Object({ ref: Type.String({ minLength: 1, maxLength: 30 }) });
const Code = Type.Object({ code: Type.String({ minLength: 4, maxLength: 12 }) });
const Token = Type.Object({ token: Type.String({ minLength: 10, maxLength: 100 }) });
const Phone = Type.String({ pattern: '^\\+?[0-9][0-9 \\-]{5,19}$' });
const Instant = Type.String({ format: 'date-time' });

const SlotQuery = Type.Object({ branch: Type.String({ minLength: 1, maxLength: 40 }), service: Type.String({ minLength: 1, maxLength: 60 }), days: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })) }, { additionalProperties: false });
const BookBody = Type.Object({ branch: Type.String({ minLength: 1, maxLength: 40 }), service: Type.String({ minLength: 1, maxLength: 60 }), startsAt: Instant, name: Type.String({ minLength: 1, maxLength: 60 }), phone: Phone }, { additionalProperties: false });
const PhoneBody = Type.Object({ phone: Phone }, { additionalProperties: false });
const RescheduleBody = Type.Object({ phone: Phone, startsAt: Instant }, { additionalProperties: false });
const VerifyBody = Type.Object({ code: Type.String({ pattern: '^\\d{6}$' }) }, { additionalProperties: false });
const SurveyBody = Type.Object({ csat: Type.Integer({ minimum: 1, maximum: 5 }), nps: Type.Integer({ minimum: 0, maximum: 10 }), comment: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });

/**
 * What customers reach without signing in (客户自助): appointments, tracking with a one-time code,
 * and satisfaction surveys. Each answers only what its proof (booking code and phone, a code
 * sent to the phone on file, a survey link) entitles.
 */
export function portalRoutes(engine: Engine) {
  return (app: FastifyInstance, deps: Deps): void => {
    const tags = ['customer portal'];
    const open = { access: { public: true } } as const;

    app.get('/api/v1/public/portal', {
      config: open,
      schema: { tags, security: [], summary: 'What the portal needs to start: the branches customers can visit, and whether this is a demo' },
    }, async () => {
      const branches = await deps.db.selectFrom('org_unit').select(['code', 'name_zh', 'name_en']).where('kind', 'in', ['branch', 'sub_branch']).where('active', '=', true).orderBy('code').execute();
      return { demo: deps.config.demo, branches: branches.map((b) => ({ code: b.code, nameZh: b.name_zh, nameEn: b.name_en })) };
    });

    app.get<{ Querystring: Static<typeof SlotQuery> }>('/api/v1/public/appointments/slots', {
      config: open,
      schema: { tags, security: [], summary: 'Free places per slot at a branch for a service (working days, opening hours)', querystring: SlotQuery },
    }, async (request) => appointments.availableSlots(deps, await engine.businessCalendar(), request.query));

    app.post<{ Body: Static<typeof BookBody> }>('/api/v1/public/appointments', {
      config: open,
      schema: { tags, security: [], summary: 'Book a place; the answer (and an SMS) gives the booking code used at check-in', body: BookBody },
    }, async (request, reply) => answer(reply, await appointments.book(deps, await engine.businessCalendar(), request.ctx, { ...request.body, lang: request.ctx.lang }, idempotencyKey(request))));

    app.post<{ Params: Static<typeof Code>; Body: Static<typeof PhoneBody> }>('/api/v1/public/appointments/:code/lookup', {
      config: open,
      schema: { tags, security: [], summary: 'A booking, by its code and the phone it was made with', params: Code, body: PhoneBody },
    }, async (request) => appointments.publicView(deps, request.params.code, request.body.phone));

    app.post<{ Params: Static<typeof Code>; Body: Static<typeof RescheduleBody> }>('/api/v1/public/appointments/:code/reschedule', {
      config: open,
      schema: { tags, security: [], summary: 'Move a booking to another slot', params: Code, body: RescheduleBody },
    }, async (request) => appointments.reschedule(deps, await engine.businessCalendar(), request.params.code, request.body.phone, request.body.startsAt));

    app.post<{ Params: Static<typeof Code>; Body: Static<typeof PhoneBody> }>('/api/v1/public/appointments/:code/cancel', {
      config: open,
      schema: { tags, security: [], summary: 'Cancel a booking', params: Code, body: PhoneBody },
    }, async (request) => appointments.cancel(deps, await engine.businessCalendar(), request.params.code, request.body.phone, request.ctx.lang));

    app.post<{ Params: Static<typeof Ref> }>('/api/v1/public/tracking/:ref/code', {
      config: open,
      schema: { tags, security: [], summary: 'Send a one-time code to the phone on file for the case (the same answer whether or not the case exists)', params: Ref },
    }, async (request, reply) => reply.code(202).send(await sendTrackingCode(deps, request.params.ref, request.ctx.ip)));

    app.post<{ Params: Static<typeof Ref>; Body: Static<typeof VerifyBody> }>('/api/v1/public/tracking/:ref/verify', {
      config: open,
      schema: { tags, security: [], summary: 'Check the code; gives a short-lived tracking token. Wrong codes lock tracking after 5 tries', params: Ref, body: VerifyBody },
    }, async (request) => verifyTrackingCode(deps, request.params.ref, request.body.code, request.ctx.ip));

    app.get<{ Params: Static<typeof Ref> }>('/api/v1/public/tracking/:ref', {
      config: open,
      schema: { tags, security: [], summary: 'The case in plain words (header X-Tracking-Token from verify): status, current step, missing materials, expected date', params: Ref },
    }, async (request) => trackCase(deps, request.params.ref, request.headers['x-tracking-token'] as string | undefined, request.ctx.lang));

    app.get<{ Params: Static<typeof Token> }>('/api/v1/public/surveys/:token', {
      config: open,
      schema: { tags, security: [], summary: 'What a survey link asks the customer to rate', params: Token },
    }, async (request) => surveyForCustomer(deps, request.params.token));

    app.post<{ Params: Static<typeof Token>; Body: Static<typeof SurveyBody> }>('/api/v1/public/surveys/:token', {
      config: open,
      schema: { tags, security: [], summary: 'Answer a survey (once): CSAT 1–5, NPS 0–10, comment', params: Token, body: SurveyBody },
    }, async (request) => answerSurvey(deps, engine, request.params.token, request.body));

    app.post<{ Body: Static<typeof PhoneBody> }>('/api/v1/public/demo-inbox', {
      config: open,
      schema: { tags, security: [], summary: 'Demo mode only: the last messages "sent" to a phone (one-time codes, links), since a demo sends no real SMS', body: PhoneBody },
    }, async (request) => {
      if (!deps.config.demo) throw new DomainError('not_found', { en: 'There is no demo inbox outside demo mode.', zh: '仅演示模式提供演示收件箱。' });
      return { items: await demoInbox(deps, request.body.phone) };
    });
  };
}
