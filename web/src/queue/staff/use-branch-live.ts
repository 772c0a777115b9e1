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

/**
 * A branch's set-up and today's tickets for the staff screens, kept live by the branch's event
 * stream: a burst of events means one reload shortly after. `statuses` narrows the tickets read
 * (one request per status); null reads them all.
 */
export function useBranchLive(branch: string | null, statuses: readonly TicketStatus[] | null): BranchLive {
  const showError = useShowError();
  const showErrorRef = useRef(showError);
  showErrorRef.current = showError;
  const [setup, setSetup] = useState<BranchQueue | undefined>(undefined);
  const [tickets, setTickets] = useState<LiveTicket[]>([]);
  const [loading, setLoading] = useState(true);
  const controller = useRef<AbortController | null>(null);
  const wanted = statuses?.join(',') ?? '';

  const reload = useCallback(() => {
    if (!branch) return;
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    const lists = wanted ? (wanted.split(',') as TicketStatus[]).map((s) => queueStaffApi.tickets(branch, s, current.signal)) : [queueStaffApi.tickets(branch, null, current.signal)];
    Promise.all([queueStaffApi.branch(branch, current.signal), ...lists])
      .then(([nextSetup, ...nextLists]) => {
        setSetup(nextSetup);
        setTickets(nextLists.flat());
      })
      .catch((error: unknown) => {
        if (!current.signal.aborted) showErrorRef.current(error);
      })
      .finally(() => {
        if (!current.signal.aborted) setLoading(false);
      });
  }, [branch, wanted]);

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
