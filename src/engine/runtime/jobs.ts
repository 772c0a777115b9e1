import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { systemContext } from '../../platform/access/actor.ts';
import { auditInsert } from '../../platform/audit/audit.service.ts';
import type { Database } from '../../platform/db/schema.ts';
import { StepRefusal } from '../core/index.ts';
import { runCommand, startInstance, type RuntimeEnv } from './instances.ts';
import { rearmTimerStart } from './start-events.ts';

type Trx = Transaction<Database>;

/**
 * A built-in service-task handler: gets the task's variables, returns variables to set. It runs
 * inside the job's transaction, `db`: what it reads and writes there commits with the step (and
 * it must not use another connection, which would wait on this one where there is only one).
 */
export type Handler = (input: { variables: Record<string, unknown>; instanceId: string; elementId: string; db: Transaction<Database> }) => Promise<Record<string, unknown> | void> | Record<string, unknown> | void;

/** A handler signals a business outcome the model catches (an error boundary), not a failure. */
export class BpmnError extends Error {
  constructor(
    readonly code: string,
    message?: string,
    readonly variables: Record<string, unknown> = {},
  ) {
    super(message ?? code);
    this.name = 'BpmnError';
  }
}

/** Seconds to wait before the n-th retry of a failed job (1-based): 10 s, 1 min, 5 min, then 15 min. */
export function backoffSeconds(attempt: number): number {
  return [10, 60, 300][attempt - 1] ?? 900;
}

const EXECUTOR_KINDS = ['timer', 'timerStart', 'asyncBefore', 'asyncAfter', 'handler'];

/**
 * Claims and runs one due job, in its own transaction. `FOR UPDATE SKIP LOCKED` lets any number
 * of nodes poll the same table: each job is taken by exactly one of them, and a job whose
 * transaction fails is released for a retry. Returns false when nothing was due.
 */
export async function runOneDueJob(db: Kysely<Database>, makeEnv: () => RuntimeEnv, handlers: ReadonlyMap<string, Handler>): Promise<boolean> {
  const env = makeEnv();
  let failed: { id: string; error: Error } | null = null;
  const ran = await db.transaction().execute(async (trx) => {
    const job = await trx
      .selectFrom('job')
      .selectAll()
      .where('kind', 'in', EXECUTOR_KINDS)
      .where('due_at', '<=', env.now)
      .where('retries', '>', 0)
      .orderBy('due_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!job) return false;
    try {
      await execute(trx, env, job, handlers);
    } catch (error) {
      failed = { id: job.id, error: error instanceof Error ? error : new Error(String(error)) };
      throw error;
    }
    return true;
  }).catch((error: unknown) => {
    if (failed) return 'failed' as const;
    throw error;
  });
  const failure = failed as { id: string; error: Error } | null;
  if (ran === 'failed' && failure) {
    await recordFailure(db, env, failure.id, failure.error.message, failure.error.stack ?? null);
    return true;
  }
  return ran === true;
}

async function execute(trx: Trx, env: RuntimeEnv, job: Selectable<Database['job']>, handlers: ReadonlyMap<string, Handler>): Promise<void> {
  await trx.deleteFrom('job').where('id', '=', job.id).execute();
  if (job.kind === 'timerStart') {
    await startInstance(trx, env, { definitionId: job.definition_id!, businessKey: null, variables: {}, unitId: null, startEventId: job.element_id }, (row) => [
      auditInsert(systemContext(), { action: 'process.start', entityType: 'process_instance', entityId: row.id, after: { processKey: row.processKey, timerStart: job.element_id } }, env.now),
    ]);
    await rearmTimerStart(trx, env, job.definition_id!, job.element_id, job.payload);
    return;
  }
  const instanceId = job.instance_id!;
  // the executor acts on Banklane's own behalf; its steps are audited like any other change
  const audit = (row: { unitId: string | null }) => [auditInsert(systemContext(), { action: `job.${job.kind}`, entityType: 'job', entityId: job.id, unitId: row.unitId, after: { instanceId, elementId: job.element_id } }, env.now)];
  if (job.kind === 'timer') {
    await runCommand(trx, env, instanceId, { type: 'fireTimer', jobId: job.id }, audit);
    return;
  }
  if (job.kind === 'asyncBefore' || job.kind === 'asyncAfter') {
    await runCommand(trx, env, instanceId, { type: 'continueJob', jobId: job.id }, audit);
    return;
  }
  const handler = handlers.get(job.topic ?? '');
  if (!handler) throw new Error(`no handler "${job.topic}" is registered on this node`);
  try {
    const variables = (await handler({ variables: (job.payload as Record<string, unknown>) ?? {}, instanceId, elementId: job.element_id, db: trx })) ?? {};
    await runCommand(trx, env, instanceId, { type: 'completeJob', jobId: job.id, variables }, audit);
  } catch (error) {
    if (!(error instanceof BpmnError)) throw error;
    await runCommand(trx, env, instanceId, { type: 'jobError', jobId: job.id, errorCode: error.code, message: error.message, variables: error.variables }, audit);
  }
}

/** A failed job loses a retry and waits (backoff); out of retries it raises an incident. */
async function recordFailure(db: Kysely<Database>, env: RuntimeEnv, jobId: string, message: string, details: string | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const job = await trx.selectFrom('job').selectAll().where('id', '=', jobId).forUpdate().executeTakeFirst();
    if (!job) return;
    const retries = Math.max(0, job.retries - 1);
    const attempt = 3 - retries;
    await trx
      .updateTable('job')
      .set({ retries, last_error: message.slice(0, 2000), last_error_details: details?.slice(0, 8000) ?? null, due_at: new Date(env.now.getTime() + backoffSeconds(attempt) * 1000), lock_owner: null, lock_expires_at: null })
      .where('id', '=', jobId)
      .execute();
    if (retries === 0) await raiseJobIncident(trx, env, job.id, job.instance_id, job.token_id, job.element_id, message);
  });
}

export async function raiseJobIncident(trx: Trx, env: RuntimeEnv, jobId: string, instanceId: string | null, tokenId: string | null, elementId: string, message: string): Promise<void> {
  await trx.insertInto('incident').values({ id: env.newId(), instance_id: instanceId, token_id: tokenId, job_id: jobId, element_id: elementId, kind: 'failedJob', message: message.slice(0, 2000), created_at: env.now, resolved_at: null }).execute();
}

/** Polls for due jobs until stopped. Several executors (nodes) may poll the same database. */
export class JobExecutor {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = false;
  private idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly makeEnv: () => RuntimeEnv,
    private readonly handlers: ReadonlyMap<string, Handler>,
    private readonly options: { pollMs: number; batch: number; onError: (error: unknown) => void },
  ) {}

  start(): void {
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.idle = this.drain().then(() => undefined).finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.options.pollMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Runs due jobs until none is left (or a batch is done). */
  async drain(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let count = 0;
    try {
      while (!this.stopped && count < this.options.batch && (await runOneDueJob(this.db, this.makeEnv, this.handlers))) count++;
    } catch (error) {
      this.options.onError(error);
    } finally {
      this.running = false;
    }
    return count;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.idle;
  }
}

export type LockedTask = { id: string; topic: string; instanceId: string; definitionId: string; tokenId: string | null; elementId: string; businessKey: string | null; processKey: string; retries: number; variables: Record<string, unknown>; lockExpiresAt: Date; errorMessage: string | null; errorDetails: string | null };

/** Locks up to `max` external tasks of the given topics for a worker; skips ones others hold. */
export async function fetchAndLock(db: Kysely<Database>, now: Date, workerId: string, max: number, topics: { topicName: string; lockDuration: number }[]): Promise<LockedTask[]> {
  const locked: LockedTask[] = [];
  for (const topic of topics) {
    if (locked.length >= max) break;
    const until = new Date(now.getTime() + topic.lockDuration);
    const rows = await db.transaction().execute(async (trx) => {
      const ids = await trx
        .selectFrom('job')
        .select('id')
        .where('kind', '=', 'external')
        .where('topic', '=', topic.topicName)
        .where('retries', '>', 0)
        .where('due_at', '<=', now)
        .where((eb) => eb.or([eb('lock_expires_at', 'is', null), eb('lock_expires_at', '<', now)]))
        .orderBy('created_at')
        .limit(max - locked.length)
        .forUpdate()
        .skipLocked()
        .execute();
      if (ids.length === 0) return [];
      return trx
        .updateTable('job as j')
        .set({ lock_owner: workerId, lock_expires_at: until })
        .where('j.id', 'in', ids.map((r) => r.id))
        .returning(['j.id', 'j.topic', 'j.instance_id', 'j.token_id', 'j.element_id', 'j.retries', 'j.payload', 'j.last_error', 'j.last_error_details', sql<string>`(select business_key from process_instance p where p.id = j.instance_id)`.as('business_key'), sql<string>`(select process_key from process_instance p where p.id = j.instance_id)`.as('process_key'), sql<string>`(select definition_id from process_instance p where p.id = j.instance_id)`.as('definition_id')])
        .execute();
    });
    for (const r of rows) {
      locked.push({ id: r.id, topic: r.topic ?? '', instanceId: r.instance_id ?? '', definitionId: r.definition_id, tokenId: r.token_id, elementId: r.element_id, businessKey: r.business_key, processKey: r.process_key, retries: r.retries, variables: (r.payload as Record<string, unknown>) ?? {}, lockExpiresAt: until, errorMessage: r.last_error, errorDetails: r.last_error_details });
    }
  }
  return locked;
}

/** The external task, locked by this worker (and not expired); refuses otherwise. */
export async function lockedBy(trx: Trx, id: string, workerId: string, now: Date) {
  const job = await trx.selectFrom('job').selectAll().where('id', '=', id).where('kind', '=', 'external').forUpdate().executeTakeFirst();
  if (!job) throw new StepRefusal('not_found', `no external task ${id}`);
  if (job.lock_owner !== workerId || !job.lock_expires_at || job.lock_expires_at < now) {
    throw new StepRefusal('invalid_state', `external task ${id} is not locked by worker "${workerId}"${job.lock_owner ? '' : ' (it is not locked)'}`);
  }
  return job;
}
