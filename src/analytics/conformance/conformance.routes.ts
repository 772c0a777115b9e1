import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { IdParam } from '../../platform/http/schemas.ts';
import { FilterQuery, parseFilter } from '../mining/log-filter.ts';
import { conformance, DEFAULT_WORST } from './conformance.service.ts';

const ConformanceQuery = Type.Object(
  {
    ...FilterQuery.properties,
    definitionId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    processKey: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);

/** Conformance checking: how well an event log fits a deployed process model. */
export function conformanceRoutes(app: FastifyInstance, deps: Deps): void {
  app.get<{ Params: Static<typeof IdParam>; Querystring: Static<typeof ConformanceQuery> }>('/api/v1/event-logs/:id/conformance', {
    config: { access: { permission: 'analytics.read' } },
    schema: {
      tags: ['event logs'],
      summary: `Token-replay fitness of the log to a deployed model (definitionId, or processKey and optionally version — the latest by default): tokens produced, consumed, missing and remaining; activities outside the model; deviations by place; the least fitting cases (limit, default ${DEFAULT_WORST}). Of the cases the filter keeps, as every measure`,
      params: IdParam,
      querystring: ConformanceQuery,
    },
  }, async (request) => {
    const { definitionId, processKey, version, limit, ...filter } = request.query;
    return conformance(deps, request.params.id, { definitionId, processKey, version }, limit, parseFilter(filter));
  });
}
