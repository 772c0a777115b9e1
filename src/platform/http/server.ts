import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type RouteOptions } from 'fastify';
import type { DatabaseHandle } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { installAccessHook } from './access-hook.ts';
import { frameworkErrors, installJsonBodyParser } from './json-body.ts';
import { installMetrics } from './metrics.ts';
import { opsRoutes } from './ops.routes.ts';
import { installProblemHandlers } from './problem.ts';
import { ProblemSchema } from './schemas.ts';
import { buildValidator } from './validation.ts';
import { installWeb } from './web.ts';

export type RouteModule = (app: FastifyInstance, deps: Deps) => void;

/** Every route each server registered (method, URL, declared access, schemas), in order: what the security suites are generated from. */
export const registeredRoutes = new WeakMap<FastifyInstance, RouteOptions[]>();

/** JSON lines for machines; readable lines when a person watches the terminal. */
function loggerOptions(level: Deps['config']['logLevel']) {
  if (level === 'silent') return false;
  if (!process.stdout.isTTY) return { level };
  return { level, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,reqId,req,res,responseTime' } } };
}

/**
 * The HTTP adapter: Fastify with security headers, cookies, the access gate, problem-details
 * errors, metrics, OpenAPI, the web app, and every capability's routes.
 */
export async function createHttpServer(
  deps: Deps,
  database: DatabaseHandle,
  modules: RouteModule[],
): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    // A person at a terminal wants to see the start and the errors, not every request.
    ...(process.stdout.isTTY && { logController: new LogController({ disableRequestLogging: true }) }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: () => deps.newId(),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    frameworkErrors,
    // Our factory returns the same compile function Fastify expects; its declared types are narrower.
    schemaController: { compilersFactory: { buildValidator: buildValidator as never } },
  });
  app.addSchema(ProblemSchema);
  const routes: RouteOptions[] = [];
  registeredRoutes.set(app, routes);
  app.addHook('onRoute', (route) => void routes.push(route));
  installJsonBodyParser(app);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Banklane API',
        version: '1',
        description:
          'Bank service-process operations. Every error is RFC 9457 problem details (application/problem+json). ' +
          'Authenticate with POST /api/v1/auth/login and send the token in the header "Authorization: Bearer TOKEN".',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'bl_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true });

  installAccessHook(app, deps);
  const registry = installMetrics(app, database);
  const pageFallback = await installWeb(app, config.webDir);
  installProblemHandlers(app, pageFallback);
  opsRoutes(app, database, registry);
  for (const register of modules) register(app, deps);
  return app;
}
