/**
 * The retention rule: a review's identifying data is deleted `retentionDays` whole days after it
 * closed, once per close. Pure: the caller passes the time.
 */

export interface RetentionFacts {
  /** When the review last closed; null while it is not closed. */
  closedAt: string | null;
  /** Null when the review keeps its data (no retention period). */
  retentionDays: number | null;
  /** When identifying data was last deleted; null if never. */
  identifyingDataDeletedAt: string | null;
}

const dayMilliseconds = 24 * 60 * 60 * 1000;

/** When the review's identifying data falls due for deletion, or null when it never will as things stand. */
export function retentionDueAt(facts: Pick<RetentionFacts, 'closedAt' | 'retentionDays'>): string | null {
  if (facts.closedAt === null || facts.retentionDays === null) return null;
  const closed = Date.parse(facts.closedAt);
  if (Number.isNaN(closed)) return null;
  return new Date(closed + facts.retentionDays * dayMilliseconds).toISOString();
}

/**
 * Whether the retention job should delete the review's identifying data now: due, and not already
 * done since the review last closed (a review reopened and closed again is due again, because the
 * reopening may have gathered new data).
 */
export function isRetentionDue(facts: RetentionFacts, now: string): boolean {
  const dueAt = retentionDueAt(facts);
  if (dueAt === null || Date.parse(now) < Date.parse(dueAt)) return false;
  if (facts.identifyingDataDeletedAt === null || facts.closedAt === null) return true;
  return Date.parse(facts.identifyingDataDeletedAt) < Date.parse(facts.closedAt);
}

/** The reviews among `candidates` due now, in the order given. */
export function reviewsDueForRetention<T extends RetentionFacts>(candidates: readonly T[], now: string): T[] {
  return candidates.filter((candidate) => isRetentionDue(candidate, now));
}
