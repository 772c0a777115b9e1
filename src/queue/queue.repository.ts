import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import { DEFAULT_SERVICE_SECONDS } from './queue-rules.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Waiting tickets per category of a branch: what boards and kiosks show. */
export async function waitingCounts(db: Db, unitId: string): Promise<Record<string, number>> {
  const rows = await db.selectFrom('queue_ticket').select(['category', (eb) => eb.fn.countAll<number>().as('n')]).where('unit_id', '=', unitId).where('status', '=', 'waiting').groupBy('category').execute();
  return Object.fromEntries(rows.map((r) => [r.category, Number(r.n)]));
}

/**
 * How many waiting tickets of a category would be called before a new one with head start
 * `credit` minutes: those whose score (minutes waited + head start) is at least its own, and those
 * past the wait bound.
 */
export async function ticketsAhead(db: Db, unitId: string, category: string, now: Date, credit: number, maxWaitMinutes: number): Promise<number> {
  const row = await db
    .selectFrom('queue_ticket')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', '=', unitId)
    .where('status', '=', 'waiting')
    .where('category', '=', category)
    .where(sql<boolean>`(queued_at < ${now}::timestamptz - make_interval(mins => ${maxWaitMinutes}::int) or extract(epoch from (${now}::timestamptz - queued_at)) / 60 + credit_minutes >= ${credit}::int)`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Open counters serving a category, and how many of them are busy with a ticket (called or serving). */
export async function countersFor(db: Db, unitId: string, category: string): Promise<{ servers: number; busy: number }> {
  const row = await db
    .selectFrom('queue_counter as c')
    .select([
      (eb) => eb.fn.countAll<number>().as('servers'),
      sql<number>`count(*) filter (where exists (select 1 from queue_ticket t where t.counter_id = c.id and t.status in ('called', 'serving')))`.as('busy'),
    ])
    .where('c.unit_id', '=', unitId)
    .where('c.status', '=', 'open')
    .where(sql<boolean>`c.categories ? ${category}`)
    .executeTakeFirstOrThrow();
  return { servers: Number(row.servers), busy: Number(row.busy) };
}

/** Mean service time (seconds) of a category's last 50 services at the branch in 30 days, or the default without history. */
export async function meanServiceSeconds(db: Db, unitId: string, category: string, now: Date): Promise<number> {
  const { rows } = await sql<{ mean: number | null }>`
    select avg(extract(epoch from (serve_ended_at - serve_started_at)))::float8 as mean from (
      select serve_started_at, serve_ended_at from queue_ticket
      where unit_id = ${unitId} and category = ${category} and status = 'done' and serve_ended_at > ${now}::timestamptz - interval '30 days'
      order by serve_ended_at desc limit 50
    ) recent`.execute(db);
  const mean = rows[0]?.mean;
  return mean && mean > 0 ? Math.round(mean) : DEFAULT_SERVICE_SECONDS;
}

/** The next number of a category at a branch today (`A001`…), counted in the caller's transaction. */
export async function nextNumber(trx: Transaction<Database>, unitId: string, day: string, category: string): Promise<string> {
  const row = await trx
    .insertInto('queue_number')
    .values({ unit_id: unitId, day, category, last: 1 })
    .onConflict((oc) => oc.columns(['unit_id', 'day', 'category']).doUpdateSet({ last: sql`queue_number.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `${category}${String(row.last).padStart(3, '0')}`;
}
