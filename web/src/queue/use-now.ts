import { useEffect, useRef, useState } from 'react';

/** The current time, updated every `intervalMs` (for clocks and "waited n minutes"). */
export function useNow(intervalMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * Seconds left of a countdown that (re)starts whenever `key` changes; `onEnd` runs once at zero.
 * Null `key`: no countdown.
 */
export function useCountdown(key: unknown, seconds: number, onEnd: () => void): number {
  const [left, setLeft] = useState(seconds);
  const end = useRef(onEnd);
  end.current = onEnd;
  useEffect(() => {
    if (key === null) return;
    setLeft(seconds);
    const started = Date.now();
    const timer = setInterval(() => {
      const remaining = seconds - Math.floor((Date.now() - started) / 1000);
      setLeft(Math.max(0, remaining));
      if (remaining <= 0) {
        clearInterval(timer);
        end.current();
      }
    }, 250);
    return () => clearInterval(timer);
  }, [key, seconds]);
  return left;
}
