import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RequestContext } from '../access/actor.ts';
import type { Permission } from '../access/permissions.ts';
import { assertPermission } from '../access/policy.ts';
import { resolveSession } from '../auth/auth.service.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { requestLang } from './language.ts';

/** What a route requires of its caller. Every API route must say; one that does not fails start-up. */
export type RouteAccess = { public: true } | { authenticated: true } | { permission: Permission };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

export const SESSION_COOKIE = 'bl_session';
export const CSRF_COOKIE = 'bl_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const GUARDED_PREFIXES = ['/api/'];

const notAuthenticated = () =>
  new DomainError('not_authenticated', {
    en: 'Sign in first: send "Authorization: Bearer <token>" from POST /api/v1/auth/login, or log in through the web app.',
    zh: '请先登录：携带 POST /api/v1/auth/login 返回的 “Authorization: Bearer <token>”，或通过网页登录。',
  });

/**
 * The single gate every request passes: identifies the caller (bearer token or session cookie),
 * checks CSRF for cookie sessions, and enforces the route's declared access before any handler,
 * validation or body parsing runs.
 */
export function installAccessHook(app: FastifyInstance, deps: Deps): void {
  app.addHook('onRoute', (route) => {
    const guarded = GUARDED_PREFIXES.some((p) => route.url.startsWith(p));
    if (guarded && !(route.config as { access?: RouteAccess } | undefined)?.access) {
      throw new Error(`Route ${String(route.method)} ${route.url} does not declare its access`);
    }
  });

  app.decorateRequest('ctx', null as unknown as RequestContext);

  app.addHook('onRequest', async (request) => {
    request.ctx = { actor: null, ip: request.ip ?? null, requestId: request.id, lang: requestLang(request) };
    const access = request.routeOptions.config?.access;
    if (!access) return; // not an API route (static files, health, 404)
    // Public routes (login, the API description) ignore credentials: a stale cookie must not stand
    // in the way of signing in again, and a new login always gets a new session.
    if ('public' in access) return;

    const credential = readCredential(request);
    if (credential) {
      const resolved = await resolveSession(deps, credential.token);
      if (resolved) {
        request.ctx.actor = resolved.actor;
        if (credential.via === 'cookie' && !SAFE_METHODS.has(request.method)) {
          const sent = request.headers['x-csrf-token'];
          if (sent !== resolved.csrfToken) {
            throw new DomainError('csrf_failed', {
              en: 'This request did not carry the session\'s CSRF token (header X-CSRF-Token); reload the page and try again.',
              zh: '请求缺少会话的 CSRF 令牌（X-CSRF-Token 头），请刷新页面后重试。',
            });
          }
        }
      } else if (credential.via === 'bearer') {
        throw new DomainError('not_authenticated', {
          en: 'The session has ended or the token is not valid; sign in again.',
          zh: '会话已结束或令牌无效，请重新登录。',
        });
      }
    }
    if (!request.ctx.actor) throw notAuthenticated();
    if ('permission' in access) assertPermission(request.ctx.actor, access.permission);
  });
}

function readCredential(request: FastifyRequest): { token: string; via: 'bearer' | 'cookie' } | null {
  const header = request.headers.authorization;
  if (header?.toLowerCase().startsWith('bearer ')) {
    const token = header.slice(7).trim();
    if (token) return { token, via: 'bearer' };
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : null;
}
