import { sql, type Insertable, type Kysely, type QueryCreator, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type { Effect } from '../core/index.ts';
import type { FollowUp, InstanceRow, RuntimeEnv } from './instances.ts';

type Trx = Transaction<Database>;

/** Raised by `executeWrites` when its version guard finds the instance changed meanwhile. */
export class InstanceChanged extends Error {}

const EVENT_COLUMNS = ['instance_id', 'activity_instance_id', 'element_id', 'element_type', 'name', 'process_key', 'lifecycle', 'at', 'resource', 'unit_id'] as const;

/** One write of a step; all of a step's writes go to the database as one statement. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any insert, update or delete builder
export type WriteOp = (qc: QueryCreator<Database>) => any;

/**
 * Sends a step's writes as one statement (data-modifying CTEs): one round trip whatever the
 * step did. All parts see the same snapshot, so `planWrites` has already netted out rows that a
 * step both created and removed.
 */
export async function executeWrites(trx: Trx | Kysely<Database>, writes: WriteOp[], guarded = false): Promise<void> {
  if (writes.length === 0) return;
  if (writes.length === 1 && !guarded) {
    await writes[0]!(trx).execute();
    return;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a chain of CTEs of mixed kinds
  let query: any = trx;
  writes.forEach((write, i) => {
    query = query.with(`w${i}`, write);
  });
  // Guarded: the first write is a versioned update returning its row. When it updated nothing,
  // 1/0 fails the statement, and a statement is atomic: none of its writes happen.
  const done = guarded ? sql`1 / (select count(*) from w0)` : sql`1`;
  try {
    await query.selectNoFrom(done.as('done')).execute();
  } catch (error) {
    if (guarded && (error as { code?: string }).code === '22012') throw new InstanceChanged('the process instance changed meanwhile');
    throw error;
  }
}

/** Turns a step's effects into writes; returns also the effects that reach other instances. */
export function planWrites(env: RuntimeEnv, instance: InstanceRow, effects: Effect[]): { writes: WriteOp[]; later: FollowUp[] } {
  const later: FollowUp[] = [];
  const writes: WriteOp[] = [];
  const events: Insertable<Database['event_log']>[] = [];
  const tasks = new Map<string, Insertable<Database['task']>>();
  const jobs = new Map<string, Insertable<Database['job']>>();
  const subscriptions = new Map<string, Insertable<Database['event_subscription']>>();
  const incidents: Insertable<Database['incident']>[] = [];
  const endedTasks: { id: string; outcome: 'completed' | 'cancelled' }[] = [];
  const removedJobs: string[] = [];
  const removedSubscriptions: string[] = [];
  let ended = false;
  for (const e of effects) {
    switch (e.type) {
      case 'activity':
        events.push({
          instance_id: instance.id,
          activity_instance_id: e.record.activityInstanceId,
          element_id: e.record.elementId,
          element_type: e.record.elementType,
          name: e.record.name,
          process_key: instance.processKey,
          lifecycle: e.record.event === 'end' ? 'complete' : e.record.event,
          at: e.record.at,
          resource: env.actor,
          unit_id: instance.unitId,
        });
        break;
      case 'taskCreated': {
        const t = e.task;
        tasks.set(t.id, {
          id: t.id,
          instance_id: instance.id,
          token_id: t.tokenId,
          element_id: t.elementId,
          name: t.name,
          process_key: instance.processKey,
          business_key: instance.businessKey,
          unit_id: instance.unitId,
          assignee: t.assignee,
          candidate_users: JSON.stringify(t.candidateUsers),
          candidate_groups: JSON.stringify(t.candidateGroups),
          due_at: t.dueAt,
          follow_up_at: t.followUpAt,
          priority: t.priority,
          form_key: t.formKey,
          form_schema: t.formSchema === null || t.formSchema === undefined ? null : JSON.stringify(t.formSchema),
          not_completed_by: JSON.stringify(t.notCompletedBy),
          excluded_users: JSON.stringify(t.excludedUsers),
          pool: t.pool,
          qualification: t.qualification,
          gates: JSON.stringify(t.gates),
          created_at: t.createdAt,
          ended_at: null,
          completed_by: null,
        });
        break;
      }
      case 'taskEnded': {
        const created = tasks.get(e.taskId);
        if (created) Object.assign(created, { status: e.outcome, ended_at: env.now, ...(e.outcome === 'completed' && { completed_by: env.actor }) });
        else endedTasks.push({ id: e.taskId, outcome: e.outcome });
        break;
      }
      case 'jobCreated': {
        const j = e.job;
        // a delegate with no handler on this node is done by an external worker on its name
        const kind = j.kind === 'handler' && !env.handlers.has(j.topic ?? '') ? 'external' : j.kind;
        jobs.set(j.id, { id: j.id, instance_id: instance.id, definition_id: null, token_id: j.tokenId, element_id: j.elementId, kind, topic: j.topic, due_at: j.dueAt, retries: j.retries, payload: j.payload ? JSON.stringify(j.payload) : null, lock_owner: null, lock_expires_at: null, last_error: null, last_error_details: null, created_at: env.now });
        break;
      }
      case 'jobRemoved':
        if (!jobs.delete(e.jobId)) removedJobs.push(e.jobId);
        break;
      case 'subscriptionCreated': {
        const s = e.subscription;
        subscriptions.set(s.id, { id: s.id, instance_id: instance.id, definition_id: null, token_id: s.tokenId, element_id: s.elementId, kind: s.kind, name: s.name, correlation_key: s.correlationKey, created_at: env.now });
        break;
      }
      case 'subscriptionRemoved':
        if (!subscriptions.delete(e.subscriptionId)) removedSubscriptions.push(e.subscriptionId);
        break;
      case 'incidentCreated':
        incidents.push({ id: e.incident.id, instance_id: instance.id, token_id: e.incident.tokenId, job_id: null, element_id: e.incident.elementId, kind: e.incident.kind, message: e.incident.message, created_at: env.now, resolved_at: null });
        break;
      case 'instanceEnded':
        ended = true;
        break;
      case 'signalThrown':
      case 'childStart':
      case 'childCancel':
      case 'parentNotify':
        later.push({ instanceId: instance.id, effect: e });
        break;
    }
  }
  if (events.length > 0) {
    // many rows, one parameter: cheaper to send and to plan than a VALUES list of ten columns each
    writes.push((qc) =>
      qc
        .insertInto('event_log')
        .columns(EVENT_COLUMNS)
        .expression(sql`select * from jsonb_to_recordset(${JSON.stringify(events)}::jsonb) as x(instance_id text, activity_instance_id text, element_id text, element_type text, name text, process_key text, lifecycle text, at timestamptz, resource text, unit_id text)`),
    );
  }
  if (tasks.size > 0) writes.push((qc) => qc.insertInto('task').values([...tasks.values()]));
  for (const outcome of ['completed', 'cancelled'] as const) {
    const ids = endedTasks.filter((t) => t.outcome === outcome).map((t) => t.id);
    if (ids.length > 0) {
      writes.push((qc) => qc.updateTable('task').set((eb) => ({ status: outcome, ended_at: env.now, version: eb('version', '+', 1), ...(outcome === 'completed' && { completed_by: env.actor }) })).where('id', 'in', ids));
    }
  }
  if (jobs.size > 0) writes.push((qc) => qc.insertInto('job').values([...jobs.values()]));
  if (removedJobs.length > 0) writes.push((qc) => qc.deleteFrom('job').where('id', 'in', removedJobs));
  if (subscriptions.size > 0) writes.push((qc) => qc.insertInto('event_subscription').values([...subscriptions.values()]));
  if (removedSubscriptions.length > 0) writes.push((qc) => qc.deleteFrom('event_subscription').where('id', 'in', removedSubscriptions));
  if (incidents.length > 0) writes.push((qc) => qc.insertInto('incident').values(incidents));
  if (ended) {
    // whatever the instance still held (the core has withdrawn it already; this is a safety net)
    writes.push((qc) => qc.deleteFrom('event_subscription').where('instance_id', '=', instance.id));
    writes.push((qc) => qc.deleteFrom('job').where('instance_id', '=', instance.id));
    writes.push((qc) => qc.updateTable('incident').set({ resolved_at: env.now }).where('instance_id', '=', instance.id).where('resolved_at', 'is', null));
  }
  return { writes, later };
}

