import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import { NullableString, responses } from '../http/schemas.ts';
import { listAudit, verifyAuditChain } from './audit.service.ts';

const AuditQuery = Type.Object(
  {
    actor: Type.Optional(Type.String({ maxLength: 100 })),
    action: Type.Optional(Type.String({ maxLength: 100 })),
    entityType: Type.Optional(Type.String({ maxLength: 100 })),
    entityId: Type.Optional(Type.String({ maxLength: 100 })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 }),
    lang: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

const AuditEntry = Type.Object(
  {
    seq: Type.Integer(),
    occurredAt: Type.String(),
    actorId: NullableString,
    actorName: NullableString,
    ip: NullableString,
    action: Type.String(),
    entityType: Type.String(),
    entityId: NullableString,
    unitId: NullableString,
    before: Type.Unknown(),
    after: Type.Unknown(),
    hash: NullableString,
  },
  { $id: 'AuditEntry' },
);

export function auditRoutes(app: FastifyInstance, deps: Deps): void {
  app.addSchema(AuditEntry);
  app.get<{ Querystring: Static<typeof AuditQuery> }>('/api/v1/audit', {
    config: { access: { permission: 'audit.read' } },
    schema: {
      tags: ['audit'],
      summary: 'Audit entries, newest first, filtered',
      querystring: AuditQuery,
      response: responses(Type.Object({ items: Type.Array(Type.Ref('AuditEntry')), total: Type.Integer() })),
    },
  }, async (request) => {
    const { limit, offset, from, to, lang: _lang, ...rest } = request.query;
    return listAudit(deps.db, request.ctx, { ...rest, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined }, { limit, offset });
  });

  app.get('/api/v1/audit/verify', {
    config: { access: { permission: 'audit.read' } },
    schema: {
      tags: ['audit'],
      summary: 'Recompute the hash chain; report the first entry that was altered, removed or inserted',
      response: responses(Type.Object({ ok: Type.Boolean(), entries: Type.Integer(), firstBroken: Type.Optional(Type.Integer()), reason: Type.Optional(Type.String()) })),
    },
  }, async () => verifyAuditChain(deps.db));
}
