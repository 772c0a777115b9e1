import { useEffect } from 'react';

/** The browser tab's title while the screen is shown (kiosks and boards run full screen, phones show it). */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    const previous = document.title;
    document.title = title;
    return () => {
      document.title = previous;
    };
  }, [title]);
}
