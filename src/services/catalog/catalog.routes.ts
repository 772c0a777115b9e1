import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { responses } from '../../platform/http/schemas.ts';
import { NewServiceBody, ServiceChangeBody, ServiceDefinition } from './catalog.schemas.ts';
import * as catalog from './catalog.service.ts';

const Code = Type.Object({ code: Type.String({ minLength: 1, maxLength: 60 }) });
const Filter = Type.Object({ category: Type.Optional(Type.String({ maxLength: 40 })), channel: Type.Optional(Type.String({ maxLength: 40 })), lang: Type.Optional(Type.String()) }, { additionalProperties: false });
const ServiceSchema = Type.Intersect([Type.Object({ code: Type.String(), version: Type.Integer(), active: Type.Boolean(), updatedAt: Type.String() }), Type.Ref('ServiceDefinition')]);

/**
 * The service catalogue (服务目录): what each service needs (materials), costs (fees) and takes
 * (time limit), where and how it can be started. Public to customers; kept by operations.
 */
export function catalogRoutes(app: FastifyInstance, deps: Deps): void {
  app.addSchema(ServiceDefinition);
  const tags = ['service catalogue'];

  app.get<{ Querystring: Static<typeof Filter> }>('/api/v1/public/services', {
    config: { access: { public: true } },
    schema: { tags, summary: 'Services offered, for customers: materials, fees, time limit, channels (no sign-in)', security: [], querystring: Filter, response: responses(Type.Object({ items: Type.Array(ServiceSchema) })) },
  }, async (request) => ({ items: await catalog.listServices(deps, { publicOnly: true, ...request.query }) }));

  app.get<{ Params: Static<typeof Code> }>('/api/v1/public/services/:code', {
    config: { access: { public: true } },
    schema: { tags, summary: 'One service, for customers', security: [], params: Code, response: responses(ServiceSchema) },
  }, async (request) => catalog.getService(deps, request.params.code, true));

  app.get<{ Querystring: Static<typeof Filter> }>('/api/v1/services', {
    config: { access: { authenticated: true } },
    schema: { tags, summary: 'The whole catalogue, withdrawn services included', querystring: Filter, response: responses(Type.Object({ items: Type.Array(ServiceSchema) })) },
  }, async (request) => ({ items: await catalog.listServices(deps, { publicOnly: false, ...request.query }) }));

  app.get<{ Params: Static<typeof Code> }>('/api/v1/services/:code', {
    config: { access: { authenticated: true } },
    schema: { tags, summary: 'One service, withdrawn or not', params: Code, response: responses(ServiceSchema) },
  }, async (request) => catalog.getService(deps, request.params.code, false));

  app.post<{ Body: Static<typeof NewServiceBody> }>('/api/v1/services', {
    config: { access: { permission: 'catalog.write' } },
    schema: { tags, summary: 'Add a service to the catalogue', body: NewServiceBody, response: responses(ServiceSchema, 201) },
  }, async (request, reply) => reply.code(201).send(await catalog.createService(deps, request.ctx, request.body.code, request.body.definition as catalog.Service)));

  app.put<{ Params: Static<typeof Code>; Body: Static<typeof ServiceChangeBody> }>('/api/v1/services/:code', {
    config: { access: { permission: 'catalog.write' } },
    schema: { tags, summary: 'A new version of a service (optimistic locking by version)', params: Code, body: ServiceChangeBody, response: responses(ServiceSchema) },
  }, async (request) => catalog.changeService(deps, request.ctx, request.params.code, { ...request.body, definition: request.body.definition as catalog.Service }));

  app.get<{ Params: Static<typeof Code> }>('/api/v1/services/:code/versions', {
    config: { access: { permission: 'catalog.write' } },
    schema: { tags, summary: 'Every version of a service, newest first', params: Code, response: responses(Type.Object({ items: Type.Array(Type.Object({ version: Type.Integer(), definition: Type.Ref('ServiceDefinition'), changedBy: Type.Union([Type.String(), Type.Null()]), changedAt: Type.String() })) })) },
  }, async (request) => ({ items: await catalog.serviceVersions(deps, request.params.code) }));
}
