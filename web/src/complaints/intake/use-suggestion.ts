import { useEffect, useState } from 'react';
import { isAbort } from '../../api/client';
import { complaintsApi, type ComplaintChannel, type SubjectType, type Suggestion } from '../complaints.api';

const DEBOUNCE_MS = 600;

type Input = { channel: ComplaintChannel; subjectType: SubjectType; description: string; request: string };

/**
 * The classification the decision tables suggest, asked again a moment after the text stops
 * changing; quiet on failure (it is only a suggestion), the last answer kept meanwhile.
 */
export function useSuggestion({ channel, subjectType, description, request }: Input) {
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  const [loading, setLoading] = useState(false);
  const enough = description.trim().length >= 5;

  useEffect(() => {
    if (!enough) {
      setSuggestion(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      complaintsApi
        .suggest({ channel, subjectType, description: description.slice(0, 4000), request: request.slice(0, 2000) }, controller.signal)
        .then(setSuggestion)
        .catch((error: unknown) => {
          if (!isAbort(error)) setSuggestion(null);
        })
        .finally(() => {
          if (!controller.signal.aborted) setLoading(false);
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [channel, subjectType, description, request, enough]);

  return { suggestion, loading, enough };
}
