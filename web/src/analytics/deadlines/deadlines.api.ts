import { api, seg } from '../../api/client';
import { filterQuery, type LogFilter } from '../analytics.api';

/*
 * Deadline analysis (`GET /event-logs/{id}/deadlines`, src/analytics/mining/deadlines.ts): the
 * cases that missed their deadline, by service and branch, and the steps that consumed the time.
 * Banklane's own logs carry each case's deadline; an imported log needs `targetSeconds`.
 */

export type DeadlineGroup = { key: string | null; cases: number; breached: number; breachRate: number; meanOverrunSeconds: number | null };

export type DeadlineStep = {
  activity: string;
  cases: number;
  breachedCases: number;
  meanSecondsWhenMet: number | null;
  meanSecondsWhenBreached: number | null;
  /** The step's share of all the time of the breached cases, 0…1. */
  shareOfBreachedTime: number | null;
  /** In how many breached cases this step took the most time. */
  largestInBreachedCases: number;
};

export type Deadlines = {
  cases: number;
  withDeadline: number;
  breached: number;
  breachRate: number;
  meanOverrunSeconds: number | null;
  byService: DeadlineGroup[];
  byBranch: DeadlineGroup[];
  steps: DeadlineStep[];
};

export const deadlinesApi = {
  deadlines: (logId: string, filter: LogFilter, targetSeconds: number | undefined, signal?: AbortSignal) =>
    api.get<Deadlines>(`/event-logs/${seg(logId)}/deadlines${filterQuery(filter, { targetSeconds })}`, { signal }),
};
