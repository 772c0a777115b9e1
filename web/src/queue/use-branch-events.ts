import { useEffect, useRef, useState } from 'react';
import { queuePublicApi } from './queue.api';

export type QueueEventType = 'issued' | 'arrived' | 'called' | 'recalled' | 'serving' | 'done' | 'no_show' | 'transferred' | 'parked' | 'resumed' | 'cancelled' | 'counter' | 'announcement';
const EVENT_TYPES: readonly QueueEventType[] = ['issued', 'arrived', 'called', 'recalled', 'serving', 'done', 'no_show', 'transferred', 'parked', 'resumed', 'cancelled', 'counter', 'announcement'];

/**
 * One event of a branch, as the stream sends it. Ticket events carry the ticket's id, `number` and
 * `category`, calls the `counter` and `call` count, and most of them the new `waiting` count per category.
 */
export type QueueEvent = {
  seq: number;
  type: QueueEventType;
  at: string;
  /** The ticket the event is about; null for counter events and announcements. */
  ticketId?: string | null;
  number?: string;
  category?: string;
  counter?: number;
  call?: number;
  status?: string;
  waiting?: Record<string, number>;
};

export type StreamState = 'connecting' | 'live' | 'offline';

/** After the browser gives up (the server refused or went away for good), a fresh connection this much later. */
const RECONNECT_MS = 5000;

/**
 * Follows a branch's live events. The first connection starts after `startSeq` (the state the
 * screen loaded); the browser's own reconnections resume with Last-Event-ID, and when it gives up
 * a new connection resumes from the last event seen, so nothing is missed either way.
 * `'now'` starts with the events after connecting (a screen that reloads its state on each event
 * anyway). Nothing happens while `branch` or `startSeq` is null; `startSeq` must be of that
 * branch's state.
 */
export function useBranchEvents(branch: string | null, startSeq: number | 'now' | null, onEvent: (event: QueueEvent) => void): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const [generation, setGeneration] = useState(0);
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const lastSeq = useRef<number | null>(null);
  const ready = branch !== null && startSeq !== null;

  useEffect(() => {
    lastSeq.current = null;
  }, [branch]);

  useEffect(() => {
    if (branch === null || !ready || typeof EventSource === 'undefined') return;
    const source = new EventSource(queuePublicApi.eventsUrl(branch, lastSeq.current ?? (startSeq === 'now' ? null : startSeq)));
    let retry: ReturnType<typeof setTimeout> | null = null;
    const receive = (message: MessageEvent<string>) => {
      let event: QueueEvent;
      try {
        event = JSON.parse(message.data) as QueueEvent;
      } catch {
        return; // a line we do not understand is skipped, not fatal
      }
      if (lastSeq.current !== null && event.seq <= lastSeq.current) return;
      lastSeq.current = event.seq;
      handler.current(event);
    };
    for (const type of EVENT_TYPES) source.addEventListener(type, receive);
    source.onopen = () => setState('live');
    source.onerror = () => {
      setState('offline');
      if (source.readyState === EventSource.CLOSED && retry === null) {
        retry = setTimeout(() => setGeneration((n) => n + 1), RECONNECT_MS);
      }
    };
    return () => {
      if (retry) clearTimeout(retry);
      source.close();
    };
    // startSeq is read only for the first connection of a branch; later loads must not reconnect.
  }, [branch, ready, generation]);

  return state;
}

/** Calls `run` once, `delayMs` after the last of a burst of pokes: a busy branch does not refetch per event. */
export function useDebounced(run: () => void, delayMs: number): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  return useRef(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(), delayMs);
  }).current;
}
