import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import * as authApi from '../api/auth.api';
import type { Me } from '../api/auth.api';
import { isAbort, isApiError, setUnauthorizedHandler } from '../api/client';

export type SessionState =
  | { type: 'checking' }
  /** `loggedOut`: the user chose to leave, so the login page should not send them back. */
  | { type: 'anonymous'; loggedOut?: boolean }
  | { type: 'unavailable'; error: unknown }
  | { type: 'signed-in'; me: Me };

export type Auth = {
  session: SessionState;
  /** Throws `ApiError` (401 wrong credentials, 429 locked out) for the login form to show. */
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  recheck: () => void;
};

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ type: 'checking' });
  const [checkCount, setCheckCount] = useState(0);

  useEffect(() => {
    // Any 401 outside the login call means the session ended (expired, revoked, logged out elsewhere).
    setUnauthorizedHandler(() => setSession({ type: 'anonymous' }));
    return () => setUnauthorizedHandler(null);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    authApi
      .fetchMe(controller.signal)
      .then((me) => setSession({ type: 'signed-in', me }))
      .catch((error: unknown) => {
        if (isAbort(error)) return;
        if (isApiError(error) && (error.status === 401 || error.status === 403)) setSession({ type: 'anonymous' });
        else setSession({ type: 'unavailable', error });
      });
    return () => controller.abort();
  }, [checkCount]);

  const login = useCallback(async (username: string, password: string) => {
    const me = await authApi.login(username, password);
    setSession({ type: 'signed-in', me });
    return me;
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setSession({ type: 'anonymous', loggedOut: true });
    }
  }, []);

  const recheck = useCallback(() => {
    setSession({ type: 'checking' });
    setCheckCount((n) => n + 1);
  }, []);

  const value = useMemo<Auth>(() => ({ session, login, logout, recheck }), [session, login, logout, recheck]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth() used outside <AuthProvider>');
  return auth;
}

/** A permission, or several of which any one will do. */
export type PermissionNeed = string | readonly string[];

/** The signed-in user; only below `RequireAuth`, where a session is guaranteed. `can` is true with the permission, or any one of several. */
export function useMe(): Me & { can: (permission: PermissionNeed) => boolean } {
  const { session } = useAuth();
  if (session.type !== 'signed-in') throw new Error('useMe() used without a session');
  const me = session.me;
  return useMemo(() => ({ ...me, can: (permission: PermissionNeed) => (typeof permission === 'string' ? [permission] : permission).some((p) => me.permissions.includes(p)) }), [me]);
}
