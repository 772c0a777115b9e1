import type { FastifyInstance } from 'fastify';
import type { Engine } from '../engine/engine.ts';
import * as ext from '../engine/external-task.service.ts';
import { json, noContent } from './camunda-http.ts';
import { camundaDate, fromTypedMap, toTypedMap } from './camunda-values.ts';

type Topic = { topicName: string; lockDuration: number; variables?: string[] };
type WorkerBody = { workerId: string; variables?: unknown; localVariables?: unknown };

const workerId = { type: 'string', minLength: 1, maxLength: 200 };

/** Camunda's external-task API, as `camunda-external-task-client-js` and other workers use it. */
export function externalTaskRoutes(app: FastifyInstance, engine: Engine): void {
  app.post<{ Body: { workerId: string; maxTasks: number; asyncResponseTimeout?: number; topics: Topic[] } }>('/external-task/fetchAndLock', {
    config: { camunda: 'worker.external' },
    schema: {
      body: {
        type: 'object',
        required: ['workerId', 'maxTasks', 'topics'],
        properties: {
          workerId,
          maxTasks: { type: 'integer', minimum: 0, maximum: 1000 },
          asyncResponseTimeout: { type: 'integer', minimum: 0, maximum: 1_800_000 },
          topics: { type: 'array', maxItems: 100, items: { type: 'object', required: ['topicName', 'lockDuration'], properties: { topicName: { type: 'string', minLength: 1, maxLength: 200 }, lockDuration: { type: 'integer', minimum: 1 }, variables: { type: 'array', items: { type: 'string' } } } } },
        },
      },
    },
  }, async (request, reply) => {
    const { workerId: worker, maxTasks, topics, asyncResponseTimeout } = request.body;
    if (maxTasks === 0 || topics.length === 0) return json(reply, 200, []);
    const tasks = await ext.fetchExternalTasks(engine, { workerId: worker, maxTasks: Math.min(maxTasks, 100), topics: topics.map((t) => ({ topicName: t.topicName, lockDuration: t.lockDuration })), asyncResponseTimeout });
    const wanted = new Map(topics.map((t) => [t.topicName, t.variables]));
    return json(reply, 200, tasks.map((t) => {
      const names = wanted.get(t.topic);
      const variables = names ? Object.fromEntries(Object.entries(t.variables).filter(([k]) => names.includes(k))) : t.variables;
      return {
        activityId: t.elementId,
        activityInstanceId: t.tokenId,
        errorMessage: t.errorMessage,
        errorDetails: t.errorDetails,
        executionId: t.tokenId,
        id: t.id,
        lockExpirationTime: camundaDate(t.lockExpiresAt),
        processDefinitionId: t.definitionId,
        processDefinitionKey: t.processKey,
        processDefinitionVersionTag: null,
        processInstanceId: t.instanceId,
        retries: t.errorMessage ? t.retries : null,
        suspended: false,
        workerId: worker,
        topicName: t.topic,
        tenantId: null,
        variables: toTypedMap(variables),
        priority: 0,
        businessKey: t.businessKey,
        extensionProperties: {},
      };
    }));
  });

  app.post<{ Params: { id: string }; Body: WorkerBody }>('/external-task/:id/complete', {
    config: { camunda: 'worker.external' },
    schema: { body: { type: 'object', required: ['workerId'], properties: { workerId } } },
  }, async (request, reply) => {
    const variables = { ...fromTypedMap(request.body.variables), ...fromTypedMap(request.body.localVariables) };
    await ext.completeExternalTask(engine, request.ctx, request.params.id, request.body.workerId, variables);
    return noContent(reply);
  });

  app.post<{ Params: { id: string }; Body: { workerId: string; errorMessage?: string; errorDetails?: string; retries?: number; retryTimeout?: number } }>('/external-task/:id/failure', {
    config: { camunda: 'worker.external' },
    schema: { body: { type: 'object', required: ['workerId'], properties: { workerId, errorMessage: { type: 'string', maxLength: 10_000 }, errorDetails: { type: 'string', maxLength: 100_000 }, retries: { type: 'integer', minimum: 0 }, retryTimeout: { type: 'integer', minimum: 0 } } } },
  }, async (request, reply) => {
    const b = request.body;
    await ext.failExternalTask(engine, request.ctx, request.params.id, { workerId: b.workerId, errorMessage: b.errorMessage ?? 'failed', errorDetails: b.errorDetails, retries: b.retries ?? 0, retryTimeout: b.retryTimeout ?? 0 });
    return noContent(reply);
  });

  app.post<{ Params: { id: string }; Body: { workerId: string; errorCode: string; errorMessage?: string; variables?: unknown } }>('/external-task/:id/bpmnError', {
    config: { camunda: 'worker.external' },
    schema: { body: { type: 'object', required: ['workerId', 'errorCode'], properties: { workerId, errorCode: { type: 'string', minLength: 1, maxLength: 200 }, errorMessage: { type: 'string', maxLength: 10_000 } } } },
  }, async (request, reply) => {
    const b = request.body;
    await ext.bpmnErrorExternalTask(engine, request.ctx, request.params.id, { workerId: b.workerId, errorCode: b.errorCode, errorMessage: b.errorMessage, variables: fromTypedMap(b.variables) });
    return noContent(reply);
  });

  app.post<{ Params: { id: string }; Body: { workerId: string; newDuration: number } }>('/external-task/:id/extendLock', {
    config: { camunda: 'worker.external' },
    schema: { body: { type: 'object', required: ['workerId', 'newDuration'], properties: { workerId, newDuration: { type: 'integer', minimum: 1 } } } },
  }, async (request, reply) => {
    await ext.extendExternalLock(engine, request.ctx, request.params.id, request.body.workerId, request.body.newDuration);
    return noContent(reply);
  });

  app.post<{ Params: { id: string } }>('/external-task/:id/unlock', { config: { camunda: 'worker.external' } }, async (request, reply) => {
    await ext.unlockExternalTask(engine, request.ctx, request.params.id);
    return noContent(reply);
  });
}
