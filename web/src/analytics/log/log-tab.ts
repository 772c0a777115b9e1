import type { EventLog, LogFilter, LogSummary } from '../analytics.api';
import type { FilterPatch } from './use-log-filters';

/** What every tab of the log analysis page is given: the log, the case filter, a way to narrow it. */
export type LogTabProps = {
  logId: string;
  /** The log's entry in the list (name, format, totals); undefined while it loads. */
  log: EventLog | undefined;
  filter: LogFilter;
  /** Whether the filter narrows the log at all (an empty answer then means "no such cases", not "no events"). */
  filtered: boolean;
  /** Changes when the filter does: the dependency of a tab's requests. */
  filterKey: string;
  /** Narrows (or widens) the filter, e.g. to a variant the user clicked. */
  updateFilter: (patch: FilterPatch) => void;
  /** The filtered cases' summary figures, once loaded. */
  summary: LogSummary | undefined;
};
