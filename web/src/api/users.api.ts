import { api, seg } from './client';

export type UserStatus = 'active' | 'disabled';

export type User = {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  /** Masked by the server (e.g. `138****1234`); the full value only via `reveal`. */
  phone: string | null;
  unitId: string;
  unitCode: string;
  unitNameZh: string;
  unitNameEn: string;
  roles: string[];
  status: UserStatus;
  lastLoginAt: string | null;
  createdAt: string;
  /** Optimistic-lock version; send it back with every change. */
  version: number;
};

export type UserQuery = {
  q?: string;
  unitId?: string;
  role?: string;
  status?: UserStatus;
  limit: number;
  offset: number;
};

export type NewUser = {
  username: string;
  displayName: string;
  password: string;
  unitId: string;
  roles: string[];
  email?: string;
  phone?: string;
};

export type UserPatch = {
  version: number;
  displayName?: string;
  unitId?: string;
  roles?: string[];
  status?: UserStatus;
  email?: string;
  phone?: string;
};

export type RevealField = 'phone' | 'email';

export const usersApi = {
  list: (query: UserQuery, signal?: AbortSignal) =>
    api.get<{ items: User[]; total: number }>('/users', { query, signal }),
  get: (id: string) => api.get<User>(`/users/${seg(id)}`),
  create: (user: NewUser) => api.post<User>('/users', user),
  update: (id: string, patch: UserPatch) => api.patch<User>(`/users/${seg(id)}`, patch),
  setPassword: (id: string, password: string) => api.post<void>(`/users/${seg(id)}/password`, { password }),
  /** Audited on the server: the reason is stored with who asked and when. */
  reveal: (id: string, fields: RevealField[], reason: string) =>
    api.post<Partial<Record<RevealField, string | null>>>(`/users/${seg(id)}/reveal`, { fields, reason }),
};
