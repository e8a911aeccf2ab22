import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RecordVoiceBody } from '../contract/listening.js';
import { useErrorMessage } from './hooks/use-error-message.js';
import { listeningApi, listeningKeys } from './listening-api.js';
import { OfflineQueue, type QueuedVoice, type QueueStorage } from './offline-queue.js';

/** Storage that forgets on reload, for browsers that refuse localStorage (private modes). */
function memoryStorage(): QueueStorage {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

function deviceStorage(): QueueStorage {
  try {
    const probe = '__common-ground-probe__';
    window.localStorage.setItem(probe, '1');
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    return memoryStorage();
  }
}

export interface VoiceQueue {
  entries: QueuedVoice[];
  /** Entries not yet refused, waiting for a connection. */
  waiting: number;
  syncing: boolean;
  /** Voices the server has confirmed since the page opened. */
  sentThisVisit: number;
  record(body: RecordVoiceBody): void;
  discard(idempotencyKey: string): void;
  syncNow(): void;
}

/**
 * The canvasser's queue for one review: entries are stored on the device, sent at once when
 * possible, and again whenever the browser says it is back online (and when the page opens).
 */
export function useVoiceQueue(slug: string): VoiceQueue {
  const queryClient = useQueryClient();
  // A new function each render; kept in a ref so the `online` listener is not re-attached (and a
  // sync started) on every render.
  const describeError = useErrorMessage();
  const describe = useRef(describeError);
  describe.current = describeError;
  const queue = useMemo(() => new OfflineQueue(deviceStorage(), `common-ground.voice-queue.${slug}`), [slug]);
  const [entries, setEntries] = useState<QueuedVoice[]>(() => queue.list());
  const [syncing, setSyncing] = useState(false);
  const [sentThisVisit, setSentThisVisit] = useState(0);

  const syncNow = useCallback(() => {
    if (queue.list().every((entry) => entry.error !== undefined)) return;
    setSyncing(true);
    void queue
      .sync(
        (entry) => listeningApi.recordVoice(slug, { ...entry.body, idempotencyKey: entry.idempotencyKey }),
        (error) => describe.current(error),
      )
      .then((result) => {
        if (result.sent > 0) {
          setSentThisVisit((count) => count + result.sent);
          void queryClient.invalidateQueries({ queryKey: listeningKeys.voices(slug) });
        }
      })
      .finally(() => {
        setEntries(queue.list());
        setSyncing(false);
      });
  }, [queue, slug, queryClient]);

  useEffect(() => {
    if (navigator.onLine) syncNow();
    const onOnline = () => syncNow();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [syncNow]);

  return {
    entries,
    waiting: entries.filter((entry) => entry.error === undefined).length,
    syncing,
    sentThisVisit,
    record(body) {
      queue.add(body, new Date());
      setEntries(queue.list());
      // Offline, the request would only fail: wait for the `online` event instead.
      if (navigator.onLine) syncNow();
    },
    discard(idempotencyKey) {
      queue.remove(idempotencyKey);
      setEntries(queue.list());
    },
    syncNow,
  };
}
