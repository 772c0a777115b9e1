import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { IdParam } from '../../platform/http/schemas.ts';
import { FACTS } from '../facts/facts.ts';
import { customerSegments, segmentMembers } from './membership.service.ts';
import { listRuns, refreshSegments } from './refresh.service.ts';
import { CodeParam, DryRunBody, MembersQuery, RunsQuery, SegmentBody, SegmentChangeBody } from './segment.schemas.ts';
import { changeSegment, createSegment, dryRunExpression, listSegments } from './segment.service.ts';

/** Customer segments (客户分层): the rules, their live counts, members and each customer's history, refresh runs. */
export function segmentRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['customer segments'];

  app.get('/api/v1/segment-facts', {
    config: { access: { permission: 'segment.read' } },
    schema: { tags, summary: 'The customer facts a segment rule may name, with their types and meanings' },
  }, async () => ({ items: FACTS.map((f) => ({ name: f.name, type: f.type, en: f.meaning.en, zh: f.meaning.zh })) }));

  app.get('/api/v1/segments', {
    config: { access: { permission: 'segment.read' } },
    schema: { tags, summary: "Every segment — tiers from the highest, then groups — with its members in the caller's branches, and the last refresh" },
  }, async (request) => listSegments(deps, request.ctx));

  app.post<{ Body: Static<typeof SegmentBody> }>('/api/v1/segments', {
    config: { access: { permission: 'segment.manage' } },
    schema: { tags, summary: 'Add a segment: its FEEL rule is checked (syntax, fact names, a condition); the answer has its live count. Members follow at the next refresh.', body: SegmentBody },
  }, async (request, reply) => reply.code(201).send(await createSegment(deps, request.ctx, request.body)));

  app.patch<{ Params: Static<typeof CodeParam>; Body: Static<typeof SegmentChangeBody> }>('/api/v1/segments/:code', {
    config: { access: { permission: 'segment.manage' } },
    schema: { tags, summary: 'Change a segment: rule, names, rank, active (optimistic locking by version); the answer has the live count', params: CodeParam, body: SegmentChangeBody },
  }, async (request) => changeSegment(deps, request.ctx, request.params.code, request.body));

  app.post<{ Body: Static<typeof DryRunBody> }>('/api/v1/segments/dry-run', {
    config: { access: { permission: 'segment.read' } },
    schema: { tags, summary: "How many customers a rule holds on the last refresh's facts, bank-wide and in the caller's branches, with a masked sample; nothing saved", body: DryRunBody },
  }, async (request) => dryRunExpression(deps, request.ctx, request.body.expression));

  app.get<{ Params: Static<typeof CodeParam>; Querystring: Static<typeof MembersQuery> }>('/api/v1/segments/:code/members', {
    config: { access: { permission: 'segment.read' } },
    schema: { tags, summary: "A segment's members in the caller's branches (masked), longest-standing first", params: CodeParam, querystring: MembersQuery },
  }, async (request) => segmentMembers(deps, request.ctx, request.params.code, { limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }));

  app.get<{ Params: Static<typeof IdParam> }>('/api/v1/customers/:id/segments', {
    config: { access: { permission: 'segment.read' } },
    schema: { tags, summary: "A customer's tier and segments, every entry and exit (newest first), and the facts they rest on", params: IdParam },
  }, async (request) => customerSegments(deps, request.ctx, request.params.id));

  app.get<{ Querystring: Static<typeof RunsQuery> }>('/api/v1/segment-runs', {
    config: { access: { permission: 'segment.read' } },
    schema: { tags, summary: 'The latest refresh runs, newest first', querystring: RunsQuery },
  }, async (request) => ({ items: await listRuns(deps, request.query.limit ?? 20) }));

  app.post('/api/v1/segment-runs', {
    config: { access: { permission: 'segment.manage' } },
    schema: { tags, summary: 'Refresh every customer’s facts and segments now (the daily run does the same); only changes are written' },
  }, async (request, reply) => reply.code(201).send(await refreshSegments(deps, request.ctx, 'manual')));
}
