import { sql } from 'kysely';
import { systemContext, type RequestContext } from '../../platform/access/actor.ts';
import { chinaDate } from '../../platform/calendar/china-time.ts';
import { addDays } from '../../platform/calendar/calendar-data.ts';
import type { Deps } from '../../platform/deps.ts';

/*
 * The demo bank's customer facts: a balance snapshot that fits each demo customer's tier, and
 * half a year of activity — counter and mobile days, salary credited monthly to the working-age
 * ones — so the segments have something to hold from the start. Written once, as an import by
 * the system; later starts find it and leave it alone.
 */

/** AUM by tier, yuan: inside each tier, clear of its thresholds. */
const AUM_BY_TIER: Record<string, string> = { standard: '18600.00', gold: '126000.00', platinum: '920000.00', private: '8350000.00' };

/** Seeds the facts when no balance is held yet, then runs the first refresh (`refresh`). */
export async function seedDemoFacts(deps: Deps, refresh: (ctx: RequestContext) => Promise<unknown>): Promise<void> {
  if (await deps.db.selectFrom('customer_balance').select('customer_id').limit(1).executeTakeFirst()) return;
  const customers = await deps.db.selectFrom('customer').select(['id', 'kind', 'segment', sql<string | null>`birth_date::text`.as('birth_date')]).orderBy('created_at').orderBy('id').execute();
  if (customers.length === 0) return;
  const now = deps.clock();
  const today = chinaDate(now);
  const yesterday = addDays(today, -1);
  await deps.db.transaction().execute(async (trx) => {
    const balances = deps.newId();
    const activity = deps.newId();
    for (const [id, kind] of [[balances, 'balance'], [activity, 'activity']] as const) {
      await trx.insertInto('customer_fact_import').values({ id, kind, file_sha256: `demo-${id}`, file_name: 'demo', rows: 0, accepted: 0, rejected: 0, imported_by: 'system', imported_at: now }).execute();
    }
    await trx.insertInto('customer_balance').values(customers.map((c) => ({ customer_id: c.id, as_of: yesterday, aum: AUM_BY_TIER[c.segment] ?? AUM_BY_TIER.standard!, import_id: balances }))).execute();
    const rows = customers.flatMap((c, i) => activityOf(c, i, today, activity));
    for (let at = 0; at < rows.length; at += 1000) await trx.insertInto('customer_activity_day').values(rows.slice(at, at + 1000)).execute();
  });
  await refresh(systemContext());
}

/** Half a year of a customer's days: every `gap` days at the counter or on the phone app, and salary on the 10th for ages 22–59. */
function activityOf(c: { id: string; kind: string; birth_date: string | null }, index: number, today: string, importId: string) {
  const age = c.birth_date ? Number(today.slice(0, 4)) - Number(c.birth_date.slice(0, 4)) : null;
  const gap = 3 + (index % 4);
  const rows: { customer_id: string; day: string; channel: 'counter' | 'mobile' | 'payroll' | 'online'; transactions: number; amount: string; import_id: string }[] = [];
  for (let back = 1; back <= 180; back++) {
    const day = addDays(today, -back);
    if (back % gap === index % gap) {
      const channel = c.kind === 'corporate' ? 'online' : age !== null && age < 45 ? 'mobile' : 'counter';
      rows.push({ customer_id: c.id, day, channel, transactions: 1 + (back % 3), amount: `${(200 + ((back * 37 + index * 11) % 1800)).toFixed(2)}`, import_id: importId });
    }
    if (c.kind === 'individual' && age !== null && age >= 22 && age < 60 && day.endsWith('-10')) {
      rows.push({ customer_id: c.id, day, channel: 'payroll', transactions: 1, amount: '9800.00', import_id: importId });
    }
  }
  return rows;
}
