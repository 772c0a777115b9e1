import type { Transaction } from 'kysely';
import { chinaDate } from '../../platform/calendar/china-time.ts';
import type { Database } from '../../platform/db/schema.ts';
import { factBatch, fillFacts } from '../facts/facts.repository.ts';
import { emptyFacts } from '../facts/facts.ts';
import { compileSegment } from '../segments/segment-rules.ts';

const BATCH = 5000;

/**
 * A segment's members now among the customers of a unit and the units below it, in id order.
 * A tier: the customers holding it (`customer.segment`, what counter and queue read). A group: its
 * rule over the facts of the last refresh — what the builder's live count showed, even for a
 * group created since the last refresh.
 */
export async function segmentAudience(trx: Transaction<Database>, segmentCode: string, unitPath: string, now: Date): Promise<string[]> {
  const segment = await trx.selectFrom('segment').select(['code', 'kind', 'expression', 'rank']).where('code', '=', segmentCode).executeTakeFirstOrThrow();
  const units = new Set((await trx.selectFrom('org_unit').select(['id', 'path']).execute()).filter((u) => u.path.startsWith(unitPath)).map((u) => u.id));
  if (segment.kind === 'tier') {
    const rows = await trx.selectFrom('customer').select(['id', 'unit_id']).where('segment', '=', segmentCode).orderBy('id').execute();
    return rows.filter((r) => units.has(r.unit_id)).map((r) => r.id);
  }
  const compiled = compileSegment(segment);
  if (!compiled.ok) return [];
  const day = chinaDate(now);
  const facts = emptyFacts();
  const out: string[] = [];
  for (let after = ''; ; ) {
    const rows = await factBatch(trx, day, after, BATCH, { customers: null, withMembers: false });
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    for (const row of rows) if (units.has(row.unit_id) && compiled.segment.matches(fillFacts(row, facts))) out.push(row.id);
    if (rows.length < BATCH) break;
  }
  return out;
}
