import type { Store } from '../../store/store.js';

/** How long counts read from the store are trusted before being read again. */
const maxAgeMs = 2_000;

interface Entry {
  counts: Map<number, number>;
  loadedAt: number;
}

/**
 * Current votes per statement, for fewest-votes-first ordering, kept in memory per review. Reading
 * them from the store counts every vote of the review (milliseconds once a review has tens of
 * thousands), and the participation answer to every vote needs them. Votes written through this
 * process's VoteWriter are added as they commit (`recorded`), so on one instance the counts stay
 * exact; votes from other instances, imports or erasures show up within `maxAgeMs`, which only
 * affects the order statements are offered in.
 */
export class VoteCounts {
  readonly #store: Store;
  readonly #entries = new Map<number, Entry>();
  readonly #loading = new Map<number, Promise<Map<number, number>>>();

  constructor(store: Store) {
    this.#store = store;
  }

  /** The review's counts; concurrent callers share one read of the store. */
  async get(reviewId: number, now = Date.now()): Promise<Map<number, number>> {
    const entry = this.#entries.get(reviewId);
    if (entry !== undefined && now - entry.loadedAt < maxAgeMs) return entry.counts;
    const loading = this.#loading.get(reviewId);
    if (loading !== undefined) return loading;
    const load = this.#store
      .currentVoteCounts(reviewId)
      .then((counts) => {
        this.#entries.set(reviewId, { counts, loadedAt: now });
        return counts;
      })
      .finally(() => this.#loading.delete(reviewId));
    this.#loading.set(reviewId, load);
    return load;
  }

  /** A committed vote: a participant's first on the statement adds one to its count. */
  recorded(reviewId: number, statementId: number, firstOnStatement: boolean): void {
    if (!firstOnStatement) return;
    // A vote committing while the counts are being read may be counted twice or not at all; that
    // lasts until the next read, and only nudges the order in which statements are offered.
    const counts = this.#entries.get(reviewId)?.counts;
    if (counts !== undefined) counts.set(statementId, (counts.get(statementId) ?? 0) + 1);
  }

  /** Forget the review's counts (a write that did not go through the VoteWriter). */
  forget(reviewId: number): void {
    this.#entries.delete(reviewId);
  }
}

const byStore = new WeakMap<Store, VoteCounts>();

/** The one VoteCounts of a store, shared by every request (see `voteWriterFor`). */
export function voteCountsFor(store: Store): VoteCounts {
  let counts = byStore.get(store);
  if (counts === undefined) {
    counts = new VoteCounts(store);
    byStore.set(store, counts);
  }
  return counts;
}
