import path from 'node:path';

/** The whole configuration of a Banklane node: read once at start-up, validated, frozen. */
export type Config = Readonly<{
  port: number;
  host: string;
  /** Where the embedded database (PGlite) keeps its files; `memory://` keeps nothing on disk. */
  dataDir: string;
  /** PostgreSQL connection string; when set, the embedded database is not used. */
  databaseUrl: string | null;
  /** Seed the demo bank (organisation and users) at start-up. */
  demo: boolean;
  /**
   * Days of past operations the demo bank lives through at its first start (0: none). Only in
   * demo mode; generated in the background while the server already serves; later starts reuse it.
   */
  demoHistoryDays: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Lifetime of a login session, in hours. */
  sessionTtlHours: number;
  /** Failed logins for one user name before it is locked out. */
  loginMaxFailures: number;
  /** Failed logins from one address before that address is locked out. */
  loginMaxFailuresPerAddress: number;
  /** How long a lock-out lasts, in minutes. */
  loginLockMinutes: number;
  /** Delay added to the n-th consecutive failed login: base × 2^(n−1) ms, capped at 5 s. */
  loginFailureDelayMs: number;
  /** Trust X-Forwarded-For from a reverse proxy when deriving the client address. */
  trustProxy: boolean;
  /** Maximum size of a request body, in bytes. */
  bodyLimitBytes: number;
  /** Directory of the built web application, served at `/`. */
  webDir: string;
  /** Connections in the pool to PostgreSQL (per node). */
  dbPoolSize: number;
  /** Run the job executor (timers, continuations, handlers) on this node. */
  jobExecutor: boolean;
  /** How often an idle job executor looks for due jobs, in milliseconds. */
  jobPollMs: number;
  /**
   * The master key sealing personal data at rest (32 bytes as 64 hex digits). Without it, a key
   * generated once and kept in the database is used: fine for a demo, not for production.
   */
  piiKey: string | null;
  /** Public address of the web app, used in links sent to customers (tracking, surveys). */
  publicUrl: string;
}>;

export type ConfigIssue = { variable: string; message: string };

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  ${i.variable}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads the configuration from environment variables (the only place in Banklane that does).
 * Throws ConfigError listing every bad value at once.
 */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const issues: ConfigIssue[] = [];
  const read = new Reader(env, issues);
  const databaseUrl = read.url('DATABASE_URL');
  const config: Config = {
    port: read.integer('PORT', 8080, 0, 65535),
    host: read.string('HOST', '0.0.0.0'),
    dataDir: dataDirOf(read.string('BANKLANE_DATA_DIR', './data')),
    databaseUrl,
    demo: read.boolean('BANKLANE_DEMO', databaseUrl === null),
    demoHistoryDays: read.integer('BANKLANE_DEMO_HISTORY_DAYS', 60, 0, 366),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    sessionTtlHours: read.integer('BANKLANE_SESSION_TTL_HOURS', 12, 1, 24 * 30),
    loginMaxFailures: read.integer('BANKLANE_LOGIN_MAX_FAILURES', 5, 1, 100),
    loginMaxFailuresPerAddress: read.integer('BANKLANE_LOGIN_MAX_FAILURES_PER_ADDRESS', 30, 1, 10_000),
    loginLockMinutes: read.integer('BANKLANE_LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    loginFailureDelayMs: read.integer('BANKLANE_LOGIN_FAILURE_DELAY_MS', 250, 0, 5000),
    trustProxy: read.boolean('BANKLANE_TRUST_PROXY', false),
    bodyLimitBytes: read.integer('BANKLANE_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 512 * 1024 * 1024),
    webDir: path.resolve(read.string('BANKLANE_WEB_DIR', './web/dist')),
    dbPoolSize: read.integer('BANKLANE_DB_POOL_SIZE', 10, 1, 500),
    jobExecutor: read.boolean('BANKLANE_JOB_EXECUTOR', true),
    jobPollMs: read.integer('BANKLANE_JOB_POLL_MS', 500, 10, 60_000),
    piiKey: read.hex('BANKLANE_PII_KEY', 32),
    publicUrl: read.string('BANKLANE_PUBLIC_URL', 'http://localhost:8080'),
    ...overrides,
  };
  if (issues.length > 0) throw new ConfigError(issues);
  return Object.freeze(config);
}

class Reader {
  constructor(
    private readonly env: Env,
    private readonly issues: ConfigIssue[],
  ) {}

  private raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || value < min || value > max) {
      this.issues.push({ variable: name, message: `expected a whole number from ${min} to ${max}, got "${raw}"` });
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.raw(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    this.issues.push({ variable: name, message: `expected true or false, got "${raw}"` });
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.issues.push({ variable: name, message: `expected one of ${allowed.join(', ')}, got "${raw}"` });
    return fallback;
  }

  hex(name: string, bytes: number): string | null {
    const raw = this.raw(name);
    if (raw === undefined) return null;
    if (!new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(raw)) {
      this.issues.push({ variable: name, message: `expected ${bytes * 2} hexadecimal digits (e.g. from \`openssl rand -hex ${bytes}\`)` });
      return null;
    }
    return raw.toLowerCase();
  }

  url(name: string): string | null {
    const raw = this.raw(name);
    if (raw === undefined) return null;
    try {
      const url = new URL(raw);
      if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new Error('protocol');
      return raw;
    } catch {
      this.issues.push({ variable: name, message: 'expected a PostgreSQL URL such as postgres://user@host:5432/banklane' });
      return null;
    }
  }
}

function dataDirOf(value: string): string {
  return value === 'memory://' ? value : path.resolve(value);
}
