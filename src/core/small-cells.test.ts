import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SuppressedCounts, suppressSmallCells } from './small-cells.js';

/**
 * What a reader can deduce from a published list, worked out by brute force (not by the interval
 * reasoning the implementation uses): every value each hidden cell can take such that the hidden
 * cells are within what their labels say ("fewer than t" = 1..t−1, a complement ≥ t) and, when the
 * total is shown, everything adds up to it. Without a total there is no equation, so each hidden cell
 * can take every value its label allows.
 */
function possibleValues(published: SuppressedCounts): Map<number, Set<number>> {
  const { threshold } = published;
  const hidden = published.cells.flatMap((cell, index) => (cell.state === 'shown' ? [] : [{ index, cell }]));
  const shownSum = published.cells.reduce((sum, cell) => (cell.state === 'shown' ? sum + cell.value : sum), 0);
  const result = new Map<number, Set<number>>();
  if (published.total === null) {
    // The lowest two values of each label's range are enough to show it is not a single value.
    for (const { index, cell } of hidden) {
      result.set(index, new Set(cell.state === 'small' ? range(1, threshold - 1) : [threshold, threshold + 1]));
    }
    return result;
  }
  const rest = published.total - shownSum;
  const ranges = hidden.map(({ cell }) => (cell.state === 'small' ? range(1, threshold - 1) : range(threshold, rest)));
  ranges.forEach((values, position) => {
    // Sums the other hidden cells can reach together.
    let reachable = new Set([0]);
    ranges.forEach((others, otherPosition) => {
      if (otherPosition === position) return;
      const next = new Set<number>();
      for (const sum of reachable) for (const value of others) if (sum + value <= rest) next.add(sum + value);
      reachable = next;
    });
    const index = hidden[position]?.index ?? -1;
    result.set(index, new Set(values.filter((value) => reachable.has(rest - value))));
  });
  return result;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, offset) => from + offset);
}

const countLists = fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 40 })), {
  minLength: 1,
  maxLength: 6,
});

describe('small-cell suppression', () => {
  it('never lets a reader work out a hidden count from the total and the other cells', () => {
    fc.assert(
      fc.property(countLists, (counts) => {
        const published = suppressSmallCells(counts);
        for (const [index, values] of possibleValues(published)) {
          expect(values.has(counts[index] ?? -1), `cell ${index} of ${counts}`).toBe(true);
          expect(values.size, `cell ${index} of ${counts} is derivable`).toBeGreaterThan(1);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('tells the truth about every cell and the total, and hides no more than needed', () => {
    fc.assert(
      fc.property(countLists, fc.integer({ min: 3, max: 12 }), (counts, threshold) => {
        const published = suppressSmallCells(counts, threshold);
        published.cells.forEach((cell, index) => {
          const count = counts[index] ?? -1;
          if (cell.state === 'shown') {
            expect(cell.value).toBe(count);
            expect(count === 0 || count >= threshold).toBe(true);
          } else if (cell.state === 'small') {
            expect(count).toBeGreaterThanOrEqual(1);
            expect(count).toBeLessThan(threshold);
          } else {
            expect(count).toBeGreaterThanOrEqual(threshold);
          }
        });
        const sum = counts.reduce((total, count) => total + count, 0);
        if (published.total !== null) expect(published.total).toBe(sum);
        // Nothing small: everything and the total are shown.
        if (counts.every((count) => count === 0 || count >= threshold)) {
          expect(published.total).toBe(sum);
          expect(published.cells.every((cell) => cell.state === 'shown')).toBe(true);
        }
        // Without a total nothing needs a complement.
        if (published.total === null) expect(published.cells.some((cell) => cell.state === 'complement')).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('hides the smallest large count beside a lone small one, keeping the total', () => {
    expect(suppressSmallCells([25, 3, 14, 40])).toEqual({
      cells: [
        { state: 'shown', value: 25 },
        { state: 'small' },
        { state: 'complement' },
        { state: 'shown', value: 40 },
      ],
      total: 82,
      threshold: 10,
    });
  });

  it('withholds the total when every complement would still give a count away', () => {
    // 1 + 10: with both hidden and the total 11, the small cell must be 1 and the other 10.
    const published = suppressSmallCells([1, 10]);
    expect(published.total).toBeNull();
    expect(published.cells).toEqual([{ state: 'small' }, { state: 'shown', value: 10 }]);
    // Two small cells that can only be 1 + 1.
    expect(suppressSmallCells([1, 1]).total).toBeNull();
    expect(suppressSmallCells([4, 5]).total).toBe(9);
  });

  it('refuses a threshold too low to hide anything, and counts that are not people', () => {
    expect(() => suppressSmallCells([1, 2], 2)).toThrow(RangeError);
    expect(() => suppressSmallCells([1.5])).toThrow(RangeError);
    expect(() => suppressSmallCells([-1])).toThrow(RangeError);
  });
});
