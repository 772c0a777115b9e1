import type { OrgUnitKind, OrgUnitRow } from './org.table.ts';

export const UNIT_KINDS: OrgUnitKind[] = ['head_office', 'region', 'branch', 'sub_branch', 'department'];

export type Unit = {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  kind: OrgUnitKind;
  parentId: string | null;
  path: string;
  region: string;
  active: boolean;
};

export const UNIT_LABEL = { en: 'organisation unit', zh: '机构' };

export function toUnit(row: OrgUnitRow): Unit {
  return {
    id: row.id,
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    kind: row.kind,
    parentId: row.parent_id,
    path: row.path,
    region: row.region,
    active: row.active,
  };
}

/** The materialised path of a new unit under `parentPath` (or at the root). */
export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** Which kinds of unit may sit directly under which: the head office is the one root. */
export function kindAllowedUnder(kind: OrgUnitKind, parentKind: OrgUnitKind | null): boolean {
  if (kind === 'head_office') return parentKind === null;
  if (parentKind === null) return false;
  if (kind === 'region') return parentKind === 'head_office';
  if (kind === 'branch') return parentKind === 'head_office' || parentKind === 'region';
  if (kind === 'sub_branch') return parentKind === 'branch';
  return true; // departments sit anywhere
}
