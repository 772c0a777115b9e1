import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { responses } from '../../platform/http/schemas.ts';
import { listProducts, productByCode } from './product.repository.ts';
import { NewProductBody, ProductChangeBody, ProductListQuery, ProductSchema } from './product.schemas.ts';
import { changeProduct, createProduct } from './product.service.ts';

const CodeParam = Type.Object({ code: Type.String({ minLength: 1, maxLength: 30 }) });
type Code = Static<typeof CodeParam>;

/** The product catalogue (产品目录): deposits, wealth products, cards, loans, insurance, with risk levels R1–R5. */
export function productRoutes(app: FastifyInstance, deps: Deps): void {
  app.addSchema(ProductSchema);
  const tags = ['customer engagement'];
  const Product = Type.Ref('Product');

  app.get<{ Querystring: Static<typeof ProductListQuery> }>('/api/v1/products', {
    config: { access: { permission: 'product.read' } },
    schema: { tags, summary: 'The catalogue, by kind, status, risk level and a search on code or name', querystring: ProductListQuery, response: responses(Type.Object({ total: Type.Integer(), items: Type.Array(Product) })) },
  }, async (request) => listProducts(deps.db, { ...request.query, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }));

  app.get<{ Params: Code }>('/api/v1/products/:code', {
    config: { access: { permission: 'product.read' } },
    schema: { tags, summary: 'One product', params: CodeParam, response: responses(Product) },
  }, async (request) => productByCode(deps.db, request.params.code, null));

  app.post<{ Body: Static<typeof NewProductBody> }>('/api/v1/products', {
    config: { access: { permission: 'product.manage' } },
    schema: { tags, summary: 'Add a product, on sale at once (its eligibility decision must be deployed; audited)', body: NewProductBody, response: responses(Product, 201) },
  }, async (request, reply) => reply.code(201).send(await createProduct(deps, request.ctx, request.body)));

  app.patch<{ Params: Code; Body: Static<typeof ProductChangeBody> }>('/api/v1/products/:code', {
    config: { access: { permission: 'product.manage' } },
    schema: { tags, summary: 'Change a product, or withdraw it from sale (status withdrawn); optimistic by version, audited', params: CodeParam, body: ProductChangeBody, response: responses(Product) },
  }, async (request) => changeProduct(deps, request.ctx, request.params.code, request.body));
}
