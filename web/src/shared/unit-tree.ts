import type { Unit } from '../api/org.api';

export type UnitNode = Unit & { children?: UnitNode[] };

/**
 * Builds the organisation tree from the flat list `GET /units` returns, ordered by code.
 * A unit whose parent is not in the list (a user scoped to a branch sees no head office)
 * becomes a root, so nothing the server sent goes missing.
 */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>(units.map((u) => [u.id, { ...u }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  const sort = (list: UnitNode[]) => {
    list.sort((a, b) => a.code.localeCompare(b.code));
    for (const n of list) if (n.children) sort(n.children);
  };
  sort(roots);
  return roots;
}

export type UnitTreeOption = { value: string; title: string; disabled?: boolean; children?: UnitTreeOption[] };

/** TreeSelect data; inactive units can be seen but not chosen. */
export function unitTreeOptions(units: readonly Unit[], nameOf: (u: Unit) => string): UnitTreeOption[] {
  const convert = (node: UnitNode): UnitTreeOption => ({
    value: node.id,
    title: `${nameOf(node)} (${node.code})`,
    disabled: !node.active,
    children: node.children?.map(convert),
  });
  return buildUnitTree(units).map(convert);
}

/** Ids of every unit that has children (for "expand all"). */
export function parentIds(units: readonly Unit[]): string[] {
  const ids = new Set<string>();
  for (const u of units) if (u.parentId) ids.add(u.parentId);
  return [...ids];
}
