import { createServer, type Server } from 'node:http';
import { createApp } from './app.ts';
import { seedDemoComplaints } from './complaints/demo-complaints.ts';
import { seedDemoMerchants, SHANGHAI_MERCHANT_MANAGER } from './merchants/demo-merchants.ts';
import { ConfigError, loadConfig, type Config } from './platform/config/config.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './platform/demo/demo-bank.ts';
import { DemoHistory } from './demo/history-generator.ts';
import { progressReporter } from './demo/progress.ts';

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
  const historyDays = config.demo ? config.demoHistoryDays : 0;
  const starting = await answerWhileStarting(config);
  // while the demo history is written, this node serves but leaves background work to it
  const app = await createApp(config, { deferBackground: historyDays > 0 }).catch(async (error: unknown) => {
    await closeServer(starting);
    throw error;
  });
  const log = app.http.log;
  // sample complaints for a new demo bank without a history (a history brings its own; the test suites start from an empty complaint book)
  if (app.seededDemo && historyDays === 0) await seedDemoComplaints(app.deps, app.engine);
  // demo merchants with 90 days of figures ending yesterday, history or not (the history does not onboard merchants)
  if (app.seededDemo) {
    // a customer at risk of leaving with his retention call, the demo campaigns
    await app.engagement.seedDemo();
    const merchants = await seedDemoMerchants(app.deps, app.engine);
    if (merchants) log.info(`Demo merchants: ${merchants.merchants} with ${merchants.figureRows} days of figures and ${merchants.alerts} alerts, in ${merchants.seconds.toFixed(1)} s; Shanghai's merchant manager signs in as ${SHANGHAI_MERCHANT_MANAGER.username}`);
  }
  await closeServer(starting);
  await app.http.listen({ port: config.port, host: config.host });
  const where = app.database.kind === 'pglite' ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'PostgreSQL';
  log.info(`Banklane is ready at http://localhost:${config.port} on ${where}; API reference at http://localhost:${config.port}/docs`);
  if (config.demo) {
    const logins = [...DEMO_USERS, SHANGHAI_MERCHANT_MANAGER].map((u) => `  ${u.username.padEnd(11)} ${u.roles.join(', ').padEnd(18)} ${u.displayName}`);
    log.info(`Demo bank ${app.seededDemo ? 'created' : 'in place'}. Demo logins, each with password "${DEMO_PASSWORD}":\n${logins.join('\n')}`);
  }

  let stopping = false;
  const history = historyDays > 0 ? startHistory(app, config, historyDays, () => stopping) : null;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received; shutting down`);
    await history?.stop();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * Answers on the port while the node starts — a first start creates the embedded database, runs
 * the migrations and seeds the demo bank, tens of seconds on a small machine: alive on `/healthz`,
 * not ready (503, retry) on everything else. Null when the port is taken or chosen at random;
 * the real server then reports or picks it.
 */
async function answerWhileStarting(config: Config): Promise<Server | null> {
  if (config.port === 0) return null;
  const server = createServer((request, response) => {
    if (request.url === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ status: 'ok' }));
      return;
    }
    const zh = String(request.headers['accept-language'] ?? '').toLowerCase().startsWith('zh');
    const detail = zh ? 'Banklane 正在启动，请几秒钟后再试。' : 'Banklane is starting; try again in a few seconds.';
    response.writeHead(503, { 'content-type': 'application/problem+json; charset=utf-8', 'retry-after': '5' }).end(JSON.stringify({ type: 'urn:banklane:problem:starting', title: zh ? '正在启动' : 'Starting', status: 503, detail }));
  });
  return new Promise((resolve) => {
    server.once('error', () => resolve(null));
    server.listen(config.port, config.host, () => resolve(server));
  });
}

async function closeServer(server: Server | null): Promise<void> {
  if (!server) return;
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Generates the demo history in the background (or resumes it, or finds it done), then starts
 * this node's background work. The bar goes to stderr; the server answers meanwhile.
 */
function startHistory(app: Awaited<ReturnType<typeof createApp>>, config: Config, days: number, stopping: () => boolean): DemoHistory {
  const log = app.http.log;
  const history = new DemoHistory(app, config, {
    days,
    onProgress: progressReporter(process.stderr, (line) => log.info(line)),
    log: (level, message) => log[level](message),
  });
  const started = performance.now();
  void history
    .run()
    .then((outcome) => {
      if (outcome.state === 'done' && outcome.figures) log.info(`Demo history of ${days} days generated in ${Math.round((performance.now() - started) / 1000)} s`);
      if (outcome.state === 'failed') log.error('Demo history failed; the next start resumes it');
    })
    .finally(() => {
      if (!stopping()) app.startBackground();
    });
  return history;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
