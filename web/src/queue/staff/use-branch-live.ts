import { useCallback, useEffect, useRef, useState } from 'react';
import { useShowError } from '../../shared/api-errors';
import { queueStaffApi, type BranchQueue, type LiveTicket, type TicketStatus } from '../queue.api';
import { useBranchEvents, useDebounced, type StreamState } from '../use-branch-events';

export type BranchLive = {
  setup: BranchQueue | undefined;
  tickets: LiveTicket[];
  loading: boolean;
  /** Reads everything again now (after the user's own action). */
  reload: () => void;
  stream: StreamState;
};

/** A full reload now and then, in case events were lost while the stream was down. */
const REFRESH_MS = 60_000;

/** Today's tickets to read with the set-up: all, those of some statuses, or none (a user who does not serve there may not). */
export type TicketsWanted = 'all' | 'none' | readonly TicketStatus[];

/**
 * A branch's set-up and today's tickets for the staff screens, kept live by the branch's event
 * stream: a burst of events means one reload shortly after. `wanted` says which tickets to read
 * (one request in every case).
 */
export function useBranchLive(branch: string | null, wanted: TicketsWanted): BranchLive {
  const showError = useShowError();
  const showErrorRef = useRef(showError);
  showErrorRef.current = showError;
  const [setup, setSetup] = useState<BranchQueue | undefined>(undefined);
  const [tickets, setTickets] = useState<LiveTicket[]>([]);
  const [loading, setLoading] = useState(true);
  const controller = useRef<AbortController | null>(null);
  const key = typeof wanted === 'string' ? wanted : wanted.join(',');

  const reload = useCallback(() => {
    if (!branch) return;
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    const statuses = key === 'all' ? [] : (key.split(',').filter(Boolean) as TicketStatus[]);
    const list = key === 'none' ? Promise.resolve([]) : queueStaffApi.tickets(branch, statuses, current.signal);
    Promise.all([queueStaffApi.branch(branch, current.signal), list])
      .then(([nextSetup, nextTickets]) => {
        setSetup(nextSetup);
        setTickets(nextTickets);
      })
      .catch((error: unknown) => {
        if (!current.signal.aborted) showErrorRef.current(error);
      })
      .finally(() => {
        if (!current.signal.aborted) setLoading(false);
      });
  }, [branch, key]);

  useEffect(() => {
    setSetup(undefined);
    setTickets([]);
    setLoading(true);
    reload();
    const timer = setInterval(reload, REFRESH_MS);
    return () => {
      clearInterval(timer);
      controller.current?.abort();
    };
  }, [reload]);

  const reloadSoon = useDebounced(reload, 400);
  const stream = useBranchEvents(branch, branch ? 'now' : null, reloadSoon);
  return { setup, tickets, loading, reload, stream };
}
