import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { IdParam } from '../platform/http/schemas.ts';
import { advanceRequest, getRequest, listRequests, listStandards, NewRequestBody, NoteBody, openRequest, RequestListQuery, setStandards, StandardsBody } from './service-requests.service.ts';

type Id = Static<typeof IdParam>;

/** Service standards by merchant tier (服务标准) and merchants' service requests with their clocks. */
export function merchantServiceRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['merchant service'];

  app.get('/api/v1/merchant-service-standards', {
    config: { access: { permission: 'merchant.read' } },
    schema: { tags, summary: 'How soon each kind of request is answered and resolved, by merchant tier' },
  }, async () => listStandards(deps));

  app.put<{ Body: Static<typeof StandardsBody> }>('/api/v1/merchant-service-standards', {
    config: { access: { permission: 'merchant.configure' } },
    schema: { tags, summary: 'Set service standards (each tier and kind given); audited', body: StandardsBody },
  }, async (request) => setStandards(deps, request.ctx, request.body));

  app.post<{ Body: Static<typeof NewRequestBody> }>('/api/v1/merchant-requests', {
    config: { access: { permission: 'merchant.write' } },
    schema: { tags, summary: "Open a merchant's service request: its response and resolution clocks come from the merchant's tier", body: NewRequestBody },
  }, async (request, reply) => reply.code(201).send(await openRequest(deps, request.ctx, request.body)));

  app.get<{ Querystring: Static<typeof RequestListQuery> }>('/api/v1/merchant-requests', {
    config: { access: { permission: 'merchant.read' } },
    schema: { tags, summary: "Requests of the caller's branches, the soonest due first (status active = not resolved; clock at_risk or breached)", querystring: RequestListQuery },
  }, async (request) => listRequests(deps, request.ctx, request.query));

  app.get<{ Params: Id }>('/api/v1/merchant-requests/:id', {
    config: { access: { permission: 'merchant.read' } },
    schema: { tags, summary: 'One request (by id or reference) with its clocks', params: IdParam },
  }, async (request) => getRequest(deps, request.ctx, request.params.id));

  app.post<{ Params: Id; Body: Static<typeof NoteBody> }>('/api/v1/merchant-requests/:id/respond', {
    config: { access: { permission: 'merchant.write' } },
    schema: { tags, summary: 'Record the first answer to the merchant: the response clock stops', params: IdParam, body: NoteBody },
  }, async (request) => advanceRequest(deps, request.ctx, request.params.id, 'responded', request.body.note));

  app.post<{ Params: Id; Body: Static<typeof NoteBody> }>('/api/v1/merchant-requests/:id/resolve', {
    config: { access: { permission: 'merchant.write' } },
    schema: { tags, summary: 'Resolve the request with what was done: both clocks stop', params: IdParam, body: NoteBody },
  }, async (request) => advanceRequest(deps, request.ctx, request.params.id, 'resolved', request.body.note));
}
