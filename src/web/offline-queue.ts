/**
 * A queue of voter voices kept on the canvasser's device until the server has them. Each entry gets
 * its own idempotency key when it is queued, so however often a sync is retried (a dropped
 * connection after the server stored it, two tabs, the `online` event racing a submit) the server
 * stores it once. An entry leaves the device only when the server has answered that it has it;
 * the voter's words are on the phone no longer than that.
 */
import type { RecordVoiceBody } from '../contract/listening.js';
import { ApiError } from './api.js';

export interface QueuedVoice {
  idempotencyKey: string;
  body: RecordVoiceBody;
  queuedAt: string;
  /** Set when the server refused the entry for good (a 4xx); it then waits for the canvasser. */
  error?: string;
}

export type QueueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** A random key: crypto.randomUUID where the page is a secure context, random bytes otherwise. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Whether trying again later may work: no connection (status 0), the server in trouble (5xx) or
 * busy (429). Anything else is an answer about the entry itself and will not change on a retry.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status >= 500 || error.status === 429;
}

export interface SyncResult {
  sent: number;
  refused: number;
  /** True when a transient failure stopped the run; the rest wait for the next one. */
  interrupted: boolean;
}

export class OfflineQueue {
  readonly #storage: QueueStorage;
  readonly #name: string;
  #syncing: Promise<SyncResult> | undefined;

  constructor(storage: QueueStorage, name: string) {
    this.#storage = storage;
    this.#name = name;
  }

  list(): QueuedVoice[] {
    try {
      const parsed: unknown = JSON.parse(this.#storage.getItem(this.#name) ?? '[]');
      return Array.isArray(parsed) ? (parsed as QueuedVoice[]) : [];
    } catch {
      return [];
    }
  }

  #write(entries: QueuedVoice[]): void {
    this.#storage.setItem(this.#name, JSON.stringify(entries));
  }

  /** Keeps the entry on the device first, so nothing is lost whatever happens to the request. */
  add(body: RecordVoiceBody, now: Date, idempotencyKey = newIdempotencyKey()): QueuedVoice {
    const entry: QueuedVoice = { idempotencyKey, body, queuedAt: now.toISOString() };
    this.#write([...this.list(), entry]);
    return entry;
  }

  remove(idempotencyKey: string): void {
    this.#write(this.list().filter((entry) => entry.idempotencyKey !== idempotencyKey));
  }

  #markRefused(idempotencyKey: string, message: string): void {
    this.#write(
      this.list().map((entry) => (entry.idempotencyKey === idempotencyKey ? { ...entry, error: message } : entry)),
    );
  }

  /**
   * Sends the waiting entries one by one, oldest first. One run at a time: a second call while a
   * run is going joins it. Entries already refused are left for the canvasser to fix or discard.
   */
  sync(send: (entry: QueuedVoice) => Promise<unknown>, describe: (error: unknown) => string): Promise<SyncResult> {
    this.#syncing ??= this.#run(send, describe).finally(() => {
      this.#syncing = undefined;
    });
    return this.#syncing;
  }

  async #run(
    send: (entry: QueuedVoice) => Promise<unknown>,
    describe: (error: unknown) => string,
  ): Promise<SyncResult> {
    const result: SyncResult = { sent: 0, refused: 0, interrupted: false };
    for (const entry of this.list().filter((candidate) => candidate.error === undefined)) {
      try {
        await send(entry);
        this.remove(entry.idempotencyKey);
        result.sent += 1;
      } catch (error) {
        if (isTransient(error)) {
          result.interrupted = true;
          break;
        }
        this.#markRefused(entry.idempotencyKey, describe(error));
        result.refused += 1;
      }
    }
    return result;
  }
}
