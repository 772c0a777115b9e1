import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { Engine } from '../engine/engine.ts';
import * as proc from '../engine/process.service.ts';
import { CamundaError, json, noContent } from './camunda-http.ts';
import { definitionDto, instanceDto, paging, pagingSchema, sorting } from './camunda-dto.ts';
import { camundaDate, fromTyped, fromTypedMap, toTyped, toTypedMap } from './camunda-values.ts';

const base = '/engine-rest';

/** Deployments, process definitions and process instances, as Camunda 7's REST API has them. */
export async function processRoutes(app: FastifyInstance, engine: Engine): Promise<void> {
  const db = engine.deps.db;
  await app.register(multipart, { limits: { fileSize: 5 * 1024 * 1024, files: 50, fields: 20 } });

  app.post('/deployment/create', { config: { camunda: 'process.deploy' } }, async (request, reply) => {
    if (!request.isMultipart()) throw new CamundaError(400, 'InvalidRequestException', 'Send the deployment as multipart/form-data');
    const fields: Record<string, string> = {};
    const resources: { name: string; content: string }[] = [];
    for await (const part of request.parts()) {
      if (part.type === 'file') resources.push({ name: part.filename || part.fieldname, content: (await part.toBuffer()).toString('utf8') });
      else fields[part.fieldname] = String(part.value);
    }
    if (resources.length === 0) throw new CamundaError(400, 'InvalidRequestException', 'The deployment contains no resources');
    const outcome = await proc.deployResources(engine, request.ctx, {
      name: fields['deployment-name'] ?? 'deployment',
      resources,
      duplicateFiltering: fields['enable-duplicate-filtering'] === 'true' || fields['deploy-changed-only'] === 'true',
      source: fields['deployment-source'] ?? 'engine-rest',
    });
    if (!outcome.ok) throw new CamundaError(400, 'ParseException', 'The deployment was refused');
    const defs = await db.selectFrom('process_definition').selectAll().where('id', 'in', outcome.definitions.filter((d) => d.kind === 'process').map((d) => d.id).concat('-')).execute();
    const deployment = outcome.deploymentId ? await db.selectFrom('deployment').selectAll().where('id', '=', outcome.deploymentId).executeTakeFirst() : null;
    const fresh = defs.filter((d) => outcome.definitions.some((o) => o.id === d.id && o.isNew));
    return json(reply, 200, {
      links: deployment ? [{ method: 'GET', href: `${base}/deployment/${deployment.id}`, rel: 'self' }] : [],
      id: deployment?.id ?? defs[0]?.deployment_id ?? null,
      name: deployment?.name ?? fields['deployment-name'] ?? null,
      source: deployment?.source ?? null,
      deploymentTime: camundaDate(deployment?.deployed_at ?? null),
      tenantId: null,
      deployedProcessDefinitions: fresh.length > 0 ? Object.fromEntries(fresh.map((d) => [d.id, definitionDto(d)])) : null,
      deployedCaseDefinitions: null,
      deployedDecisionDefinitions: null,
      deployedDecisionRequirementsDefinitions: null,
    });
  });

  app.get<{ Querystring: { key?: string; latestVersion?: boolean; firstResult?: number; maxResults?: number; sortBy?: string; sortOrder?: string } }>('/process-definition', {
    config: { camunda: 'process.read' },
    schema: { querystring: { type: 'object', properties: { key: { type: 'string', maxLength: 200 }, latestVersion: { type: 'boolean' }, ...pagingSchema } } },
  }, async (request, reply) => {
    const { offset, limit } = paging(request.query);
    let q = db.selectFrom('process_definition as d').selectAll('d');
    if (request.query.key) q = q.where('d.key', '=', request.query.key);
    if (request.query.latestVersion) q = q.where('d.version', '=', (eb) => eb.selectFrom('process_definition as l').select((e) => e.fn.max('l.version').as('v')).whereRef('l.key', '=', 'd.key'));
    const sort = sorting(request.query, { id: 'id', key: 'key', name: 'name', version: 'version', deploymentId: 'deployment_id' } as const);
    const sorted = sort ? q.orderBy(`d.${sort.by}`, sort.desc ? 'desc' : 'asc') : q.orderBy('d.key').orderBy('d.version');
    const rows = await sorted.orderBy('d.id').limit(limit).offset(offset).execute();
    return json(reply, 200, rows.map(definitionDto));
  });

  const latest = async (key: string) => {
    const row = await db.selectFrom('process_definition').selectAll().where('key', '=', key).orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (!row) throw new CamundaError(404, 'RestException', `No matching process definition with key: ${key} and no tenant-id`);
    return row;
  };

  app.get<{ Params: { key: string } }>('/process-definition/key/:key', { config: { camunda: 'process.read' } }, async (request, reply) => json(reply, 200, definitionDto(await latest(request.params.key))));

  app.get<{ Params: { key: string } }>('/process-definition/key/:key/xml', { config: { camunda: 'process.read' } }, async (request, reply) => {
    const def = await latest(request.params.key);
    const resource = await db.selectFrom('deployment_resource').select('content').where('deployment_id', '=', def.deployment_id).where('name', '=', def.resource_name).executeTakeFirstOrThrow();
    return json(reply, 200, { id: def.id, bpmn20Xml: resource.content });
  });

  app.post<{ Params: { key: string }; Body: { variables?: unknown; businessKey?: string } | undefined }>('/process-definition/key/:key/start', { config: { camunda: 'process.start' } }, async (request, reply) => {
    const def = await latest(request.params.key);
    const result = await proc.startProcess(engine, request.ctx, { definitionId: def.id, businessKey: request.body?.businessKey ?? null, variables: fromTypedMap(request.body?.variables) });
    const body = result.body as { id: string; definitionId: string; businessKey: string | null; status: string };
    return json(reply, 200, instanceDto(base, body));
  });

  app.get<{ Querystring: { businessKey?: string; processDefinitionKey?: string; processDefinitionId?: string; firstResult?: number; maxResults?: number; sortBy?: string; sortOrder?: string } }>('/process-instance', {
    config: { camunda: 'process.read' },
    schema: { querystring: { type: 'object', properties: { businessKey: { type: 'string', maxLength: 200 }, processDefinitionKey: { type: 'string', maxLength: 200 }, processDefinitionId: { type: 'string', maxLength: 200 }, ...pagingSchema } } },
  }, async (request, reply) => {
    const q = request.query;
    const sort = sorting(q, { instanceId: 'id', definitionKey: 'process_key', definitionId: 'definition_id', businessKey: 'business_key' } as const);
    const list = await proc.listInstances(engine, request.ctx, { businessKey: q.businessKey, processKey: q.processDefinitionKey, definitionId: q.processDefinitionId, status: 'active', sort, ...paging(q) });
    return json(reply, 200, list.items.map((i) => instanceDto(base, i)));
  });

  app.get<{ Params: { id: string } }>('/process-instance/:id', { config: { camunda: 'process.read' } }, async (request, reply) => {
    const instance = await proc.getInstance(engine, request.ctx, request.params.id);
    if (instance.status !== 'active') throw new CamundaError(404, 'InvalidRequestException', `Process instance with id ${request.params.id} does not exist`);
    return json(reply, 200, instanceDto(base, instance));
  });

  app.delete<{ Params: { id: string } }>('/process-instance/:id', { config: { camunda: 'process.manage' } }, async (request, reply) => {
    await proc.cancelInstance(engine, request.ctx, request.params.id, 'deleted through the Camunda-compatible API');
    return noContent(reply);
  });

  app.get<{ Params: { id: string } }>('/process-instance/:id/variables', { config: { camunda: 'process.read' } }, async (request, reply) => {
    const instance = await proc.getInstance(engine, request.ctx, request.params.id);
    return json(reply, 200, toTypedMap(instance.variables));
  });

  app.get<{ Params: { id: string; name: string } }>('/process-instance/:id/variables/:name', { config: { camunda: 'process.read' } }, async (request, reply) => {
    const instance = await proc.getInstance(engine, request.ctx, request.params.id);
    if (!Object.hasOwn(instance.variables, request.params.name)) throw new CamundaError(404, 'InvalidRequestException', `process instance variable with name ${request.params.name} does not exist`);
    return json(reply, 200, toTyped(instance.variables[request.params.name]));
  });

  app.put<{ Params: { id: string; name: string }; Body: unknown }>('/process-instance/:id/variables/:name', { config: { camunda: 'process.manage' } }, async (request, reply) => {
    await proc.setInstanceVariables(engine, request.ctx, request.params.id, { [request.params.name]: fromTyped(request.params.name, request.body) });
    return noContent(reply);
  });
}
