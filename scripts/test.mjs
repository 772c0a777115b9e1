// Runs the whole suite with Node's test runner: every *.test.ts under src/ and test/.
// Integration suites run on PGlite always and on PostgreSQL when TEST_DATABASE_URL (default
// postgres://127.0.0.1:5432/postgres) answers; this script says which before the tests start.
// `npm test -- word …` runs only the files whose path contains one of the words.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const filters = process.argv.slice(2);

const files = ['src', 'test']
  .flatMap((dir) => fs.readdirSync(path.join(root, dir), { recursive: true }).map((f) => path.join(dir, String(f))))
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();

const url = (() => {
  // A URL without a user name connects as the OS user (libpq's rule), even where $USER is unset.
  const u = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/postgres');
  if (!u.username) u.username = process.env.PGUSER ?? os.userInfo().username;
  return u.toString();
})();
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
let pgOk = true;
try {
  await client.connect();
  await client.query('select 1');
} catch (error) {
  pgOk = false;
  console.log(`\n*** PostgreSQL at ${url.replace(/\/\/[^@/]*@/, '//***@')} is not reachable (${error.message}).`);
  console.log('*** The PostgreSQL suites will be SKIPPED; only PGlite is tested in this run.\n');
} finally {
  await client.end().catch(() => undefined);
}
if (pgOk) console.log(`Databases under test: PGlite (embedded) and PostgreSQL (${url.replace(/\/\/[^@/]*@/, '//***@')}).`);
console.log(`Test files: ${files.length}\n`);

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, BANKLANE_TEST_POSTGRES: pgOk ? '1' : '0' } },
);
child.on('exit', (code, signal) => {
  if (!pgOk) console.log('\nNote: PostgreSQL was not reachable; its suites were skipped.');
  process.exit(code ?? (signal ? 1 : 0));
});
