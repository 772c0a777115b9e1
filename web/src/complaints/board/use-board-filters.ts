import { useUrlFilters } from '../../shared/use-url-filters';
import { channels, runningClockStates, statusFilters, type ComplaintQuery, type SortKey } from '../complaints.api';

export type BoardFilterKey = 'status' | 'clock' | 'channel' | 'category' | 'handler' | 'ref' | 'sort';
const sortKeys: readonly SortKey[] = ['daysLeft', 'received', '-received'];

/** The board's filters in the address: open complaints by days left unless asked otherwise. */
export function useBoardFilters() {
  const { params, page, size, update } = useUrlFilters<BoardFilterKey>();
  const one = <T extends string>(key: BoardFilterKey, allowed: readonly T[]): T | undefined => allowed.find((v) => v === params.get(key));
  const filters = {
    status: one('status', statusFilters) ?? 'open',
    clock: one('clock', runningClockStates),
    channel: one('channel', channels),
    category: params.get('category') ?? undefined,
    handler: params.get('handler') ?? undefined,
    ref: params.get('ref') ?? '',
    sort: one('sort', sortKeys) ?? 'daysLeft',
    page,
    size,
  };
  const query: ComplaintQuery = {
    status: filters.status,
    clock: filters.clock,
    channel: filters.channel,
    category: filters.category,
    handler: filters.handler,
    ref: filters.ref || undefined,
    sort: filters.sort,
    limit: size,
    offset: (page - 1) * size,
  };
  return { filters, query, update };
}

export type BoardFilters = ReturnType<typeof useBoardFilters>['filters'];
export type UpdateBoardFilters = ReturnType<typeof useBoardFilters>['update'];
