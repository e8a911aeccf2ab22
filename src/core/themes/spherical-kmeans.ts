import type { Random } from '../analysis/random.js';
import type { SparseRows } from './term-matrix.js';

/**
 * Cluster centroids stored term-major (`[column * k + cluster]`), so scoring one sparse row against
 * every centroid reads k neighbouring numbers per stored term. Each centroid has unit length (or is
 * all zero when its cluster is empty).
 */
export interface Centroids {
  readonly k: number;
  readonly values: Float64Array;
}

/** A spherical k-means partition of some {@link SparseRows}. */
export interface SphericalKMeansResult {
  readonly centroids: Centroids;
  /** Cluster of each row, parallel to the `rows` passed in. */
  readonly assignment: Int32Array;
  /** Cosine of each row to its cluster's centroid. */
  readonly similarity: Float64Array;
  /** Σ cosine to the assigned centroid: the objective spherical k-means maximises. */
  readonly cohesion: number;
  readonly iterations: number;
}

/** Settings for {@link sphericalKMeans}. */
export interface SphericalKMeansOptions {
  readonly maxIterations?: number;
  /** Independent k-means++ starts; the highest cohesion wins (the first on ties). Ignored with a warm start. */
  readonly restarts?: number;
  /** Warm start: centroids to begin from (extra clusters are seeded by k-means++, surplus ones dropped). */
  readonly initialCentroids?: Centroids;
  /** Passes of single-row moves after Lloyd's steps (default 30; 0 for plain Lloyd). */
  readonly refinementPasses?: number;
}

/** Cosine of one row to each centroid, written into `out` (length ≥ k). */
export function scoreRow(matrix: SparseRows, row: number, centroids: Centroids, out: Float64Array): void {
  const { k, values } = centroids;
  out.fill(0, 0, k);
  const end = matrix.rowOffsets[row + 1] as number;
  for (let entry = matrix.rowOffsets[row] as number; entry < end; entry++) {
    const value = matrix.values[entry] as number;
    const base = (matrix.columns[entry] as number) * k;
    for (let cluster = 0; cluster < k; cluster++)
      out[cluster] = (out[cluster] as number) + value * (values[base + cluster] as number);
  }
}

/** Index of the largest score (the lowest index on ties). */
function best(scores: Float64Array, k: number): number {
  let bestCluster = 0;
  for (let cluster = 1; cluster < k; cluster++)
    if ((scores[cluster] as number) > (scores[bestCluster] as number)) bestCluster = cluster;
  return bestCluster;
}

/** Cosine between two rows of the matrix (both are unit length). */
export function rowCosine(matrix: SparseRows, left: number, right: number): number {
  let leftEntry = matrix.rowOffsets[left] as number;
  const leftEnd = matrix.rowOffsets[left + 1] as number;
  let rightEntry = matrix.rowOffsets[right] as number;
  const rightEnd = matrix.rowOffsets[right + 1] as number;
  let sum = 0;
  while (leftEntry < leftEnd && rightEntry < rightEnd) {
    const leftColumn = matrix.columns[leftEntry] as number;
    const rightColumn = matrix.columns[rightEntry] as number;
    if (leftColumn === rightColumn) {
      sum += (matrix.values[leftEntry++] as number) * (matrix.values[rightEntry++] as number);
    } else if (leftColumn < rightColumn) leftEntry++;
    else rightEntry++;
  }
  return sum;
}

/**
 * Spherical k-means (Dhillon & Modha 2001) on unit-length sparse rows: assign each row to the centroid
 * of highest cosine, then set each centroid to the normalised sum of its rows, until no row moves.
 * Seeded by k-means++ (Arthur & Vassilvitskii 2007) with distance 1 − cosine (half the squared
 * Euclidean distance between unit vectors), drawn from the seeded `random`. Ties go to the lowest
 * cluster; a cluster left empty restarts at the row least like its own centroid. Fewer than `k`
 * clusters are formed only when the rows have fewer distinct directions.
 */
export function sphericalKMeans(
  matrix: SparseRows,
  rows: Int32Array,
  k: number,
  random: Random,
  options: SphericalKMeansOptions = {},
): SphericalKMeansResult {
  const restarts = options.initialCentroids ? 1 : Math.max(1, options.restarts ?? 1);
  let bestResult: SphericalKMeansResult | undefined;
  for (let attempt = 0; attempt < restarts; attempt++) {
    const result = sphericalKMeansOnce(matrix, rows, k, random, options);
    if (!bestResult || result.cohesion > bestResult.cohesion + 1e-9 * Math.abs(bestResult.cohesion)) {
      bestResult = result;
    }
  }
  return bestResult as SphericalKMeansResult;
}

function sphericalKMeansOnce(
  matrix: SparseRows,
  rows: Int32Array,
  requestedK: number,
  random: Random,
  options: SphericalKMeansOptions,
): SphericalKMeansResult {
  const termCount = matrix.columnCount;
  const maxIterations = options.maxIterations ?? 50;
  const seeded = seedCentroids(matrix, rows, Math.max(1, Math.min(requestedK, rows.length)), random, options);
  const k = seeded.k;
  const centroidValues = seeded.values;
  const centroids: Centroids = { k, values: centroidValues };
  const assignment = new Int32Array(rows.length).fill(-1);
  const similarity = new Float64Array(rows.length);
  const scores = new Float64Array(k);
  const clusterSize = new Int32Array(k);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let changed = 0;
    clusterSize.fill(0);
    for (let position = 0; position < rows.length; position++) {
      scoreRow(matrix, rows[position] as number, centroids, scores);
      const cluster = best(scores, k);
      if (assignment[position] !== cluster) changed++;
      assignment[position] = cluster;
      similarity[position] = scores[cluster] as number;
      clusterSize[cluster] = (clusterSize[cluster] as number) + 1;
    }
    if (changed === 0 && iterations > 0) break;
    // A cluster left empty takes over the row least like its own centroid, from a cluster that can spare it.
    for (let cluster = 0; cluster < k; cluster++) {
      if (clusterSize[cluster] !== 0) continue;
      let worst = -1;
      for (let position = 0; position < rows.length; position++) {
        const owner = assignment[position] as number;
        if ((clusterSize[owner] as number) < 2) continue;
        if (worst < 0 || (similarity[position] as number) < (similarity[worst] as number)) worst = position;
      }
      if (worst < 0) break;
      clusterSize[assignment[worst] as number] = (clusterSize[assignment[worst] as number] as number) - 1;
      assignment[worst] = cluster;
      similarity[worst] = 1;
      clusterSize[cluster] = 1;
    }
    centroidValues.fill(0);
    for (let position = 0; position < rows.length; position++) {
      addRow(matrix, rows[position] as number, centroidValues, k, assignment[position] as number, 1);
    }
    normaliseCentroids(centroidValues, k, termCount);
  }
  const passes = options.refinementPasses ?? 30;
  if (passes > 0) refineByMoves(matrix, rows, assignment, k, passes);
  // Final centroids and similarities for the final assignment.
  centroidValues.fill(0);
  for (let position = 0; position < rows.length; position++) {
    addRow(matrix, rows[position] as number, centroidValues, k, assignment[position] as number, 1);
  }
  normaliseCentroids(centroidValues, k, termCount);
  let cohesion = 0;
  for (let position = 0; position < rows.length; position++) {
    scoreRow(matrix, rows[position] as number, centroids, scores);
    const value = scores[assignment[position] as number] as number;
    similarity[position] = value;
    cohesion += value;
  }
  return { centroids, assignment, similarity, cohesion, iterations };
}

/**
 * Single-row moves after Lloyd's steps (Dhillon, Guan & Kogan 2002, "first variation"; Hartigan &
 * Wong's idea for k-means). The objective Σ cos(row, own centroid) equals Σ over clusters of ‖sum of
 * the cluster's rows‖, so the exact gain of moving one row x from cluster A to B is
 * ‖s_A − x‖ + ‖s_B + x‖ − ‖s_A‖ − ‖s_B‖, computable from the dot products x·s. Lloyd's batch
 * reassignment misses these gains on short sparse rows, where one row shifts a centroid noticeably, and
 * stops far from good partitions; visiting rows in order and making every improving move fixes most of
 * that. A cluster is never emptied.
 */
function refineByMoves(
  matrix: SparseRows,
  rows: Int32Array,
  assignment: Int32Array,
  k: number,
  maxPasses: number,
): void {
  if (k < 2) return;
  const termCount = matrix.columnCount;
  const sums = new Float64Array(termCount * k);
  const size = new Int32Array(k);
  for (let position = 0; position < rows.length; position++) {
    const cluster = assignment[position] as number;
    addRow(matrix, rows[position] as number, sums, k, cluster, 1);
    size[cluster] = (size[cluster] as number) + 1;
  }
  const squaredNorm = new Float64Array(k);
  const dots = new Float64Array(k);
  for (let pass = 0; pass < maxPasses; pass++) {
    // Recomputed each pass so rounding in the running updates cannot accumulate.
    squaredNorm.fill(0);
    for (let column = 0; column < termCount; column++) {
      for (let cluster = 0; cluster < k; cluster++) {
        const value = sums[column * k + cluster] as number;
        squaredNorm[cluster] = (squaredNorm[cluster] as number) + value * value;
      }
    }
    let moved = 0;
    for (let position = 0; position < rows.length; position++) {
      const own = assignment[position] as number;
      if ((size[own] as number) < 2) continue;
      const row = rows[position] as number;
      dots.fill(0);
      let rowSquaredNorm = 0;
      const end = matrix.rowOffsets[row + 1] as number;
      for (let entry = matrix.rowOffsets[row] as number; entry < end; entry++) {
        const value = matrix.values[entry] as number;
        rowSquaredNorm += value * value;
        const base = (matrix.columns[entry] as number) * k;
        for (let cluster = 0; cluster < k; cluster++)
          dots[cluster] = (dots[cluster] as number) + value * (sums[base + cluster] as number);
      }
      const ownNorm = Math.sqrt(squaredNorm[own] as number);
      const ownWithout = Math.sqrt(
        Math.max(0, (squaredNorm[own] as number) - 2 * (dots[own] as number) + rowSquaredNorm),
      );
      const loss = ownNorm - ownWithout;
      let target = -1;
      let bestGain = 1e-10;
      for (let cluster = 0; cluster < k; cluster++) {
        if (cluster === own) continue;
        const current = squaredNorm[cluster] as number;
        const gain = Math.sqrt(current + 2 * (dots[cluster] as number) + rowSquaredNorm) - Math.sqrt(current) - loss;
        if (gain > bestGain) {
          bestGain = gain;
          target = cluster;
        }
      }
      if (target < 0) continue;
      addRow(matrix, row, sums, k, own, -1);
      addRow(matrix, row, sums, k, target, 1);
      squaredNorm[own] = Math.max(0, (squaredNorm[own] as number) - 2 * (dots[own] as number) + rowSquaredNorm);
      squaredNorm[target] = (squaredNorm[target] as number) + 2 * (dots[target] as number) + rowSquaredNorm;
      size[own] = (size[own] as number) - 1;
      size[target] = (size[target] as number) + 1;
      assignment[position] = target;
      moved++;
    }
    if (moved === 0) break;
  }
}

/** Adds `scale` × a row into one cluster's column of term-major centroid values. */
export function addRow(
  matrix: SparseRows,
  row: number,
  values: Float64Array,
  k: number,
  cluster: number,
  scale: number,
): void {
  const end = matrix.rowOffsets[row + 1] as number;
  for (let entry = matrix.rowOffsets[row] as number; entry < end; entry++) {
    values[(matrix.columns[entry] as number) * k + cluster] =
      (values[(matrix.columns[entry] as number) * k + cluster] as number) + scale * (matrix.values[entry] as number);
  }
}

/** Scales each cluster's centroid to unit length (an all-zero centroid stays zero). */
export function normaliseCentroids(values: Float64Array, k: number, termCount: number): void {
  const squaredNorms = new Float64Array(k);
  for (let column = 0; column < termCount; column++) {
    for (let cluster = 0; cluster < k; cluster++) {
      const value = values[column * k + cluster] as number;
      squaredNorms[cluster] = (squaredNorms[cluster] as number) + value * value;
    }
  }
  for (let cluster = 0; cluster < k; cluster++) {
    const norm = Math.sqrt(squaredNorms[cluster] as number);
    squaredNorms[cluster] = norm > 0 ? 1 / norm : 0;
  }
  for (let column = 0; column < termCount; column++) {
    for (let cluster = 0; cluster < k; cluster++)
      values[column * k + cluster] = (values[column * k + cluster] as number) * (squaredNorms[cluster] as number);
  }
}

function seedCentroids(
  matrix: SparseRows,
  rows: Int32Array,
  k: number,
  random: Random,
  options: SphericalKMeansOptions,
): Centroids {
  const termCount = matrix.columnCount;
  const chosen: Float64Array[] = [];
  const initial = options.initialCentroids;
  if (initial) {
    for (let cluster = 0; cluster < Math.min(k, initial.k); cluster++) {
      const vector = new Float64Array(termCount);
      let nonZero = false;
      for (let column = 0; column < termCount; column++) {
        const value = initial.values[column * initial.k + cluster] as number;
        vector[column] = value;
        if (value !== 0) nonZero = true;
      }
      if (nonZero) chosen.push(vector);
    }
  }
  // Distance of each row to its nearest chosen centroid: 1 − cosine.
  const distance = new Float64Array(rows.length).fill(1);
  const updateDistances = (vector: Float64Array): void => {
    for (let position = 0; position < rows.length; position++) {
      const row = rows[position] as number;
      let dot = 0;
      const end = matrix.rowOffsets[row + 1] as number;
      for (let entry = matrix.rowOffsets[row] as number; entry < end; entry++) {
        dot += (matrix.values[entry] as number) * (vector[matrix.columns[entry] as number] as number);
      }
      distance[position] = Math.min(distance[position] as number, Math.max(0, 1 - dot));
    }
  };
  for (const vector of chosen) updateDistances(vector);
  while (chosen.length < k) {
    let position: number;
    if (chosen.length === 0) {
      position = Math.min(rows.length - 1, Math.floor(random() * rows.length));
    } else {
      let total = 0;
      for (let index = 0; index < rows.length; index++) total += distance[index] as number;
      if (total <= 1e-12) break;
      let target = random() * total;
      position = rows.length - 1;
      for (let index = 0; index < rows.length; index++) {
        target -= distance[index] as number;
        if (target < 0 && (distance[index] as number) > 0) {
          position = index;
          break;
        }
      }
    }
    const vector = new Float64Array(termCount);
    const row = rows[position] as number;
    const end = matrix.rowOffsets[row + 1] as number;
    for (let entry = matrix.rowOffsets[row] as number; entry < end; entry++) {
      vector[matrix.columns[entry] as number] = matrix.values[entry] as number;
    }
    chosen.push(vector);
    updateDistances(vector);
  }
  const actualK = Math.max(1, chosen.length);
  const values = new Float64Array(termCount * actualK);
  chosen.forEach((vector, cluster) => {
    for (let column = 0; column < termCount; column++) values[column * actualK + cluster] = vector[column] as number;
  });
  return { k: actualK, values };
}
