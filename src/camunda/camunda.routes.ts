import type { FastifyInstance } from 'fastify';
import type { Engine } from '../engine/engine.ts';
import { installCamundaGate, json } from './camunda-http.ts';
import { externalTaskRoutes } from './external-task.routes.ts';
import { processRoutes } from './process.routes.ts';
import { runtimeRoutes } from './runtime.routes.ts';
import { taskRoutes } from './task.routes.ts';

/**
 * The Camunda-7-compatible REST API under `/engine-rest`, for existing clients and workers:
 * same paths, JSON shapes, typed variables, dates and error bodies as Camunda 7's documentation,
 * on Banklane's engine and with Banklane's authorisation (docs/CAMUNDA-COMPAT.md).
 */
export function camundaRoutes(engine: Engine) {
  return (app: FastifyInstance): void => {
    void app.register(
      async (scoped) => {
        installCamundaGate(scoped, engine.deps);
        scoped.get('/engine', { schema: { hide: true } }, async (_request, reply) => json(reply, 200, [{ name: 'default' }]));
        scoped.get('/version', { schema: { hide: true } }, async (_request, reply) => json(reply, 200, { version: '7.21.0' }));
        externalTaskRoutes(scoped, engine);
        await processRoutes(scoped, engine);
        taskRoutes(scoped, engine);
        runtimeRoutes(scoped, engine);
      },
      { prefix: '/engine-rest' },
    );
  };
}
