/**
 * Small-cell suppression for two-way tables of people counts about declared groups (traditions,
 * seats… × opinion groups): a count of fewer than `threshold` people is never shown, and neither is
 * any count that would let a reader work a hidden one out. (One list with its total is
 * `core/small-cells.ts`; this is the same reasoning over a table's rows and columns.)
 *
 * The table is described as cells plus "lines": sets of cells tied by one linear equation a reader
 * knows (a row adding up to its total, a column adding up to a group size published elsewhere). A
 * reader also knows what a hidden cell may hold: "fewer than 10" is 1 to 9, any other hidden cell at
 * least 0. Within each line that bounds every hidden cell to an interval; while some hidden cell's
 * interval is a single value (one hidden cell in a line, or two small cells adding up to 2…), the
 * smallest shown count of that line is hidden too (complementary suppression). This checks each line
 * on its own, the usual audit for published tables, not every combination of lines.
 */

/** One equation among cells that a reader of the published table knows: Σ coefficient × cell = constant. */
export interface SuppressionLine {
  readonly cells: readonly number[];
  /** +1 or −1 per cell (a row total sits in its row's line with −1); all +1 when absent. */
  readonly coefficients?: readonly number[];
}

export interface SuppressionInput {
  readonly values: readonly number[];
  readonly lines: readonly SuppressionLine[];
  /** Cells that are published elsewhere anyway (e.g. group sizes): never hidden, never chosen. */
  readonly fixed?: ReadonlySet<number>;
  /** Counts from 1 to threshold − 1 are hidden; default 10. */
  readonly threshold?: number;
}

export const defaultSmallCellThreshold = 10;

/** Whether each cell is hidden. Zeros are shown (nobody is described by them) unless chosen as a complement. */
export function suppressCells(input: SuppressionInput): boolean[] {
  const threshold = input.threshold ?? defaultSmallCellThreshold;
  const fixed = input.fixed ?? new Set<number>();
  const small = input.values.map((value, cell) => !fixed.has(cell) && value > 0 && value < threshold);
  const hidden = [...small];
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of input.lines) {
      if (!linePinsAHiddenCell(line, input.values, hidden, small, threshold)) continue;
      const complement = smallestCandidate(line.cells, input.values, hidden, fixed);
      // Nothing left to hide in this line: it is all totals the caller publishes anyway.
      if (complement === undefined) continue;
      hidden[complement] = true;
      changed = true;
    }
  }
  return hidden;
}

/** Whether a reader of this line alone could narrow some hidden cell to one value. */
function linePinsAHiddenCell(
  line: SuppressionLine,
  values: readonly number[],
  hidden: readonly boolean[],
  small: readonly boolean[],
  threshold: number,
): boolean {
  const terms = line.cells.map((cell, position) => {
    const coefficient = line.coefficients?.[position] ?? 1;
    const value = values[cell] ?? 0;
    const [low, high] = hidden[cell]
      ? small[cell]
        ? [1, threshold - 1]
        : [0, Number.POSITIVE_INFINITY]
      : [value, value];
    // The range of coefficient × cell.
    const range = coefficient >= 0 ? [coefficient * low, coefficient * high] : [coefficient * high, coefficient * low];
    return { cell, coefficient, low, high, termLow: range[0] as number, termHigh: range[1] as number, value };
  });
  const constant = terms.reduce((sum, term) => sum + term.coefficient * term.value, 0);
  return terms.some((term) => {
    if (!hidden[term.cell]) return false;
    let othersLow = 0;
    let othersHigh = 0;
    for (const other of terms) {
      if (other === term) continue;
      othersLow += other.termLow;
      othersHigh += other.termHigh;
    }
    // coefficient × cell = constant − others, so the cell lies between these two (in some order).
    const a = (constant - othersHigh) / term.coefficient;
    const b = (constant - othersLow) / term.coefficient;
    const lowest = Math.max(term.low, Number.isNaN(a) ? Number.NEGATIVE_INFINITY : Math.min(a, b));
    const highest = Math.min(term.high, Number.isNaN(b) ? Number.POSITIVE_INFINITY : Math.max(a, b));
    return lowest >= highest;
  });
}

function smallestCandidate(
  cells: readonly number[],
  values: readonly number[],
  hidden: readonly boolean[],
  fixed: ReadonlySet<number>,
): number | undefined {
  let best: number | undefined;
  for (const cell of cells) {
    if (hidden[cell] || fixed.has(cell)) continue;
    // Prefer a non-zero cell: a hidden zero next to a small count gives the count away whenever a
    // reader can tell the zero is a zero (e.g. from an empty row elsewhere).
    if (best === undefined || rank(values[cell] ?? 0) < rank(values[best] ?? 0)) best = cell;
  }
  return best;
}

function rank(value: number): number {
  return value === 0 ? Number.POSITIVE_INFINITY : value;
}

/** A suppressed two-way table: null where a count is hidden. */
export interface SuppressedTable {
  cells: Array<Array<number | null>>;
  rowTotals: Array<number | null>;
  columnTotals: number[];
  total: number;
}

/**
 * Suppresses a rows × columns table of people counts whose column totals and grand total are
 * published elsewhere (so they stay shown). Row totals are part of the table and may be hidden.
 * Lines: every row with its total, every column with its (known) total, and the row-totals column
 * with the grand total.
 */
export function suppressTable(counts: ReadonlyArray<ReadonlyArray<number>>, threshold?: number): SuppressedTable {
  const rowCount = counts.length;
  const columnCount = counts[0]?.length ?? 0;
  const width = columnCount + 1;
  const values: number[] = [];
  const columnTotals = new Array<number>(columnCount).fill(0);
  for (const row of counts) {
    let rowTotal = 0;
    for (let column = 0; column < columnCount; column++) {
      const value = row[column] ?? 0;
      values.push(value);
      rowTotal += value;
      columnTotals[column] = (columnTotals[column] as number) + value;
    }
    values.push(rowTotal);
  }
  const cellIndex = (row: number, column: number) => row * width + column;
  const lines: SuppressionLine[] = [];
  for (let row = 0; row < rowCount; row++) {
    lines.push({
      cells: Array.from({ length: width }, (_, column) => cellIndex(row, column)),
      coefficients: Array.from({ length: width }, (_, column) => (column === columnCount ? -1 : 1)),
    });
  }
  // Column totals (and so the grand total) are known; the cells of a column are tied by them.
  for (let column = 0; column < width; column++) {
    lines.push({ cells: Array.from({ length: rowCount }, (_, row) => cellIndex(row, column)) });
  }
  const hidden = suppressCells({ values, lines, ...(threshold === undefined ? {} : { threshold }) });
  const shown = (row: number, column: number) =>
    hidden[cellIndex(row, column)] ? null : (values[cellIndex(row, column)] as number);
  return {
    cells: counts.map((_, row) => Array.from({ length: columnCount }, (_, column) => shown(row, column))),
    rowTotals: counts.map((_, row) => shown(row, columnCount)),
    columnTotals,
    total: columnTotals.reduce((sum, value) => sum + value, 0),
  };
}
