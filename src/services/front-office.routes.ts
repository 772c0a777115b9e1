import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { IdParam, Paging } from '../platform/http/schemas.ts';
import { answer, idempotencyKey } from '../platform/idempotency.ts';
import type { Engine } from '../engine/engine.ts';
import * as appointments from './appointments/appointment.service.ts';
import { OpenCaseBody } from './cases/case.routes.ts';
import * as inquiries from './inquiries/inquiry.service.ts';
import { listNotifications } from './notifications/notification.service.ts';
import { listSurveys } from './surveys/survey.service.ts';

type Id = Static<typeof IdParam>;
const Channel = Type.Union([Type.Literal('counter'), Type.Literal('phone'), Type.Literal('online'), Type.Literal('mobile')]);
const Hhmm = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' });

const InquiryBody = Type.Object(
  { channel: Channel, customerId: Type.Optional(Type.String({ maxLength: 100 })), serviceCode: Type.Optional(Type.String({ maxLength: 60 })), topic: Type.String({ minLength: 1, maxLength: 100 }), question: Type.String({ minLength: 1, maxLength: 2000 }), answer: Type.Optional(Type.String({ maxLength: 4000 })) },
  { additionalProperties: false },
);
const InquiryToCaseBody = Type.Omit(OpenCaseBody, ['serviceCode', 'channel', 'source', 'customerId']);
const InquiryToCase = Type.Composite([InquiryToCaseBody, Type.Object({ customerId: Type.Optional(Type.String({ maxLength: 100 })) })], { additionalProperties: false });
const CodeParam = Type.Object({ code: Type.String({ minLength: 4, maxLength: 12 }) });
const UnitCodeParam = Type.Object({ unitCode: Type.String({ minLength: 1, maxLength: 40 }) });
const ListQuery = Type.Object({ customerId: Type.Optional(Type.String({ maxLength: 100 })), ...Paging }, { additionalProperties: false });
const AppointmentQuery = Type.Object({ date: Type.Optional(Type.String({ format: 'date' })), status: Type.Optional(Type.Union([Type.Literal('booked'), Type.Literal('cancelled'), Type.Literal('checked_in'), Type.Literal('no_show')])), ...Paging }, { additionalProperties: false });
const CheckInBody = Type.Object({ customerId: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])) }, { additionalProperties: false });
const SettingBody = Type.Object({ opens: Hhmm, closes: Hhmm, slotMinutes: Type.Integer({ minimum: 5, maximum: 240 }), capacity: Type.Integer({ minimum: 1, maximum: 100 }), daysAhead: Type.Integer({ minimum: 1, maximum: 90 }) }, { additionalProperties: false });
const NotificationQuery = Type.Object({ subjectType: Type.Optional(Type.String({ maxLength: 40 })), subjectId: Type.Optional(Type.String({ maxLength: 100 })), status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed')])), ...Paging }, { additionalProperties: false });
const SurveyQuery = Type.Object({ staff: Type.Optional(Type.String({ maxLength: 100 })), ...Paging }, { additionalProperties: false });

/** Staff side of the front office: inquiries, the branch's appointments, surveys, the outbox. */
export function frontOfficeRoutes(engine: Engine) {
  return (app: FastifyInstance, deps: Deps): void => {
    app.post<{ Body: Static<typeof InquiryBody> }>('/api/v1/inquiries', {
      config: { access: { permission: 'case.write' } },
      schema: { tags: ['inquiries'], summary: 'Record an inquiry from any channel; about a service, the catalogue answers (materials, fees, time)', body: InquiryBody },
    }, async (request, reply) => reply.code(201).send(await inquiries.recordInquiry(deps, request.ctx, request.body)));

    app.get<{ Querystring: Static<typeof ListQuery> }>('/api/v1/inquiries', {
      config: { access: { permission: 'case.read' } },
      schema: { tags: ['inquiries'], summary: "Inquiries of the caller's branches, newest first", querystring: ListQuery },
    }, async (request) => inquiries.listInquiries(deps, request.ctx, { ...request.query, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }));

    app.post<{ Params: Id; Body: Static<typeof InquiryToCase> }>('/api/v1/inquiries/:id/case', {
      config: { access: { permission: 'case.write' } },
      schema: { tags: ['inquiries'], summary: 'Turn the inquiry into a case in one step', params: IdParam, body: InquiryToCase },
    }, async (request, reply) => answer(reply, await inquiries.inquiryToCase(deps, engine, request.ctx, request.params.id, request.body, idempotencyKey(request))));

    app.get<{ Querystring: Static<typeof AppointmentQuery> }>('/api/v1/appointments', {
      config: { access: { permission: 'case.read' } },
      schema: { tags: ['appointments'], summary: "Bookings at the caller's branches (masked), by day and status", querystring: AppointmentQuery },
    }, async (request) => appointments.listAppointments(deps, request.ctx, { ...request.query, limit: request.query.limit ?? 200, offset: request.query.offset ?? 0 }));

    app.post<{ Params: Static<typeof CodeParam>; Body: Static<typeof CheckInBody> }>('/api/v1/appointments/:code/check-in', {
      config: { access: { permission: 'case.write' } },
      schema: { tags: ['appointments'], summary: 'The customer has arrived: check the booking in (its time starts the case clock)', params: CodeParam, body: CheckInBody },
    }, async (request) => appointments.checkIn(deps, request.ctx, request.params.code, request.body.customerId ?? null));

    app.put<{ Params: Static<typeof UnitCodeParam>; Body: Static<typeof SettingBody> }>('/api/v1/appointment-settings/:unitCode', {
      config: { access: { permission: 'appointment.manage' } },
      schema: { tags: ['appointments'], summary: "A branch's appointment hours, slot length, places per slot and days bookable ahead", params: UnitCodeParam, body: SettingBody },
    }, async (request) => appointments.putSetting(deps, request.ctx, request.params.unitCode, request.body));

    app.get<{ Querystring: Static<typeof SurveyQuery> }>('/api/v1/surveys', {
      config: { access: { permission: 'survey.read' } },
      schema: { tags: ['surveys'], summary: "Answered surveys of the caller's branches, with mean CSAT and NPS", querystring: SurveyQuery },
    }, async (request) => listSurveys(deps, request.ctx, { ...request.query, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }));

    app.get<{ Querystring: Static<typeof NotificationQuery> }>('/api/v1/notifications', {
      config: { access: { permission: 'notification.read' } },
      schema: { tags: ['notifications'], summary: 'The notification outbox: recipients masked, delivery status and attempts', querystring: NotificationQuery },
    }, async (request) => listNotifications(deps, { ...request.query, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }));
  };
}
