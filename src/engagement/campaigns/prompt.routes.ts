import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { IdParam } from '../../platform/http/schemas.ts';
import { counterPromptsView, PROMPT_RESPONSES, respondToPrompt, type PromptResponse } from './prompt.service.ts';

type Id = Static<typeof IdParam>;
const PromptParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }), campaignId: Type.String({ minLength: 1, maxLength: 100 }) });
const PromptResponseBody = Type.Object(
  { response: Type.Unsafe<PromptResponse>({ type: 'string', enum: [...PROMPT_RESPONSES], description: 'mentioned (told, the customer took an interest: a response) | declined (recorded, not a response)' }) },
  { additionalProperties: false },
);

/** Counter prompts (请向客户介绍): what the teller serving a customer should mention, and what the customer answered. */
export function promptRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['campaigns'];
  app.get<{ Params: Id }>('/api/v1/customers/:id/campaign-prompts', { config: { access: { permission: 'customer.read' } }, schema: { tags, summary: 'Campaign prompts for the teller serving this customer: message, response so far, a seminar’s sessions and the customer’s place', params: IdParam } },
    async (request) => counterPromptsView(deps, request.ctx, request.params.id));
  app.post<{ Params: Static<typeof PromptParams>; Body: Static<typeof PromptResponseBody> }>('/api/v1/customers/:id/campaign-prompts/:campaignId/response', {
    config: { access: { permission: 'campaign.checkin' } },
    schema: { tags, summary: 'Record what the customer said to a counter prompt: mentioned (counts as responded) or declined (audited)', params: PromptParams, body: PromptResponseBody },
  }, async (request) => respondToPrompt(deps, request.ctx, request.params.id, request.params.campaignId, request.body.response));
}
