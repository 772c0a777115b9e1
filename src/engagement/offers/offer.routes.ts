import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { IdParam } from '../../platform/http/schemas.ts';
import { ModelsQuery, OffersQuery, OutcomeBody, ReportQuery } from './offer.schemas.ts';
import { showOffers } from './offer.service.ts';
import { recordOutcome } from './outcome.service.ts';
import { offerReport } from './report.service.ts';
import { offerModels, trainModel } from './training.service.ts';

type Id = Static<typeof IdParam>;

/** Next best offers (个性化推荐): a customer's offers with reasons, their outcomes, the model and conversion. */
export function offerRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['customer engagement'];

  app.get<{ Params: Id; Querystring: Static<typeof OffersQuery> }>('/api/v1/customers/:id/offers', {
    config: { access: { permission: 'product.read' } },
    schema: { tags, summary: 'The suitable products to offer a customer, ranked by score with reasons (zh/en); with a channel (counter, phone) each offer shown is recorded, once a day', params: IdParam, querystring: OffersQuery },
  }, async (request) => showOffers(deps, { kind: 'staff', ctx: request.ctx }, request.params.id, request.query.channel ?? null));

  app.post<{ Params: Id; Body: Static<typeof OutcomeBody> }>('/api/v1/offers/:id/outcome', {
    config: { access: { permission: 'product.sell' } },
    schema: { tags, summary: 'Record that the customer declined an offer or let it pass (audited); accepting is selling the product', params: IdParam, body: OutcomeBody },
  }, async (request) => recordOutcome(deps, { kind: 'staff', ctx: request.ctx }, request.params.id, request.body.outcome));

  app.get<{ Querystring: Static<typeof ModelsQuery> }>('/api/v1/offer-models', {
    config: { access: { permission: 'product.read' } },
    schema: { tags, summary: 'The propensity model (the latest version, or one named): per product its history and each coefficient in plain words; the versions', querystring: ModelsQuery },
  }, async (request) => offerModels(deps, request.query.version));

  app.post('/api/v1/offer-models/train', {
    config: { access: { permission: 'product.manage' } },
    schema: { tags, summary: 'Train a new model version from the offers’ outcomes now (the daily run does the same; audited)' },
  }, async (request, reply) => reply.code(201).send(await trainModel(deps, request.ctx, 'manual')));

  app.get<{ Querystring: Static<typeof ReportQuery> }>('/api/v1/offer-reports', {
    config: { access: { permission: 'product.read' } },
    schema: { tags, summary: "Conversion of the offers shown in the caller's branches (default: the last 90 days), by product, channel and tier", querystring: ReportQuery },
  }, async (request) => offerReport(deps, request.ctx, request.query));
}
