import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { maskName } from '../../platform/pii/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { IdParam } from '../../platform/http/schemas.ts';
import * as S from './campaign.schemas.ts';
import { campaignInReach, campaignView, cancelCampaign, changeContactSettings, contactSettings, createCampaign, listCampaigns } from './campaign.service.ts';
import { customerConsents, setMarketingConsent } from './consent.service.ts';
import { answerInvitation, invitationView } from './invitation.service.ts';
import { launchCampaign } from './launch.service.ts';
import { lotteryDraw, makeDraw, verifyDraw } from './lottery.service.ts';
import { campaignResults } from './results.service.ts';
import { checkIn, checkInSessions, registerByStaff, sessionRegistrations } from './seminar.service.ts';

type Id = Static<typeof IdParam>;

/** Campaigns (营销活动): building, launching, results, seminars' registration and check-in, the lottery's draw; marketing consent per channel. */
export function campaignRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['campaigns'];
  const read = { access: { permission: 'campaign.read' } } as const;
  const manage = { access: { permission: 'campaign.manage' } } as const;
  const checkin = { access: { permission: 'campaign.checkin' } } as const;

  app.get<{ Querystring: Static<typeof S.CampaignListQuery> }>('/api/v1/campaigns', { config: read, schema: { tags, summary: "Campaigns of the caller's unit and below, newest first", querystring: S.CampaignListQuery } },
    async (request) => listCampaigns(deps, request.ctx, { ...request.query, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }));
  app.post<{ Body: S.NewCampaign }>('/api/v1/campaigns', { config: manage, schema: { tags, summary: "Build a campaign (a draft owned by the caller's unit): segment, channels, schedule, control share, messages; a seminar's sessions or a lottery's prizes", body: S.CampaignBody } },
    async (request, reply) => reply.code(201).send(await createCampaign(deps, request.ctx, request.body)));
  app.get<{ Params: Id }>('/api/v1/campaigns/:id', { config: read, schema: { tags, summary: 'A campaign with its sessions and lottery commitment', params: IdParam } },
    async (request) => campaignView(deps, request.ctx, request.params.id));
  app.post<{ Params: Id; Body: Static<typeof S.VersionBody> }>('/api/v1/campaigns/:id/launch', { config: manage, schema: { tags, summary: 'Launch a draft: scheduled, or started at once when its start has come (audience decided, control held out, contacts sent)', params: IdParam, body: S.VersionBody } },
    async (request) => launchCampaign(deps, request.ctx, request.params.id, request.body.version));
  app.post<{ Params: Id; Body: Static<typeof S.VersionBody> }>('/api/v1/campaigns/:id/cancel', { config: manage, schema: { tags, summary: 'Cancel a campaign not finished; deferred messages are withdrawn', params: IdParam, body: S.VersionBody } },
    async (request) => cancelCampaign(deps, request.ctx, request.params.id, request.body.version));
  app.get<{ Params: Id }>('/api/v1/campaigns/:id/results', { config: read, schema: { tags, summary: 'Reached, responded, converted for treatment and control; uplift with its 95% interval (Newcombe), by channel; exclusions by reason', params: IdParam } },
    async (request) => campaignResults(deps, request.ctx, request.params.id));
  app.get<{ Params: Id }>('/api/v1/campaigns/:id/audience', { config: read, schema: { tags, summary: "Each customer's decision at the start (names masked): arm, outcome, channels, response", params: IdParam } },
    async (request) => {
      await campaignInReach(deps.db, request.ctx, request.params.id, 'campaign.read');
      const rows = await deps.db.selectFrom('campaign_audience as a').innerJoin('customer as c', 'c.id', 'a.customer_id')
        .select(['a.customer_id', 'c.name', 'a.arm', 'a.outcome', 'a.response', 'a.responded_at', 'a.converted_at'])
        .where('a.campaign_id', '=', request.params.id).orderBy('a.arm', 'desc').orderBy('a.customer_id').limit(1000).execute();
      const contacts = await deps.db.selectFrom('campaign_contact').select(['customer_id', 'channel', 'decision', 'scheduled_for']).where('campaign_id', '=', request.params.id).execute();
      return {
        items: rows.map((r) => ({
          customerId: r.customer_id, name: maskName(r.name), arm: r.arm, outcome: r.outcome, response: r.response, converted: r.converted_at !== null,
          contacts: contacts.filter((k) => k.customer_id === r.customer_id).map((k) => ({ channel: k.channel, decision: k.decision, scheduledFor: k.scheduled_for?.toISOString() ?? null })),
        })),
      };
    });

  app.get<{ Params: Id }>('/api/v1/campaigns/:id/draw', { config: read, schema: { tags, summary: "A lottery's seed commitment; once drawn, the seed, entrants and winners", params: IdParam } },
    async (request) => lotteryDraw(deps, request.ctx, request.params.id));
  app.post<{ Params: Id }>('/api/v1/campaigns/:id/draw', { config: manage, schema: { tags, summary: 'Make the draw (once; asking again answers the same draw and changes nothing); the seed is published', params: IdParam } },
    async (request) => makeDraw(deps, request.ctx, request.params.id));
  app.get<{ Params: Id }>('/api/v1/campaigns/:id/draw/verify', { config: read, schema: { tags, summary: 'Recompute the draw from the published seed and entrants', params: IdParam } },
    async (request) => verifyDraw(deps, request.ctx, request.params.id));

  app.post<{ Params: Id; Body: Static<typeof S.StaffRegistrationBody> }>('/api/v1/campaigns/:id/registrations', { config: checkin, schema: { tags, summary: 'Register a customer of your branches for a seminar session; the code goes to them by SMS', params: IdParam, body: S.StaffRegistrationBody } },
    async (request, reply) => {
      const r = await registerByStaff(deps, request.ctx, request.params.id, request.body);
      return reply.code(r.created ? 201 : 200).send(r);
    });
  app.get('/api/v1/seminar-sessions', { config: checkin, schema: { tags, summary: "Seminar sessions at the caller's branches, soonest first" } },
    async (request) => checkInSessions(deps, request.ctx));
  app.get<{ Params: Id }>('/api/v1/seminar-sessions/:id/registrations', { config: checkin, schema: { tags, summary: 'Who registered for a session (masked), checked in or not', params: IdParam } },
    async (request) => sessionRegistrations(deps, request.ctx, request.params.id));
  app.post<{ Params: Id; Body: Static<typeof S.CodeBody> }>('/api/v1/seminar-sessions/:id/check-ins', { config: checkin, schema: { tags, summary: 'Check in by registration code (typed or scanned); a code already checked in answers when', params: IdParam, body: S.CodeBody } },
    async (request) => checkIn(deps, request.ctx, request.params.id, request.body.code));

  app.get('/api/v1/campaign-settings', { config: read, schema: { tags, summary: 'The contact rules: at most N campaigns per customer in a rolling window' } }, async () => contactSettings(deps.db));
  app.put<{ Body: Static<typeof S.SettingsBody> }>('/api/v1/campaign-settings', { config: manage, schema: { tags, summary: 'Change the contact rules (head office; audited)', body: S.SettingsBody } },
    async (request) => changeContactSettings(deps, request.ctx, request.body));

  app.get<{ Params: Id }>('/api/v1/customers/:id/marketing-consents', { config: { access: { permission: 'customer.read' } }, schema: { tags, summary: "A customer's marketing consent per channel, and every change", params: IdParam } },
    async (request) => customerConsents(deps, request.ctx, request.params.id));
  app.put<{ Params: Static<typeof S.ConsentParams>; Body: Static<typeof S.ConsentBody> }>('/api/v1/customers/:id/marketing-consents/:channel', { config: { access: { permission: 'customer.write' } }, schema: { tags, summary: 'Grant or withdraw marketing consent on a channel (audited)', params: S.ConsentParams, body: S.ConsentBody } },
    async (request) => setMarketingConsent(deps, request.ctx, request.params.id, request.params.channel, request.body));

  const open = { access: { public: true } } as const;
  app.get<{ Params: Static<typeof S.TokenParam> }>('/api/v1/public/campaign-invitations/:token', { config: open, schema: { tags, security: [], summary: "A customer's invitation by its link: the campaign, a seminar's sessions and places left, their registration", params: S.TokenParam } },
    async (request) => invitationView(deps, request.params.token));
  app.post<{ Params: Static<typeof S.TokenParam>; Body: Static<typeof S.InvitationBody> }>('/api/v1/public/campaign-invitations/:token', { config: open, schema: { tags, security: [], summary: 'Answer the invitation: a seminar place (gives the check-in code), enter the lottery, or show interest', params: S.TokenParam, body: S.InvitationBody } },
    async (request) => answerInvitation(deps, request.ctx, request.params.token, request.body));
}
