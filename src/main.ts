import { createApp } from './app.ts';
import { seedDemoComplaints } from './complaints/demo-complaints.ts';
import { ConfigError, loadConfig } from './platform/config/config.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './platform/demo/demo-bank.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const app = await createApp(config);
  const log = app.http.log;
  // sample complaints for a new demo bank (the test suites start from an empty complaint book)
  if (app.seededDemo) await seedDemoComplaints(app.deps, app.engine);
  await app.http.listen({ port: config.port, host: config.host });
  const where = app.database.kind === 'pglite' ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'PostgreSQL';
  log.info(`Banklane is ready at http://localhost:${config.port} on ${where}; API reference at http://localhost:${config.port}/docs`);
  if (config.demo) {
    const logins = DEMO_USERS.map((u) => `  ${u.username.padEnd(11)} ${u.roles.join(', ').padEnd(18)} ${u.displayName}`);
    log.info(`Demo bank ${app.seededDemo ? 'created' : 'in place'}. Demo logins, each with password "${DEMO_PASSWORD}":\n${logins.join('\n')}`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received; shutting down`);
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
