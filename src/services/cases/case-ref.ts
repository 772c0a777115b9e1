import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { chinaDate } from '../../platform/calendar/china-time.ts';

/**
 * The next human-readable case reference of the day (China time): `BL20261128-000123`. One
 * upsert per reference, committed on its own, so concurrent openings on any number of nodes
 * never share a number nor wait for each other's transactions.
 */
export async function nextCaseRef(db: Kysely<Database>, now: Date): Promise<string> {
  const day = chinaDate(now).replaceAll('-', '');
  const { rows } = await sql<{ last: number }>`
    insert into case_sequence (day, last) values (${day}, 1)
    on conflict (day) do update set last = case_sequence.last + 1
    returning last`.execute(db);
  return `BL${day}-${String(rows[0]!.last).padStart(6, '0')}`;
}

/** The language's half of a bilingual label written "中文 / English". */
export function localName(name: string | null, lang: string): string | null {
  if (!name) return name;
  const at = name.indexOf(' / ');
  if (at < 0) return name;
  return lang.startsWith('zh') ? name.slice(0, at) : name.slice(at + 3);
}
