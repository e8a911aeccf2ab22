/**
 * Maximum-weight assignment between rows and columns of a score matrix (Kuhn–Munkres, the O(n³)
 * shortest-augmenting-path form with potentials). Returns, for each row, its column or −1. A
 * rectangular matrix is padded with zero scores, and pairs that land on padding are left unassigned.
 */
export function maximumWeightAssignment(scores: readonly (readonly number[])[]): Int32Array {
  const rowCount = scores.length;
  const columnCount = rowCount === 0 ? 0 : Math.max(...scores.map((row) => row.length));
  const size = Math.max(rowCount, columnCount);
  const result = new Int32Array(rowCount).fill(-1);
  if (size === 0) return result;
  let highest = 0;
  for (const row of scores) for (const score of row) highest = Math.max(highest, score);
  // Costs to minimise, 1-indexed with a virtual row/column 0 as the algorithm's starting point.
  const cost = (row: number, column: number): number => highest - (scores[row - 1]?.[column - 1] ?? 0);
  const rowPotential = new Float64Array(size + 1);
  const columnPotential = new Float64Array(size + 1);
  const rowOfColumn = new Int32Array(size + 1);
  const previousColumn = new Int32Array(size + 1);
  const slack = new Float64Array(size + 1);
  const used = new Uint8Array(size + 1);
  for (let row = 1; row <= size; row++) {
    rowOfColumn[0] = row;
    let column = 0;
    slack.fill(Number.POSITIVE_INFINITY);
    used.fill(0);
    do {
      used[column] = 1;
      const currentRow = rowOfColumn[column] as number;
      let delta = Number.POSITIVE_INFINITY;
      let nextColumn = 0;
      for (let candidate = 1; candidate <= size; candidate++) {
        if (used[candidate]) continue;
        const reduced =
          cost(currentRow, candidate) - (rowPotential[currentRow] as number) - (columnPotential[candidate] as number);
        if (reduced < (slack[candidate] as number)) {
          slack[candidate] = reduced;
          previousColumn[candidate] = column;
        }
        if ((slack[candidate] as number) < delta) {
          delta = slack[candidate] as number;
          nextColumn = candidate;
        }
      }
      for (let candidate = 0; candidate <= size; candidate++) {
        if (used[candidate]) {
          rowPotential[rowOfColumn[candidate] as number] =
            (rowPotential[rowOfColumn[candidate] as number] as number) + delta;
          columnPotential[candidate] = (columnPotential[candidate] as number) - delta;
        } else {
          slack[candidate] = (slack[candidate] as number) - delta;
        }
      }
      column = nextColumn;
    } while (rowOfColumn[column] !== 0);
    do {
      const previous = previousColumn[column] as number;
      rowOfColumn[column] = rowOfColumn[previous] as number;
      column = previous;
    } while (column !== 0);
  }
  for (let column = 1; column <= size; column++) {
    const row = (rowOfColumn[column] as number) - 1;
    if (row >= 0 && row < rowCount && column - 1 < (scores[row]?.length ?? 0)) result[row] = column - 1;
  }
  return result;
}
