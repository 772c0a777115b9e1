import type { FieldProblem } from '../../api/client';
import type { Fee, Material, Service, ServiceDefinition } from '../../api/catalog.api';

/** The editor's form: the definition's own shape, plus the code (new services) and the state. */
export type ServiceFormValues = Omit<ServiceDefinition, 'processKey'> & { code: string; active: boolean; processKey?: string };

export const emptyService: ServiceFormValues = {
  code: '',
  active: true,
  nameZh: '',
  nameEn: '',
  category: 'account',
  customerType: 'individual',
  materials: [],
  fees: [],
  timeLimit: { amount: 1, unit: 'workingDays' },
  channels: ['counter'],
  branches: [],
};

export function formValuesOf(s: Service): ServiceFormValues {
  return { ...s, processKey: s.processKey ?? undefined, materials: s.materials.map((m) => ({ ...m })), fees: s.fees.map((f) => ({ ...f })) };
}

const text = (value: string | undefined | null) => (value ?? '').trim();
/** Optional texts are left out when empty: the server keeps no empty strings. */
const optional = <K extends string>(key: K, value: string | undefined) => (text(value) ? { [key]: text(value) } : {}) as Partial<Record<K, string>>;

/** The definition to send: trimmed, optional texts dropped when empty, no process as null. */
export function definitionFromForm(v: ServiceFormValues): ServiceDefinition {
  const materials: Material[] = (v.materials ?? []).map((m) => ({
    nameZh: text(m.nameZh),
    nameEn: text(m.nameEn),
    required: !!m.required,
    ...optional('validityZh', m.validityZh),
    ...optional('validityEn', m.validityEn),
  }));
  const fees: Fee[] = (v.fees ?? []).map((f) => ({
    nameZh: text(f.nameZh),
    nameEn: text(f.nameEn),
    amount: text(f.amount),
    ...optional('conditionZh', f.conditionZh),
    ...optional('conditionEn', f.conditionEn),
  }));
  return {
    nameZh: text(v.nameZh),
    nameEn: text(v.nameEn),
    category: v.category,
    customerType: v.customerType,
    materials,
    fees,
    timeLimit: { amount: Number(v.timeLimit.amount), unit: v.timeLimit.unit },
    channels: v.channels,
    branches: v.branches ?? [],
    processKey: text(v.processKey) || null,
  };
}

/**
 * A problem's JSON pointer as a form path: `/definition/fees/0/amount` → `['fees', 0, 'amount']`,
 * `/code` → `['code']`. Null for pointers the form has no field for.
 */
export function formPathOf(pointer: string): (string | number)[] | null {
  const parts = pointer.replace(/^\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (parts[0] === 'definition') parts.shift();
  if (parts.length === 0 || parts[0] === '') return null;
  const known = ['code', 'active', 'nameZh', 'nameEn', 'category', 'customerType', 'materials', 'fees', 'timeLimit', 'channels', 'branches', 'processKey'];
  if (!known.includes(parts[0]!)) return null;
  const path = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  // Problems about a whole list item (e.g. `/materials/0`) land on its first field.
  if ((path[0] === 'materials' || path[0] === 'fees') && path.length === 2) path.push('nameZh');
  // A problem about one channel or branch lands on the list field.
  if ((path[0] === 'channels' || path[0] === 'branches') && path.length > 1) return [path[0]];
  return path;
}

/** Field problems grouped by form path; the rest (no matching field) are returned apart. */
export function splitProblems(errors: readonly FieldProblem[]) {
  const byPath = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const rest: FieldProblem[] = [];
  for (const e of errors) {
    const path = formPathOf(e.field);
    if (!path) {
      rest.push(e);
      continue;
    }
    const key = JSON.stringify(path);
    const entry = byPath.get(key) ?? { name: path, errors: [] };
    entry.errors.push(e.message);
    byPath.set(key, entry);
  }
  return { fields: [...byPath.values()], rest };
}
