import { api, seg } from '../../api/client';
import { filterQuery, type LogFilter } from '../analytics.api';

/*
 * Before and after (`GET /event-logs/{id}/compare`, src/analytics/mining/compare.ts): the same
 * measures over two periods, or two versions of a process, with the change of each. The two
 * slices replace the filter's own period and version; the rest of the filter applies to both.
 */

/** A figure on both sides: `change` = after − before, `changeRate` = change ÷ before; null where a side has none. */
export type Change = { before: number | null; after: number | null; change: number | null; changeRate: number | null };

export type ActivityChange = { activity: string; perCase: Change; waitingMeanSeconds: Change; handlingMeanSeconds: Change };

export type Comparison = {
  cases: Change;
  meanCaseDurationSeconds: Change;
  variants: Change;
  reworkShare: Change;
  activities: ActivityChange[];
};

/** Two periods (ISO instants, each [from, to)) or two versions of the filter's service. */
export type Slices =
  | { by: 'period'; beforeFrom: string; beforeTo: string; afterFrom: string; afterTo: string }
  | { by: 'version'; beforeVersion: number; afterVersion: number };

export const compareApi = {
  compare: (logId: string, filter: LogFilter, slices: Slices, signal?: AbortSignal) => {
    const { from: _from, to: _to, version: _version, ...shared } = filter;
    const { by: _by, ...params } = slices;
    return api.get<Comparison>(`/event-logs/${seg(logId)}/compare${filterQuery(shared, params)}`, { signal });
  },
};
