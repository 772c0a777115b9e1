import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from '../http/access-hook.ts';
import { noContent, responses } from '../http/schemas.ts';
import { loadMe } from '../org/me.ts';
import { login, logout } from './auth.service.ts';

export const MeSchema = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    unit: Type.Object({ id: Type.String(), code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
    roles: Type.Array(Type.String()),
    roleNames: Type.Array(Type.Object({ key: Type.String(), nameZh: Type.String(), nameEn: Type.String() })),
    permissions: Type.Array(Type.String()),
    scope: Type.Union([Type.Literal('global'), Type.Literal('unit')]),
  },
  { $id: 'Me' },
);

const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export function authRoutes(app: FastifyInstance, deps: Deps): void {
  app.addSchema(MeSchema);
  const cookieBase = { path: '/', sameSite: 'strict' as const, secure: 'auto' as const };

  app.post<{ Body: { username: string; password: string } }>(
    '/api/v1/auth/login',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with user name and password',
        description: 'Returns a bearer token and sets an httpOnly session cookie plus a readable CSRF cookie for the web app. Failures are slowed and, when repeated, locked out (429 with Retry-After).',
        security: [],
        body: LoginBody,
        response: responses(
          Type.Object({ token: Type.String(), csrfToken: Type.String(), expiresAt: Type.String({ format: 'date-time' }), user: Type.Ref('Me') }),
        ),
      },
    },
    async (request, reply) => {
      const result = await login(deps, request.ctx, { ...request.body, userAgent: request.headers['user-agent'] ?? null });
      reply.setCookie(SESSION_COOKIE, result.token, { ...cookieBase, httpOnly: true, expires: result.expiresAt });
      reply.setCookie(CSRF_COOKIE, result.csrfToken, { ...cookieBase, httpOnly: false, expires: result.expiresAt });
      return { ...result, expiresAt: result.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { access: { authenticated: true } }, schema: { tags: ['auth'], summary: 'End the current session', response: noContent() } },
    async (request, reply) => {
      await logout(deps, request.ctx);
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/me',
    { config: { access: { authenticated: true } }, schema: { tags: ['auth'], summary: 'The signed-in user, roles, unit and permissions', response: responses(Type.Ref('Me')) } },
    async (request) => loadMe(deps.db, request.ctx.actor!.userId),
  );
}
