import { createApp, type App } from '../src/app.ts';
import type { RequestContext } from '../src/platform/access/actor.ts';
import { login, resolveSession } from '../src/platform/auth/auth.service.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import type { DatabaseKind } from '../src/platform/db/database.ts';
import { createTestDatabase } from '../test/support/databases.ts';

const ANONYMOUS: RequestContext = { actor: null, ip: '127.0.0.1', requestId: null, lang: 'en' };

/** A fresh database with the demo bank and an app on it (no background work); closed and dropped afterwards. */
export async function withApp<T>(kind: DatabaseKind, work: (app: App) => Promise<T>): Promise<T> {
  const db = await createTestDatabase(kind);
  try {
    const app = await createApp(loadConfig({}, { dataDir: 'memory://', databaseUrl: db.url, demo: true, logLevel: 'silent', jobExecutor: false, loginFailureDelayMs: 0 }));
    try {
      return await work(app);
    } finally {
      await app.close();
    }
  } finally {
    await db.drop();
  }
}

/** A demo user's context, signed in as through the login page. */
export async function signIn(app: App, username: string): Promise<RequestContext> {
  const session = await login(app.deps, ANONYMOUS, { username, password: 'banklane-demo', userAgent: 'bench' });
  const resolved = await resolveSession(app.deps, session.token);
  return { ...ANONYMOUS, actor: resolved!.actor };
}
