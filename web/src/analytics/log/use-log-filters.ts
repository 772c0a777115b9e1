import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { FILTER_KEYS, type LogFilter } from '../analytics.api';

/*
 * The log analysis page keeps its state in the address, so that a view can be bookmarked and
 * sent to a colleague: the case filter under the API's own parameter names (shared by every
 * tab), and each tab's view settings (`tab`, `metric`, …) beside it.
 */

const numberOrUndefined = (value: string | null): number | undefined => {
  if (value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

const wholeOrUndefined = (value: string | null): number | undefined => {
  const n = numberOrUndefined(value);
  return n !== undefined && Number.isInteger(n) && n >= 1 ? n : undefined;
};

/** The filter the address holds. */
export function readFilter(params: URLSearchParams): LogFilter {
  const attribute = params.getAll('attribute').filter((a) => a.includes('='));
  return {
    from: params.get('from') || undefined,
    to: params.get('to') || undefined,
    branch: params.get('branch') || undefined,
    service: params.get('service') || undefined,
    // a version belongs to its service: alone it would be refused
    version: params.get('service') ? wholeOrUndefined(params.get('version')) : undefined,
    variant: params.get('variant') || undefined,
    attribute: attribute.length ? attribute : undefined,
    minDuration: numberOrUndefined(params.get('minDuration')),
    maxDuration: numberOrUndefined(params.get('maxDuration')),
  };
}

export type FilterPatch = { [K in keyof LogFilter]?: LogFilter[K] | null };

export function isFiltered(filter: LogFilter): boolean {
  return FILTER_KEYS.some((key) => filter[key] !== undefined);
}

/**
 * The case filter in the address, stable between renders while the address does not change
 * (it is a dependency of every request), and `update`, which changes some of its parts.
 */
export function useLogFilters() {
  const [params, setParams] = useSearchParams();
  const key = FILTER_KEYS.map((k) => params.getAll(k).join('\u0000')).join('\u0001');
  // keyed by the filter's content: another tab's setting in the address must not refetch
  const filter = useMemo(() => readFilter(params), [key]);
  const update = (patch: FilterPatch) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [name, value] of Object.entries(patch)) {
        next.delete(name);
        if (value === undefined || value === null || value === '') continue;
        if (Array.isArray(value)) for (const v of value) next.append(name, v);
        else next.set(name, String(value));
      }
      return next;
    });
  const clear = () => update(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])) as FilterPatch);
  return { filter, filterKey: key, update, clear };
}

/** A view setting kept in the address (`?metric=median`), one of `allowed`; the first is the default and is left out of the address. */
export function useViewParam<T extends string>(name: string, allowed: readonly T[]): [T, (value: T) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get(name);
  const value = (allowed as readonly string[]).includes(raw ?? '') ? (raw as T) : allowed[0]!;
  const set = (next: T) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      if (next === allowed[0]) p.delete(name);
      else p.set(name, next);
      return p;
    }, { replace: true });
  return [value, set];
}

/** A number kept in the address, held within [min, max]; undefined when the address has none. */
export function useNumberParam(name: string, min: number, max: number): [number | undefined, (value: number | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const n = Number(params.get(name));
  const value = params.get(name) !== null && Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : undefined;
  const set = (next: number | undefined) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      if (next === undefined) p.delete(name);
      else p.set(name, String(next));
      return p;
    }, { replace: true });
  return [value, set];
}

/** A free text view setting kept in the address (`?model=accountOpening`); undefined when the address has none. */
export function useTextParam(name: string): [string | undefined, (value: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) || undefined;
  const set = (next: string | undefined) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      if (next === undefined || next === '') p.delete(name);
      else p.set(name, next);
      return p;
    }, { replace: true });
  return [value, set];
}

/** Several view settings changed at once (one history entry, no lost update between them). */
export function useSetParams(): (patch: Record<string, string | number | undefined>) => void {
  const [, setParams] = useSearchParams();
  return (patch) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      for (const [name, value] of Object.entries(patch)) {
        if (value === undefined || value === '') p.delete(name);
        else p.set(name, String(value));
      }
      return p;
    }, { replace: true });
}
