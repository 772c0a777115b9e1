import type { TaskSpec } from '../core/index.ts';
import type { LockedInstance } from './instances.ts';

/** What deciding whether someone may work a task needs. */
export type WorkCheck = { unit_path: string | null; status: string; assignee: string | null; candidate_users: string[]; candidate_groups: string[]; pool: string | null; qualification: string | null; gates: string[]; excluded_users: string[] };

type CachedInstance = { row: Omit<LockedInstance, 'state'>; stateJson: string; version: number };
type CachedTask = { instanceId: string; elementId: string; unitId: string | null; check: WorkCheck };

const LIMIT = 20_000;

/**
 * The instances this node has just written (state and version) and the tasks they opened, so that
 * the usual next command — completing that task — needs no read. Only committed writes go in.
 * A copy may be stale (another node or path changed the instance): the version guard of the
 * write then fails, the entry is dropped, and the command reads the database. Every change to a
 * task (claim, delegate) moves its instance's version, so a task's cached assignment is never
 * trusted past the version it was cached with.
 */
export class HotCache {
  private readonly instances = new Map<string, CachedInstance>();
  private readonly tasks = new Map<string, CachedTask>();

  instance(id: string): CachedInstance | undefined {
    return this.instances.get(id);
  }

  task(id: string): CachedTask | undefined {
    return this.tasks.get(id);
  }

  remember(row: Omit<LockedInstance, 'state'>, stateJson: string, version: number, opened: readonly Pick<TaskSpec, 'id' | 'elementId' | 'assignee' | 'candidateUsers' | 'candidateGroups' | 'pool' | 'qualification' | 'gates' | 'excludedUsers'>[], closed: readonly string[], unitPath: string | null): void {
    if (stateJson.length > 64 * 1024) return this.forget(row.id); // big states are cheaper to read than to keep
    this.instances.delete(row.id);
    this.instances.set(row.id, { row, stateJson, version });
    for (const id of closed) this.tasks.delete(id);
    for (const t of opened) {
      this.tasks.set(t.id, { instanceId: row.id, elementId: t.elementId, unitId: row.unit_id, check: { unit_path: unitPath, status: 'open', assignee: t.assignee, candidate_users: t.candidateUsers, candidate_groups: t.candidateGroups, pool: t.pool, qualification: t.qualification, gates: t.gates, excluded_users: t.excludedUsers } });
    }
    this.trim();
  }

  forget(instanceId: string): void {
    this.instances.delete(instanceId);
  }

  forgetTask(taskId: string): void {
    this.tasks.delete(taskId);
  }

  private trim(): void {
    for (const map of [this.instances, this.tasks] as Map<string, unknown>[]) {
      while (map.size > LIMIT) map.delete(map.keys().next().value!);
    }
  }
}
