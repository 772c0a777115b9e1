import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { IdParam, Paging } from '../platform/http/schemas.ts';
import type { Engine } from '../engine/engine.ts';
import { RISK_CASE_KINDS } from './risk-case.ts';
import { getRiskCase, listRiskCases } from './risk-case.repository.ts';
import { openRiskCase } from './risk-case.service.ts';
import type { RiskCaseStatus } from './risk-case.table.ts';

/** An enumeration as one JSON-schema `enum` (one error naming the field, not one per choice). */
const enumOf = <T extends string>(values: readonly T[], description?: string) => Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

const NewCaseBody = Type.Object(
  {
    merchantId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'The merchant (id or merchant code); left out when alertId is given' })),
    alertId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'The early-warning alert the case comes from: acknowledged and linked, closed with the findings when the case closes' })),
    kind: Type.Optional(enumOf(RISK_CASE_KINDS, 'cash_out 套现, laundering 洗钱, fraud 欺诈, moved_terminal 移机, data_leak 信息泄露, other; rectification 整改复查 (a restricted or suspended merchant\'s controls reviewed for lifting; reported, not from an alert); from an alert, suggested by its rule when left out')),
    description: Type.String({ minLength: 2, maxLength: 2000, description: 'What was reported or seen' }),
  },
  { additionalProperties: false },
);
const CaseQuery = Type.Object(
  {
    status: Type.Optional(enumOf<RiskCaseStatus | 'open'>(['open', 'investigating', 'awaiting_approval', 'actions_applied', 'closed'], '`open` = any but closed')),
    merchant: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'A merchant id or code' })),
    ...Paging,
  },
  { additionalProperties: false },
);

/**
 * Merchant risk cases (风险事件处置). A case's steps — investigate, propose actions, approve — are
 * worked through the engine's task API (`/api/v1/tasks`), as onboarding's are.
 */
export const riskCaseRoutes = (engine: Engine) => (app: FastifyInstance, deps: Deps): void => {
  const tags = ['merchant risk'];

  app.post<{ Body: Static<typeof NewCaseBody> }>('/api/v1/merchant-risk-cases', {
    config: { access: { permission: 'merchant.risk' } },
    schema: { tags, summary: 'Open a risk case on a merchant, from an alert (acknowledged and linked) or a report; starts the process merchantRiskCase', body: NewCaseBody },
  }, async (request, reply) => reply.code(201).send(await openRiskCase(deps, engine, request.ctx, request.body)));

  app.get<{ Querystring: Static<typeof CaseQuery> }>('/api/v1/merchant-risk-cases', {
    config: { access: { permission: 'merchant.risk' } },
    schema: { tags, summary: "Risk cases of the caller's branches, open ones first, newest first", querystring: CaseQuery },
  }, async (request) => listRiskCases(deps, request.ctx, { ...request.query, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }));

  app.get<{ Params: Static<typeof IdParam> }>('/api/v1/merchant-risk-cases/:id', {
    config: { access: { permission: 'merchant.risk' } },
    schema: { tags, summary: 'One risk case (by id or reference): its actions, the alert, the open step of its process and the steps done', params: IdParam },
  }, async (request) => getRiskCase(deps, request.ctx, request.params.id));
};
