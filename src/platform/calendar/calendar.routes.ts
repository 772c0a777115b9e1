import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import { fieldError } from '../errors.ts';
import { responses } from '../http/schemas.ts';
import * as calendars from './calendar.service.ts';

const Region = Type.String({ minLength: 2, maxLength: 20, pattern: '^[A-Za-z0-9_-]+$' });
const YearParams = Type.Object({ region: Region, year: Type.Integer({ minimum: 1900, maximum: 2200 }) });
const Holiday = Type.Object({ name: Type.String({ maxLength: 100 }), nameEn: Type.String({ maxLength: 100 }), dates: Type.Array(Type.String({ maxLength: 10 }), { maxItems: 366 }) });
const CalendarYear = Type.Object(
  { holidays: Type.Array(Holiday, { maxItems: 100 }), makeUpWorkdays: Type.Array(Type.String({ maxLength: 10 }), { maxItems: 366 }) },
  { additionalProperties: false, $id: 'CalendarYear' },
);
const DeadlineQuery = Type.Object(
  {
    from: Type.String({ format: 'date-time' }),
    workingDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
    workingHours: Type.Optional(Type.Number({ minimum: 0, maximum: 87600 })),
    calendarDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 36500 })),
    lang: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** Business calendars: working days per region, and deadlines computed on them. */
export function calendarRoutes(app: FastifyInstance, deps: Deps): void {
  app.addSchema(CalendarYear);
  const tags = ['calendar'];

  app.get('/api/v1/calendars', {
    config: { access: { permission: 'calendar.read' } },
    schema: { tags, summary: 'Regions and the years loaded for each', response: responses(Type.Object({ items: Type.Array(Type.Object({ region: Type.String(), years: Type.Array(Type.Integer()) })) })) },
  }, async () => ({ items: await calendars.listCalendars(deps) }));

  app.get<{ Params: Static<typeof YearParams> }>('/api/v1/calendars/:region/:year', {
    config: { access: { permission: 'calendar.read' } },
    schema: { tags, summary: "A region's holidays and make-up working days (调休) for a year", params: YearParams, response: responses(Type.Intersect([Type.Object({ region: Type.String(), year: Type.Integer() }), Type.Ref('CalendarYear')])) },
  }, async (request) => ({ region: request.params.region, year: request.params.year, ...(await calendars.getCalendarYear(deps, request.params.region, request.params.year)) }));

  app.put<{ Params: Static<typeof YearParams>; Body: Static<typeof CalendarYear> }>('/api/v1/calendars/:region/:year', {
    config: { access: { permission: 'calendar.write' } },
    schema: { tags, summary: "Load or replace a region's arrangements for a year (as the State Council publishes them)", params: YearParams, body: Type.Ref('CalendarYear'), response: responses(Type.Ref('CalendarYear')) },
  }, async (request) => calendars.putCalendarYear(deps, request.ctx, request.params.region, request.params.year, request.body));

  app.get<{ Params: { region: string }; Querystring: Static<typeof DeadlineQuery> }>('/api/v1/calendars/:region/deadline', {
    config: { access: { permission: 'calendar.read' } },
    schema: {
      tags,
      summary: 'The deadline N working days, working hours or calendar days after an instant',
      params: Type.Object({ region: Region }),
      querystring: DeadlineQuery,
      response: responses(Type.Object({ from: Type.String(), deadline: Type.String(), rule: Type.String(), yearsWithoutData: Type.Array(Type.Integer()) })),
    },
  }, async (request) => {
    const { from, workingDays, workingHours, calendarDays } = request.query;
    const given = [workingDays, workingHours, calendarDays].filter((v) => v !== undefined).length;
    if (given !== 1) throw fieldError('querystring:/workingDays', 'give exactly one of workingDays, workingHours, calendarDays', '须且只能提供 workingDays、workingHours、calendarDays 之一');
    const calendar = await calendars.businessCalendar(deps, request.params.region);
    const start = new Date(from);
    const deadline =
      workingDays !== undefined ? calendar.addWorkingDays(start, workingDays)
      : workingHours !== undefined ? calendar.addWorkingHours(start, workingHours)
      : calendar.addCalendarDays(start, calendarDays!);
    const rule = workingDays !== undefined ? `P${workingDays}WD` : workingHours !== undefined ? `PT${workingHours}WH` : `P${calendarDays}D`;
    const years = new Set([start.getUTCFullYear(), deadline.getUTCFullYear()]);
    return { from: start.toISOString(), deadline: deadline.toISOString(), rule, yearsWithoutData: [...years].filter((y) => !calendar.hasYear(y)) };
  });
}
