import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { IdParam } from '../../platform/http/schemas.ts';
import { RefusalQuery, SaleBody } from './product.schemas.ts';
import { holdingsOf, listRefusals, sellProduct } from './sale.service.ts';

type Id = Static<typeof IdParam>;

/** Work to do once a sale is committed, for the customer it changed (their facts and segments). */
export type AfterSale = (customerId: string) => Promise<void>;

/** Sales (产品销售) guarded by suitability, the holdings they open, and the refusals kept for regulators. */
export const saleRoutes = (afterSale: AfterSale) => (app: FastifyInstance, deps: Deps): void => {
  const tags = ['customer engagement'];

  app.post<{ Body: Static<typeof SaleBody> }>('/api/v1/product-sales', {
    config: { access: { permission: 'product.sell' } },
    schema: { tags, summary: 'Sell a product at the counter or by phone: refused (422, each reason on /productCode, the refusal recorded) when it does not suit the customer; opens a holding (audited)', body: SaleBody },
  }, async (request, reply) => {
    const sale = await sellProduct(deps, { kind: 'staff', ctx: request.ctx }, request.body);
    // the sale stands whatever follows; a refresh that fails here is caught up by the daily one
    await afterSale(sale.customerId).catch((error: unknown) => request.log.error({ err: error }, 'refreshing the customer after a sale failed'));
    return reply.code(201).send(sale);
  });

  app.get<{ Params: Id }>('/api/v1/customers/:id/holdings', {
    config: { access: { permission: 'product.read' } },
    schema: { tags, summary: 'The products a customer holds (open first), with amounts', params: IdParam },
  }, async (request) => ({ items: await holdingsOf(deps, request.ctx, request.params.id) }));

  app.get<{ Querystring: Static<typeof RefusalQuery> }>('/api/v1/suitability-refusals', {
    config: { access: { permission: 'product.read' } },
    schema: { tags, summary: "Sales refused as unsuitable in the caller's branches, latest first, with their reasons", querystring: RefusalQuery },
  }, async (request) => listRefusals(deps, request.ctx, { ...request.query, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }));
};
