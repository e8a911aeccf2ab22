import type { StatementRow, Store } from '../../store/store.js';

interface Entry {
  version: number;
  statements: StatementRow[];
}

/**
 * A review's statements kept in memory, for the vote path, which needs the whole list on every
 * request (is this statement votable? which comes next?). Reading every row each time was the
 * slowest query of a vote. Each use first reads the review's statements version (one primary-key
 * read; database triggers move it on any statement write, from any app instance), so the list served
 * is never older than one read by an uncached caller would be.
 *
 * The version is read before the list: a write landing in between leaves a list newer than its
 * version, which the next check finds different and reloads; never the other way round.
 */
export class StatementCache {
  readonly #store: Store;
  readonly #entries = new Map<number, Entry>();
  readonly #loading = new Map<number, { version: number; load: Promise<StatementRow[]> }>();

  constructor(store: Store) {
    this.#store = store;
  }

  /** The review's statements in creation order, as `store.listStatements(reviewId)` returns them. */
  async list(reviewId: number): Promise<StatementRow[]> {
    const version = await this.#store.statementsVersion(reviewId);
    const entry = this.#entries.get(reviewId);
    if (entry !== undefined && entry.version === version) return entry.statements;
    // Concurrent requests that saw the same version share one read of the list.
    const loading = this.#loading.get(reviewId);
    if (loading !== undefined && loading.version === version) return loading.load;
    const load = this.#store.listStatements(reviewId).then((statements) => {
      const current = this.#entries.get(reviewId);
      if (current === undefined || current.version <= version) this.#entries.set(reviewId, { version, statements });
      return statements;
    });
    const pending = { version, load };
    this.#loading.set(reviewId, pending);
    void load
      .finally(() => {
        if (this.#loading.get(reviewId) === pending) this.#loading.delete(reviewId);
      })
      .catch(() => undefined);
    return load;
  }
}

const byStore = new WeakMap<Store, StatementCache>();

/** The one StatementCache of a store, shared by every request (see `voteWriterFor`). */
export function statementCacheFor(store: Store): StatementCache {
  let cache = byStore.get(store);
  if (cache === undefined) {
    cache = new StatementCache(store);
    byStore.set(store, cache);
  }
  return cache;
}
