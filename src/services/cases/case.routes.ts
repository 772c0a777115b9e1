import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { IdParam, Paging, responses } from '../../platform/http/schemas.ts';
import { answer, idempotencyKey } from '../../platform/idempotency.ts';
import type { Engine } from '../../engine/engine.ts';
import { Money } from '../catalog/catalog.schemas.ts';
import * as cases from './case.service.ts';
import { closeCaseByHand } from './case-close.ts';

type Id = Static<typeof IdParam>;

const Channel = Type.Union([Type.Literal('counter'), Type.Literal('phone'), Type.Literal('online'), Type.Literal('mobile')]);

export const OpenCaseBody = Type.Object(
  {
    serviceCode: Type.String({ minLength: 1, maxLength: 60 }),
    customerId: Type.String({ minLength: 1, maxLength: 100 }),
    channel: Channel,
    source: Type.Optional(
      Type.Object(
        {
          kind: Type.Union([Type.Literal('walk_in'), Type.Literal('inquiry'), Type.Literal('appointment'), Type.Literal('ticket'), Type.Literal('self_service')]),
          ref: Type.Optional(Type.String({ maxLength: 100 })),
          startedAt: Type.Optional(Type.String({ format: 'date-time' })),
        },
        { additionalProperties: false },
      ),
    ),
    amount: Type.Optional(Money),
    materialsReceived: Type.Optional(Type.Array(Type.Integer({ minimum: 0, maximum: 49 }), { maxItems: 50, uniqueItems: true })),
    variables: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' }), Type.Unknown(), { maxProperties: 100 })),
  },
  { additionalProperties: false },
);

const CaseQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('completed'), Type.Literal('rejected'), Type.Literal('cancelled')])),
    sla: Type.Optional(Type.Union([Type.Literal('on_track'), Type.Literal('at_risk'), Type.Literal('breached')])),
    customerId: Type.Optional(Type.String({ maxLength: 100 })),
    serviceCode: Type.Optional(Type.String({ maxLength: 60 })),
    ref: Type.Optional(Type.String({ maxLength: 20 })),
    ...Paging,
  },
  { additionalProperties: false },
);

const MaterialsBody = Type.Object(
  { items: Type.Array(Type.Object({ position: Type.Integer({ minimum: 0, maximum: 49 }), received: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 300 })) }, { additionalProperties: false }), { minItems: 1, maxItems: 50 }) },
  { additionalProperties: false },
);

const CloseBody = Type.Object({ outcome: Type.Union([Type.Literal('completed'), Type.Literal('cancelled')]), note: Type.String({ minLength: 2, maxLength: 500 }) }, { additionalProperties: false });

/** Cases (业务办理): one customer's request for one service, with its clock, materials and process. */
export function caseRoutes(engine: Engine) {
  return (app: FastifyInstance, deps: Deps): void => {
    const tags = ['cases'];

    app.post<{ Body: Static<typeof OpenCaseBody> }>('/api/v1/cases', {
      config: { access: { permission: 'case.write' } },
      schema: { tags, summary: "Open a case at the caller's branch: reference, materials checklist, SLA clock, and the service's process started", body: OpenCaseBody },
    }, async (request, reply) => answer(reply, await cases.openCase(deps, engine, request.ctx, request.body, idempotencyKey(request))));

    app.get<{ Querystring: Static<typeof CaseQuery> }>('/api/v1/cases', {
      config: { access: { permission: 'case.read' } },
      schema: { tags, summary: "Cases of the caller's branches, newest first; by status, SLA state, customer, service, reference", querystring: CaseQuery },
    }, async (request) => cases.listCases(deps, engine, request.ctx, { ...request.query, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }));

    app.get<{ Params: Id }>('/api/v1/cases/:id', {
      config: { access: { permission: 'case.read' } },
      schema: { tags, summary: 'One case (by id or reference) with its SLA state, materials and current steps', params: IdParam },
    }, async (request) => cases.getCase(deps, engine, request.ctx, request.params.id));

    app.get<{ Params: Id }>('/api/v1/cases/:id/timeline', {
      config: { access: { permission: 'case.read' } },
      schema: { tags, summary: 'Every step of the case: who, when, how long it waited and took', params: IdParam },
    }, async (request) => cases.caseTimeline(deps, request.ctx, request.params.id));

    app.put<{ Params: Id; Body: Static<typeof MaterialsBody> }>('/api/v1/cases/:id/materials', {
      config: { access: { permission: 'case.write' } },
      schema: { tags, summary: 'Record materials as received (or not), with who checked them', params: IdParam, body: MaterialsBody },
    }, async (request) => {
      await cases.checkMaterials(deps, request.ctx, request.params.id, request.body.items);
      return cases.getCase(deps, engine, request.ctx, request.params.id);
    });

    app.post<{ Params: Id; Body: Static<typeof CloseBody> }>('/api/v1/cases/:id/close', {
      config: { access: { permission: 'case.write' } },
      schema: { tags, summary: 'Close a case by hand: done at the counter (a service without a process), or cancelled (its process too)', params: IdParam, body: CloseBody },
    }, async (request) => {
      await closeCaseByHand(deps, engine, request.ctx, request.params.id, request.body.outcome, request.body.note);
      return cases.getCase(deps, engine, request.ctx, request.params.id);
    });

    app.get('/api/v1/branch-overview', {
      config: { access: { permission: 'case.read' } },
      schema: { tags, summary: "Per branch within reach: open cases, at risk, breached, closed today, rework", response: responses(Type.Object({ items: Type.Array(Type.Object({ unitId: Type.String(), unitCode: Type.String(), nameZh: Type.String(), nameEn: Type.String(), open: Type.Integer(), atRisk: Type.Integer(), breached: Type.Integer(), closedToday: Type.Integer(), rework: Type.Integer() })) })) },
    }, async (request) => ({ items: await cases.branchOverview(deps, request.ctx) }));
  };
}
