import type { FastifyInstance } from 'fastify';
import type { Engine } from '../engine/engine.ts';
import * as proc from '../engine/process.service.ts';
import * as tasks from '../engine/task.service.ts';
import { CamundaError, json, noContent } from './camunda-http.ts';
import { definitionsOf, paging, pagingSchema, sorting, taskDto } from './camunda-dto.ts';
import { fromTypedMap, toTypedMap } from './camunda-values.ts';

/** Camunda's task API, on Banklane's task service: the same scope, candidate and maker-checker rules. */
export function taskRoutes(app: FastifyInstance, engine: Engine): void {
  const db = engine.deps.db;

  app.get<{ Querystring: { processInstanceId?: string; assignee?: string; candidateGroup?: string; taskDefinitionKey?: string; firstResult?: number; maxResults?: number; sortBy?: string; sortOrder?: string } }>('/task', {
    config: { camunda: 'task.work' },
    schema: { querystring: { type: 'object', properties: { processInstanceId: { type: 'string', maxLength: 200 }, assignee: { type: 'string', maxLength: 100 }, candidateGroup: { type: 'string', maxLength: 100 }, taskDefinitionKey: { type: 'string', maxLength: 200 }, ...pagingSchema } } },
  }, async (request, reply) => {
    const q = request.query;
    const sort = sorting(q, { instanceId: 'id', id: 'id', created: 'created_at', dueDate: 'due_at', followUpDate: 'follow_up_at', priority: 'priority', name: 'name', assignee: 'assignee', processInstanceId: 'instance_id' } as const);
    const list = await tasks.listTasks(engine, request.ctx, { instanceId: q.processInstanceId, assignee: q.assignee, candidateGroup: q.candidateGroup, elementId: q.taskDefinitionKey, sort, ...paging(q) });
    const definitions = await definitionsOf(db, [...new Set(list.items.map((t) => t.instanceId))]);
    return json(reply, 200, list.items.map((t) => taskDto(t, definitions.get(t.instanceId) ?? null)));
  });

  app.get<{ Params: { id: string } }>('/task/:id', { config: { camunda: 'task.work' } }, async (request, reply) => {
    const task = await tasks.getTask(engine, request.ctx, request.params.id);
    if (task.status !== 'open') throw new CamundaError(404, 'InvalidRequestException', `No matching task with id ${request.params.id}`);
    const definitions = await definitionsOf(db, [task.instanceId]);
    return json(reply, 200, taskDto(task, definitions.get(task.instanceId) ?? null));
  });

  app.post<{ Params: { id: string }; Body: { userId?: string } | undefined }>('/task/:id/claim', { config: { camunda: 'task.work' } }, async (request, reply) => {
    const me = request.ctx.actor!.username;
    const userId = request.body?.userId;
    // claiming for someone else is delegating, which needs the right to manage processes
    if (userId && userId !== me) {
      if (!request.ctx.actor!.permissions.has('process.manage')) throw new CamundaError(403, 'AuthorizationException', `${me} may not claim a task for ${userId}`);
      await tasks.delegateTask(engine, request.ctx, request.params.id, userId);
    } else await tasks.claimTask(engine, request.ctx, request.params.id);
    return noContent(reply);
  });

  app.post<{ Params: { id: string } }>('/task/:id/unclaim', { config: { camunda: 'task.work' } }, async (request, reply) => {
    await tasks.unclaimTask(engine, request.ctx, request.params.id);
    return noContent(reply);
  });

  app.post<{ Params: { id: string }; Body: { variables?: unknown; withVariablesInReturn?: boolean } | undefined }>('/task/:id/complete', { config: { camunda: 'task.work' } }, async (request, reply) => {
    const task = await tasks.getTask(engine, request.ctx, request.params.id);
    await tasks.completeTask(engine, request.ctx, request.params.id, fromTypedMap(request.body?.variables));
    if (!request.body?.withVariablesInReturn) return noContent(reply);
    const instance = await proc.getInstance(engine, request.ctx, task.instanceId);
    return json(reply, 200, toTypedMap(instance.variables));
  });

  app.get<{ Params: { id: string } }>('/task/:id/form-variables', { config: { camunda: 'task.work' } }, async (request, reply) => {
    const task = await tasks.getTask(engine, request.ctx, request.params.id);
    const instance = await proc.getInstance(engine, request.ctx, task.instanceId);
    return json(reply, 200, toTypedMap(instance.variables));
  });
}
