import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maximumWeightAssignment } from './assignment.js';

/** The best total over every one-to-one pairing, by brute force over permutations. */
function bestTotal(scores: number[][]): number {
  const rows = scores.length;
  const columns = scores[0]?.length ?? 0;
  let best = 0;
  const used = new Array<boolean>(columns).fill(false);
  const visit = (row: number, total: number): void => {
    if (row === rows) {
      best = Math.max(best, total);
      return;
    }
    visit(row + 1, total); // row left unassigned
    for (let column = 0; column < columns; column++) {
      if (used[column]) continue;
      used[column] = true;
      visit(row + 1, total + (scores[row]?.[column] ?? 0));
      used[column] = false;
    }
  };
  visit(0, 0);
  return best;
}

describe('maximumWeightAssignment', () => {
  it('finds the one-to-one pairing with the largest total, square or rectangular', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 25, maxLength: 25 }),
        (rows, columns, pool) => {
          const scores = Array.from({ length: rows }, (_, row) =>
            Array.from({ length: columns }, (_, column) => pool[row * 5 + column] as number),
          );
          const assignment = maximumWeightAssignment(scores);
          const columnsUsed = [...assignment].filter((column) => column >= 0);
          expect(new Set(columnsUsed).size).toBe(columnsUsed.length);
          const total = [...assignment].reduce(
            (sum, column, row) => (column >= 0 ? sum + (scores[row]?.[column] ?? 0) : sum),
            0,
          );
          expect(total).toBeCloseTo(bestTotal(scores), 9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('prefers the pairing with the larger total over the greedy one', () => {
    // Greedy takes 0.9 (row 0 → column 0) and is left with 0.1; the best total is 0.8 + 0.8.
    expect(
      Array.from(
        maximumWeightAssignment([
          [0.9, 0.8],
          [0.8, 0.1],
        ]),
      ),
    ).toEqual([1, 0]);
  });

  it('handles an empty matrix', () => {
    expect(maximumWeightAssignment([]).length).toBe(0);
  });
});
