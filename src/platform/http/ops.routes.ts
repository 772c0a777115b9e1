import { sql } from 'kysely';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { DatabaseHandle } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import { requestLang } from './language.ts';
import { problemOf } from './problem.ts';

/** Liveness, readiness, metrics and the OpenAPI document: what operators and load balancers use. */
export function opsRoutes(app: FastifyInstance, database: DatabaseHandle, registry: Registry): void {
  app.get(
    '/healthz',
    { schema: { tags: ['operations'], summary: 'Liveness: the process answers', response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the database answers',
        response: { 200: Type.Object({ status: Type.Literal('ready'), database: Type.String() }), 503: Type.Ref('Problem') },
      },
    },
    async (request, reply) => {
      try {
        await sql`select 1`.execute(database.db);
        return { status: 'ready' as const, database: database.kind };
      } catch {
        reply.header('retry-after', '5');
        const problem = problemOf(new DomainError('invalid_state', { en: 'The database does not answer.', zh: '数据库无响应。' }), requestLang(request));
        return reply.code(503 as 200).type('application/problem+json; charset=utf-8').send({ ...problem, status: 503 } as never);
      }
    },
  );

  app.get('/metrics', { schema: { tags: ['operations'], summary: 'Prometheus metrics', hide: false } }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });

  app.get(
    '/api/v1/openapi.json',
    { config: { access: { public: true } }, schema: { hide: true } },
    async () => app.swagger(),
  );
}
