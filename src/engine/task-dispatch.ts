import { sql, type Expression, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { RequestContext } from '../platform/access/actor.ts';
import { assertPermission, scopePrefix } from '../platform/access/policy.ts';
import { auditRow } from '../platform/audit/audit.repository.ts';
import { auditEntry, recordAudit } from '../platform/audit/audit.service.ts';
import { PREPARED } from '../platform/db/database.ts';
import type { Database } from '../platform/db/schema.ts';
import type { Engine } from './engine.ts';
import { isCandidate, isStrictTask, rolesOf } from './task-candidates.ts';
import { view, type TaskRow, type TaskView } from './task.service.ts';

/*
 * Handing out work: get-next-work for one person, and moving an absent colleague's tasks. Single
 * tasks (claim, complete, delegate) are in task.service.ts.
 */

/**
 * Get next work: claims, for the actor, the most urgent open task they may take — offered to them
 * or one of their roles, in their branches or in a pool, and within the qualifications they hold
 * valid (`qualifications`: a one-column query of their codes) — ordered by priority (raised as a case's
 * deadline nears), then the earliest due date, then age. One statement: it picks the best task of
 * the actor's units and the best pooled one (each from its own index, `FOR UPDATE SKIP LOCKED`,
 * so concurrent callers get different tasks), claims the better of the two, moves its instance's
 * version and writes the audit entry. Null when there is none.
 *
 * A claim commits without waiting for the disk (`synchronous_commit` off for its transaction
 * only): a crash of the database server within a moment of it may undo it — the task is then open
 * and unassigned again, without its audit entry, as if never asked for — where waiting for the
 * write-ahead log to reach the disk made most of get-next-work's tail (docs/SERVICES.md, Performance).
 *
 * `also`: a query over `claimed` (the claimed task's row) whose first row comes back as `also`, a
 * JSON object (timestamps as ISO text), or null when it finds none — what the caller shows with the
 * task (its case), read in the same statement rather than in a second round trip.
 */
export async function claimNextTask<T extends object>(engine: Engine, ctx: RequestContext, qualifications: Expression<unknown>, also?: RawBuilder<T>): Promise<{ task: TaskView; also: T | null } | null> {
  const actor = ctx.actor!;
  assertPermission(actor, 'task.work');
  const prefix = scopePrefix(actor, 'task.work');
  const now = engine.deps.clock();
  const db = engine.deps.db;
  // Prepared, this statement should be planned once (its generic plan), not for each call: planning
  // it costs more than running it. So 'open' and the limit are literals (with parameters that plan
  // could not use the partial indexes of open, unassigned tasks), and the user's name and roles are
  // sub-selects, which the planner estimates alike whether it knows their values or not — otherwise
  // the plans made for the values look cheaper, and PostgreSQL keeps making them.
  const me = sql`(select ${JSON.stringify([actor.username])}::jsonb)`;
  const roles = sql`(select ${sql.val(actor.roles)}::text[])`;
  const candidates = (where: (q: SelectQueryBuilder<Database, 'task', object>) => SelectQueryBuilder<Database, 'task', object>) =>
    where(db.selectFrom('task'))
      .select(['task.id', 'task.priority', 'task.due_at', 'task.created_at'])
      .where('task.status', '=', sql.lit('open'))
      .where('task.assignee', 'is', null)
      .where(sql<boolean>`not (task.excluded_users @> ${me})`)
      .where((eb) =>
        eb.or([
          sql<boolean>`task.candidate_users @> ${me}`,
          sql<boolean>`task.candidate_groups ?| ${roles}`,
          eb.and([sql<boolean>`task.candidate_users = '[]'::jsonb`, sql<boolean>`task.candidate_groups = '[]'::jsonb`]),
        ]),
      )
      .where(sql<boolean>`(task.qualification is null or task.qualification in (${qualifications}))`)
      .orderBy('task.priority', 'desc')
      .orderBy(sql`task.due_at asc nulls last`)
      .orderBy('task.created_at')
      .limit(sql.lit(1))
      .forUpdate()
      .skipLocked();
  const units = prefix ? await unitsUnder(db, prefix) : [];
  const picks = prefix
    ? [
        // the units as values, not a subquery: the planner then walks the per-unit index of just these
        candidates((q) => (units.length === 1 ? q.where('task.unit_id', '=', units[0]!) : q.where('task.unit_id', 'in', [...units, '']))),
        candidates((q) => q.where('task.pool', 'is not', null)),
      ]
    : [candidates((q) => q)];
  const audit = auditRow(auditEntry(ctx, { action: 'task.claim', entityType: 'task', entityId: null, after: { next: true } }, now));
  const union = sql.join(picks.map((p) => sql`select * from (${p}) as p`), sql` union all `);
  // prepared, and planned once (above)
  const { rows } = await sql<NonNullable<TaskRow> & { also: T | null }>`${PREPARED}
    with pick as (${union} order by priority desc, due_at asc nulls last, created_at limit 1),
    claimed as (
      update task set assignee = ${actor.username}, version = task.version + 1 from pick where task.id = pick.id returning task.*
    ),
    bumped as (
      update process_instance set version = process_instance.version + 1 from claimed where process_instance.id = claimed.instance_id
    ),
    audited as (
      insert into audit_log (occurred_at, actor_id, actor_name, ip, request_id, action, entity_type, entity_id, unit_id, before, after)
      select ${audit.occurred_at}::timestamptz, ${audit.actor_id}, ${audit.actor_name}, ${audit.ip}, ${audit.request_id}, ${audit.action}, ${audit.entity_type}, claimed.id, claimed.unit_id, null, ${audit.after}::jsonb from claimed
    )
    select claimed.*, o.path as unit_path, ${also ? sql`(select to_jsonb(a) from (${also}) as a limit 1)` : sql`null`} as "also",
      -- set as the statement runs, it holds for the commit of the statement's own transaction (see above)
      set_config('synchronous_commit', 'off', true) as async_commit
    from claimed left join org_unit o on o.id = claimed.unit_id`.execute(db);
  const row = rows[0];
  return row ? { task: view(row), also: row.also } : null;
}

const unitCache = new Map<string, { ids: string[]; at: number }>();

/** Ids of the units at and below a path, remembered for a minute (a new sub-branch joins get-next-work within one). */
async function unitsUnder(db: Kysely<Database>, prefix: string): Promise<string[]> {
  const cached = unitCache.get(prefix);
  if (cached && Date.now() - cached.at < 60_000) return cached.ids;
  const ids = (await db.selectFrom('org_unit').select('id').where('path', 'like', `${prefix}%`).execute()).map((r) => r.id);
  unitCache.set(prefix, { ids, at: Date.now() });
  if (unitCache.size > 10_000) unitCache.delete(unitCache.keys().next().value!);
  return ids;
}

/**
 * The open tasks of an absent colleague, in the actor's branches: handed to `to`, or back to their
 * candidates when `to` is null — or when the task excludes `to` (recusal), or is a strict one
 * (`banklane.strictCandidates`) `to` is not a candidate of. Returns how many moved.
 */
export async function reassignTasks(engine: Engine, ctx: RequestContext, from: string, to: string | null): Promise<number> {
  const actor = ctx.actor!;
  assertPermission(actor, 'task.work');
  const prefix = scopePrefix(actor, 'task.work');
  const now = engine.deps.clock();
  return engine.transaction(async (trx) => {
    let q = trx
      .selectFrom('task as t')
      .innerJoin('process_instance as p', 'p.id', 't.instance_id')
      .leftJoin('org_unit as o', 'o.id', 't.unit_id')
      .select(['t.id', 't.instance_id', 't.unit_id', 't.element_id', 't.excluded_users', 't.candidate_users', 't.candidate_groups', 'p.definition_id'])
      .where('t.status', '=', 'open')
      .where('t.assignee', '=', from);
    if (prefix) q = q.where('o.path', 'like', `${prefix}%`);
    const rows = await q.forUpdate('t').execute();
    if (rows.length === 0) return 0;
    const roles = to ? await rolesOf(trx, to) : [];
    const barred = new Set<string>();
    for (const r of rows) if (to && (await isStrictTask(engine, trx, r.definition_id, r.element_id)) && !isCandidate(r, to, roles)) barred.add(r.id);
    const target = (r: (typeof rows)[number]) => (to && (r.excluded_users.includes(to) || barred.has(r.id)) ? null : to);
    for (const assignee of new Set(rows.map(target))) {
      await trx.updateTable('task').set((eb) => ({ assignee, version: eb('version', '+', 1) })).where('id', 'in', rows.filter((r) => target(r) === assignee).map((r) => r.id)).execute();
    }
    await trx.updateTable('process_instance').set((eb) => ({ version: eb('version', '+', 1) })).where('id', 'in', [...new Set(rows.map((r) => r.instance_id))]).execute();
    for (const r of rows) {
      await recordAudit(trx, ctx, { action: 'task.reassign', entityType: 'task', entityId: r.id, unitId: r.unit_id, before: { assignee: from }, after: { assignee: target(r) } }, now);
    }
    return rows.length;
  });
}
