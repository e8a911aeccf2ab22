/**
 * Tells whoever is watching a review's results that a new analysis was saved. Behind this small
 * interface so that several app instances can share it (`shared-live-bus.ts`: PostgreSQL
 * LISTEN/NOTIFY or a Redis channel carrying the same `{ reviewId, version }` message); one process
 * needs only the in-memory bus.
 */
export interface AnalysisSaved {
  reviewId: number;
  version: number;
}

export interface AnalysisEvents {
  publish(event: AnalysisSaved): void;
  /** Calls `listener` for each analysis saved for the review; returns the unsubscribe function. */
  subscribe(reviewId: number, listener: (event: AnalysisSaved) => void): () => void;
  /** Calls `listener` for every review's analyses (the runner refreshes its routing from them). */
  subscribeAll(listener: (event: AnalysisSaved) => void): () => void;
}

/** The bus for one process: listeners per review, called synchronously on publish. */
export class InProcessAnalysisEvents implements AnalysisEvents {
  readonly #listeners = new Map<number, Set<(event: AnalysisSaved) => void>>();
  readonly #everyReview = new Set<(event: AnalysisSaved) => void>();

  publish(event: AnalysisSaved): void {
    for (const listener of [...(this.#listeners.get(event.reviewId) ?? []), ...this.#everyReview]) {
      try {
        listener(event);
      } catch {
        // One broken stream must not stop the others hearing about the analysis.
      }
    }
  }

  subscribe(reviewId: number, listener: (event: AnalysisSaved) => void): () => void {
    let listeners = this.#listeners.get(reviewId);
    if (!listeners) {
      listeners = new Set();
      this.#listeners.set(reviewId, listeners);
    }
    listeners.add(listener);
    return () => {
      const current = this.#listeners.get(reviewId);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.#listeners.delete(reviewId);
    };
  }

  subscribeAll(listener: (event: AnalysisSaved) => void): () => void {
    this.#everyReview.add(listener);
    return () => {
      this.#everyReview.delete(listener);
    };
  }

  /** How many listeners a review has (tests check that closed streams unsubscribe). */
  listenerCount(reviewId: number): number {
    return this.#listeners.get(reviewId)?.size ?? 0;
  }
}
