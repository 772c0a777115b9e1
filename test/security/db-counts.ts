import { sql, type Kysely } from 'kysely';

/** The row count of every table of the public schema, in one statement. */
export async function tableCounts(db: Kysely<any>): Promise<Map<string, number>> {
  const tables = (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(db)).rows.map((r) => r.name);
  const union = tables.map((t) => `select '${t}' as name, count(*)::int as n from "${t}"`).join(' union all ');
  const rows = (await sql<{ name: string; n: number }>`${sql.raw(union)}`.execute(db)).rows;
  return new Map(rows.map((r) => [r.name, Number(r.n)]));
}

/** Tables whose count changed, as `table +n`, leaving out the ones named. */
export function diffCounts(before: Map<string, number>, after: Map<string, number>, ignore: Set<string> = new Set()): string[] {
  const changed: string[] = [];
  for (const [name, n] of after) {
    if (ignore.has(name)) continue;
    const was = before.get(name) ?? 0;
    if (n !== was) changed.push(`${name} ${n > was ? '+' : ''}${n - was}`);
  }
  return changed;
}
