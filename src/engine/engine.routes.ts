import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { fieldError, NotFoundError } from '../platform/errors.ts';
import { responses } from '../platform/http/schemas.ts';
import { answer, idempotencyKey } from '../platform/idempotency.ts';
import type { Engine } from './engine.ts';
import * as S from './engine.schemas.ts';
import * as ext from './external-task.service.ts';
import * as proc from './process.service.ts';
import * as tasks from './task.service.ts';

/** A response object whose nested parts are described loosely (kept as they are). */
const Loose = (properties: Record<string, TSchema> = {}) => Type.Object(properties, { additionalProperties: true });
const List = Loose({ items: Type.Array(Loose()), total: Type.Optional(Type.Integer()) });

/** The engine's native API: deployments, definitions, instances, tasks, messages, decisions, incidents, history, external tasks. */
export function engineRoutes(engine: Engine) {
  return (app: FastifyInstance): void => {
    const db = engine.deps.db;
    const tags = ['engine'];

    app.post<{ Body: Static<typeof S.DeployBody> }>('/api/v1/deployments', {
      config: { access: { permission: 'process.deploy' } },
      schema: { tags, summary: 'Deploy BPMN and DMN resources (refused as a whole, element by element, if any model has a problem)', body: S.DeployBody, response: responses(Loose(), 201) },
    }, async (request, reply) => {
      const outcome = await proc.deployResources(engine, request.ctx, { name: request.body.name, resources: request.body.resources, duplicateFiltering: request.body.duplicateFiltering ?? true, source: 'api' });
      return reply.code(201).send(outcome);
    });

    app.get<{ Querystring: { key?: string; latest?: boolean } }>('/api/v1/process-definitions', {
      config: { access: { permission: 'process.read' } },
      schema: { tags, summary: 'Process definitions (all versions, or the latest of each key), with the instances of each process within reach', querystring: Type.Object({ key: Type.Optional(Type.String({ maxLength: 200 })), latest: Type.Optional(Type.Boolean()), lang: Type.Optional(Type.String()) }, { additionalProperties: false }), response: responses(List) },
    }, async (request) => {
      let q = db.selectFrom('process_definition as d').select(['d.id', 'd.key', 'd.version', 'd.name', 'd.executable', 'd.deployment_id', 'd.resource_name', 'd.deployed_at']);
      if (request.query.key) q = q.where('d.key', '=', request.query.key);
      if (request.query.latest) q = q.where('d.version', '=', (eb) => eb.selectFrom('process_definition as l').select((e) => e.fn.max('l.version').as('v')).whereRef('l.key', '=', 'd.key'));
      const rows = await q.orderBy('d.key').orderBy('d.version', 'desc').execute();
      const counts = await proc.instanceCounts(engine, request.ctx, [...new Set(rows.map((r) => r.key))]);
      return {
        items: rows.map((r) => ({ id: r.id, key: r.key, version: r.version, name: r.name, executable: r.executable, deploymentId: r.deployment_id, resourceName: r.resource_name, deployedAt: r.deployed_at.toISOString(), instances: counts.get(r.key) ?? { active: 0, total: 0 } })),
      };
    });

    app.get<{ Params: Static<typeof S.IdParams> }>('/api/v1/process-definitions/:id/xml', {
      config: { access: { permission: 'process.read' } },
      schema: { tags, summary: 'The BPMN XML a definition was deployed from', params: S.IdParams },
    }, async (request, reply) => {
      const row = await db.selectFrom('process_definition as d').innerJoin('deployment_resource as r', (j) => j.onRef('r.deployment_id', '=', 'd.deployment_id').onRef('r.name', '=', 'd.resource_name')).select('r.content').where('d.id', '=', request.params.id).executeTakeFirst();
      if (!row) throw new NotFoundError({ en: 'process definition', zh: '流程定义' }, request.params.id);
      return reply.type('application/xml; charset=utf-8').send(row.content);
    });

    app.get<{ Params: Static<typeof S.IdParams> }>('/api/v1/process-definitions/:id/statistics', {
      config: { access: { permission: 'process.read' } },
      schema: { tags, summary: 'Per element: tokens waiting now and completions, over the instances within reach', params: S.IdParams, response: responses(Loose({ instances: Type.Integer(), items: Type.Array(Loose()) })) },
    }, async (request) => proc.definitionStatistics(engine, request.ctx, request.params.id));

    app.get('/api/v1/decision-definitions', {
      config: { access: { permission: 'process.read' } },
      schema: { tags, summary: 'Decision definitions', response: responses(List) },
    }, async () => {
      const rows = await db.selectFrom('decision_definition').select(['id', 'key', 'version', 'name', 'deployment_id', 'deployed_at']).orderBy('key').orderBy('version', 'desc').execute();
      return { items: rows.map((r) => ({ id: r.id, key: r.key, version: r.version, name: r.name, deploymentId: r.deployment_id, deployedAt: r.deployed_at.toISOString() })) };
    });

    app.get<{ Params: Static<typeof S.IdParams> }>('/api/v1/decision-definitions/:id/xml', {
      config: { access: { permission: 'process.read' } },
      schema: { tags, summary: 'The DMN XML a decision was deployed from', params: S.IdParams },
    }, async (request, reply) => {
      const row = await db.selectFrom('decision_definition as d').innerJoin('deployment_resource as r', (j) => j.onRef('r.deployment_id', '=', 'd.deployment_id').onRef('r.name', '=', 'd.resource_name')).select('r.content').where('d.id', '=', request.params.id).executeTakeFirst();
      if (!row) throw new NotFoundError({ en: 'decision definition', zh: '决策定义' }, request.params.id);
      return reply.type('application/xml; charset=utf-8').send(row.content);
    });

    app.post<{ Params: Static<typeof S.KeyParams>; Body: Static<typeof S.EvaluateBody> }>('/api/v1/decisions/:key/evaluate', {
      config: { access: { permission: 'decision.evaluate' } },
      schema: { tags, summary: 'Evaluate the latest version of a decision; the trace names the matched rules', params: S.KeyParams, body: S.EvaluateBody, response: responses(Loose({ value: Type.Unknown(), trace: Type.Array(Loose()) })) },
    }, async (request) => proc.evaluateDecisionByKey(engine, request.params.key, request.body.variables));

    app.post<{ Body: Static<typeof S.StartBody> }>('/api/v1/process-instances', {
      config: { access: { permission: 'process.start' } },
      schema: { tags, summary: 'Start a process instance (by key: latest version; or a definition id). Honours Idempotency-Key.', body: S.StartBody, response: responses(Loose(), 201) },
    }, async (request, reply) => {
      if (!request.body.processKey && !request.body.definitionId) throw fieldError('processKey', 'give processKey or definitionId', '须提供 processKey 或 definitionId');
      return answer(reply, await proc.startProcess(engine, request.ctx, request.body, idempotencyKey(request)));
    });

    app.get<{ Querystring: Static<typeof S.InstanceQuery> }>('/api/v1/process-instances', {
      config: { access: { permission: 'process.read' } },
      schema: { tags, summary: 'Process instances within reach', querystring: S.InstanceQuery, response: responses(List) },
    }, async (request) => proc.listInstances(engine, request.ctx, request.query));

    app.get<{ Params: Static<typeof S.IdParams> }>('/api/v1/process-instances/:id', {
      config: { access: { permission: 'process.read' } },
      schema: { tags, summary: 'One instance: tokens, variables, incidents', params: S.IdParams, response: responses(Loose()) },
    }, async (request) => proc.getInstance(engine, request.ctx, request.params.id));

    app.post<{ Params: Static<typeof S.IdParams>; Body: Static<typeof S.CancelBody> }>('/api/v1/process-instances/:id/cancel', {
      config: { access: { permission: 'process.manage' } },
      schema: { tags, summary: 'Cancel an instance, with a reason', params: S.IdParams, body: S.CancelBody, response: responses(Loose()) },
    }, async (request) => {
      await proc.cancelInstance(engine, request.ctx, request.params.id, request.body.reason);
      return proc.getInstance(engine, request.ctx, request.params.id);
    });

    app.put<{ Params: Static<typeof S.IdParams>; Body: Static<typeof S.VariablesBody> }>('/api/v1/process-instances/:id/variables', {
      config: { access: { permission: 'process.manage' } },
      schema: { tags, summary: 'Set process variables', params: S.IdParams, body: S.VariablesBody, response: responses(Loose()) },
    }, async (request) => {
      await proc.setInstanceVariables(engine, request.ctx, request.params.id, request.body.variables);
      return proc.getInstance(engine, request.ctx, request.params.id);
    });

    app.get<{ Params: Static<typeof S.IdParams> }>('/api/v1/process-instances/:id/history', {
      config: { access: { permission: 'process.read' } },
      schema: { tags, summary: 'The event log of an instance (activity instances started, completed, cancelled)', params: S.IdParams, response: responses(List) },
    }, async (request) => proc.activityHistory(engine, request.ctx, request.params.id));

    app.get<{ Querystring: Static<typeof S.TaskQuery> }>('/api/v1/tasks', {
      config: { access: { permission: 'task.work' } },
      schema: { tags, summary: 'Open tasks within reach; mine=true: assigned or offered to me', querystring: S.TaskQuery, response: responses(List) },
    }, async (request) => tasks.listTasks(engine, request.ctx, request.query));

    app.get<{ Params: Static<typeof S.IdParams> }>('/api/v1/tasks/:id', {
      config: { access: { permission: 'task.work' } },
      schema: { tags, summary: 'One task', params: S.IdParams, response: responses(Loose()) },
    }, async (request) => tasks.getTask(engine, request.ctx, request.params.id));

    for (const action of ['claim', 'unclaim'] as const) {
      app.post<{ Params: Static<typeof S.IdParams> }>(`/api/v1/tasks/:id/${action}`, {
        config: { access: { permission: 'task.work' } },
        schema: { tags, summary: action === 'claim' ? 'Claim a task (409 if someone else was first)' : 'Give a claimed task back', params: S.IdParams, response: responses(Loose()) },
      }, async (request) => (action === 'claim' ? tasks.claimTask : tasks.unclaimTask)(engine, request.ctx, request.params.id));
    }

    app.post<{ Params: Static<typeof S.IdParams>; Body: Static<typeof S.DelegateBody> }>('/api/v1/tasks/:id/delegate', {
      config: { access: { permission: 'task.work' } },
      schema: { tags, summary: 'Hand a task to someone else', params: S.IdParams, body: S.DelegateBody, response: responses(Loose()) },
    }, async (request) => tasks.delegateTask(engine, request.ctx, request.params.id, request.body.userId));

    app.post<{ Params: Static<typeof S.IdParams>; Body: Static<typeof S.CompleteBody> }>('/api/v1/tasks/:id/complete', {
      config: { access: { permission: 'task.work' } },
      schema: { tags, summary: 'Complete a task with variables (maker-checker enforced; honours Idempotency-Key)', params: S.IdParams, body: S.CompleteBody, response: responses(Loose()) },
    }, async (request, reply) => {
      return answer(reply, await tasks.completeTask(engine, request.ctx, request.params.id, request.body.variables ?? {}, idempotencyKey(request)));
    });

    app.post<{ Body: Static<typeof S.MessageBody> }>('/api/v1/messages', {
      config: { access: { permission: 'process.manage' } },
      schema: { tags, summary: 'Correlate a message (by business key / correlation key); 404 if nothing waits for it', body: S.MessageBody, response: responses(Loose()) },
    }, async (request) => proc.correlateMessage(engine, request.ctx, request.body));

    app.post<{ Body: Static<typeof S.SignalBody> }>('/api/v1/signals', {
      config: { access: { permission: 'process.manage' } },
      schema: { tags, summary: 'Broadcast a signal to every instance waiting for it', body: S.SignalBody, response: responses(Loose()) },
    }, async (request) => proc.throwSignal(engine, request.ctx, request.body));

    app.get<{ Querystring: Static<typeof S.PageQuery> }>('/api/v1/incidents', {
      config: { access: { permission: 'process.read' } },
      schema: { tags, summary: 'Open incidents', querystring: S.PageQuery, response: responses(List) },
    }, async (request) => proc.listIncidents(engine, request.ctx, request.query));

    app.post<{ Params: Static<typeof S.IdParams> }>('/api/v1/incidents/:id/retry', {
      config: { access: { permission: 'process.manage' } },
      schema: { tags, summary: 'Retry after fixing the cause: a failed job gets a retry, a stopped step runs again', params: S.IdParams, response: responses(Loose()) },
    }, async (request) => {
      await proc.retryIncident(engine, request.ctx, request.params.id);
      return { retried: true };
    });

    app.post<{ Body: Static<typeof S.FetchBody> }>('/api/v1/external-tasks/fetch-and-lock', {
      config: { access: { permission: 'worker.external' } },
      schema: { tags, summary: 'Fetch and lock external tasks by topic (long polling with asyncResponseTimeout)', body: S.FetchBody, response: responses(Type.Array(Loose())) },
    }, async (request) => ext.fetchExternalTasks(engine, request.body));

    app.post<{ Params: Static<typeof S.IdParams>; Body: Static<typeof S.WorkerBody> }>('/api/v1/external-tasks/:id/complete', {
      config: { access: { permission: 'worker.external' } },
      schema: { tags, summary: 'Complete a locked external task', params: S.IdParams, body: S.WorkerBody, response: responses(Loose()) },
    }, async (request) => {
      await ext.completeExternalTask(engine, request.ctx, request.params.id, request.body.workerId, request.body.variables ?? {});
      return { completed: true };
    });

    app.post<{ Params: Static<typeof S.IdParams>; Body: Static<typeof S.FailureBody> }>('/api/v1/external-tasks/:id/failure', {
      config: { access: { permission: 'worker.external' } },
      schema: { tags, summary: 'Report a failure (retries left, retry timeout)', params: S.IdParams, body: S.FailureBody, response: responses(Loose()) },
    }, async (request) => {
      await ext.failExternalTask(engine, request.ctx, request.params.id, request.body);
      return { recorded: true };
    });

    app.post<{ Params: Static<typeof S.IdParams>; Body: Static<typeof S.BpmnErrorBody> }>('/api/v1/external-tasks/:id/bpmn-error', {
      config: { access: { permission: 'worker.external' } },
      schema: { tags, summary: 'Raise a BPMN error that the model catches', params: S.IdParams, body: S.BpmnErrorBody, response: responses(Loose()) },
    }, async (request) => {
      await ext.bpmnErrorExternalTask(engine, request.ctx, request.params.id, request.body);
      return { thrown: true };
    });

    app.post<{ Params: Static<typeof S.IdParams>; Body: Static<typeof S.ExtendBody> }>('/api/v1/external-tasks/:id/extend-lock', {
      config: { access: { permission: 'worker.external' } },
      schema: { tags, summary: 'Extend the lock of a task the worker holds', params: S.IdParams, body: S.ExtendBody, response: responses(Loose()) },
    }, async (request) => {
      await ext.extendExternalLock(engine, request.ctx, request.params.id, request.body.workerId, request.body.newDuration);
      return { extended: true };
    });

    app.post<{ Params: Static<typeof S.IdParams> }>('/api/v1/external-tasks/:id/unlock', {
      config: { access: { permission: 'worker.external' } },
      schema: { tags, summary: 'Release the lock of an external task', params: S.IdParams, response: responses(Loose()) },
    }, async (request) => {
      await ext.unlockExternalTask(engine, request.ctx, request.params.id);
      return { unlocked: true };
    });
  };
}
