import { useCallback, useEffect, useRef, useState } from 'react';
import { queuePublicApi, type BoardState } from './queue.api';
import { useBranchEvents, useDebounced, type QueueEvent, type StreamState } from './use-branch-events';

export type LiveBoard = {
  data: BoardState | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  stream: StreamState;
};

/** A full reload now and then, in case the stream was down longer than the browser kept retrying. */
const REFRESH_MS = 60_000;

/**
 * A branch's public state, kept live: waiting counts change with each event at once, and the
 * whole state is read again shortly after a burst of events (calls, counters). `onEvent` sees
 * every event first (the board speaks the calls).
 */
export function useBoard(branch: string, onEvent?: (event: QueueEvent) => void): LiveBoard {
  const [data, setData] = useState<BoardState | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const controller = useRef<AbortController | null>(null);

  const reload = useCallback(() => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    queuePublicApi
      .board(branch, current.signal)
      .then((state) => {
        setData(state);
        setError(undefined);
      })
      .catch((err: unknown) => {
        if (!current.signal.aborted) setError(err);
      })
      .finally(() => {
        if (!current.signal.aborted) setLoading(false);
      });
  }, [branch]);

  useEffect(() => {
    setData(undefined);
    setLoading(true);
    reload();
    const timer = setInterval(reload, REFRESH_MS);
    return () => {
      clearInterval(timer);
      controller.current?.abort();
    };
  }, [reload]);

  const reloadSoon = useDebounced(reload, 1200);
  const stream = useBranchEvents(branch, data && data.branch.code === branch ? data.seq : null, (event) => {
    onEvent?.(event);
    const waiting = event.waiting;
    if (waiting) setData((prev) => prev && { ...prev, categories: prev.categories.map((c) => ({ ...c, waiting: waiting[c.code] ?? 0 })) });
    reloadSoon();
  });

  return { data, error, loading, reload, stream };
}
