import { sql, type Transaction } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { chinaDate } from '../../platform/calendar/china-time.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { refreshFacts } from '../facts/facts.queries.ts';
import { factBatch, fillFacts } from '../facts/facts.repository.ts';
import { emptyFacts } from '../facts/facts.ts';
import { classifier, classify, compileSegments, type Classifier } from './segment-rules.ts';
import type { RfmBounds, RunScope, RunTrigger } from './segment.table.ts';

/*
 * A refresh run (分层刷新): the customers' facts recomputed, every active segment evaluated over
 * them, and only what changed written — members who entered or left, each with an event, and the
 * customer's tier where it moved. One transaction: a run is whole or absent, and two runs never
 * overlap (an advisory lock). A run over all customers also sets the RFM quintile bounds that
 * later runs over a few customers score against.
 */

/** One run at a time, bank-wide: the advisory lock's key. */
const RUN_LOCK = 7_205_021;
/** Facts changed in a run from which their statistics are renewed before they are read back. */
const ANALYZE_AFTER = 10_000;
/** Customers classified per round trip. */
const BATCH = 5000;

export type RunSummary = {
  id: string;
  scope: RunScope;
  trigger: RunTrigger;
  day: string;
  startedAt: string;
  finishedAt: string | null;
  customers: number;
  entered: number;
  left: number;
  tierChanges: number;
  startedBy: string | null;
};

type Changes = { codes: string[]; versions: number[]; customers: string[]; changes: ('entered' | 'left')[] };

/**
 * Refreshes facts and segment membership as of today (China's calendar) for every customer, or
 * for `customers` only (after a sale or an import touched them). A run over some customers when
 * no run over all has happened yet becomes a run over all: scores need the bounds it sets.
 */
export async function refreshSegments(deps: Deps, ctx: RequestContext, trigger: RunTrigger, customers: readonly string[] | null = null): Promise<RunSummary> {
  return (await run(deps, ctx, trigger, customers, false))!;
}

/** The daily run over all customers, unless one has run today already (on this node or another). */
export async function dailyRefresh(deps: Deps, ctx: RequestContext): Promise<RunSummary | null> {
  return run(deps, ctx, 'scheduled', null, true);
}

async function run(deps: Deps, ctx: RequestContext, trigger: RunTrigger, customers: readonly string[] | null, onceADay: boolean): Promise<RunSummary | null> {
  const now = deps.clock();
  const day = chinaDate(now);
  return deps.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${RUN_LOCK})`.execute(trx);
    // thousands of short batch queries: compiling each (PostgreSQL's JIT, switched on by cost
    // estimates that the run's own writes make stale) costs more than it could save
    await sql`set local jit = off`.execute(trx);
    // the facts' sorts and hashes over a million customers stay in memory rather than spill
    // (a gigabyte of temporary files at the default 4 MB), for this transaction only
    await sql`set local work_mem = '64MB'`.execute(trx);
    if (onceADay && (await trx.selectFrom('segment_run').select('id').where('scope', '=', 'all').where(sql`day`, '=', sql`${day}::date`).limit(1).executeTakeFirst())) return null;
    const last = await trx.selectFrom('segment_run').select('rfm_bounds').where('scope', '=', 'all').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const some = customers !== null && last?.rfm_bounds ? customers : null;
    const scope: RunScope = some ? 'customers' : 'all';
    const id = deps.newId();
    await trx.insertInto('segment_run').values({ id, scope, trigger, day, started_at: now, finished_at: null, rfm_bounds: null, started_by: ctx.actor?.username ?? null }).execute();
    const facts = await refreshFacts(trx, day, some, some ? last!.rfm_bounds : null);
    // the batches read the facts back by their key: the planner should know how many there are
    if (facts.changed >= ANALYZE_AFTER) await sql`analyze customer_fact`.execute(trx);
    const counts = await classifyAll(trx, { id, day, now, customers: some });
    const finished = deps.clock();
    const row = await trx
      .updateTable('segment_run')
      .set({ finished_at: finished, customers: counts.customers, entered_count: counts.entered, left_count: counts.left, tier_changes: counts.tierChanges, rfm_bounds: scope === 'all' ? JSON.stringify(facts.bounds) : null })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const summary = runView({ ...row, day });
    await recordAudit(trx, ctx, { action: 'segment.run', entityType: 'segment_run', entityId: id, after: { ...summary, factsChanged: facts.changed, ...(some && { customerIds: some.length <= 20 ? some : `${some.length} customers` }) } }, finished);
    return summary;
  });
}

/**
 * The active segments, compiled, and every segment's version (members of inactive ones leave).
 * Every active tier is made sure of as a customer tier first: `customer.segment` must name one,
 * and the tier list is also edited on its own (PUT /customer-segments).
 */
async function loadSegments(trx: Transaction<Database>): Promise<{ classifier: Classifier; versions: Map<string, number> }> {
  const rows = await trx.selectFrom('segment').select(['code', 'kind', 'name_zh', 'name_en', 'expression', 'rank', 'active', 'version']).execute();
  const tiers = rows.filter((r) => r.active && r.kind === 'tier').map((r) => ({ code: r.code, name_zh: r.name_zh, name_en: r.name_en, rank: r.rank }));
  if (tiers.length) await trx.insertInto('customer_segment').values(tiers).onConflict((oc) => oc.column('code').doNothing()).execute();
  return { classifier: classifier(compileSegments(rows.filter((r) => r.active))), versions: new Map(rows.map((r) => [r.code, r.version])) };
}

/** Classifies the run's customers batch by batch and writes what changed. */
async function classifyAll(trx: Transaction<Database>, run: { id: string; day: string; now: Date; customers: readonly string[] | null }) {
  const { classifier: segments, versions } = await loadSegments(trx);
  const facts = emptyFacts();
  const counts = { customers: 0, entered: 0, left: 0, tierChanges: 0 };
  for (let after = ''; ; ) {
    const rows = await factBatch(trx, run.day, after, BATCH, { customers: run.customers, withMembers: true });
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const enter: Changes = { codes: [], versions: [], customers: [], changes: [] };
    const leave: Changes = { codes: [], versions: [], customers: [], changes: [] };
    const tiers: { ids: string[]; segments: string[] } = { ids: [], segments: [] };
    for (const row of rows) {
      const found = classify(fillFacts(row, facts), segments);
      const now = found.tier ? [found.tier, ...found.groups] : found.groups;
      const before = row.member_of ?? [];
      for (const code of now) if (!before.includes(code)) add(enter, code, versions.get(code)!, row.id, 'entered');
      for (const code of before) if (!now.includes(code)) add(leave, code, versions.get(code)!, row.id, 'left');
      if (found.tier && found.tier !== row.segment) {
        tiers.ids.push(row.id);
        tiers.segments.push(found.tier);
      }
    }
    await write(trx, run, enter, leave, tiers);
    counts.customers += rows.length;
    counts.entered += enter.codes.length;
    counts.left += leave.codes.length;
    counts.tierChanges += tiers.ids.length;
    if (rows.length < BATCH) break;
  }
  return counts;
}

function add(to: Changes, code: string, version: number, customer: string, change: 'entered' | 'left'): void {
  to.codes.push(code);
  to.versions.push(version);
  to.customers.push(customer);
  to.changes.push(change);
}

/** A batch's changes: members out, members in, one event each, and the tiers that moved — each one statement over arrays. */
async function write(trx: Transaction<Database>, run: { id: string; now: Date }, enter: Changes, leave: Changes, tiers: { ids: string[]; segments: string[] }): Promise<void> {
  if (leave.codes.length) {
    await sql`delete from segment_member m using unnest(${leave.codes}::text[], ${leave.customers}::text[]) as l(code, customer)
      where m.segment_code = l.code and m.customer_id = l.customer`.execute(trx);
  }
  if (enter.codes.length) {
    await sql`insert into segment_member (segment_code, customer_id, since, run_id)
      select code, customer, ${run.now}::timestamptz, ${run.id} from unnest(${enter.codes}::text[], ${enter.customers}::text[]) as e(code, customer)`.execute(trx);
  }
  const events = { codes: [...leave.codes, ...enter.codes], versions: [...leave.versions, ...enter.versions], customers: [...leave.customers, ...enter.customers], changes: [...leave.changes, ...enter.changes] };
  if (events.codes.length) {
    await sql`insert into segment_membership_event (segment_code, segment_version, customer_id, change, at, run_id)
      select code, version, customer, change, ${run.now}::timestamptz, ${run.id}
      from unnest(${events.codes}::text[], ${events.versions}::int[], ${events.customers}::text[], ${events.changes}::text[]) as e(code, version, customer, change)`.execute(trx);
  }
  if (tiers.ids.length) {
    await sql`update customer c set segment = t.segment, updated_at = ${run.now}::timestamptz
      from unnest(${tiers.ids}::text[], ${tiers.segments}::text[]) as t(id, segment) where c.id = t.id`.execute(trx);
  }
}

type RunRow = { id: string; scope: RunScope; trigger: RunTrigger; day: string; started_at: Date; finished_at: Date | null; customers: number; entered_count: number; left_count: number; tier_changes: number; started_by: string | null; rfm_bounds: RfmBounds | null };

export function runView(r: RunRow): RunSummary {
  return {
    id: r.id,
    scope: r.scope,
    trigger: r.trigger,
    day: r.day,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    customers: r.customers,
    entered: r.entered_count,
    left: r.left_count,
    tierChanges: r.tier_changes,
    startedBy: r.started_by,
  };
}

/** The latest runs, newest first. */
export async function listRuns(deps: Deps, limit: number): Promise<RunSummary[]> {
  const rows = await deps.db.selectFrom('segment_run').selectAll().select(sql<string>`day::text`.as('day')).orderBy('seq', 'desc').limit(limit).execute();
  return rows.map(runView);
}

