/**
 * How many statements one participant may add, so one voice (or one script) cannot flood a review
 * and its moderators. Pol.is has no such limit; a short burst window plus a per-review ceiling keeps
 * ordinary use untouched (few people write more than a handful of statements) while stopping floods.
 */
export const statementPostingLimits = {
  /** At most this many statements… */
  perWindow: 3,
  /** …in any window of this many minutes. */
  windowMinutes: 10,
  /** And at most this many in one review, ever (rejected ones count: they were posted). */
  perReview: 20,
} as const;

export type StatementPostingLimits = { perWindow: number; windowMinutes: number; perReview: number };

export type StatementPostingDecision =
  | { allowed: true }
  | { allowed: false; reason: 'too_fast'; retryAt: string; recentCount: number }
  | { allowed: false; reason: 'too_many'; total: number };

/** The start of the window that ends at `now`, as an ISO time: statements created after it are "recent". */
export function postingWindowStart(now: string, limits: StatementPostingLimits = statementPostingLimits): string {
  return new Date(Date.parse(now) - limits.windowMinutes * 60_000).toISOString();
}

/**
 * Whether a participant may add a statement at `now`, given how many they have added to the review
 * and the creation times of those within the window (any order). When too fast, `retryAt` is the
 * moment enough of the recent ones leave the window for one more to fit.
 */
export function decideStatementPosting(
  activity: { total: number; recentCreatedAt: readonly string[] },
  now: string,
  limits: StatementPostingLimits = statementPostingLimits,
): StatementPostingDecision {
  if (activity.total >= limits.perReview) return { allowed: false, reason: 'too_many', total: activity.total };
  const windowStart = Date.parse(postingWindowStart(now, limits));
  const recent = activity.recentCreatedAt
    .map((createdAt) => Date.parse(createdAt))
    .filter((time) => time > windowStart)
    .sort((first, second) => first - second);
  if (recent.length < limits.perWindow) return { allowed: true };
  // With n recent and room for perWindow - 1 before one more fits, the n - perWindow + 1 oldest must
  // leave the window; the newest of them leaves last and so decides when.
  const mustLeave = recent[recent.length - limits.perWindow]!;
  return {
    allowed: false,
    reason: 'too_fast',
    retryAt: new Date(mustLeave + limits.windowMinutes * 60_000).toISOString(),
    recentCount: recent.length,
  };
}
