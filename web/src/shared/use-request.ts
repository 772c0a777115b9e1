import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { useShowError } from './api-errors';

export type RequestState<T> = {
  data: T | undefined;
  loading: boolean;
  error: unknown;
  reload: () => void;
};

export type UseRequestOptions = {
  /** When false nothing is fetched (e.g. the user lacks the permission). Default true. */
  enabled?: boolean;
  /** Lookups that only enrich a page (names of roles, units) fail quietly. Default false. */
  silent?: boolean;
};

/**
 * Loads data when `deps` change, cancelling the previous load. Errors are shown with the
 * usual message unless `silent`; `reload()` fetches again with the same inputs.
 */
export function useRequest<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
  options: UseRequestOptions = {},
): RequestState<T> {
  const { enabled = true, silent = false } = options;
  const [data, setData] = useState<T | undefined>(undefined);
  const [loading, setLoading] = useState(enabled);
  const [error, setError] = useState<unknown>(undefined);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const showError = useShowError();
  const showErrorRef = useRef(showError);
  showErrorRef.current = showError;

  useEffect(() => {
    if (!enabled) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    loadRef
      .current(controller.signal)
      .then((result) => {
        setData(result);
        setError(undefined);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err);
        if (!silent) showErrorRef.current(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
    // `deps` are the caller's inputs to `load`; `load` and the error display are read through refs
    // so that a new closure (or a language switch) does not fetch again.
  }, [enabled, silent, generation, ...deps]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { data, loading, error, reload };
}
