import { sql } from 'kysely';
import type { RequestContext } from '../platform/access/actor.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import type { Deps } from '../platform/deps.ts';
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import { writeEvents } from './import/bulk-writer.ts';
import type { LogEvent } from './import/log-event.ts';
import { eventSource, JOURNEY_LOG, MERCHANT_LOG } from './mining/log-source.ts';

/** The engine's own log, listed with the imported ones. */
export const ENGINE_LOG = 'engine';
/** Banklane's own logs: the engine's, the customer journeys (the engine's with the queue's events), the merchants' lives. */
export const OWN_LOGS: readonly string[] = [ENGINE_LOG, JOURNEY_LOG, MERCHANT_LOG];

export const EVENT_LOG = { en: 'event log', zh: '事件日志' };

/** `name` and `attributes` are asked for once the events are read (an XES file names itself in its header). */
export type ImportInput = { name: () => string; format: 'xes' | 'csv'; fileName: string | null; events: AsyncIterable<LogEvent>; attributes?: () => Record<string, unknown> };

/**
 * Imports a log as it streams in, in one transaction: a file that turns out bad half way leaves
 * nothing behind. Events are written while the file is still being read (import/bulk-writer.ts).
 * XES events keep their file order within a case; CSV rows are ordered by time (a CSV export is
 * seldom sorted by case).
 */
export async function importLog(deps: Deps, ctx: RequestContext, input: ImportInput): Promise<{ id: string; cases: number; events: number }> {
  const id = deps.newId();
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('mining_log').values({ id, name: input.fileName ?? 'log', format: input.format, event_order: input.format === 'xes' ? 'file' : 'time', file_name: input.fileName, cases: 0, events: 0, attributes: '{}', created_by: ctx.actor!.username, created_at: now }).execute();
    const written = await writeEvents(trx, id, input.events);
    if (written.events === 0) throw new ValidationError([{ field: '/file', message: { en: 'The log holds no events.', zh: '日志中没有事件。' } }]);
    const name = input.name().slice(0, 200);
    await trx.updateTable('mining_log').set({ name, cases: written.cases, events: written.events, attributes: JSON.stringify(input.attributes?.() ?? {}) }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'event_log.import', entityType: 'mining_log', entityId: id, after: { name, format: input.format, fileName: input.fileName, cases: written.cases, events: written.events } }, now);
    return { id, cases: written.cases, events: written.events };
  });
}

/** The imported logs and the engine's own, newest first. */
export async function listLogs(deps: Deps) {
  const own = (id: string) => sql<{ cases: number; events: number }>`select count(distinct case_id)::int as cases, count(*)::int as events from (${eventSource({ id, eventOrder: 'engine' })}) ev`.execute(deps.db);
  const [imported, engine, journeys, merchants] = await Promise.all([
    deps.db.selectFrom('mining_log').select(['id', 'name', 'format', 'file_name', 'cases', 'events', 'created_by', 'created_at']).orderBy('created_at', 'desc').execute(),
    own(ENGINE_LOG),
    own(JOURNEY_LOG),
    own(MERCHANT_LOG),
  ]);
  return {
    items: [
      { id: ENGINE_LOG, name: 'Banklane', format: 'engine', fileName: null, ...engine.rows[0]!, createdBy: null, createdAt: null },
      { id: JOURNEY_LOG, name: 'Banklane customer journeys', format: 'engine', fileName: null, ...journeys.rows[0]!, createdBy: null, createdAt: null },
      { id: MERCHANT_LOG, name: 'Banklane merchants', format: 'engine', fileName: null, ...merchants.rows[0]!, createdBy: null, createdAt: null },
      ...imported.map((l) => ({ id: l.id, name: l.name, format: l.format, fileName: l.file_name, cases: l.cases, events: l.events, createdBy: l.created_by, createdAt: l.created_at.toISOString() })),
    ],
  };
}

/** An imported log's row, or the engine's; not found otherwise. */
export async function findLog(deps: Deps, id: string): Promise<{ id: string; eventOrder: 'file' | 'time' | 'engine' }> {
  if (OWN_LOGS.includes(id)) return { id, eventOrder: 'engine' };
  const row = await deps.db.selectFrom('mining_log').select(['id', 'event_order']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(EVENT_LOG, id);
  return { id: row.id, eventOrder: row.event_order };
}

/** Deletes an imported log with its events (the engine's own log is not deletable). */
export async function deleteLog(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  const log = await findLog(deps, id);
  if (log.eventOrder === 'engine') throw new ValidationError([{ field: 'params:/id', message: { en: "The engine's own log cannot be deleted.", zh: '系统自身的流程日志不能删除。' } }]);
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('mining_log').where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'event_log.delete', entityType: 'mining_log', entityId: id }, deps.clock());
  });
}
