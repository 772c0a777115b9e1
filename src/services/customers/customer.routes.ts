import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { IdParam, responses } from '../../platform/http/schemas.ts';
import * as S from './customer.schemas.ts';
import * as customers from './customer.service.ts';
import { customer360 } from './customer-360.ts';
import { listSegments, setSegments } from './segments.ts';

type Id = Static<typeof IdParam>;

/** Customers (客户): identity, contact, tier, consents and risk flags; masked unless revealed. */
export function customerRoutes(app: FastifyInstance, deps: Deps): void {
  app.addSchema(S.CustomerSchema);
  const tags = ['customers'];
  const Customer = Type.Ref('Customer');

  app.get('/api/v1/customer-segments', {
    config: { access: { authenticated: true } },
    schema: { tags, summary: 'Customer segments (tiers), in order', response: responses(Type.Object({ items: Type.Array(S.SegmentSchema) })) },
  }, async () => ({ items: await listSegments(deps) }));

  app.put<{ Body: Static<typeof S.SegmentsBody> }>('/api/v1/customer-segments', {
    config: { access: { permission: 'catalog.write' } },
    schema: { tags, summary: 'Replace the customer segments', body: S.SegmentsBody, response: responses(Type.Object({ items: Type.Array(S.SegmentSchema) })) },
  }, async (request) => ({ items: await setSegments(deps, request.ctx, request.body.segments) }));

  app.get<{ Querystring: Static<typeof S.CustomerListQuery> }>('/api/v1/customers', {
    config: { access: { permission: 'customer.read' } },
    schema: { tags, summary: "Customers of the caller's branches, by name prefix and segment (masked)", querystring: S.CustomerListQuery, response: responses(Type.Object({ total: Type.Integer(), items: Type.Array(Customer) })) },
  }, async (request) => customers.listCustomers(deps, request.ctx, { ...request.query, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }));

  app.post<{ Body: Static<typeof S.CustomerSearchBody> }>('/api/v1/customers/search', {
    config: { access: { permission: 'customer.read' } },
    schema: { tags, summary: 'Find a customer by exact ID number or phone, bank-wide (in the body, so numbers stay out of logs); results masked', body: S.CustomerSearchBody, response: responses(Type.Object({ items: Type.Array(Customer) })) },
  }, async (request) => ({ items: await customers.searchCustomers(deps, request.ctx, request.body) }));

  app.post<{ Body: Static<typeof S.NewCustomerBody> }>('/api/v1/customers', {
    config: { access: { permission: 'customer.write' } },
    schema: { tags, summary: 'Register a customer (ID number validated: resident ID check digit, social credit code)', body: S.NewCustomerBody, response: responses(Customer, 201) },
  }, async (request, reply) => reply.code(201).send(await customers.createCustomer(deps, request.ctx, request.body)));

  app.get<{ Params: Id }>('/api/v1/customers/:id', {
    config: { access: { permission: 'customer.read' } },
    schema: { tags, summary: 'One customer (masked)', params: IdParam, response: responses(Customer) },
  }, async (request) => customers.getCustomer(deps, request.ctx, request.params.id));

  app.patch<{ Params: Id; Body: Static<typeof S.CustomerChangeBody> }>('/api/v1/customers/:id', {
    config: { access: { permission: 'customer.write' } },
    schema: { tags, summary: 'Change contact, tier, manager or consents (optimistic locking by version)', params: IdParam, body: S.CustomerChangeBody, response: responses(Customer) },
  }, async (request) => customers.changeCustomer(deps, request.ctx, request.params.id, request.body));

  app.put<{ Params: Id; Body: Static<typeof S.RiskFlagsBody> }>('/api/v1/customers/:id/risk-flags', {
    config: { access: { permission: 'customer.risk' } },
    schema: { tags, summary: 'Set the blacklist and PEP flags, with the reason', params: IdParam, body: S.RiskFlagsBody, response: responses(Customer) },
  }, async (request) => customers.setRiskFlags(deps, request.ctx, request.params.id, request.body));

  app.post<{ Params: Id; Body: Static<typeof S.RevealCustomerBody> }>('/api/v1/customers/:id/reveal', {
    config: { access: { permission: 'pii.reveal' } },
    schema: { tags, summary: 'Show personal data whole, for a stated reason (audited)', params: IdParam, body: S.RevealCustomerBody, response: responses(Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()]))) },
  }, async (request) => customers.revealCustomer(deps, request.ctx, request.params.id, request.body.fields, request.body.reason));

  app.get<{ Params: Id }>('/api/v1/customers/:id/360', {
    config: { access: { permission: 'customer.read' } },
    schema: { tags, summary: 'Customer 360: the customer with their cases, inquiries, appointments and surveys', params: IdParam },
  }, async (request) => customer360(deps, request.ctx, request.params.id));
}
