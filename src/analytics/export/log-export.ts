import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Deps } from '../../platform/deps.ts';
import { findLog, OWN_LOGS } from '../event-log.service.ts';
import { eventSource, JOURNEY_LOG, MERCHANT_LOG } from '../mining/log-source.ts';
import { XES_FOOTER, xesHeader, xesTrace, type XesEvent } from './xes-writer.ts';

/** Rows read per query while exporting: a log of any size streams out in bounded memory. */
const PAGE = 5000;

type Row = { case_id: string; seq: number } & XesEvent;

/** A page of a log's events after (case, seq), in (case, seq) order. */
async function page(deps: Deps, id: string, after: { caseId: string; seq: number } | null): Promise<Row[]> {
  const from = after ? sql`and (case_id, seq) > (${after.caseId}, ${after.seq})` : sql``;
  if (OWN_LOGS.includes(id)) {
    const { rows } = await sql<Row>`
      select * from (
        select case_id, seq, activity, lifecycle, at, resource, jsonb_strip_nulls(jsonb_build_object('case:process', service, 'branch', branch)) as attributes
        from (${eventSource({ id, eventOrder: 'engine' })}) ev
      ) x where true ${from} order by case_id, seq limit ${PAGE}`.execute(deps.db);
    return rows;
  }
  const { rows } = await sql<Row>`
    select case_id, seq, activity, lifecycle, at, resource, attributes from mining_event
    where log_id = ${id} ${from} order by case_id, seq limit ${PAGE}`.execute(deps.db);
  return rows;
}

/**
 * The log as XES, streamed: one trace per case, its events in the log's order (file order, or by
 * time for a CSV import and the engine's log), every attribute kept with its type.
 */
export async function exportXes(deps: Deps, id: string): Promise<{ fileName: string; stream: Readable }> {
  const log = await findLog(deps, id);
  const named = OWN_LOGS.includes(id) ? { name: id === JOURNEY_LOG ? 'Banklane customer journeys' : id === MERCHANT_LOG ? 'Banklane merchants' : 'Banklane' } : await deps.db.selectFrom('mining_log').select('name').where('id', '=', id).executeTakeFirstOrThrow();
  const byTime = log.eventOrder !== 'file';
  async function* lines(): AsyncGenerator<string> {
    yield xesHeader(named.name);
    let after: { caseId: string; seq: number } | null = null;
    let current: Row[] = [];
    const flush = () => {
      const events = byTime ? [...current].sort((a, b) => (a.at?.getTime() ?? Infinity) - (b.at?.getTime() ?? Infinity) || a.seq - b.seq) : current;
      const out = current.length ? xesTrace(current[0]!.case_id, events) : '';
      current = [];
      return out;
    };
    for (;;) {
      const rows = await page(deps, id, after);
      for (const r of rows) {
        if (current.length && current[0]!.case_id !== r.case_id) yield flush();
        current.push(r);
      }
      if (rows.length < PAGE) break;
      const last = rows[rows.length - 1]!;
      after = { caseId: last.case_id, seq: last.seq };
    }
    yield flush();
    yield XES_FOOTER;
  }
  const safe = named.name.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 80) || 'log';
  return { fileName: `${safe}.xes`, stream: Readable.from(lines()) };
}
