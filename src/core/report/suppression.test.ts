import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suppressTable } from './suppression.js';

const threshold = 10;

/**
 * Every value a hidden cell of one line can take, by brute force (not by the implementation's
 * interval reasoning). The page labels every hidden cell alike, so a reader knows only that it holds
 * 0 to `limit` people; the line's equation must hold.
 */
function possibleValuesInLine(
  line: Array<{ value: number; shown: boolean; coefficient: number }>,
  limit: number,
): Array<{ value: number; possible: Set<number> }> {
  const constant = line.reduce((sum, cell) => sum + cell.coefficient * cell.value, 0);
  const shownPart = line.reduce((sum, cell) => (cell.shown ? sum + cell.coefficient * cell.value : sum), 0);
  const hidden = line.flatMap((cell, position) => (cell.shown ? [] : [{ ...cell, position }]));
  const ranges = hidden.map(() => Array.from({ length: limit + 1 }, (_, index) => index));
  return hidden.map((cell, position) => {
    // Sums Σ coefficient × value the other hidden cells can reach together.
    let reachable = new Set([0]);
    hidden.forEach((other, otherPosition) => {
      if (otherPosition === position) return;
      const next = new Set<number>();
      for (const sum of reachable)
        for (const value of ranges[otherPosition] ?? []) next.add(sum + other.coefficient * value);
      reachable = next;
    });
    const values = (ranges[position] ?? []).filter((value) =>
      reachable.has(constant - shownPart - cell.coefficient * value),
    );
    return { value: cell.value, possible: new Set(values) };
  });
}

const tables = fc
  // At least two rows, as every breakdown has: the options and "no answer".
  .tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 3 }))
  .chain(([rows, columns]) =>
    fc.array(
      fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 40 })), {
        minLength: columns,
        maxLength: columns,
      }),
      { minLength: rows, maxLength: rows },
    ),
  );

describe('suppressTable', () => {
  it('shows true counts and hides every count of 1 to 9, totals included', () => {
    fc.assert(
      fc.property(tables, (counts) => {
        const table = suppressTable(counts, threshold);
        counts.forEach((row, rowIndex) => {
          const rowTotal = row.reduce((sum, value) => sum + value, 0);
          row.forEach((value, column) => {
            const shown = table.cells[rowIndex]?.[column];
            if (shown !== null) expect(shown).toBe(value);
            if (value > 0 && value < threshold) expect(shown).toBeNull();
          });
          const shownTotal = table.rowTotals[rowIndex];
          if (shownTotal !== null) expect(shownTotal).toBe(rowTotal);
          if (rowTotal > 0 && rowTotal < threshold) expect(shownTotal).toBeNull();
        });
      }),
    );
  });

  it('leaves no hidden count derivable from any row or column and its known total (checked by brute force)', () => {
    fc.assert(
      fc.property(tables, (counts) => {
        const table = suppressTable(counts, threshold);
        const limit = table.total;
        const rowLines = counts.map((row, rowIndex) => [
          ...row.map((value, column) => ({ value, shown: table.cells[rowIndex]?.[column] !== null, coefficient: 1 })),
          {
            value: row.reduce((sum, value) => sum + value, 0),
            shown: table.rowTotals[rowIndex] !== null,
            coefficient: -1,
          },
        ]);
        const columnCount = counts[0]?.length ?? 0;
        const columnLines = Array.from({ length: columnCount + 1 }, (_, column) =>
          counts.map((row, rowIndex) =>
            column < columnCount
              ? { value: row[column] ?? 0, shown: table.cells[rowIndex]?.[column] !== null, coefficient: 1 }
              : {
                  value: row.reduce((sum, value) => sum + value, 0),
                  shown: table.rowTotals[rowIndex] !== null,
                  coefficient: 1,
                },
          ),
        );
        for (const line of [...rowLines, ...columnLines]) {
          for (const { value, possible } of possibleValuesInLine(line, limit)) {
            // A zero shown by deduction describes nobody; every other hidden count must stay open.
            if (value > 0) expect(possible.size).toBeGreaterThan(1);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('hides a second cell in a row where one small count sits beside a known total', () => {
    // Tradition A: 4 in group 1, 30 in group 2; the group sizes are public, so hiding 4 alone is not enough.
    const table = suppressTable([
      [4, 30],
      [20, 25],
    ]);
    expect(table.cells[0]?.[0]).toBeNull();
    const hiddenInRow = [...(table.cells[0] ?? []), table.rowTotals[0]].filter((value) => value === null).length;
    const hiddenInColumn = table.cells.map((row) => row[0]).filter((value) => value === null).length;
    expect(hiddenInRow).toBeGreaterThanOrEqual(2);
    expect(hiddenInColumn).toBeGreaterThanOrEqual(2);
    expect(table.columnTotals).toEqual([24, 55]);
    expect(table.total).toBe(79);
  });

  it('hides more when two small counts would pin each other through their known total', () => {
    // Group sizes are public: 1 + 1 + 30 = 32, so "fewer than 10" twice with 30 shown means 1 and 1.
    const table = suppressTable([[1], [1], [30]]);
    expect(table.cells.map((row) => row[0])).toEqual([null, null, null]);
  });
});
