import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { IdParam } from '../../platform/http/schemas.ts';
import { assessmentsOf, currentQuestionnaire, publishQuestionnaire, recordAssessment } from './risk-assessment.service.ts';
import { AssessmentBody, QuestionnaireBody, SuitabilityQuery } from './suitability.schemas.ts';
import { explainSuitability, suitableProducts } from './suitability.service.ts';

type Id = Static<typeof IdParam>;

/** Risk tolerance (风险承受能力) and suitability (适当性): the questionnaire, assessments, verdicts with reasons. */
export function suitabilityRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['customer engagement'];

  app.get('/api/v1/risk-questionnaire', {
    config: { access: { permission: 'product.read' } },
    schema: { tags, summary: 'The current risk-tolerance questionnaire: questions and scored answers (zh/en), level thresholds, months of validity' },
  }, async () => currentQuestionnaire(deps.db));

  app.get('/api/v1/public/risk-questionnaire', {
    config: { access: { public: true } },
    schema: { tags: [...tags, 'customer portal'], security: [], summary: 'The current questionnaire as customers answer it in the portal and the app' },
  }, async () => currentQuestionnaire(deps.db));

  app.post<{ Body: Static<typeof QuestionnaireBody> }>('/api/v1/risk-questionnaire', {
    config: { access: { permission: 'product.manage' } },
    schema: { tags, summary: 'Publish a new version of the questionnaire (thresholds rising C2–C5 within the possible totals); earlier assessments hold until they end', body: QuestionnaireBody },
  }, async (request, reply) => reply.code(201).send(await publishQuestionnaire(deps, request.ctx, request.body)));

  app.post<{ Params: Id; Body: Static<typeof AssessmentBody> }>('/api/v1/customers/:id/risk-assessments', {
    config: { access: { permission: 'product.sell' } },
    schema: { tags, summary: 'Record a customer’s answers at the counter or by phone: scored into C1–C5, valid for the questionnaire’s months (audited)', params: IdParam, body: AssessmentBody },
  }, async (request, reply) => reply.code(201).send(await recordAssessment(deps, { kind: 'staff', ctx: request.ctx }, request.params.id, request.body)));

  app.get<{ Params: Id }>('/api/v1/customers/:id/risk-assessments', {
    config: { access: { permission: 'product.read' } },
    schema: { tags, summary: 'A customer’s assessments, latest first, and the one in force', params: IdParam },
  }, async (request) => assessmentsOf(deps, request.ctx, request.params.id));

  app.get<{ Params: Id; Querystring: Static<typeof SuitabilityQuery> }>('/api/v1/customers/:id/suitability', {
    config: { access: { permission: 'product.read' } },
    schema: { tags, summary: 'Whether a product suits the customer now, with every reason it does not (zh/en)', params: IdParam, querystring: SuitabilityQuery },
  }, async (request) => explainSuitability(deps, request.ctx, request.params.id, request.query.product));

  app.get<{ Params: Id }>('/api/v1/customers/:id/suitable-products', {
    config: { access: { permission: 'product.read' } },
    schema: { tags, summary: 'The products on sale that suit the customer now; the others with their reasons', params: IdParam },
  }, async (request) => suitableProducts(deps, request.ctx, request.params.id));
}
