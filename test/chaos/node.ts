import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One Banklane node as a child process (`src/main.ts`) on the shared database: its own port and
 * data directory (the local SMS adapter writes `<dataDir>/outbox/sms.jsonl` there), its output
 * kept in a log file. `kill()` is SIGKILL: no shutdown hook runs.
 */
export class BanklaneNode {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  starts = 0;
  kills = 0;
  /** Exits nobody asked for (a crash of the node itself), with the end of its log. */
  readonly unexpectedExits: { at: string; code: number | null; signal: string | null; log: string }[] = [];
  private stopping = false;

  constructor(
    readonly name: string,
    readonly port: number,
    readonly dataDir: string,
    private readonly databaseUrl: string,
    private readonly extraEnv: Record<string, string> = {},
  ) {
    fs.mkdirSync(dataDir, { recursive: true });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  get outboxFile(): string {
    return path.join(this.dataDir, 'outbox', 'sms.jsonl');
  }

  /** Starts the node and waits until it answers the API (a 401 on /api/v1/me: up and ready). */
  async start(timeoutSeconds = 180): Promise<void> {
    const log = fs.openSync(path.join(this.dataDir, 'node.log'), 'a');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATABASE_URL: this.databaseUrl,
        BANKLANE_DATA_DIR: this.dataDir,
        BANKLANE_DEMO: 'true',
        BANKLANE_DEMO_HISTORY_DAYS: '0',
        BANKLANE_DB_POOL_SIZE: '8',
        LOG_LEVEL: 'warn',
        ...this.extraEnv,
      },
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    this.child = child;
    this.starts++;
    this.stopping = false;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        if (!this.stopping) this.unexpectedExits.push({ at: new Date().toISOString(), code, signal, log: this.tail(40) });
        resolve();
      }),
    );
    const deadline = performance.now() + timeoutSeconds * 1000;
    for (;;) {
      if (!this.running) throw new Error(`${this.name} exited while starting (see ${path.join(this.dataDir, 'node.log')})`);
      const status = await fetch(`${this.url}/api/v1/me`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status, () => 0);
      if (status === 401) return;
      if (performance.now() > deadline) throw new Error(`${this.name} not ready within ${timeoutSeconds} s`);
      await sleep(250);
    }
  }

  /** SIGKILL, as a crash: waits until the process is gone. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    this.child!.kill('SIGKILL');
    this.kills++;
    await this.exited;
  }

  /** A clean stop (SIGTERM), SIGKILL after 20 s. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    this.child!.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 20_000);
    await this.exited;
    clearTimeout(timer);
  }

  /** The last lines of the node's log, for a failure report. */
  tail(lines = 30): string {
    const file = path.join(this.dataDir, 'node.log');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '';
  }
}
