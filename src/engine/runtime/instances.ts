import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { step, StepRefusal, type Command, type Effect, type Env, type InstanceState, type TaskSpec } from '../core/index.ts';
import { evaluateDecision } from '../dmn/dmn-evaluate.ts';
import type { DefinitionCache } from './definitions.ts';
import type { WriteBatcher } from './write-batch.ts';
import { executeWrites, InstanceChanged, planWrites, type WriteOp } from './write-plan.ts';

export { executeWrites, InstanceChanged, planWrites, type WriteOp };

type Trx = Transaction<Database>;

/** What the runtime needs around the pure core: the clock, ids, and which handlers run here. */
export type RuntimeEnv = {
  now: Date;
  newId: () => string;
  definitions: DefinitionCache;
  /** Names of the service-task handlers registered on this node; other delegates go to workers. */
  handlers: ReadonlySet<string>;
  resolveDate?: Env['resolveDate'];
  /** Who acts (user id), recorded as the resource of the event-log rows. */
  actor: string | null;
  /** Group commit for the hot path (starts and optimistic steps); without one they write alone. */
  batcher?: WriteBatcher;
};

export type InstanceRow = {
  id: string;
  processKey: string;
  businessKey: string | null;
  unitId: string | null;
  status: string;
  /** User tasks the step created and left open: what the starter may work on next. */
  openedTasks?: TaskSpec[];
  /** Tasks the step ended. */
  closedTasks?: string[];
  /** Set when the write committed on its own (no transaction): the state as written, and its version. */
  committed?: { stateJson: string; version: number };
};

/** The user tasks a step created that are still open at its end. */
export function openedTasks(effects: Effect[]): TaskSpec[] {
  const ended = new Set(closedTasks(effects));
  return effects.flatMap((e) => (e.type === 'taskCreated' && !ended.has(e.task.id) ? [e.task] : []));
}

function closedTasks(effects: Effect[]): string[] {
  return effects.flatMap((e) => (e.type === 'taskEnded' ? [e.taskId] : []));
}

/** Cross-instance follow-ups of a step, carried out in the same transaction after it. */
export type FollowUp = { instanceId: string; effect: Effect };

/**
 * Starts an instance and carries out everything it sets off (child instances, signals), in the
 * caller's transaction.
 */
export async function startInstance(
  trx: Trx | Kysely<Database>,
  env: RuntimeEnv,
  input: { definitionId: string; instanceId?: string; businessKey: string | null; variables: Record<string, unknown>; unitId: string | null; startEventId?: string; parent?: { instanceId: string; tokenId: string } },
  extra: (row: InstanceRow) => WriteOp[] = () => [],
): Promise<InstanceRow> {
  const definition = await env.definitions.process(trx, input.definitionId);
  if (!definition) throw new StepRefusal('not_found', `no process definition ${input.definitionId}`);
  const instanceId = input.instanceId ?? env.newId();
  const coreEnv = await coreEnvFor(trx, env, definition.model);
  const result = step(definition.model, null, { type: 'start', instanceId, definitionId: input.definitionId, businessKey: input.businessKey, variables: input.variables, ...(input.startEventId && { startEventId: input.startEventId }), ...(input.parent && { parent: input.parent }) }, coreEnv);
  const row: InstanceRow = { id: instanceId, processKey: definition.key, businessKey: input.businessKey, unitId: input.unitId, status: result.state.status, openedTasks: openedTasks(result.effects) };
  const plan = planWrites(env, row, result.effects);
  const stateJson = JSON.stringify(result.state);
  const insertInstance: WriteOp = (qc) => qc
    .insertInto('process_instance')
    .values({
      id: instanceId,
      definition_id: input.definitionId,
      process_key: definition.key,
      business_key: input.businessKey,
      status: result.state.status,
      state: stateJson,
      parent_instance_id: input.parent?.instanceId ?? null,
      unit_id: input.unitId,
      started_by: env.actor,
      started_at: env.now,
      ended_at: result.state.status === 'active' ? null : env.now,
      end_reason: null,
    });
  const writes = [insertInstance, ...plan.writes, ...extra(row)];
  if (trx.isTransaction) {
    await executeWrites(trx as Trx, writes);
    await followUp(trx as Trx, env, plan.later);
  } else if (plan.later.length === 0) {
    // one statement is atomic on its own: no transaction round trips for the common start
    if (env.batcher) await env.batcher.submit(null, writes);
    else await executeWrites(trx, writes);
    row.committed = { stateJson, version: 1 };
  } else {
    await trx.transaction().execute(async (t) => {
      await executeWrites(t, writes);
      await followUp(t, env, plan.later);
    });
  }
  return row;
}

/** Runs one command on an instance: lock its row, step, write the new state and the effects. */
export async function runCommand(trx: Trx, env: RuntimeEnv, instanceId: string, command: Exclude<Command, { type: 'start' }>, extra: (row: InstanceRow) => WriteOp[] = () => []): Promise<InstanceRow> {
  const row = await trx
    .selectFrom('process_instance')
    .select(['id', 'definition_id', 'process_key', 'business_key', 'unit_id', 'state', 'status'])
    .where('id', '=', instanceId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new StepRefusal('not_found', `no process instance ${instanceId}`);
  return applyCommand(trx, env, row, command, extra);
}

/** The instance row a command works on, read and locked by the caller. */
export type LockedInstance = { id: string; definition_id: string; process_key: string; business_key: string | null; unit_id: string | null; state: unknown };

/** Runs a command on an instance row the caller has already locked (saving a round trip). */
export async function applyCommand(trx: Trx, env: RuntimeEnv, row: LockedInstance, command: Exclude<Command, { type: 'start' }>, extra: (row: InstanceRow) => WriteOp[] = () => []): Promise<InstanceRow> {
  const instanceId = row.id;
  const definition = await env.definitions.process(trx, row.definition_id);
  if (!definition) throw new StepRefusal('not_found', `no process definition ${row.definition_id}`);
  const coreEnv = await coreEnvFor(trx, env, definition.model);
  const result = step(definition.model, row.state as InstanceState, command, coreEnv);
  const instance: InstanceRow = { id: row.id, processKey: row.process_key, businessKey: row.business_key, unitId: row.unit_id, status: result.state.status };
  const updateInstance: WriteOp = (qc) => qc
    .updateTable('process_instance')
    .set((eb) => ({
      state: JSON.stringify(result.state),
      status: result.state.status,
      version: eb('version', '+', 1),
      ...(result.state.status !== 'active' && { ended_at: env.now }),
    }))
    .where('id', '=', instanceId);
  const plan = planWrites(env, instance, result.effects);
  await executeWrites(trx, [updateInstance, ...plan.writes, ...extra(instance)]);
  await followUp(trx, env, plan.later);
  return instance;
}


/**
 * Runs a command without a transaction or row lock: the state was read with its version, and the
 * step's writes go as one statement that first updates the instance only if its version is still
 * the one read — else the whole statement fails and writes nothing (`InstanceChanged`; read again
 * and retry). Returns 'needsTransaction' when the step reaches other instances (children, parents,
 * signals): those run in the locked, transactional path.
 */
export async function applyCommandOptimistic(
  db: Kysely<Database>,
  env: RuntimeEnv,
  row: LockedInstance & { version: number },
  command: Exclude<Command, { type: 'start' }>,
  extra: (row: InstanceRow) => WriteOp[] = () => [],
): Promise<InstanceRow | 'needsTransaction'> {
  const definition = await env.definitions.process(db, row.definition_id);
  if (!definition) throw new StepRefusal('not_found', `no process definition ${row.definition_id}`);
  const coreEnv = await coreEnvFor(db, env, definition.model);
  const result = step(definition.model, row.state as InstanceState, command, coreEnv);
  const instance: InstanceRow = { id: row.id, processKey: row.process_key, businessKey: row.business_key, unitId: row.unit_id, status: result.state.status, openedTasks: openedTasks(result.effects), closedTasks: closedTasks(result.effects) };
  const plan = planWrites(env, instance, result.effects);
  if (plan.later.length > 0) return 'needsTransaction';
  const stateJson = JSON.stringify(result.state);
  const guardedUpdate: WriteOp = (qc) => qc
    .updateTable('process_instance')
    .set({ state: stateJson, status: result.state.status, version: row.version + 1, ...(result.state.status !== 'active' && { ended_at: env.now }) })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .returning('id');
  if (env.batcher) {
    const endedAt = result.state.status !== 'active' ? env.now : null;
    const written = await env.batcher.submit({ id: row.id, version: row.version, stateJson, status: result.state.status, endedAt }, [...plan.writes, ...extra(instance)]);
    if (!written) throw new InstanceChanged('the process instance changed meanwhile');
  } else {
    await executeWrites(db, [guardedUpdate, ...plan.writes, ...extra(instance)], true);
  }
  instance.committed = { stateJson, version: row.version + 1 };
  return instance;
}

async function coreEnvFor(trx: Trx | Kysely<Database>, env: RuntimeEnv, model: Parameters<DefinitionCache['decisionsFor']>[1]): Promise<Env> {
  const decisions = await env.definitions.decisionsFor(trx, model);
  return {
    now: env.now,
    newId: env.newId,
    ...(env.resolveDate && { resolveDate: env.resolveDate }),
    decide: (ref, variables) => {
      const dmn = decisions.get(ref);
      if (!dmn) return { ok: false, error: `no deployed decision "${ref}"` };
      const result = evaluateDecision(dmn, ref, variables);
      return result.ok ? { ok: true, value: result.value } : { ok: false, error: `decision "${ref}": ${result.error.message}` };
    },
  };
}

async function followUp(trx: Trx, env: RuntimeEnv, work: FollowUp[]): Promise<void> {
  for (const { instanceId, effect } of work) {
    switch (effect.type) {
      case 'childStart': {
        const definitionId = await env.definitions.latestProcessId(trx, effect.processId);
        const parent = await trx.selectFrom('process_instance').select('unit_id').where('id', '=', instanceId).executeTakeFirst();
        if (!definitionId) {
          const incidentId = env.newId();
          await trx.insertInto('incident').values({ id: incidentId, instance_id: instanceId, token_id: effect.tokenId, job_id: null, element_id: effect.processId, kind: 'call', message: `no deployed process "${effect.processId}" to call`, created_at: env.now, resolved_at: null }).execute();
          break;
        }
        await startInstance(trx, env, { definitionId, instanceId: effect.childInstanceId, businessKey: effect.businessKey, variables: effect.variables, unitId: parent?.unit_id ?? null, parent: { instanceId, tokenId: effect.tokenId } });
        break;
      }
      case 'childCancel': {
        const child = await trx.selectFrom('process_instance').select('status').where('id', '=', effect.childInstanceId).executeTakeFirst();
        if (child?.status === 'active') await runCommand(trx, env, effect.childInstanceId, { type: 'cancel' });
        break;
      }
      case 'parentNotify':
        await runCommand(trx, env, effect.parentInstanceId, { type: 'childDone', tokenId: effect.tokenId, outcome: effect.outcome });
        break;
      case 'signalThrown':
        await broadcastSignal(trx, env, effect.name, effect.variables);
        break;
    }
  }
}

/** Delivers a signal to every instance listening for it (in subscription order); returns how many. */
export async function broadcastSignal(trx: Trx, env: RuntimeEnv, name: string, variables: Record<string, unknown>): Promise<number> {
  const subscriptions = await trx.selectFrom('event_subscription').select(['id', 'instance_id']).where('kind', '=', 'signal').where('name', '=', name).where('instance_id', 'is not', null).orderBy('created_at').execute();
  let delivered = 0;
  for (const sub of subscriptions) {
    const still = await trx.selectFrom('event_subscription').select('id').where('id', '=', sub.id).executeTakeFirst();
    if (!still) continue;
    await runCommand(trx, env, sub.instance_id!, { type: 'correlate', subscriptionId: sub.id, variables });
    delivered++;
  }
  return delivered;
}
