import { sql, type Transaction } from 'kysely';
import type { RequestContext } from '../platform/access/actor.ts';
import type { Database } from '../platform/db/schema.ts';
import { assertInScope, scopePrefix } from '../platform/access/policy.ts';
import { auditInsert, recordAudit } from '../platform/audit/audit.service.ts';
import { DomainError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { idempotent } from '../platform/idempotency.ts';
import type { InstanceState } from './core/index.ts';
import { evaluateDecision } from './dmn/dmn-evaluate.ts';
import type { DmnModel } from './dmn/dmn-model.ts';
import { toDomainError, type Engine } from './engine.ts';
import { deploy, type Resource } from './runtime/definitions.ts';
import { broadcastSignal, runCommand, startInstance } from './runtime/instances.ts';
import { scheduleStartEvents } from './runtime/start-events.ts';

const INSTANCE = { en: 'process instance', zh: '流程实例' };
const DEFINITION = { en: 'process definition', zh: '流程定义' };

/** Deploys resources; a definition unchanged since its latest version is not deployed again. */
export async function deployResources(engine: Engine, ctx: RequestContext, input: { name: string; resources: Resource[]; duplicateFiltering: boolean; source: string | null }) {
  const { deps } = engine;
  const outcome = await engine.transaction(async (trx) => {
    const outcome = await deploy(trx, { id: deps.newId(), name: input.name, source: input.source, deployedBy: ctx.actor?.username ?? null, resources: input.resources, duplicateFiltering: input.duplicateFiltering, now: deps.clock(), newId: deps.newId });
    if (!outcome.ok) {
      throw new ValidationError(
        outcome.problems.map((p) => ({ field: `/resources/${input.resources.findIndex((r) => r.name === p.resource)}`, message: { en: `${p.resource} › ${p.elementId}: ${p.reason}`, zh: `${p.resource} › ${p.elementId}：${p.reason}` } })),
        { en: `The deployment was refused: ${outcome.problems.length} problem(s) in the models. Nothing was deployed.`, zh: `部署被拒绝：模型中有 ${outcome.problems.length} 处问题，未部署任何内容。` },
      );
    }
    for (const def of outcome.definitions.filter((d) => d.isNew && d.kind === 'process')) await scheduleStartEvents(trx, engine.env(ctx), def.id, def.key);
    if (outcome.deploymentId) {
      await recordAudit(trx, ctx, { action: 'deployment.create', entityType: 'deployment', entityId: outcome.deploymentId, after: { name: input.name, definitions: outcome.definitions.filter((d) => d.isNew).map((d) => d.id) } }, deps.clock());
    }
    return outcome;
  });
  // committed: this node starts the new versions at once
  for (const def of outcome.definitions) if (def.isNew) engine.definitions.forget(def.key);
  return outcome;
}

export type StartInput = { processKey?: string | undefined; definitionId?: string | undefined; businessKey?: string | null | undefined; variables?: Record<string, unknown> | undefined; unitId?: string | undefined };

/** Starts an instance (latest version by key, or a given version) in the actor's unit or one within reach. */
export async function startProcess(engine: Engine, ctx: RequestContext, input: StartInput, idempotencyKey?: string) {
  const { deps } = engine;
  const actor = ctx.actor!;
  let unitId = actor.unitId;
  let unitPath = actor.unitPath;
  if (input.unitId && input.unitId !== actor.unitId) {
    const unit = await deps.db.selectFrom('org_unit').select(['id', 'path']).where('id', '=', input.unitId).executeTakeFirst();
    if (!unit) throw new ValidationError([{ field: '/unitId', message: { en: 'no such unit', zh: '机构不存在' } }]);
    assertInScope(actor, 'process.start', unit.path);
    unitId = unit.id;
    unitPath = unit.path;
  }
  const start = async (db: Parameters<typeof startInstance>[0]) => {
    const definitionId = input.definitionId ?? (input.processKey ? await engine.definitions.latestProcessId(db, input.processKey) : null);
    if (!definitionId) throw new NotFoundError(DEFINITION, input.definitionId ?? input.processKey ?? '');
    await engine.refreshCalendar();
    const row = await startInstance(db, engine.env(ctx), { definitionId, businessKey: input.businessKey ?? null, variables: input.variables ?? {}, unitId }, (r) => [
      auditInsert(ctx, { action: 'process.start', entityType: 'process_instance', entityId: r.id, unitId, after: { processKey: r.processKey, businessKey: r.businessKey, definitionId } }, deps.clock()),
    ]);
    if (row.committed) {
      engine.hot.remember({ id: row.id, definition_id: definitionId, process_key: row.processKey, business_key: row.businessKey, unit_id: unitId }, row.committed.stateJson, row.committed.version, row.openedTasks ?? [], [], unitPath);
    }
    const tasks = (row.openedTasks ?? []).map((t) => ({ id: t.id, elementId: t.elementId, name: t.name }));
    return { status: 201, body: { id: row.id, definitionId, processKey: row.processKey, businessKey: row.businessKey, status: row.status, tasks } };
  };
  try {
    // without a key a start is one statement (no transaction needed); with one, the key is stored with it
    if (!idempotencyKey) return { ...(await start(deps.db)), replayed: false };
    return await idempotent(deps, ctx, 'process.start', idempotencyKey, input, start);
  } catch (error) {
    throw toDomainError(error);
  }
}

/** One instance as the API shows it: where its tokens stand, its variables, open incidents. */
export async function getInstance(engine: Engine, ctx: RequestContext, id: string) {
  const row = await engine.deps.db
    .selectFrom('process_instance as p')
    .leftJoin('org_unit as o', 'o.id', 'p.unit_id')
    .select(['p.id', 'p.definition_id', 'p.process_key', 'p.business_key', 'p.status', 'p.state', 'p.started_at', 'p.ended_at', 'p.unit_id', 'p.started_by', 'p.parent_instance_id', 'p.end_reason', 'o.path'])
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(INSTANCE, id);
  assertInScope(ctx.actor!, 'process.read', row.path ?? '/');
  const state = row.state as InstanceState;
  const incidents = await engine.deps.db.selectFrom('incident').selectAll().where('instance_id', '=', id).where('resolved_at', 'is', null).execute();
  return {
    id: row.id,
    definitionId: row.definition_id,
    processKey: row.process_key,
    businessKey: row.business_key,
    status: row.status,
    unitId: row.unit_id,
    startedBy: row.started_by,
    parentInstanceId: row.parent_instance_id,
    startedAt: row.started_at.toISOString(),
    endedAt: row.ended_at?.toISOString() ?? null,
    endReason: row.end_reason,
    variables: state.scopes[state.id]?.variables ?? {},
    tokens: Object.values(state.tokens).map((t) => ({ activityInstanceId: t.id, elementId: t.elementId, waitingFor: t.wait.kind, since: t.startedAt })),
    incidents: incidents.map((i) => ({ id: i.id, elementId: i.element_id, kind: i.kind, message: i.message, createdAt: i.created_at.toISOString() })),
  };
}

/** Columns an instance list may be sorted by. */
export type InstanceSort = { by: 'id' | 'process_key' | 'definition_id' | 'business_key' | 'started_at' | 'ended_at'; desc: boolean };

export async function listInstances(engine: Engine, ctx: RequestContext, f: { processKey?: string | undefined; definitionId?: string | undefined; businessKey?: string | undefined; status?: string | undefined; limit: number; offset: number; sort?: InstanceSort | undefined }) {
  const prefix = scopePrefix(ctx.actor!, 'process.read');
  let q = engine.deps.db.selectFrom('process_instance as p').leftJoin('org_unit as o', 'o.id', 'p.unit_id');
  if (prefix) q = q.where('o.path', 'like', `${prefix}%`);
  if (f.processKey) q = q.where('p.process_key', '=', f.processKey);
  if (f.definitionId) q = q.where('p.definition_id', '=', f.definitionId);
  if (f.businessKey) q = q.where('p.business_key', '=', f.businessKey);
  if (f.status) q = q.where('p.status', '=', f.status);
  const [rows, count] = await Promise.all([
    (f.sort ? q.orderBy(`p.${f.sort.by}`, f.sort.desc ? 'desc' : 'asc') : q.orderBy('p.started_at', 'desc'))
      .select(['p.id', 'p.definition_id', 'p.process_key', 'p.business_key', 'p.status', 'p.started_at', 'p.ended_at', 'p.unit_id'])
      .orderBy('p.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({ id: r.id, definitionId: r.definition_id, processKey: r.process_key, businessKey: r.business_key, status: r.status, unitId: r.unit_id, startedAt: r.started_at.toISOString(), endedAt: r.ended_at?.toISOString() ?? null })),
  };
}

/** Loads an instance's unit path and checks the actor may manage it. */
async function manageable(engine: Engine, ctx: RequestContext, id: string) {
  const row = await engine.deps.db.selectFrom('process_instance as p').leftJoin('org_unit as o', 'o.id', 'p.unit_id').select(['p.id', 'p.unit_id', 'p.status', 'o.path']).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(INSTANCE, id);
  assertInScope(ctx.actor!, 'process.manage', row.path ?? '/');
  return row;
}

export async function cancelInstance(engine: Engine, ctx: RequestContext, id: string, reason: string) {
  const row = await manageable(engine, ctx, id);
  await engine.transaction((trx) => cancelWithin(engine, trx, ctx, { id, unitId: row.unit_id }, reason));
}

/**
 * Cancels an instance inside the caller's transaction, audited; access is the caller's to have
 * checked — a business object whose process it is (a case withdrawn at the branch) decides who
 * may end it.
 */
export async function cancelWithin(engine: Engine, trx: Transaction<Database>, ctx: RequestContext, instance: { id: string; unitId: string | null }, reason: string): Promise<void> {
  await runCommand(trx, engine.env(ctx), instance.id, { type: 'cancel' });
  await trx.updateTable('process_instance').set({ end_reason: reason }).where('id', '=', instance.id).execute();
  await recordAudit(trx, ctx, { action: 'process.cancel', entityType: 'process_instance', entityId: instance.id, unitId: instance.unitId, after: { reason } }, engine.deps.clock());
}

export async function setInstanceVariables(engine: Engine, ctx: RequestContext, id: string, variables: Record<string, unknown>) {
  const row = await manageable(engine, ctx, id);
  await engine.transaction(async (trx) => {
    await runCommand(trx, engine.env(ctx), id, { type: 'setVariables', variables });
    await recordAudit(trx, ctx, { action: 'process.variables', entityType: 'process_instance', entityId: id, unitId: row.unit_id, after: { names: Object.keys(variables) } }, engine.deps.clock());
  });
}

/**
 * Delivers a message: to the instance waiting for it (by business key and/or correlation key), or
 * else to a process with a matching message start event. A message nobody waits for is refused.
 */
export async function correlateMessage(engine: Engine, ctx: RequestContext, input: { name: string; businessKey?: string | undefined; correlationKey?: string | undefined; processVariables?: Record<string, unknown> | undefined; variables?: Record<string, unknown> | undefined }) {
  return engine.transaction(async (trx) => {
    let q = trx.selectFrom('event_subscription as s').innerJoin('process_instance as p', 'p.id', 's.instance_id').select(['s.id', 's.instance_id', 'p.unit_id']).where('s.kind', '=', 'message').where('s.name', '=', input.name);
    if (input.businessKey) q = q.where('p.business_key', '=', input.businessKey);
    if (input.correlationKey) q = q.where('s.correlation_key', '=', input.correlationKey);
    // correlation by process variables: the instance's own variables contain these values
    if (input.processVariables) q = q.where(sql<boolean>`(p.state -> 'scopes' -> p.id -> 'variables') @> ${JSON.stringify(input.processVariables)}::jsonb`);
    const sub = await q.orderBy('s.created_at').limit(1).forUpdate().skipLocked().executeTakeFirst();
    const env = engine.env(ctx);
    if (sub) {
      await runCommand(trx, env, sub.instance_id!, { type: 'correlate', subscriptionId: sub.id, variables: input.variables ?? {} });
      await recordAudit(trx, ctx, { action: 'message.correlate', entityType: 'process_instance', entityId: sub.instance_id, unitId: sub.unit_id, after: { name: input.name, businessKey: input.businessKey ?? null } }, env.now);
      return { instanceId: sub.instance_id!, started: false };
    }
    const start = await trx.selectFrom('event_subscription').select(['definition_id', 'element_id']).where('kind', '=', 'message').where('name', '=', input.name).where('instance_id', 'is', null).executeTakeFirst();
    if (!start) {
      throw new DomainError('not_found', {
        en: `No process instance is waiting for message "${input.name}"${input.businessKey ? ` with business key "${input.businessKey}"` : ''}, and no process starts on it.`,
        zh: `没有流程实例在等待消息“${input.name}”${input.businessKey ? `（业务键“${input.businessKey}”）` : ''}，也没有以该消息启动的流程。`,
      });
    }
    const row = await startInstance(trx, env, { definitionId: start.definition_id!, businessKey: input.businessKey ?? null, variables: input.variables ?? {}, unitId: ctx.actor?.unitId ?? null, startEventId: start.element_id });
    await recordAudit(trx, ctx, { action: 'process.start', entityType: 'process_instance', entityId: row.id, unitId: row.unitId, after: { message: input.name } }, env.now);
    return { instanceId: row.id, started: true };
  });
}

export async function throwSignal(engine: Engine, ctx: RequestContext, input: { name: string; variables?: Record<string, unknown> | undefined }) {
  return engine.transaction(async (trx) => {
    const env = engine.env(ctx);
    const delivered = await broadcastSignal(trx, env, input.name, input.variables ?? {});
    const starts = await trx.selectFrom('event_subscription').select(['definition_id', 'element_id']).where('kind', '=', 'signal').where('name', '=', input.name).where('instance_id', 'is', null).execute();
    for (const s of starts) await startInstance(trx, env, { definitionId: s.definition_id!, businessKey: null, variables: input.variables ?? {}, unitId: ctx.actor?.unitId ?? null, startEventId: s.element_id });
    await recordAudit(trx, ctx, { action: 'signal.throw', entityType: 'signal', entityId: input.name, after: { delivered, started: starts.length } }, env.now);
    return { delivered, started: starts.length };
  });
}

/** Evaluates the latest version of a decision with the given variables; the trace explains the result. */
export async function evaluateDecisionByKey(engine: Engine, key: string, variables: Record<string, unknown>) {
  const row = await engine.deps.db.selectFrom('decision_definition').select(['id', 'model', 'version']).where('key', '=', key).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!row) throw new NotFoundError({ en: 'decision', zh: '决策' }, key);
  const result = evaluateDecision(row.model as DmnModel, key, variables);
  if (!result.ok) throw new DomainError('invalid_state', { en: `The decision failed: ${result.error.message}`, zh: `决策执行失败：${result.error.message}` });
  return { decisionDefinitionId: row.id, value: result.value, trace: result.trace };
}

export async function listIncidents(engine: Engine, ctx: RequestContext, f: { instanceId?: string | undefined; limit: number; offset: number }) {
  const prefix = scopePrefix(ctx.actor!, 'process.read');
  let q = engine.deps.db.selectFrom('incident as i').leftJoin('process_instance as p', 'p.id', 'i.instance_id').leftJoin('org_unit as o', 'o.id', 'p.unit_id').where('i.resolved_at', 'is', null);
  if (prefix) q = q.where('o.path', 'like', `${prefix}%`);
  if (f.instanceId) q = q.where('i.instance_id', '=', f.instanceId);
  const rows = await q.select(['i.id', 'i.instance_id', 'i.job_id', 'i.element_id', 'i.kind', 'i.message', 'i.created_at', 'p.process_key']).orderBy('i.created_at', 'desc').limit(f.limit).offset(f.offset).execute();
  return { items: rows.map((r) => ({ id: r.id, instanceId: r.instance_id, jobId: r.job_id, elementId: r.element_id, kind: r.kind, message: r.message, processKey: r.process_key, createdAt: r.created_at.toISOString() })) };
}

/** Retries what an incident stopped: the failed job (retries restored) or the step at its element. */
export async function retryIncident(engine: Engine, ctx: RequestContext, id: string) {
  const incident = await engine.deps.db.selectFrom('incident').selectAll().where('id', '=', id).where('resolved_at', 'is', null).executeTakeFirst();
  if (!incident) throw new NotFoundError({ en: 'open incident', zh: '未解决的异常' }, id);
  const row = incident.instance_id ? await manageable(engine, ctx, incident.instance_id) : null;
  await engine.transaction(async (trx) => {
    const now = engine.deps.clock();
    if (incident.job_id) await trx.updateTable('job').set({ retries: 1, due_at: now, lock_owner: null, lock_expires_at: null }).where('id', '=', incident.job_id).execute();
    else if (incident.instance_id) await runCommand(trx, engine.env(ctx), incident.instance_id, { type: 'retryIncident', incidentId: id });
    await trx.updateTable('incident').set({ resolved_at: now }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'incident.retry', entityType: 'incident', entityId: id, unitId: row?.unit_id ?? null, after: { elementId: incident.element_id } }, now);
  });
}

/** The event log of an instance: every activity instance's start, completion or cancellation. */
export async function activityHistory(engine: Engine, ctx: RequestContext, instanceId: string) {
  await getInstance(engine, ctx, instanceId);
  const rows = await engine.deps.db.selectFrom('event_log').selectAll().where('instance_id', '=', instanceId).orderBy('id').execute();
  return { items: rows.map((r) => ({ activityInstanceId: r.activity_instance_id, elementId: r.element_id, elementType: r.element_type, name: r.name, lifecycle: r.lifecycle, at: r.at.toISOString(), resource: r.resource })) };
}

/**
 * Per element of a definition: tokens waiting there now, and how often it completed — over every
 * instance within the actor's reach. What the process diagram shows on each element.
 */
export async function definitionStatistics(engine: Engine, ctx: RequestContext, definitionId: string) {
  const prefix = scopePrefix(ctx.actor!, 'process.read');
  if (!(await engine.deps.db.selectFrom('process_definition').select('id').where('id', '=', definitionId).executeTakeFirst())) throw new NotFoundError(DEFINITION, definitionId);
  const inReach = prefix ? sql`and p.unit_id in (select id from org_unit where path like ${`${prefix}%`})` : sql``;
  const waiting = await sql<{ element_id: string; n: number }>`
    select t.value ->> 'elementId' as element_id, count(*)::int as n
    from process_instance p, jsonb_each(p.state -> 'tokens') t
    where p.definition_id = ${definitionId} and p.status = 'active' ${inReach}
    group by 1`.execute(engine.deps.db);
  const completed = await sql<{ element_id: string; n: number }>`
    select e.element_id, count(*)::int as n
    from event_log e join process_instance p on p.id = e.instance_id
    where p.definition_id = ${definitionId} and e.lifecycle = 'complete' ${inReach}
    group by 1`.execute(engine.deps.db);
  const instances = await sql<{ n: number }>`select count(*)::int as n from process_instance p where p.definition_id = ${definitionId} ${inReach}`.execute(engine.deps.db);
  const byElement = new Map<string, { elementId: string; waiting: number; completed: number }>();
  const entry = (id: string) => byElement.get(id) ?? byElement.set(id, { elementId: id, waiting: 0, completed: 0 }).get(id)!;
  for (const r of waiting.rows) entry(r.element_id).waiting = Number(r.n);
  for (const r of completed.rows) entry(r.element_id).completed = Number(r.n);
  return { instances: Number(instances.rows[0]?.n ?? 0), items: [...byElement.values()] };
}

/** Instances of each process (all its versions) within the actor's reach: running now, and all. */
export async function instanceCounts(engine: Engine, ctx: RequestContext, keys: string[]): Promise<Map<string, { active: number; total: number }>> {
  if (keys.length === 0) return new Map();
  const prefix = scopePrefix(ctx.actor!, 'process.read');
  let q = engine.deps.db
    .selectFrom('process_instance as p')
    .select((eb) => ['p.process_key', eb.fn.countAll<number>().as('total'), eb.fn.count<number>(eb.case().when('p.status', '=', 'active').then(1).end()).as('active')])
    .where('p.process_key', 'in', keys);
  if (prefix) q = q.where('p.unit_id', 'in', (eb) => eb.selectFrom('org_unit').select('id').where('path', 'like', `${prefix}%`));
  const rows = await q.groupBy('p.process_key').execute();
  return new Map(rows.map((r) => [r.process_key, { active: Number(r.active), total: Number(r.total) }]));
}
