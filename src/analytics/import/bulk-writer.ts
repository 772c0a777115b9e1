// Writes an import's events into mining_event as fast as each database takes them, inside the
// caller's transaction. PostgreSQL: one `COPY … FROM STDIN` fed while the file is still being read,
// so parsing (here) and writing (in the server) overlap, with back-pressure keeping memory to a few
// chunks. PGlite runs in this thread, so nothing can overlap there: batches of
// `INSERT … SELECT FROM unnest(…)`, one array per column, the cheapest statement it plans and runs.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CompiledQuery, PGliteAdapter, sql, type Kysely } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../../platform/db/schema.ts';
import { attributesJson, copyText, InstantText } from './copy-format.ts';
import type { LogEvent, LogEvents } from './log-event.ts';

/** What was written: events (numbered 0… in the order read, as `seq`) and distinct cases. */
export type Written = { events: number; cases: number };

/** Text handed to COPY at a time: large enough that per-chunk costs vanish, small enough to stay in young memory. */
const COPY_CHUNK_CHARS = 64 * 1024;
/** Events per PGlite statement: from a few thousand on, a statement's own cost is lost in its rows; a batch stays a few MB. */
const PGLITE_BATCH = 20_000;

const COLUMNS = 'log_id, seq, case_id, activity, lifecycle, at, resource, attributes';

/**
 * Writes `events` of log `logId`; `trx` must be a transaction (a failure part way, of the file or
 * of the database, leaves the transaction to roll back, and the COPY is cancelled).
 */
export async function writeEvents(trx: Kysely<Database>, logId: string, events: AsyncIterable<LogEvent>): Promise<Written> {
  const cases = new CaseCounter();
  const count = isPglite(trx) ? await insertBatches(trx, logId, events, cases) : await copyEvents(trx, logId, events, cases);
  return { events: count, cases: cases.size };
}

/** Kysely's PGlite dialect, or else PostgreSQL through `pg` (the two dialects src/platform/db opens). */
function isPglite(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PGliteAdapter;
}

async function copyEvents(trx: Kysely<Database>, logId: string, events: AsyncIterable<LogEvent>, cases: CaseCounter): Promise<number> {
  const copy = copyFrom(`copy mining_event (${COLUMNS}) from stdin`);
  // `pg` runs a query object with a `submit` method as it is (that is how pg-copy-streams works):
  // handed through Kysely, the COPY runs on the transaction's own connection. Kysely's part ends
  // once pg has queued it; the stream below carries the data and ends when the server has it all.
  await trx.executeQuery({ ...CompiledQuery.raw('copy'), sql: copy as unknown as string });
  let seq = 0;
  const instant = new InstantText();
  async function* text(): AsyncGenerator<Buffer> {
    const id = copyText(logId);
    let chunk = '';
    for await (const batch of batches(events)) {
      for (const e of batch) {
        cases.add(e.caseId);
        const json = attributesJson(e.attributes);
        chunk += `${id}\t${seq++}\t${copyText(e.caseId)}\t${copyText(e.activity)}\t${e.lifecycle === null ? '\\N' : copyText(e.lifecycle)}\t${e.timestamp === null ? '\\N' : instant.format(e.timestamp)}\t${e.resource === null ? '\\N' : copyText(e.resource)}\t${json === null ? '\\N' : copyText(json)}\n`;
        if (chunk.length >= COPY_CHUNK_CHARS) {
          // as bytes at once: the string, a rope of small pieces, dies before the next collection
          yield Buffer.from(chunk, 'utf8');
          chunk = '';
        }
      }
    }
    if (chunk) yield Buffer.from(chunk, 'utf8');
  }
  await pipeline(Readable.from(text()), copy);
  return seq;
}

async function insertBatches(trx: Kysely<Database>, logId: string, source: AsyncIterable<LogEvent>, cases: CaseCounter): Promise<number> {
  const instant = new InstantText();
  let batch = new Columns(instant);
  let first = 0;
  const flush = async () => {
    const b = batch;
    batch = new Columns(instant);
    await sql`insert into mining_event (${sql.raw(COLUMNS)})
      select ${logId}, ${first} + (n - 1)::int, c, a, l, t, r, x
      from unnest(${b.caseId}::text[], ${b.activity}::text[], ${b.lifecycle}::text[], ${b.at}::timestamptz[], ${b.resource}::text[], ${b.attributes}::jsonb[])
        with ordinality as u(c, a, l, t, r, x, n)`.execute(trx);
    first += b.caseId.length;
  };
  for await (const events of batches(source)) {
    for (const e of events) {
      cases.add(e.caseId);
      batch.push(e);
    }
    if (batch.caseId.length >= PGLITE_BATCH) await flush();
  }
  if (batch.caseId.length) await flush();
  return first;
}

/** A reader's own batches (see LogEvents), or else the events one at a time. */
function batches(events: AsyncIterable<LogEvent>): AsyncIterable<LogEvent[]> {
  const own = (events as Partial<LogEvents>).batches;
  if (typeof own === 'function') return own.call(events);
  return (async function* () {
    for await (const e of events) yield [e];
  })();
}

/** A batch column by column, as unnest takes it. */
class Columns {
  readonly caseId: string[] = [];
  readonly activity: string[] = [];
  readonly lifecycle: (string | null)[] = [];
  readonly at: (string | null)[] = [];
  readonly resource: (string | null)[] = [];
  readonly attributes: (string | null)[] = [];

  constructor(private readonly instant: InstantText) {}

  push(e: LogEvent): void {
    this.caseId.push(e.caseId);
    this.activity.push(e.activity);
    this.lifecycle.push(e.lifecycle);
    this.at.push(e.timestamp === null ? null : this.instant.format(e.timestamp));
    this.resource.push(e.resource);
    this.attributes.push(attributesJson(e.attributes));
  }
}

/** Distinct case ids; a file's events mostly come case by case, so a repeat of the last is not looked up. */
class CaseCounter {
  private readonly seen = new Set<string>();
  private last: string | null = null;

  add(caseId: string): void {
    if (caseId === this.last) return;
    this.last = caseId;
    // A reader's strings may be slices of the text they were read from: a copy keeps the set
    // from holding the whole file in memory.
    if (!this.seen.has(caseId)) this.seen.add(Buffer.from(caseId, 'utf8').toString('utf8'));
  }

  get size(): number {
    return this.seen.size;
  }
}
