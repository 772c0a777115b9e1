import type { Scope } from './auth.api';
import { api, seg } from './client';

export type Permission = { key: string; nameZh: string; nameEn: string };

export type Role = {
  key: string;
  nameZh: string;
  nameEn: string;
  scope: Scope;
  permissions: string[];
  builtin: boolean;
};
export type NewRole = Omit<Role, 'builtin'>;
export type RolePatch = Partial<Pick<Role, 'nameZh' | 'nameEn' | 'scope' | 'permissions'>>;

export type UnitKind = 'head_office' | 'region' | 'branch' | 'sub_branch' | 'department';
export const unitKinds: readonly UnitKind[] = ['head_office', 'region', 'branch', 'sub_branch', 'department'];

export type Unit = {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  kind: UnitKind;
  parentId: string | null;
  path: string;
  /** Business-calendar region code, e.g. the one `GET /calendars` lists. */
  region: string;
  active: boolean;
};
export type NewUnit = Pick<Unit, 'code' | 'nameZh' | 'nameEn' | 'kind' | 'parentId'> & { region?: string };
export type UnitPatch = Partial<Pick<Unit, 'nameZh' | 'nameEn' | 'active' | 'region'>>;

type Items<T> = { items: T[] };

export const permissionsApi = {
  list: (signal?: AbortSignal) => api.get<Items<Permission>>('/permissions', { signal }).then((r) => r.items),
};

export const rolesApi = {
  list: (signal?: AbortSignal) => api.get<Items<Role>>('/roles', { signal }).then((r) => r.items),
  create: (role: NewRole) => api.post<Role>('/roles', role),
  update: (key: string, patch: RolePatch) => api.patch<Role>(`/roles/${seg(key)}`, patch),
};

export const unitsApi = {
  list: (signal?: AbortSignal) => api.get<Items<Unit>>('/units', { signal }).then((r) => r.items),
  create: (unit: NewUnit) => api.post<Unit>('/units', unit),
  update: (id: string, patch: UnitPatch) => api.patch<Unit>(`/units/${seg(id)}`, patch),
};
