import { api, rememberCsrfToken } from './client';

export type Scope = 'global' | 'unit';

/** The signed-in user, as `GET /me` and the login response return it. */
export type Me = {
  id: string;
  username: string;
  displayName: string;
  unit: { id: string; code: string; nameZh: string; nameEn: string };
  roles: string[];
  roleNames: { key: string; nameZh: string; nameEn: string }[];
  permissions: string[];
  scope: Scope;
};

type LoginResponse = { token: string; csrfToken: string; user: Me };

export async function login(username: string, password: string): Promise<Me> {
  const response = await api.post<LoginResponse>('/auth/login', { username, password }, { auth: false });
  rememberCsrfToken(response.csrfToken);
  return response.user;
}

export async function logout(): Promise<void> {
  try {
    await api.post<void>('/auth/logout', undefined, { auth: false });
  } finally {
    rememberCsrfToken(null);
  }
}

export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return api.get<Me>('/me', { signal });
}
