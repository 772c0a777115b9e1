import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { IdParam, Paging } from '../platform/http/schemas.ts';
import { changeAlert, listAlerts } from './alerts.service.ts';
import type { AlertStatus, Severity } from './merchant.table.ts';
import { changeRule, createRule, DryRunBody, dryRunRule, listRules, RuleBody, RuleChangeBody } from './rules.service.ts';

const enumOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const AlertQuery = Type.Object(
  {
    status: Type.Optional(enumOf<AlertStatus | 'active'>(['active', 'open', 'acknowledged', 'closed'])),
    severity: Type.Optional(enumOf<Severity>(['low', 'medium', 'high'])),
    merchant: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'A merchant id or code' })),
    ...Paging,
  },
  { additionalProperties: false },
);
const NoteBody = Type.Object({ note: Type.Optional(Type.String({ minLength: 2, maxLength: 1000 })) }, { additionalProperties: false });
const CloseBody = Type.Object({ note: Type.String({ minLength: 2, maxLength: 1000 }) }, { additionalProperties: false });
const CodeParam = Type.Object({ code: Type.String({ minLength: 1, maxLength: 60 }) });

/** Merchant risk: the alerts board and the early-warning rules. */
export function merchantRiskRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['merchant risk'];

  app.get<{ Querystring: Static<typeof AlertQuery> }>('/api/v1/risk-alerts', {
    config: { access: { permission: 'merchant.risk' } },
    schema: { tags, summary: 'The alerts board: open before closed, the most severe first (status `active` = open or acknowledged)', querystring: AlertQuery },
  }, async (request) => listAlerts(deps, request.ctx, { ...request.query, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }));

  app.post<{ Params: Static<typeof IdParam>; Body: Static<typeof NoteBody> }>('/api/v1/risk-alerts/:id/acknowledge', {
    config: { access: { permission: 'merchant.risk' } },
    schema: { tags, summary: 'Acknowledge an alert: someone is looking into it', params: IdParam, body: NoteBody },
  }, async (request) => changeAlert(deps, request.ctx, request.params.id, 'acknowledged', request.body.note ?? null));

  app.post<{ Params: Static<typeof IdParam>; Body: Static<typeof CloseBody> }>('/api/v1/risk-alerts/:id/close', {
    config: { access: { permission: 'merchant.risk' } },
    schema: { tags, summary: 'Close an alert with what was found; the rule may open a new one if the condition returns', params: IdParam, body: CloseBody },
  }, async (request) => changeAlert(deps, request.ctx, request.params.id, 'closed', request.body.note));

  app.get('/api/v1/risk-rules', {
    config: { access: { permission: 'merchant.risk' } },
    schema: { tags, summary: 'The early-warning rules' },
  }, async () => listRules(deps));

  app.post<{ Body: Static<typeof RuleBody> }>('/api/v1/risk-rules', {
    config: { access: { permission: 'merchant.configure' } },
    schema: { tags, summary: 'Add a rule (its FEEL condition is checked: syntax, names, that it is true or false)', body: RuleBody },
  }, async (request, reply) => reply.code(201).send(await createRule(deps, request.ctx, request.body)));

  app.patch<{ Params: Static<typeof CodeParam>; Body: Static<typeof RuleChangeBody> }>('/api/v1/risk-rules/:code', {
    config: { access: { permission: 'merchant.configure' } },
    schema: { tags, summary: 'Change a rule: condition, severity, names, active (optimistic locking by version)', params: CodeParam, body: RuleChangeBody },
  }, async (request) => changeRule(deps, request.ctx, request.params.code, request.body));

  app.post<{ Body: Static<typeof DryRunBody> }>('/api/v1/risk-rules/dry-run', {
    config: { access: { permission: 'merchant.risk' } },
    schema: { tags, summary: 'What a condition would have raised between two days: firings per day and merchants, nothing opened', body: DryRunBody },
  }, async (request) => dryRunRule(deps, request.body));
}
