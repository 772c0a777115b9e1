import { sql } from 'kysely';
import type { Deps } from '../../platform/deps.ts';
import { filteredEvents, type LogFilter } from '../mining/log-filter.ts';
import { eventOrder, SEP, type Log } from '../mining/log-source.ts';
import type { Variant } from './conformance.ts';

/**
 * A log's variants for replay, in one statement: each case's completion events (lifecycle
 * `complete`, or none) as the sequence of their activities (`string_agg`), grouped into variants
 * in the database, each with its number of cases and up to `sample` of its case ids (sorted here).
 * Of the engine's own log, only the cases of the process `processKey` that have ended (a running
 * case has not reached its end yet). Only the cases `filter` keeps, as every measure does.
 *
 * The lifecycle test sits in the aggregate's FILTER, not in WHERE: PostgreSQL then reads the
 * events in case order through the (log_id, case_id) index and groups the variants by hashing; a
 * WHERE on lifecycle makes it misjudge the rows and sort 1.2 M events on disk (measured: about
 * twice the time). For the same reason the case ids are not ordered in the aggregate.
 */
export async function readVariants(deps: Deps, log: Log, processKey: string, sample: number, filter: LogFilter = {}): Promise<Variant[]> {
  const engineCases = log.eventOrder === 'engine'
    ? sql`where service = ${processKey} and case_id in (select coalesce(business_key, id) from process_instance where process_key = ${processKey} and ended_at is not null)`
    : sql``;
  const { rows } = await sql<{ variant: string; cases: number; sample: string[] }>`
    with ev as (${filteredEvents(log, filter)}),
    tr as (
      select case_id, string_agg(activity, ${SEP} order by ${eventOrder(log)}) filter (where lifecycle is null or lower(lifecycle) = 'complete') as variant
      from ev ${engineCases}
      group by case_id
    )
    select variant, count(*)::int as cases, (array_agg(case_id))[1:${sample}::int] as sample
    from tr where variant is not null group by variant`.execute(deps.db);
  return rows.map((r) => ({ activities: r.variant.split(SEP), cases: r.cases, caseIds: [...r.sample].sort() }));
}
