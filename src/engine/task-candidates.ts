import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import { DomainError } from '../platform/errors.ts';
import type { Engine } from './engine.ts';
import type { WorkCheck } from './runtime/hot-cache.ts';

/*
 * Who a task is offered to, and strict candidates (`banklane.strictCandidates`): on an approval
 * whose candidates an authority decides, managing processes (`process.manage`) still lets one see,
 * assign, delegate and unclaim the task, but only its candidates may claim and complete it — and
 * it is handed only to them, so it never sits with someone who may not finish it.
 */

type Db = Kysely<Database> | Transaction<Database>;
type Offer = Pick<WorkCheck, 'candidate_users' | 'candidate_groups'>;

/** Whether the user (with their roles) is among the task's candidates; a task offered to nobody in particular is everyone's. */
export function isCandidate(task: Offer, username: string, roles: readonly string[]): boolean {
  if (task.candidate_users.length === 0 && task.candidate_groups.length === 0) return true;
  return task.candidate_users.includes(username) || task.candidate_groups.some((g) => roles.includes(g));
}

/** Whom the task is offered to, for messages: its candidate users and groups. */
export const offeredTo = (task: Offer) => [...task.candidate_users, ...task.candidate_groups].join(', ');

/** Whether the task's model marks it `banklane.strictCandidates` (a deployed model is read once per node, then cached). */
export async function isStrictTask(engine: Engine, db: Db, definitionId: string | null, elementId: string): Promise<boolean> {
  if (!definitionId) return false;
  const definition = await engine.definitions.process(db, definitionId);
  return definition?.model.nodes[elementId]?.task?.strictCandidates === true;
}

/** The definition an instance runs on, or null when the instance is gone. */
export async function definitionOfInstance(db: Db, instanceId: string): Promise<string | null> {
  const row = await db.selectFrom('process_instance').select('definition_id').where('id', '=', instanceId).executeTakeFirst();
  return row?.definition_id ?? null;
}

/** The roles of a user, by user name (none for a name nobody has). */
export async function rolesOf(db: Db, username: string): Promise<string[]> {
  const rows = await db.selectFrom('user_role as r').innerJoin('app_user as u', 'u.id', 'r.user_id').select('r.role_key').where('u.username', '=', username).execute();
  return rows.map((r) => r.role_key);
}

/** The refusal of someone who is not among a strict task's candidates, claiming or completing it. */
export function notACandidate(task: Offer): DomainError {
  return new DomainError('forbidden', {
    en: `Only the task's candidates (${offeredTo(task)}) may claim or complete it: it is an approval at its authority, and managing processes does not stand in for it.`,
    zh: `该任务为按权限审批，只能由其候选人（${offeredTo(task)}）签收或办理；流程管理权限不能代替。`,
  });
}

/** Refuses handing a strict task to someone who is not among its candidates. */
export async function assertMayHold(db: Db, task: Offer, username: string): Promise<void> {
  if (isCandidate(task, username, await rolesOf(db, username))) return;
  throw new DomainError('forbidden', {
    en: `${username} is not among the task's candidates (${offeredTo(task)}): an approval at its authority is handed only to them.`,
    zh: `${username} 不是该任务的候选人（${offeredTo(task)}）：按权限审批的任务只能交给候选人办理。`,
  });
}
