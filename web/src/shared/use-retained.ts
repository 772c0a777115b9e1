import { useRef } from 'react';

/**
 * The last non-null value seen. Dialogs are opened by a non-null target and closed by null;
 * rendering the retained target keeps their content unchanged during the closing animation.
 */
export function useRetained<T>(value: T | null): T | null {
  const ref = useRef(value);
  if (value !== null) ref.current = value;
  return ref.current;
}
