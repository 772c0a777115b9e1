import { sql } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { scopePrefix } from '../../platform/access/policy.ts';
import { chinaDate } from '../../platform/calendar/china-time.ts';
import type { Deps } from '../../platform/deps.ts';
import { maskName } from '../../platform/pii/index.ts';
import { factBatch, fillFacts } from '../facts/facts.repository.ts';
import { emptyFacts } from '../facts/facts.ts';
import type { CompiledSegment } from './segment-rules.ts';

/*
 * A segment's live count (试算): its rule evaluated over every customer's stored facts, as of
 * the last refresh, nothing written. The count is bank-wide; the count in the caller's branches
 * and the sample (masked) are theirs only.
 */

const BATCH = 5000;
const SAMPLE = 10;

export type DryRun = {
  /** Customers with facts, bank-wide. */
  customers: number;
  /** Of them, those the rule matches. */
  count: number;
  /** Those it matches in the caller's branches. */
  inYourBranches: number;
  /** The day of the facts: the last refresh's; null before the first. */
  asOf: string | null;
  /** A few matching customers of the caller's branches, masked. */
  sample: { id: string; name: string; unitCode: string; segment: string; aum: string }[];
};

export async function dryRunSegment(deps: Deps, ctx: RequestContext, segment: CompiledSegment): Promise<DryRun> {
  const prefix = scopePrefix(ctx.actor!, 'segment.read');
  const units = new Map((await deps.db.selectFrom('org_unit').select(['id', 'path']).execute()).map((u) => [u.id, u.path]));
  const last = await deps.db.selectFrom('segment_run').select(sql<string>`day::text`.as('day')).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const day = last?.day ?? chinaDate(deps.clock());
  const facts = emptyFacts();
  const found = { customers: 0, count: 0, inYourBranches: 0 };
  const sample: string[] = [];
  for (let after = ''; ; ) {
    const rows = await factBatch(deps.db, day, after, BATCH, { customers: null, withMembers: false });
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    found.customers += rows.length;
    for (const row of rows) {
      if (!segment.matches(fillFacts(row, facts))) continue;
      found.count++;
      if (prefix !== null && !units.get(row.unit_id)?.startsWith(prefix)) continue;
      found.inYourBranches++;
      if (sample.length < SAMPLE) sample.push(row.id);
    }
    if (rows.length < BATCH) break;
  }
  return { ...found, asOf: last?.day ?? null, sample: await sampleOf(deps, sample) };
}

async function sampleOf(deps: Deps, ids: string[]): Promise<DryRun['sample']> {
  if (ids.length === 0) return [];
  const rows = await deps.db
    .selectFrom('customer as c')
    .innerJoin('org_unit as o', 'o.id', 'c.unit_id')
    .innerJoin('customer_fact as f', 'f.customer_id', 'c.id')
    .select(['c.id', 'c.name', 'c.segment', 'o.code as unit_code', 'f.aum'])
    .where('c.id', 'in', ids)
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: maskName(r.name), unitCode: r.unit_code, segment: r.segment, aum: r.aum }));
}
