import { useSearchParams } from 'react-router';

/**
 * A list's filters kept in the URL, so that a view can be shared and bookmarked: the search
 * parameters as read, and `update`, which changes some of them and (unless it sets the page)
 * goes back to page 1. Empty values are removed.
 */
export function useUrlFilters<K extends string>() {
  const [params, setParams] = useSearchParams();
  const update = (patch: Partial<Record<K | 'page' | 'size', string | number | undefined>>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (!('page' in patch)) next.delete('page');
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined || value === '') next.delete(key);
        else next.set(key, String(value));
      }
      return next;
    });
  return { params, update };
}
