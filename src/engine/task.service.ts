import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import type { RequestContext } from '../platform/access/actor.ts';
import { assertInScope, assertPermission, scopePrefix } from '../platform/access/policy.ts';
import { auditInsert, recordAudit } from '../platform/audit/audit.service.ts';
import { DomainError, NotFoundError } from '../platform/errors.ts';
import { idempotent } from '../platform/idempotency.ts';
import { toDomainError, type Engine } from './engine.ts';
import { StepRefusal } from './core/index.ts';
import { assertMayHold, definitionOfInstance, isCandidate, isStrictTask, notACandidate } from './task-candidates.ts';
import type { HotCache, WorkCheck } from './runtime/hot-cache.ts';
import { applyCommand, applyCommandOptimistic, InstanceChanged, type InstanceRow } from './runtime/instances.ts';

const TASK = { en: 'task', zh: '任务' };

export type TaskView = {
  id: string;
  name: string | null;
  elementId: string;
  instanceId: string;
  /** The activity instance (Camunda's execution) the task belongs to. */
  tokenId: string;
  processKey: string;
  businessKey: string | null;
  unitId: string | null;
  assignee: string | null;
  candidateUsers: string[];
  candidateGroups: string[];
  dueAt: string | null;
  followUpAt: string | null;
  priority: number;
  formKey: string | null;
  formSchema: unknown;
  createdAt: string;
  status: string;
  version: number;
  /** A work pool served by staff of any branch (e.g. `central`), or null: the instance's branch. */
  pool: string | null;
  /** A qualification the task requires, or null. */
  qualification: string | null;
  /** Recusal (回避): users who may neither hold nor complete the task. */
  excludedUsers: string[];
};

export type TaskRow = Awaited<ReturnType<typeof loadTask>>;

async function loadTask(engine: Engine, id: string) {
  return engine.deps.db
    .selectFrom('task as t')
    .leftJoin('org_unit as o', 'o.id', 't.unit_id')
    .selectAll('t')
    .select('o.path as unit_path')
    .where('t.id', '=', id)
    .executeTakeFirst();
}

/** A task row (with its unit's path) as the API shows it. */
export function view(r: NonNullable<TaskRow>): TaskView {
  return {
    id: r.id,
    name: r.name,
    elementId: r.element_id,
    instanceId: r.instance_id,
    tokenId: r.token_id,
    processKey: r.process_key,
    businessKey: r.business_key,
    unitId: r.unit_id,
    assignee: r.assignee,
    candidateUsers: r.candidate_users,
    candidateGroups: r.candidate_groups,
    dueAt: r.due_at?.toISOString() ?? null,
    followUpAt: r.follow_up_at?.toISOString() ?? null,
    priority: r.priority,
    formKey: r.form_key,
    formSchema: r.form_schema ?? null,
    createdAt: r.created_at.toISOString(),
    status: r.status,
    version: r.version,
    pool: r.pool,
    qualification: r.qualification,
    excludedUsers: r.excluded_users,
  };
}

/** Columns a task list may be sorted by. */
export type TaskSort = { by: 'id' | 'created_at' | 'due_at' | 'follow_up_at' | 'priority' | 'name' | 'assignee' | 'instance_id'; desc: boolean };

/** Open tasks within reach, filtered; `mine` = assigned to me or offered to me or my roles. */
export async function listTasks(
  engine: Engine,
  ctx: RequestContext,
  f: { assignee?: string | undefined; candidateGroup?: string | undefined; instanceId?: string | undefined; elementId?: string | undefined; mine?: boolean | undefined; unassigned?: boolean | undefined; limit: number; offset: number; sort?: TaskSort | undefined },
) {
  const actor = ctx.actor!;
  const prefix = scopePrefix(actor, 'task.work');
  let q = engine.deps.db.selectFrom('task as t').leftJoin('org_unit as o', 'o.id', 't.unit_id').where('t.status', '=', 'open');
  if (prefix) q = q.where((eb) => eb.or([eb('o.path', 'like', `${prefix}%`), eb('t.pool', 'is not', null)]));
  if (f.assignee) q = q.where('t.assignee', '=', f.assignee);
  if (f.unassigned) q = q.where('t.assignee', 'is', null);
  if (f.instanceId) q = q.where('t.instance_id', '=', f.instanceId);
  if (f.elementId) q = q.where('t.element_id', '=', f.elementId);
  if (f.candidateGroup) q = q.where(sql<boolean>`t.candidate_groups @> ${JSON.stringify([f.candidateGroup])}::jsonb`);
  if (f.mine) {
    q = q.where((eb) =>
      eb.or([
        eb('t.assignee', '=', actor.username),
        eb.and([eb('t.assignee', 'is', null), eb.or([sql<boolean>`t.candidate_users @> ${JSON.stringify([actor.username])}::jsonb`, sql<boolean>`t.candidate_groups ?| ${sql.val(actor.roles)}::text[]`])]),
      ]),
    );
    q = q.where(sql<boolean>`not (t.excluded_users @> ${JSON.stringify([actor.username])}::jsonb)`);
  }
  const [rows, count] = await Promise.all([
    (f.sort ? q.orderBy(`t.${f.sort.by}`, f.sort.desc ? 'desc' : 'asc') : q.orderBy('t.priority', 'desc'))
      .selectAll('t')
      .select('o.path as unit_path')
      .orderBy('t.created_at')
      .orderBy('t.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(count.n), items: rows.map(view) };
}

export async function getTask(engine: Engine, ctx: RequestContext, id: string): Promise<TaskView> {
  const row = await loadTask(engine, id);
  if (!row) throw new NotFoundError(TASK, id);
  assertTaskInReach(ctx, row);
  return view(row);
}

/** A task is in reach in its branch and the branches above; a pooled task, from any branch. */
function assertTaskInReach(ctx: RequestContext, row: Pick<WorkCheck, 'unit_path' | 'pool'>): void {
  if (row.pool) assertPermission(ctx.actor!, 'task.work');
  else assertInScope(ctx.actor!, 'task.work', row.unit_path ?? '/');
}

/** Refuses a task that requires a qualification the actor does not hold (valid today). */
async function assertQualified(engine: Engine, db: Kysely<Database> | Transaction<Database>, ctx: RequestContext, qualification: string | null): Promise<void> {
  if (!qualification) return;
  if (await engine.isQualified(db, ctx.actor!.username, qualification, engine.deps.clock())) return;
  throw new DomainError('not_qualified', {
    en: `This task requires the qualification "${qualification}", which you do not hold (or it has expired).`,
    zh: `办理该任务需要“${qualification}”资质，您尚未取得或已过期。`,
  });
}

/** Runs the task's completion gates; the first that fails refuses the completion. */
async function runGates(engine: Engine, db: Kysely<Database> | Transaction<Database>, task: { id: string; elementId: string; instanceId: string; businessKey: string | null; gates: string[] }, variables: Record<string, unknown>): Promise<void> {
  for (const name of task.gates) {
    const gate = engine.gates.get(name);
    if (!gate) throw new DomainError('precondition_failed', { en: `The completion check "${name}" is not available on this server.`, zh: `办理条件检查“${name}”在本服务器上不可用。` });
    await gate({ taskId: task.id, elementId: task.elementId, instanceId: task.instanceId, businessKey: task.businessKey, variables, db });
  }
}

/**
 * Whether the actor may work the task: assigned to them, or offered to them or one of their roles;
 * managing processes stands in for either. On a strict task (`strict`, claiming or completing one
 * marked `banklane.strictCandidates`) only its candidates may, even one it is assigned to.
 */
function mayWork(ctx: RequestContext, row: WorkCheck, strict: boolean): boolean {
  const actor = ctx.actor!;
  if (!strict && actor.permissions.has('process.manage')) return true;
  if (row.assignee && row.assignee !== actor.username) return false;
  if (row.assignee && !strict) return true;
  return isCandidate(row, actor.username, actor.roles);
}

async function workable(engine: Engine, ctx: RequestContext, id: string) {
  const row = await loadTask(engine, id);
  if (!row) throw new NotFoundError(TASK, id);
  checkWorkable(ctx, row, false);
  return row;
}

/**
 * In reach, still open, and the actor's to work: or a refusal saying which is not so. `strict`:
 * claiming or completing a task marked `banklane.strictCandidates`.
 */
function checkWorkable(ctx: RequestContext, row: WorkCheck, strict: boolean): void {
  assertTaskInReach(ctx, row);
  if (row.status !== 'open') throw new DomainError('invalid_state', { en: `The task is already ${row.status}.`, zh: `该任务已${row.status === 'completed' ? '完成' : '取消'}。` });
  assertNotExcluded(row, ctx.actor!.username);
  if (!mayWork(ctx, row, strict)) {
    if (strict && ctx.actor!.permissions.has('process.manage') && !isCandidate(row, ctx.actor!.username, ctx.actor!.roles)) throw notACandidate(row);
    throw new DomainError('forbidden', {
      en: row.assignee ? `The task is assigned to ${row.assignee}.` : 'The task is offered to other people or roles than yours.',
      zh: row.assignee ? `该任务已由 ${row.assignee} 签收。` : '该任务不属于您或您的角色。',
    });
  }
}

/** Recusal (回避): refuses a user the task excludes, whoever asks and through whatever API. */
export function assertNotExcluded(row: Pick<WorkCheck, 'excluded_users'>, username: string): void {
  if (!row.excluded_users.includes(username)) return;
  throw new DomainError('recused', {
    en: `${username} is involved in the matter and may not handle this task (recusal).`,
    zh: `${username} 与该事项有利害关系，须回避，不得办理此任务。`,
  });
}

/**
 * A change to a task moves its instance's version too: a copy of the instance (and its tasks)
 * that another node keeps is then stale, and its version-guarded write fails instead of trusting
 * an old assignment.
 */
async function bumpInstance(trx: Transaction<Database>, instanceId: string): Promise<void> {
  await trx.updateTable('process_instance').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', instanceId).execute();
}

const claimedMeanwhile = () => new DomainError('version_conflict', { en: 'Someone else claimed or changed the task meanwhile; reload it.', zh: '该任务已被他人签收或修改，请刷新。' });

/** Takes a task: exactly one of two concurrent claims wins, the other gets 409. */
export async function claimTask(engine: Engine, ctx: RequestContext, id: string) {
  const row = await loadTask(engine, id);
  if (!row) throw new NotFoundError(TASK, id);
  assertTaskInReach(ctx, row);
  const me = ctx.actor!.username;
  if (row.status !== 'open' || (row.assignee && row.assignee !== me)) {
    throw new DomainError('version_conflict', {
      en: row.status !== 'open' ? `The task is already ${row.status}.` : `The task has already been claimed by ${row.assignee}.`,
      zh: row.status !== 'open' ? '该任务已结束。' : `该任务已被 ${row.assignee} 签收。`,
    });
  }
  // whether the actor is among the candidates; who else may have claimed it meanwhile the update decides
  const strict = await isStrictTask(engine, engine.deps.db, await definitionOfInstance(engine.deps.db, row.instance_id), row.element_id);
  checkWorkable(ctx, { ...row, assignee: null }, strict);
  await assertQualified(engine, engine.deps.db, ctx, row.qualification);
  await engine.transaction(async (trx) => {
    const updated = await trx.updateTable('task').set((eb) => ({ assignee: me, version: eb('version', '+', 1) })).where('id', '=', id).where('status', '=', 'open').where('assignee', 'is', null).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw claimedMeanwhile();
    await bumpInstance(trx, row.instance_id);
    await recordAudit(trx, ctx, { action: 'task.claim', entityType: 'task', entityId: id, unitId: row.unit_id }, engine.deps.clock());
  });
  return getTask(engine, ctx, id);
}

export async function unclaimTask(engine: Engine, ctx: RequestContext, id: string) {
  const row = await workable(engine, ctx, id);
  await engine.transaction(async (trx) => {
    await trx.updateTable('task').set((eb) => ({ assignee: null, version: eb('version', '+', 1) })).where('id', '=', id).execute();
    await bumpInstance(trx, row.instance_id);
    await recordAudit(trx, ctx, { action: 'task.unclaim', entityType: 'task', entityId: id, unitId: row.unit_id, before: { assignee: row.assignee } }, engine.deps.clock());
  });
  return getTask(engine, ctx, id);
}

export async function delegateTask(engine: Engine, ctx: RequestContext, id: string, userId: string) {
  const row = await workable(engine, ctx, id);
  assertNotExcluded(row, userId);
  // a strict task goes only to someone who may complete it
  if (await isStrictTask(engine, engine.deps.db, await definitionOfInstance(engine.deps.db, row.instance_id), row.element_id)) await assertMayHold(engine.deps.db, row, userId);
  await engine.transaction(async (trx) => {
    const updated = await trx.updateTable('task').set((eb) => ({ assignee: userId, version: eb('version', '+', 1) })).where('id', '=', id).where('version', '=', row.version).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw claimedMeanwhile();
    await bumpInstance(trx, row.instance_id);
    await recordAudit(trx, ctx, { action: 'task.delegate', entityType: 'task', entityId: id, unitId: row.unit_id, before: { assignee: row.assignee }, after: { assignee: userId } }, engine.deps.clock());
  });
  return getTask(engine, ctx, id);
}

/**
 * Completes a task with variables. The instance row is locked for the step, so of two concurrent
 * completions one wins and the other finds the task done (409). Maker-checker is enforced by the
 * engine's core, whatever API the completion comes through.
 */
export async function completeTask(engine: Engine, ctx: RequestContext, id: string, variables: Record<string, unknown>, idempotencyKey?: string) {
  if (!idempotencyKey) {
    const done = await completeOptimistic(engine, ctx, id, variables);
    if (done) return done;
  }
  return idempotent(engine.deps, ctx, 'task.complete', idempotencyKey, { id, variables }, async (trx) => {
    await engine.refreshCalendar();
    const instanceId = await completeTaskIn(engine, trx, ctx, id, variables);
    return { status: 200, body: { id, instanceId, completed: true } };
  }).catch((error: unknown) => {
    throw toDomainError(error);
  });
}

/**
 * Completes a task inside the caller's transaction, with every check the API makes (reach, state,
 * recusal, candidates, qualification, gates, maker-checker), so a domain module can complete a
 * step and record its own change atomically. Returns the instance id. The caller refreshes the
 * business calendar first if due dates may be counted in working time.
 */
export async function completeTaskIn(engine: Engine, trx: Transaction<Database>, ctx: RequestContext, id: string, variables: Record<string, unknown>): Promise<string> {
  // one read: the task, its unit, and its instance's state, the instance row locked for the step
  const row = await trx
    .selectFrom('task as t')
    .innerJoin('process_instance as p', 'p.id', 't.instance_id')
    .leftJoin('org_unit as o', 'o.id', 't.unit_id')
    .selectAll('t')
    .select(['o.path as unit_path', 'p.definition_id', 'p.process_key as instance_process_key', 'p.business_key as instance_business_key', 'p.unit_id as instance_unit_id', 'p.state'])
    .where('t.id', '=', id)
    .modifyEnd(sql`for update of p`)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(TASK, id);
  checkWorkable(ctx, row, await isStrictTask(engine, trx, row.definition_id, row.element_id));
  await assertQualified(engine, trx, ctx, row.qualification);
  await runGates(engine, trx, { id, elementId: row.element_id, instanceId: row.instance_id, businessKey: row.business_key, gates: row.gates }, variables);
  try {
    const instance = { id: row.instance_id, definition_id: row.definition_id, process_key: row.instance_process_key, business_key: row.instance_business_key, unit_id: row.instance_unit_id, state: row.state };
    await applyCommand(trx, engine.env(ctx), instance, { type: 'completeTask', taskId: id, variables, userId: ctx.actor!.userId }, () => [
      auditInsert(ctx, { action: 'task.complete', entityType: 'task', entityId: id, unitId: row.unit_id, after: { elementId: row.element_id, instanceId: row.instance_id, variables: Object.keys(variables) } }, engine.deps.clock()),
    ]);
  } catch (error) {
    // a completion that committed first has taken the token
    if (error instanceof StepRefusal && error.code === 'not_found') throw new DomainError('version_conflict', { en: 'The task was completed meanwhile.', zh: '该任务已被他人完成。' });
    throw error;
  }
  return row.instance_id;
}

/**
 * The common completion, without a transaction: read task and instance (with its version), step,
 * and write everything in one version-guarded statement; if the instance changed meanwhile, read
 * again (a few times). Null when the completion must take the transactional path (it reaches
 * other instances).
 */
async function completeOptimistic(engine: Engine, ctx: RequestContext, id: string, variables: Record<string, unknown>) {
  const db = engine.deps.db;
  await engine.refreshCalendar();
  for (let attempt = 0; attempt < 8; attempt++) {
    const found = (attempt === 0 && fromCache(engine.hot, id)) || (await readForCompletion(engine, id));
    checkWorkable(ctx, found.check, await isStrictTask(engine, db, found.instance.definition_id, found.elementId));
    if (attempt === 0) {
      await assertQualified(engine, db, ctx, found.check.qualification);
      await runGates(engine, db, { id, elementId: found.elementId, instanceId: found.instance.id, businessKey: found.instance.business_key, gates: found.check.gates }, variables);
    }
    const audit = () => [auditInsert(ctx, { action: 'task.complete', entityType: 'task', entityId: id, unitId: found.instance.unit_id, after: { elementId: found.elementId, instanceId: found.instance.id, variables: Object.keys(variables) } }, engine.deps.clock())];
    try {
      const outcome = await applyCommandOptimistic(db, engine.env(ctx), found.instance, { type: 'completeTask', taskId: id, variables, userId: ctx.actor!.userId }, audit);
      if (outcome === 'needsTransaction') return null;
      rememberCompletion(engine.hot, found, outcome);
      return { status: 200, body: { id, instanceId: found.instance.id, completed: true }, replayed: false };
    } catch (error) {
      engine.hot.forget(found.instance.id);
      if (error instanceof InstanceChanged) continue;
      if (error instanceof StepRefusal && error.code === 'not_found') throw new DomainError('version_conflict', { en: 'The task was completed meanwhile.', zh: '该任务已被他人完成。' });
      throw toDomainError(error);
    }
  }
  throw new DomainError('version_conflict', { en: 'The process instance keeps changing; try again.', zh: '流程实例正在频繁变化，请稍后重试。' });
}

type ForCompletion = { instance: { id: string; definition_id: string; process_key: string; business_key: string | null; unit_id: string | null; state: unknown; version: number }; elementId: string; check: WorkCheck; unitPath: string | null };

/** Task and instance as this node last wrote them, if it did. */
function fromCache(hot: HotCache, id: string): ForCompletion | null {
  const task = hot.task(id);
  const instance = task ? hot.instance(task.instanceId) : undefined;
  if (!task || !instance) return null;
  return { instance: { ...instance.row, state: JSON.parse(instance.stateJson), version: instance.version }, elementId: task.elementId, check: task.check, unitPath: task.check.unit_path };
}

/** Task, its unit and its instance with the instance's version, in one read. */
async function readForCompletion(engine: Engine, id: string): Promise<ForCompletion> {
  const row = await engine.deps.db
    .selectFrom('task as t')
    .innerJoin('process_instance as p', 'p.id', 't.instance_id')
    .leftJoin('org_unit as o', 'o.id', 't.unit_id')
    .selectAll('t')
    .select(['o.path as unit_path', 'p.definition_id', 'p.process_key as instance_process_key', 'p.business_key as instance_business_key', 'p.unit_id as instance_unit_id', 'p.state', 'p.version as instance_version'])
    .where('t.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(TASK, id);
  return {
    instance: { id: row.instance_id, definition_id: row.definition_id, process_key: row.instance_process_key, business_key: row.instance_business_key, unit_id: row.instance_unit_id, state: row.state, version: row.instance_version },
    elementId: row.element_id,
    check: row,
    unitPath: row.unit_path,
  };
}

function rememberCompletion(hot: HotCache, found: ForCompletion, outcome: InstanceRow): void {
  if (!outcome.committed) return;
  const { state: _state, version: _version, ...row } = found.instance;
  hot.remember(row, outcome.committed.stateJson, outcome.committed.version, outcome.openedTasks ?? [], outcome.closedTasks ?? [], found.unitPath);
}
