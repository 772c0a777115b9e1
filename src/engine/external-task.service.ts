import type { RequestContext } from '../platform/access/actor.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { DomainError } from '../platform/errors.ts';
import type { Engine } from './engine.ts';
import { runCommand } from './runtime/instances.ts';
import { fetchAndLock, lockedBy, raiseJobIncident, type LockedTask } from './runtime/jobs.ts';

/**
 * External tasks, as Camunda's workers know them: fetch and lock by topic (optionally waiting up
 * to `asyncResponseTimeout` ms for work to appear), then complete, fail, raise a BPMN error,
 * extend the lock or give it back.
 */
export async function fetchExternalTasks(engine: Engine, input: { workerId: string; maxTasks: number; topics: { topicName: string; lockDuration: number }[]; asyncResponseTimeout?: number | undefined }): Promise<LockedTask[]> {
  const deadline = Date.now() + Math.min(input.asyncResponseTimeout ?? 0, 1_800_000);
  for (;;) {
    const tasks = await fetchAndLock(engine.deps.db, engine.deps.clock(), input.workerId, input.maxTasks, input.topics);
    if (tasks.length > 0 || Date.now() >= deadline) return tasks;
    await new Promise((resolve) => setTimeout(resolve, Math.min(250, Math.max(10, deadline - Date.now()))));
  }
}

export async function completeExternalTask(engine: Engine, ctx: RequestContext, id: string, workerId: string, variables: Record<string, unknown>) {
  await engine.transaction(async (trx) => {
    const now = engine.deps.clock();
    const job = await lockedBy(trx, id, workerId, now);
    await trx.deleteFrom('job').where('id', '=', id).execute();
    await runCommand(trx, engine.env(ctx), job.instance_id!, { type: 'completeJob', jobId: id, variables });
    await recordAudit(trx, ctx, { action: 'externalTask.complete', entityType: 'external_task', entityId: id, after: { workerId, topic: job.topic, instanceId: job.instance_id } }, now);
  });
}

/** A worker's failure: the task waits `retryTimeout` ms and is offered again; with no retries left, an incident. */
export async function failExternalTask(engine: Engine, ctx: RequestContext, id: string, input: { workerId: string; errorMessage: string; errorDetails?: string | undefined; retries: number; retryTimeout: number }) {
  await engine.transaction(async (trx) => {
    const now = engine.deps.clock();
    const job = await lockedBy(trx, id, input.workerId, now);
    const due = new Date(now.getTime() + input.retryTimeout);
    await trx.updateTable('job').set({ retries: input.retries, last_error: input.errorMessage.slice(0, 2000), last_error_details: input.errorDetails?.slice(0, 8000) ?? null, lock_owner: null, lock_expires_at: null, due_at: due }).where('id', '=', id).execute();
    if (input.retries <= 0) await raiseJobIncident(trx, engine.env(ctx), id, job.instance_id, job.token_id, job.element_id, input.errorMessage);
    await recordAudit(trx, ctx, { action: 'externalTask.failure', entityType: 'external_task', entityId: id, after: { workerId: input.workerId, retries: input.retries, error: input.errorMessage.slice(0, 200) } }, now);
  });
}

export async function bpmnErrorExternalTask(engine: Engine, ctx: RequestContext, id: string, input: { workerId: string; errorCode: string; errorMessage?: string | undefined; variables?: Record<string, unknown> | undefined }) {
  await engine.transaction(async (trx) => {
    const now = engine.deps.clock();
    const job = await lockedBy(trx, id, input.workerId, now);
    await runCommand(trx, engine.env(ctx), job.instance_id!, { type: 'jobError', jobId: id, errorCode: input.errorCode, message: input.errorMessage ?? null, variables: input.variables ?? {} });
    await trx.deleteFrom('job').where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'externalTask.bpmnError', entityType: 'external_task', entityId: id, after: { workerId: input.workerId, errorCode: input.errorCode } }, now);
  });
}

export async function extendExternalLock(engine: Engine, ctx: RequestContext, id: string, workerId: string, newDuration: number) {
  await engine.transaction(async (trx) => {
    const now = engine.deps.clock();
    await lockedBy(trx, id, workerId, now);
    await trx.updateTable('job').set({ lock_expires_at: new Date(now.getTime() + newDuration) }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'externalTask.extendLock', entityType: 'external_task', entityId: id, after: { workerId, newDuration } }, now);
  });
}

export async function unlockExternalTask(engine: Engine, ctx: RequestContext, id: string) {
  await engine.transaction(async (trx) => {
    const unlocked = await trx.updateTable('job').set({ lock_owner: null, lock_expires_at: null }).where('id', '=', id).where('kind', '=', 'external').executeTakeFirst();
    if (Number(unlocked.numUpdatedRows) === 0) throw new DomainError('not_found', { en: `There is no external task ${id}.`, zh: `外部任务 ${id} 不存在。` });
    await recordAudit(trx, ctx, { action: 'externalTask.unlock', entityType: 'external_task', entityId: id }, engine.deps.clock());
  });
}
