/**
 * Small-cell suppression for one list of people counts and its total, e.g. how many participants
 * chose each answer of an identity question. A count from 1 to `threshold − 1` is shown only as
 * "fewer than threshold"; zeros are shown, since they describe nobody.
 *
 * Hiding the small counts is not enough: a reader who sees the total and the other counts can
 * subtract. And because the reader also knows the bounds of what is hidden (a "fewer than 10" cell
 * holds 1 to 9, a cell hidden as a complement at least 10, since only counts of 10 or more are
 * picked), even two hidden cells can give each other away (two small cells adding up to 2 are both
 * 1). So after hiding the small counts, this works out what a reader can deduce, exactly: with one
 * equation (hidden cells add up to total − shown cells) and a range per hidden cell, the values a cell
 * can take form the interval [max(low, rest − others' highs), min(high, rest − others' lows)]. While
 * some hidden cell is pinned to one value, the smallest shown count of at least `threshold` is hidden
 * too (complementary suppression). If no candidate is left, the total is withheld instead, and with
 * no equation left, nothing needs a complement.
 */

export type CellDisplay =
  | { readonly state: 'shown'; readonly value: number }
  /** 1 to threshold − 1 people: shown as "fewer than threshold". */
  | { readonly state: 'small' }
  /** At least `threshold` people, hidden so that a small count next to it cannot be worked out. */
  | { readonly state: 'complement' };

export interface SuppressedCounts {
  readonly cells: readonly CellDisplay[];
  /** The sum of all counts, or null when showing it would give a hidden count away. */
  readonly total: number | null;
  readonly threshold: number;
}

export const smallCellThreshold = 10;

/** Suppresses `counts` (non-negative whole numbers). `threshold` must be at least 3, or "fewer than" says it all. */
export function suppressSmallCells(
  counts: readonly number[],
  threshold: number = smallCellThreshold,
): SuppressedCounts {
  if (!Number.isInteger(threshold) || threshold < 3) {
    throw new RangeError(`The small-cell threshold must be a whole number of at least 3, not ${threshold}.`);
  }
  for (const count of counts) {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`Counts are whole numbers ≥ 0, not ${count}.`);
  }
  const total = counts.reduce((sum, count) => sum + count, 0);
  const states: Array<CellDisplay['state']> = counts.map((count) => (isSmall(count, threshold) ? 'small' : 'shown'));
  if (!states.includes('small')) return present(counts, states, total, threshold);

  // Smallest first: each complement hides as little as it can.
  const candidates = counts
    .map((count, cell) => ({ count, cell }))
    .filter(({ count }) => count >= threshold)
    .sort((a, b) => a.count - b.count || a.cell - b.cell);
  for (const candidate of [undefined, ...candidates]) {
    if (candidate) states[candidate.cell] = 'complement';
    if (!anyHiddenCellPinned(counts, states, threshold)) return present(counts, states, total, threshold);
  }
  // Every complement tried and a hidden count is still pinned: withhold the total. Without it a reader
  // has no equation, so the complements protect nothing and are shown again.
  return present(
    counts,
    states.map((state) => (state === 'complement' ? 'shown' : state)),
    null,
    threshold,
  );
}

function isSmall(count: number, threshold: number): boolean {
  return count > 0 && count < threshold;
}

/** Whether a reader who sees the total could pin some hidden cell to a single value. */
function anyHiddenCellPinned(
  counts: readonly number[],
  states: ReadonlyArray<CellDisplay['state']>,
  threshold: number,
): boolean {
  const total = counts.reduce((sum, count) => sum + count, 0);
  const hidden: Array<{ low: number; high: number }> = [];
  let rest = total;
  states.forEach((state, cell) => {
    if (state === 'shown') rest -= counts[cell] ?? 0;
    else if (state === 'small') hidden.push({ low: 1, high: threshold - 1 });
    else hidden.push({ low: threshold, high: Number.POSITIVE_INFINITY });
  });
  const sumOfLows = hidden.reduce((sum, range) => sum + range.low, 0);
  // Complements have no upper bound; counted apart so that no ∞ − ∞ turns into NaN.
  const unbounded = hidden.filter((range) => range.high === Number.POSITIVE_INFINITY).length;
  const sumOfFiniteHighs = hidden.reduce((sum, range) => (Number.isFinite(range.high) ? sum + range.high : sum), 0);
  return hidden.some(({ low, high }) => {
    const othersUnbounded = unbounded - (Number.isFinite(high) ? 0 : 1) > 0;
    const othersHigh = othersUnbounded
      ? Number.POSITIVE_INFINITY
      : sumOfFiniteHighs - (Number.isFinite(high) ? high : 0);
    const lowest = Math.max(low, rest - othersHigh);
    const highest = Math.min(high, rest - (sumOfLows - low));
    return lowest >= highest;
  });
}

function present(
  counts: readonly number[],
  states: ReadonlyArray<CellDisplay['state']>,
  total: number | null,
  threshold: number,
): SuppressedCounts {
  const cells = states.map((state, cell): CellDisplay => {
    if (state === 'shown') return { state, value: counts[cell] ?? 0 };
    return { state };
  });
  return { cells, total, threshold };
}
