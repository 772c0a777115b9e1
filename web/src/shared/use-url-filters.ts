import { useSearchParams } from 'react-router';
import { useT } from '../i18n/i18n';

/**
 * A list's filters kept in the URL, so that a view can be shared and bookmarked: the search
 * parameters as read, the page and page size, and `update`, which changes some of them and
 * (unless it sets the page) goes back to page 1. Empty values are removed. `pagination(total)` is
 * a table's pagination over those parameters.
 */
export function useUrlFilters<K extends string>(defaultPageSize = 20) {
  const { t } = useT();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const size = Number(params.get('size')) || defaultPageSize;
  const update = (patch: Partial<Record<K | 'page' | 'size', string | number | null | undefined>>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (!('page' in patch)) next.delete('page');
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined || value === null || value === '') next.delete(key);
        else next.set(key, String(value));
      }
      return next;
    });
  const pagination = (total: number) => ({
    current: page,
    pageSize: size,
    total,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (count: number) => t('common.total', { total: count }),
    onChange: (next: number, nextSize: number) => update({ page: nextSize === size ? next : 1, size: nextSize } as Partial<Record<K | 'page' | 'size', number>>),
  });
  return { params, page, size, update, pagination };
}
