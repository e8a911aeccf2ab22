/**
 * Makes sure only one app instance analyses a review at a time. `runExclusive` runs `run` and
 * resolves true, or resolves false without running it when another instance holds the review.
 */
export interface AnalysisLock {
  runExclusive(reviewId: number, run: () => Promise<void>): Promise<boolean>;
}

/** One process: the runner already keeps one run per review, so there is nothing to exclude. */
export const noAnalysisLock: AnalysisLock = {
  async runExclusive(_reviewId, run) {
    await run();
    return true;
  },
};
