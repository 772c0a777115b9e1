import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { chinaDate } from '../../platform/calendar/china-time.ts';

/**
 * The next number of the day (China time) in a daily sequence table (`case_sequence`,
 * `complaint_sequence`, `merchant_request_sequence`), with the day as `YYYYMMDD`. One upsert per number, committed on its
 * own, so concurrent openings on any number of nodes never share a number nor wait for each
 * other's transactions (a failed opening leaves a gap).
 */
export async function nextDailyNumber(db: Kysely<Database>, table: 'case_sequence' | 'complaint_sequence' | 'merchant_request_sequence', now: Date): Promise<{ day: string; number: string }> {
  const day = chinaDate(now).replaceAll('-', '');
  const { rows } = await sql<{ last: number }>`
    insert into ${sql.table(table)} (day, last) values (${day}, 1)
    on conflict (day) do update set last = ${sql.table(table)}.last + 1
    returning last`.execute(db);
  return { day, number: String(rows[0]!.last).padStart(6, '0') };
}

/** The next human-readable case reference of the day: `BL20261128-000123`. */
export async function nextCaseRef(db: Kysely<Database>, now: Date): Promise<string> {
  const { day, number } = await nextDailyNumber(db, 'case_sequence', now);
  return `BL${day}-${number}`;
}

/** The language's half of a bilingual label written "中文 / English". */
export function localName(name: string | null, lang: string): string | null {
  if (!name) return name;
  const at = name.indexOf(' / ');
  if (at < 0) return name;
  return lang.startsWith('zh') ? name.slice(0, at) : name.slice(at + 3);
}
