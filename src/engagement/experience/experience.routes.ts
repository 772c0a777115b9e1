import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { IdParam } from '../../platform/http/schemas.ts';
import { churnList, customerChurn } from './churn.service.ts';
import { ChurnQuery, EffortQuery, ScoresQuery, type ChurnParams, type EffortParams, type ScoresParams } from './experience.schemas.ts';
import { experienceEffort, experienceScores } from './experience.service.ts';

/** Customer experience (客户体验) and churn signals (流失预警), within the caller's branches. */
export function experienceRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['customer experience'];

  app.get<{ Querystring: ScoresParams }>('/api/v1/experience/scores', {
    config: { access: { permission: 'experience.read' } },
    schema: { tags, summary: 'NPS (promoters 9–10 minus detractors 0–6) and CSAT (share of 4–5) per week or month, overall or by segment, channel, branch or journey, with counts', querystring: ScoresQuery },
  }, async (request) => experienceScores(deps, request.ctx, request.query));

  app.get<{ Querystring: EffortParams }>('/api/v1/experience/effort', {
    config: { access: { permission: 'experience.read' } },
    schema: { tags, summary: "The customer's effort per journey over the cases closed in the window: steps, waiting between steps, handovers, total time and contacts (median, 90th percentile)", querystring: EffortQuery },
  }, async (request) => experienceEffort(deps, request.ctx, request.query));

  app.get<{ Querystring: ChurnParams }>('/api/v1/experience/churn', {
    config: { access: { permission: 'experience.read' } },
    schema: { tags, summary: 'Customers at risk of leaving in your branches (masked), highest churn score first, with its reasons and their retention task', querystring: ChurnQuery },
  }, async (request) => churnList(deps, request.ctx, request.query));

  app.get<{ Params: Static<typeof IdParam> }>('/api/v1/customers/:id/churn', {
    config: { access: { permission: 'experience.read' } },
    schema: { tags, summary: "A customer's churn score and reasons now, and their latest retention task", params: IdParam },
  }, async (request) => customerChurn(deps, request.ctx, request.params.id));
}
