import type { NewVote, RecordedVote, Store } from '../../store/store.js';

export interface VoteWriterOptions {
  /** Flush at once when this many votes wait. Default 256. */
  maxBatch?: number;
  /** Otherwise flush this long after the first waiting vote arrived. Default 2 ms. */
  maxWaitMs?: number;
}

interface Pending {
  vote: NewVote;
  resolve: (result: RecordedVote) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for votes. A vote is acknowledged only once it is durable (its transaction has
 * committed, and SQLite runs synchronous=FULL), but one fsync per vote caps a single SQLite file at a
 * few hundred votes a second. So votes arriving within a couple of milliseconds share one
 * transaction: each caller's promise settles after that COMMIT.
 *
 * Callers validate first (commands refuse closed reviews, hidden statements…), so a batch normally
 * cannot fail. If it does anyway (a statement deleted meanwhile, a deadlock), the whole batch rolled
 * back, and each vote is retried in its own transaction so that only the bad one fails.
 *
 * One batch is written at a time; votes that arrive meanwhile wait and form the next batch, which is
 * what makes batches grow under load.
 */
export class VoteWriter {
  readonly #store: Store;
  readonly #maxBatch: number;
  readonly #maxWaitMs: number;
  #queue: Pending[] = [];
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> | undefined;

  constructor(store: Store, options: VoteWriterOptions = {}) {
    this.#store = store;
    this.#maxBatch = options.maxBatch ?? 256;
    this.#maxWaitMs = options.maxWaitMs ?? 2;
  }

  /** Resolves once the vote is committed (or found to be a replay of an earlier idempotency key). */
  write(vote: NewVote): Promise<RecordedVote> {
    return new Promise<RecordedVote>((resolve, reject) => {
      this.#queue.push({ vote, resolve, reject });
      this.#schedule();
    });
  }

  /** Writes whatever is waiting and resolves when nothing is left (shutdown, tests). */
  async drain(): Promise<void> {
    while (this.#queue.length > 0 || this.#writing !== undefined) {
      if (this.#writing === undefined) this.#flushNow();
      await this.#writing;
    }
  }

  #schedule(): void {
    if (this.#writing !== undefined) return; // the running batch picks the queue up when it ends
    if (this.#queue.length >= this.#maxBatch) {
      this.#flushNow();
      return;
    }
    this.#timer ??= setTimeout(() => this.#flushNow(), this.#maxWaitMs);
  }

  #flushNow(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (this.#writing !== undefined || this.#queue.length === 0) return;
    const batch = this.#queue.splice(0, this.#maxBatch);
    this.#writing = this.#writeBatch(batch).finally(() => {
      this.#writing = undefined;
      // Votes that queued while this batch was committing have waited long enough: go at once.
      if (this.#queue.length > 0) this.#flushNow();
    });
  }

  async #writeBatch(batch: Pending[]): Promise<void> {
    try {
      const results = await this.#store.recordVotes(batch.map((pending) => pending.vote));
      for (const [index, pending] of batch.entries()) pending.resolve(results[index] as RecordedVote);
      return;
    } catch {
      // Rolled back as a whole: fall through and find out which vote it was.
    }
    for (const pending of batch) {
      try {
        const [result] = await this.#store.recordVotes([pending.vote]);
        pending.resolve(result as RecordedVote);
      } catch (error) {
        pending.reject(error);
      }
    }
  }
}

const writers = new WeakMap<Store, VoteWriter>();

/**
 * The one writer of a store. Kept beside the store rather than in the app context, so every route
 * and command that votes shares the same batches without each caller wiring one up.
 */
export function voteWriterFor(store: Store): VoteWriter {
  let writer = writers.get(store);
  if (writer === undefined) {
    writer = new VoteWriter(store);
    writers.set(store, writer);
  }
  return writer;
}
