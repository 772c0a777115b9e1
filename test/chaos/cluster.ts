import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The newest PostgreSQL server binaries installed (Debian layout), or those on PATH. */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin');
  }
  return path.dirname(execFileSync('which', ['initdb']).toString().trim());
}

/** Why a private cluster cannot be made here (no server binaries; root without a `postgres` user), or false. */
export function cannotMakeCluster(): string | false {
  try {
    binDir();
  } catch {
    return 'PostgreSQL server binaries (initdb, pg_ctl) not found: skipped';
  }
  if (process.getuid?.() === 0) {
    try {
      execFileSync('id', ['postgres'], { stdio: 'ignore' });
    } catch {
      return 'running as root without a postgres OS user for initdb: skipped';
    }
  }
  return false;
}

/**
 * A private PostgreSQL cluster for the chaos run: its own data directory under the temp dir, a
 * free port on 127.0.0.1, trust authentication, small settings. The machine's own PostgreSQL is
 * never touched. initdb refuses to run as root: as root, the cluster belongs to the `postgres`
 * OS user and its commands run through `runuser -u postgres`.
 */
export class PrivateCluster {
  readonly dir: string;
  readonly dataDir: string;
  private readonly bin = binDir();
  private readonly asUser: string | null = process.getuid?.() === 0 ? 'postgres' : null;

  private constructor(readonly port: number) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banklane-chaos-pg-'));
    this.dataDir = path.join(this.dir, 'data');
  }

  static async create(): Promise<PrivateCluster> {
    const cluster = new PrivateCluster(await freePort());
    await cluster.init();
    return cluster;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/banklane`;
  }

  private async cmd(tool: string, args: string[]): Promise<string> {
    const file = path.join(this.bin, tool);
    const { stdout } = this.asUser ? await run('runuser', ['-u', this.asUser, '--', file, ...args]) : await run(file, args);
    return stdout;
  }

  private async init(): Promise<void> {
    if (this.asUser) {
      fs.chmodSync(this.dir, 0o755);
      execFileSync('chown', [this.asUser, this.dir]);
    }
    await this.cmd('initdb', ['-D', this.dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
    const settings = [
      `port = ${this.port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${this.dir}'`,
      'max_connections = 60',
      'shared_buffers = 32MB',
      'fsync = on',
      'synchronous_commit = on',
      'full_page_writes = on',
      "log_min_messages = 'warning'",
      "logging_collector = off",
    ];
    fs.appendFileSync(path.join(this.dataDir, 'postgresql.conf'), `\n# chaos run\n${settings.join('\n')}\n`);
    await this.start();
    await this.cmd('psql', ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-d', 'postgres', '-qc', 'create database banklane']);
  }

  async start(): Promise<void> {
    await this.cmd('pg_ctl', ['-D', this.dataDir, '-l', path.join(this.dir, 'postgres.log'), '-w', '-t', '60', 'start']);
  }

  /** A crash and a restart: `pg_ctl restart -m immediate` (no checkpoint; recovery replays the WAL). */
  async crashRestart(): Promise<void> {
    await this.cmd('pg_ctl', ['-D', this.dataDir, '-l', path.join(this.dir, 'postgres.log'), '-m', 'immediate', '-w', '-t', '60', 'restart']);
  }

  /** Stops the cluster and removes its directory; safe to call twice. */
  async destroy(): Promise<void> {
    if (!fs.existsSync(this.dir)) return;
    await this.cmd('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
