import { addRow } from './spherical-kmeans.js';
import type { SparseRows } from './term-matrix.js';

/**
 * Merges clusters pairwise, each time the pair whose union loses least of the spherical k-means
 * objective Σ‖cluster sum‖ (‖s_A‖ + ‖s_B‖ − ‖s_A + s_B‖, the analogue of Ward's criterion for
 * cosine), down to `smallestK` clusters. Returns, for every k from the starting count down to
 * `smallestK`, the cluster (0..k−1, numbered by first row) of each starting cluster, so every k gets a
 * partition nested in the finer ones.
 *
 * Over-clustering first and merging afterwards finds better partitions of short answers than k-means
 * started from k single answers: a small cluster is a much better seed than one answer of five words.
 */
export function mergeTree(
  matrix: SparseRows,
  rows: Int32Array,
  assignment: Int32Array,
  clusterCount: number,
  smallestK: number,
): Map<number, Int32Array> {
  const termCount = matrix.columnCount;
  const sums: Float64Array[] = [];
  {
    const interleaved = new Float64Array(termCount * clusterCount);
    for (let position = 0; position < rows.length; position++) {
      addRow(matrix, rows[position] as number, interleaved, clusterCount, assignment[position] as number, 1);
    }
    for (let cluster = 0; cluster < clusterCount; cluster++) {
      const sum = new Float64Array(termCount);
      for (let column = 0; column < termCount; column++)
        sum[column] = interleaved[column * clusterCount + cluster] as number;
      sums.push(sum);
    }
  }
  const alive = new Uint8Array(clusterCount).fill(1);
  // Dot products between cluster sums (upper triangle used), and each sum's squared norm on the diagonal.
  const dots = new Float64Array(clusterCount * clusterCount);
  for (let left = 0; left < clusterCount; left++) {
    for (let right = left; right < clusterCount; right++) {
      dots[left * clusterCount + right] = dot(sums[left] as Float64Array, sums[right] as Float64Array);
    }
  }
  const pairDot = (left: number, right: number): number =>
    left <= right ? (dots[left * clusterCount + right] as number) : (dots[right * clusterCount + left] as number);
  // parent[c] is the cluster c was merged into (itself while alive).
  const parent = Int32Array.from({ length: clusterCount }, (_, index) => index);
  const root = (cluster: number): number => {
    let current = cluster;
    while (parent[current] !== current) current = parent[current] as number;
    return current;
  };
  const result = new Map<number, Int32Array>();
  const snapshot = (): Int32Array => {
    const labels = new Int32Array(clusterCount).fill(-1);
    const numbering = new Map<number, number>();
    // Number merged clusters by the first row they hold, so labels do not depend on merge order.
    for (let position = 0; position < rows.length; position++) {
      const top = root(assignment[position] as number);
      if (!numbering.has(top)) numbering.set(top, numbering.size);
    }
    for (let cluster = 0; cluster < clusterCount; cluster++) labels[cluster] = numbering.get(root(cluster)) ?? -1;
    return labels;
  };
  let count = clusterCount;
  result.set(count, snapshot());
  while (count > Math.max(1, smallestK)) {
    let bestLeft = -1;
    let bestRight = -1;
    let bestLoss = Number.POSITIVE_INFINITY;
    for (let left = 0; left < clusterCount; left++) {
      if (!alive[left]) continue;
      const leftSquared = pairDot(left, left);
      for (let right = left + 1; right < clusterCount; right++) {
        if (!alive[right]) continue;
        const rightSquared = pairDot(right, right);
        const merged = Math.sqrt(Math.max(0, leftSquared + rightSquared + 2 * pairDot(left, right)));
        const loss = Math.sqrt(leftSquared) + Math.sqrt(rightSquared) - merged;
        if (loss < bestLoss - 1e-12) {
          bestLoss = loss;
          bestLeft = left;
          bestRight = right;
        }
      }
    }
    if (bestLeft < 0) break;
    const into = sums[bestLeft] as Float64Array;
    const from = sums[bestRight] as Float64Array;
    for (let column = 0; column < termCount; column++)
      into[column] = (into[column] as number) + (from[column] as number);
    alive[bestRight] = 0;
    parent[bestRight] = bestLeft;
    for (let other = 0; other < clusterCount; other++) {
      if (!alive[other]) continue;
      const value = other === bestLeft ? dot(into, into) : pairDot(bestLeft, other) + pairDot(bestRight, other);
      if (bestLeft <= other) dots[bestLeft * clusterCount + other] = value;
      else dots[other * clusterCount + bestLeft] = value;
    }
    count--;
    result.set(count, snapshot());
  }
  return result;
}

function dot(left: Float64Array, right: Float64Array): number {
  let sum = 0;
  for (let index = 0; index < left.length; index++) sum += (left[index] as number) * (right[index] as number);
  return sum;
}
