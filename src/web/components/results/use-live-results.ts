import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { queryKeys } from '../../api.js';

/**
 * Listens to the review's results events (server-sent, same origin so the CSP's connect-src 'self'
 * allows it) and refetches the results when a newer analysis is announced. EventSource reconnects by
 * itself after a drop, waiting the `retry` the server sends. Returns the latest version heard.
 */
export function useLiveResults(slug: string, shownVersion: number | undefined): number | undefined {
  const queryClient = useQueryClient();
  const [heard, setHeard] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/reviews/${encodeURIComponent(slug)}/results/events`);
    const onAnalysis = (event: MessageEvent<string>) => {
      try {
        const { version } = JSON.parse(event.data) as { version: number };
        setHeard(version);
      } catch {
        // A malformed event is ignored; the next one carries the version again.
      }
    };
    source.addEventListener('analysis', onAnalysis);
    return () => {
      source.removeEventListener('analysis', onAnalysis);
      source.close();
    };
  }, [slug]);
  useEffect(() => {
    if (heard !== undefined && heard > 0 && heard !== shownVersion) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.results(slug) });
    }
  }, [heard, shownVersion, slug, queryClient]);
  return heard;
}
