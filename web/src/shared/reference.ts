import { useMemo } from 'react';
import { permissionsApi, rolesApi, unitsApi, type Permission, type Role, type Unit } from '../api/org.api';
import { useT } from '../i18n/i18n';
import { useRequest } from './use-request';

/*
 * Lookups that turn keys into names (role keys, permission keys, unit ids). They fail
 * quietly: a user allowed to see a page but not, say, the role list still gets the page,
 * with keys shown instead of names.
 */

export type Catalog<T> = {
  items: T[];
  loading: boolean;
  reload: () => void;
  /** Localized name for a key, or the key itself when unknown. */
  nameOf: (key: string) => string;
  byKey: Map<string, T>;
};

function useCatalog<T extends { nameZh: string; nameEn: string }>(
  load: (signal: AbortSignal) => Promise<T[]>,
  keyOf: (item: T) => string,
  enabled: boolean,
): Catalog<T> {
  const { pick } = useT();
  const { data, loading, reload } = useRequest(load, [], { silent: true, enabled });
  return useMemo(() => {
    const items = data ?? [];
    const byKey = new Map(items.map((item) => [keyOf(item), item]));
    const nameOf = (key: string) => {
      const item = byKey.get(key);
      return item ? pick(item) : key;
    };
    return { items, loading, reload, nameOf, byKey };
    // keyOf is a module-level accessor at every call site.
  }, [data, loading, reload, pick]);
}

const permissionKey = (p: Permission) => p.key;
const roleKey = (r: Role) => r.key;
const unitKey = (u: Unit) => u.id;

export function usePermissionCatalog(enabled = true): Catalog<Permission> {
  return useCatalog(permissionsApi.list, permissionKey, enabled);
}

export function useRoleCatalog(enabled = true): Catalog<Role> {
  return useCatalog(rolesApi.list, roleKey, enabled);
}

export function useUnitCatalog(enabled = true): Catalog<Unit> {
  return useCatalog(unitsApi.list, unitKey, enabled);
}

/** `org.user.write` → `org.user`; a key without a dot is its own group. */
export function permissionGroupOf(key: string): string {
  const dot = key.lastIndexOf('.');
  return dot > 0 ? key.slice(0, dot) : key;
}

/** Groups permission keys by prefix, keeping first-seen order of groups and keys. */
export function groupPermissions<T>(items: readonly T[], keyOf: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = permissionGroupOf(keyOf(item));
    groups.set(group, [...(groups.get(group) ?? []), item]);
  }
  return [...groups];
}
