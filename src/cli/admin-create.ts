// Creates the first administrator of an installation without demo data (and its head office,
// when the organisation is still empty). Usage:
//   npm run admin:create -- --username alice [--display-name "Alice"] [--password …]
// Without --password the password is read from BANKLANE_ADMIN_PASSWORD or asked for on the terminal.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { systemContext } from '../platform/access/actor.ts';
import { ConfigError, loadConfig } from '../platform/config/config.ts';
import { DomainError } from '../platform/errors.ts';
import { createApp } from '../app.ts';
import { createUnit, listUnitsUnscoped } from '../platform/org/unit.service.ts';
import { createUser } from '../platform/org/user.service.ts';

const USAGE = 'Usage: npm run admin:create -- --username NAME [--display-name TEXT] [--password TEXT] [--unit-code HO] [--unit-name-zh 总行] [--unit-name-en "Head Office"]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      'display-name': { type: 'string' },
      password: { type: 'string' },
      'unit-code': { type: 'string', default: 'HO' },
      'unit-name-zh': { type: 'string', default: '总行' },
      'unit-name-en': { type: 'string', default: 'Head Office' },
    },
  });
  if (!values.username) {
    console.error(USAGE);
    return 2;
  }
  const password = values.password ?? process.env.BANKLANE_ADMIN_PASSWORD ?? (await ask('Password for the new administrator: '));
  const config = loadConfig(process.env, { demo: false, logLevel: 'warn' });
  const app = await createApp(config);
  try {
    const ctx = systemContext();
    const units = await listUnitsUnscoped(app.deps);
    let root = units.find((u) => u.parentId === null);
    if (!root) {
      root = await createUnit(app.deps, ctx, { code: values['unit-code']!, nameZh: values['unit-name-zh']!, nameEn: values['unit-name-en']!, kind: 'head_office', parentId: null });
      console.log(`Created the head office ${root.code} (${root.nameZh} / ${root.nameEn}).`);
    }
    const user = await createUser(app.deps, ctx, { username: values.username, displayName: values['display-name'] ?? values.username, password, unitId: root.id, roles: ['admin'] });
    console.log(`Created administrator "${user.username}" in ${root.code}. Sign in at http://localhost:${config.port}.`);
    return 0;
  } finally {
    await app.close();
  }
}

async function ask(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new Error('No --password given, BANKLANE_ADMIN_PASSWORD is unset and there is no terminal to ask on.');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else if (error instanceof DomainError) {
      const fields = error.options.errors?.map((e) => `  ${e.field}: ${e.message.en}`).join('\n');
      console.error(`${error.detail.en}${fields ? `\n${fields}` : ''}`);
    } else console.error(error);
    process.exit(1);
  },
);
