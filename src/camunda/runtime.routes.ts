import type { FastifyInstance } from 'fastify';
import type { Engine } from '../engine/engine.ts';
import type { DmnModel } from '../engine/dmn/dmn-model.ts';
import * as proc from '../engine/process.service.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { DomainError } from '../platform/errors.ts';
import { CamundaError, json, noContent } from './camunda-http.ts';
import { paging, pagingSchema, sorting } from './camunda-dto.ts';
import { camundaDate, fromTypedMap, toTyped } from './camunda-values.ts';

/** Messages, signals, decisions, history, incidents and job retries, as Camunda 7 answers them. */
export function runtimeRoutes(app: FastifyInstance, engine: Engine): void {
  const db = engine.deps.db;

  app.post<{ Body: { messageName: string; businessKey?: string; correlationKeys?: unknown; processVariables?: unknown; resultEnabled?: boolean } }>('/message', {
    config: { camunda: 'process.manage' },
    schema: { body: { type: 'object', required: ['messageName'], properties: { messageName: { type: 'string', minLength: 1, maxLength: 200 }, businessKey: { type: 'string', maxLength: 200 } } } },
  }, async (request, reply) => {
    const b = request.body;
    try {
      const keys = fromTypedMap(b.correlationKeys);
      const result = await proc.correlateMessage(engine, request.ctx, { name: b.messageName, businessKey: b.businessKey, processVariables: Object.keys(keys).length > 0 ? keys : undefined, variables: fromTypedMap(b.processVariables) });
      if (!b.resultEnabled) return noContent(reply);
      return json(reply, 200, [{ resultType: result.started ? 'ProcessDefinition' : 'Execution', execution: null, processInstance: { id: result.instanceId } }]);
    } catch (error) {
      // Camunda answers a message nothing waits for with 400, not 404
      if (error instanceof DomainError && error.code === 'not_found') throw new CamundaError(400, 'RestException', `Cannot correlate message '${b.messageName}': No process definition or execution matches the parameters`);
      throw error;
    }
  });

  app.post<{ Body: { name: string; variables?: unknown } }>('/signal', {
    config: { camunda: 'process.manage' },
    schema: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1, maxLength: 200 } } } },
  }, async (request, reply) => {
    await proc.throwSignal(engine, request.ctx, { name: request.body.name, variables: fromTypedMap(request.body.variables) });
    return noContent(reply);
  });

  app.post<{ Params: { key: string }; Body: { variables?: unknown } | undefined }>('/decision-definition/key/:key/evaluate', { config: { camunda: 'decision.evaluate' } }, async (request, reply) => {
    const result = await proc.evaluateDecisionByKey(engine, request.params.key, fromTypedMap(request.body?.variables));
    const model = (await db.selectFrom('decision_definition').select('model').where('id', '=', result.decisionDefinitionId).executeTakeFirstOrThrow()).model as DmnModel;
    const logic = model.decisions[request.params.key]?.logic as { kind?: string; outputs?: { name: string | null }[] } | null | undefined;
    const outputName = logic?.outputs?.[0]?.name ?? request.params.key;
    // a result list of rows, each row a map of output name to typed value
    const rows = Array.isArray(result.value) ? result.value : result.value === null ? [] : [result.value];
    return json(reply, 200, rows.map((row) => (row && typeof row === 'object' && !Array.isArray(row) ? Object.fromEntries(Object.entries(row).map(([k, v]) => [k, toTyped(v)])) : { [outputName]: toTyped(row) })));
  });

  const STATE: Record<string, string> = { active: 'ACTIVE', completed: 'COMPLETED', cancelled: 'EXTERNALLY_TERMINATED', terminated: 'INTERNALLY_TERMINATED' };

  app.get<{ Querystring: { processDefinitionKey?: string; businessKey?: string; processInstanceId?: string; finished?: boolean; unfinished?: boolean; firstResult?: number; maxResults?: number; sortBy?: string; sortOrder?: string } }>('/history/process-instance', {
    config: { camunda: 'process.read' },
    schema: { querystring: { type: 'object', properties: { processDefinitionKey: { type: 'string' }, businessKey: { type: 'string' }, processInstanceId: { type: 'string' }, finished: { type: 'boolean' }, unfinished: { type: 'boolean' }, ...pagingSchema } } },
  }, async (request, reply) => {
    const q = request.query;
    const sort = sorting(q, { instanceId: 'id', definitionKey: 'process_key', definitionId: 'definition_id', businessKey: 'business_key', startTime: 'started_at', endTime: 'ended_at' } as const);
    const list = await proc.listInstances(engine, request.ctx, { processKey: q.processDefinitionKey, businessKey: q.businessKey, ...(q.unfinished && { status: 'active' }), sort, ...paging(q) });
    const items = list.items.filter((i) => (!q.finished || i.status !== 'active') && (!q.processInstanceId || i.id === q.processInstanceId));
    return json(reply, 200, items.map((i) => ({
      id: i.id,
      businessKey: i.businessKey,
      processDefinitionId: i.definitionId,
      processDefinitionKey: i.processKey,
      processDefinitionName: null,
      processDefinitionVersion: Number(i.definitionId.split(':')[1] ?? 0),
      startTime: camundaDate(i.startedAt),
      endTime: camundaDate(i.endedAt),
      removalTime: null,
      durationInMillis: i.endedAt ? new Date(i.endedAt).getTime() - new Date(i.startedAt).getTime() : null,
      startUserId: null,
      startActivityId: null,
      deleteReason: null,
      rootProcessInstanceId: i.id,
      superProcessInstanceId: null,
      tenantId: null,
      state: STATE[i.status] ?? 'ACTIVE',
    })));
  });

  app.get<{ Querystring: { processInstanceId?: string } }>('/history/activity-instance', {
    config: { camunda: 'process.read' },
    schema: { querystring: { type: 'object', required: ['processInstanceId'], properties: { processInstanceId: { type: 'string', minLength: 1 }, ...pagingSchema } } },
  }, async (request, reply) => {
    const instanceId = request.query.processInstanceId!;
    const instance = await proc.getInstance(engine, request.ctx, instanceId);
    const { items } = await proc.activityHistory(engine, request.ctx, instanceId);
    const byActivity = new Map<string, { start?: string; end?: string; canceled: boolean; elementId: string; name: string | null; type: string; resource: string | null }>();
    for (const e of items) {
      if (e.elementType === 'process') continue;
      const a = byActivity.get(e.activityInstanceId) ?? { canceled: false, elementId: e.elementId, name: e.name, type: e.elementType, resource: null };
      if (e.lifecycle === 'start') a.start = e.at;
      else {
        a.end = e.at;
        a.canceled = e.lifecycle === 'cancel';
        a.resource = e.resource;
      }
      byActivity.set(e.activityInstanceId, a);
    }
    return json(reply, 200, [...byActivity].map(([id, a]) => ({
      id,
      parentActivityInstanceId: instanceId,
      activityId: a.elementId,
      activityName: a.name,
      activityType: a.type,
      processDefinitionKey: instance.processKey,
      processDefinitionId: instance.definitionId,
      processInstanceId: instanceId,
      executionId: id,
      taskId: null,
      calledProcessInstanceId: null,
      assignee: a.type === 'userTask' ? a.resource : null,
      startTime: camundaDate(a.start ?? a.end ?? null),
      endTime: camundaDate(a.end ?? null),
      durationInMillis: a.start && a.end ? new Date(a.end).getTime() - new Date(a.start).getTime() : null,
      canceled: a.canceled,
      completeScope: a.type === 'endEvent',
      tenantId: null,
    })));
  });

  app.get<{ Querystring: { processInstanceId?: string } }>('/history/task', {
    config: { camunda: 'process.read' },
    schema: { querystring: { type: 'object', required: ['processInstanceId'], properties: { processInstanceId: { type: 'string', minLength: 1 }, ...pagingSchema } } },
  }, async (request, reply) => {
    const instance = await proc.getInstance(engine, request.ctx, request.query.processInstanceId!);
    const rows = await db.selectFrom('task').selectAll().where('instance_id', '=', instance.id).orderBy('created_at').execute();
    return json(reply, 200, rows.map((t) => ({
      id: t.id,
      processDefinitionKey: t.process_key,
      processDefinitionId: instance.definitionId,
      processInstanceId: t.instance_id,
      executionId: t.token_id,
      activityInstanceId: t.token_id,
      name: t.name,
      description: null,
      deleteReason: t.status === 'completed' ? 'completed' : t.status === 'cancelled' ? 'deleted' : null,
      owner: null,
      assignee: t.completed_by ?? t.assignee,
      startTime: camundaDate(t.created_at),
      endTime: camundaDate(t.ended_at),
      duration: t.ended_at ? t.ended_at.getTime() - t.created_at.getTime() : null,
      taskDefinitionKey: t.element_id,
      priority: t.priority,
      due: camundaDate(t.due_at),
      parentTaskId: null,
      followUp: camundaDate(t.follow_up_at),
      tenantId: null,
      removalTime: null,
      rootProcessInstanceId: t.instance_id,
    })));
  });

  app.get<{ Querystring: { processInstanceId?: string; firstResult?: number; maxResults?: number } }>('/incident', {
    config: { camunda: 'process.read' },
    schema: { querystring: { type: 'object', properties: { processInstanceId: { type: 'string' }, ...pagingSchema } } },
  }, async (request, reply) => {
    const { items } = await proc.listIncidents(engine, request.ctx, { instanceId: request.query.processInstanceId, ...paging(request.query) });
    return json(reply, 200, items.map((i) => ({
      id: i.id,
      processDefinitionId: null,
      processInstanceId: i.instanceId,
      executionId: null,
      incidentTimestamp: camundaDate(i.createdAt),
      incidentType: i.kind === 'failedJob' ? (i.jobId ? 'failedJob' : 'failedExternalTask') : i.kind,
      activityId: i.elementId,
      failedActivityId: i.elementId,
      causeIncidentId: i.id,
      rootCauseIncidentId: i.id,
      configuration: i.jobId,
      tenantId: null,
      incidentMessage: i.message,
      jobDefinitionId: null,
      annotation: null,
    })));
  });

  app.put<{ Params: { id: string }; Body: { retries: number } }>('/job/:id/retries', {
    config: { camunda: 'process.manage' },
    schema: { body: { type: 'object', required: ['retries'], properties: { retries: { type: 'integer', minimum: 0, maximum: 100 } } } },
  }, async (request, reply) => {
    const incident = await db.selectFrom('incident').select('id').where('job_id', '=', request.params.id).where('resolved_at', 'is', null).executeTakeFirst();
    const job = await db.selectFrom('job').select('id').where('id', '=', request.params.id).executeTakeFirst();
    if (!job) throw new CamundaError(404, 'InvalidRequestException', `No job found with id '${request.params.id}'`);
    if (incident && request.body.retries > 0) await proc.retryIncident(engine, request.ctx, incident.id);
    await engine.transaction(async (trx) => {
      await trx.updateTable('job').set({ retries: request.body.retries }).where('id', '=', request.params.id).execute();
      await recordAudit(trx, request.ctx, { action: 'job.retries', entityType: 'job', entityId: request.params.id, after: { retries: request.body.retries } }, engine.deps.clock());
    });
    return noContent(reply);
  });
}
