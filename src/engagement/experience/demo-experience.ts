import { systemContext } from '../../platform/access/actor.ts';
import { addDays } from '../../platform/calendar/calendar-data.ts';
import { chinaDate } from '../../platform/calendar/china-time.ts';
import type { Deps } from '../../platform/deps.ts';
import { cnResidentIdCheckChar } from '../../platform/pii/index.ts';
import { refreshSegments } from '../segments/refresh.service.ts';

/*
 * The demo bank's churn signal: 张伟, a private-banking customer of the Haidian branch looked after by
 * the relationship manager `rm`, held four times his assets 100 days ago — he enters "at risk of
 * leaving" at once, and the sweep that follows opens his retention call for `rm`.
 */

const ZHANG_WEI = '11010519700101003';
const DEMO_RM = 'rm';

/** Seeds the outflow once (a balance snapshot 100 days back), refreshes the customer; the caller's sweep opens the task. */
export async function seedDemoChurn(deps: Deps): Promise<void> {
  const idNumber = ZHANG_WEI + cnResidentIdCheckChar(ZHANG_WEI);
  const customer = await deps.db.selectFrom('customer').select(['id', 'relationship_manager']).where('id_type', '=', 'resident_id').where('id_number_digest', '=', deps.vault.digest('id:resident_id', idNumber)).executeTakeFirst();
  if (!customer) return;
  if (await deps.db.selectFrom('customer_fact_import').select('id').where('file_sha256', '=', 'demo-churn').executeTakeFirst()) return;
  const now = deps.clock();
  const day = addDays(chinaDate(now), -100);
  const latest = await deps.db.selectFrom('customer_balance').select('aum').where('customer_id', '=', customer.id).orderBy('as_of', 'desc').limit(1).executeTakeFirst();
  const before = Math.max(1_000_000, 4 * Number(latest?.aum ?? 0)).toFixed(2);
  await deps.db.transaction().execute(async (trx) => {
    const importId = deps.newId();
    await trx.insertInto('customer_fact_import').values({ id: importId, kind: 'balance', file_sha256: 'demo-churn', file_name: 'demo', rows: 1, accepted: 1, rejected: 0, imported_by: 'system', imported_at: now }).execute();
    await trx.insertInto('customer_balance').values({ customer_id: customer.id, as_of: day, aum: before, import_id: importId }).onConflict((oc) => oc.columns(['customer_id', 'as_of']).doUpdateSet({ aum: before, import_id: importId })).execute();
    if (!customer.relationship_manager) await trx.updateTable('customer').set({ relationship_manager: DEMO_RM }).where('id', '=', customer.id).execute();
  });
  await refreshSegments(deps, systemContext(), 'start', [customer.id]);
}
