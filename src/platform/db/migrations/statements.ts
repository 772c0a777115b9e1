import { sql, type Kysely } from 'kysely';

/**
 * Runs a DDL script one statement at a time (PGlite, like PostgreSQL's extended protocol, takes one
 * statement per query). Statements end with a semicolon at the end of a line; none of ours has one
 * inside.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function runStatements(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) {
    await sql.raw(statement.replace(/;$/, '')).execute(db);
  }
}
