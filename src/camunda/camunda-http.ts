import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../platform/access/permissions.ts';
import { assertPermission } from '../platform/access/policy.ts';
import { basicAuthActor } from '../platform/auth/auth.service.ts';
import type { Deps } from '../platform/deps.ts';
import { DomainError, type ErrorCode } from '../platform/errors.ts';
import { requestLang } from '../platform/http/language.ts';
import { CamundaValueError } from './camunda-values.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a Camunda-compatible route needs (same as its native counterpart). */
    camunda?: Permission;
  }
}

/** Camunda's error body: `{ type, message }`. */
export class CamundaError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

function statusAndType(code: ErrorCode): [number, string] {
  switch (code) {
    case 'validation':
    case 'unsupported_media_type':
    case 'payload_too_large':
      return [400, 'InvalidRequestException'];
    case 'not_authenticated':
    case 'login_failed':
    case 'login_locked':
      return [401, 'AuthenticationException'];
    case 'forbidden':
    case 'out_of_scope':
    case 'csrf_failed':
    case 'maker_checker':
    case 'recused':
    case 'not_qualified':
      return [403, 'AuthorizationException'];
    case 'not_found':
      return [404, 'InvalidRequestException'];
    case 'already_exists':
    case 'version_conflict':
    case 'invalid_state':
    case 'precondition_failed':
    case 'rate_limited':
      return [500, 'ProcessEngineException'];
  }
}

/** Sends JSON exactly as Camunda does (`application/json`, which its clients match literally). */
export function json(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  // a Buffer keeps the header as written (a string would get "; charset=utf-8" appended)
  return reply.code(status).header('content-type', 'application/json').send(Buffer.from(JSON.stringify(body)));
}

export function noContent(reply: FastifyReply): FastifyReply {
  return reply.code(204).send();
}

/**
 * The `/engine-rest` gate: HTTP Basic authentication against Banklane users, the route's
 * permission, and Camunda-shaped errors. Scope and every business rule (maker-checker included)
 * are the same services as the native API's.
 */
export function installCamundaGate(app: FastifyInstance, deps: Deps): void {
  app.addHook('onRequest', async (request, reply) => {
    request.ctx = { actor: null, ip: request.ip ?? null, requestId: request.id, lang: requestLang(request) };
    const permission = request.routeOptions.config?.camunda;
    if (!permission) return; // /engine and /version are open, as in Camunda
    const header = request.headers.authorization ?? '';
    const decoded = header.toLowerCase().startsWith('basic ') ? Buffer.from(header.slice(6).trim(), 'base64').toString('utf8') : null;
    const colon = decoded?.indexOf(':') ?? -1;
    const actor = decoded && colon > 0 ? await basicAuthActor(deps, request.ctx, decoded.slice(0, colon), decoded.slice(colon + 1)) : null;
    if (!actor) {
      reply.header('www-authenticate', 'Basic realm="Banklane engine-rest"');
      throw new CamundaError(401, 'AuthenticationException', 'Authentication required: send HTTP Basic credentials of a Banklane user.');
    }
    request.ctx.actor = actor;
    assertPermission(actor, permission);
  });

  app.setErrorHandler((error, request: FastifyRequest, reply) => {
    if (error instanceof CamundaError) return json(reply, error.status, { type: error.type, message: error.message });
    if (error instanceof CamundaValueError) return json(reply, 400, { type: 'InvalidRequestException', message: error.message });
    if (error instanceof DomainError) {
      const [status, type] = statusAndType(error.code);
      const fields = error.options.errors?.map((e) => `${e.field}: ${e.message.en}`).join('; ');
      return json(reply, status, { type, message: fields ? `${error.detail.en} (${fields})` : error.detail.en });
    }
    const fastifyError = error as { validation?: { instancePath: string; message?: string }[]; statusCode?: number; message: string };
    if (fastifyError.validation) {
      const message = fastifyError.validation.map((v) => `${v.instancePath || 'body'} ${v.message ?? 'is invalid'}`).join('; ');
      return json(reply, 400, { type: 'InvalidRequestException', message });
    }
    if (fastifyError.statusCode && fastifyError.statusCode < 500) return json(reply, fastifyError.statusCode, { type: 'InvalidRequestException', message: fastifyError.message });
    request.log.error({ err: error }, 'engine-rest error');
    return json(reply, 500, { type: 'RestException', message: `Internal error; reference ${request.id}` });
  });

  app.setNotFoundHandler((request, reply) => json(reply, 404, { type: 'NotFoundException', message: `No ${request.method} ${request.url.split('?')[0]} in the Camunda-compatible API` }));
}
