import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { myCampaigns, registerMyself } from './my-campaigns.service.ts';

const CampaignParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const MyRegistrationBody = Type.Object({ sessionId: Type.String({ minLength: 1, maxLength: 100, description: 'A session of the seminar' }) }, { additionalProperties: false });

/**
 * The signed-in customer's campaigns. Registered inside the portal's customer-session scope: its
 * hook has admitted a live session and set `request.customer`, the only customer served here.
 */
export function myCampaignRoutes(scope: FastifyInstance, deps: Deps): void {
  const tags = ['customer portal'];
  const config = { access: { public: true } } as const;
  const security: never[] = [];
  scope.get('/api/v1/portal/campaigns', {
    config,
    schema: { tags, security, summary: 'The running campaigns that invited me in the portal: message, my response, a seminar’s sessions with places left and my place' },
  }, async (request) => myCampaigns(deps, request.customer));
  scope.post<{ Params: Static<typeof CampaignParam>; Body: Static<typeof MyRegistrationBody> }>('/api/v1/portal/campaigns/:id/registrations', {
    config,
    schema: { tags, security, summary: 'Take a place in a session of a seminar that invited me (one per seminar; a full session refuses on /sessionId; the check-in code comes by SMS)', params: CampaignParam, body: MyRegistrationBody },
  }, async (request) => registerMyself(deps, request.customer, request.params.id, request.body.sessionId));
}
