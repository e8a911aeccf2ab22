/**
 * Which statement a participant sees next, before any analysis exists: fewest votes first (so new
 * statements quickly gather enough votes to be analysed), ties broken by a per-participant seeded
 * shuffle (so participants do not all see the same order and the first statements are not favoured).
 */

/** A 32-bit integer hash of (seed, value): murmur3's finaliser over a mixed pair; stateless and fast. */
export function seededHash(seed: number, value: number): number {
  let hash = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(value, 0xc2b2ae35)) >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

export interface OrderableStatement {
  statementId: number;
  voteCount: number;
}

/** Statement ids in the order to show them, fewest votes first, seeded shuffle within ties. */
export function orderFewestVotesFirst(statements: readonly OrderableStatement[], seed: number): number[] {
  return [...statements]
    .sort(
      (a, b) =>
        a.voteCount - b.voteCount ||
        seededHash(seed, a.statementId) - seededHash(seed, b.statementId) ||
        a.statementId - b.statementId,
    )
    .map((statement) => statement.statementId);
}
