import type { Random } from '../analysis/random.js';
import { mergeTree } from './merge-tree.js';
import {
  addRow,
  type Centroids,
  normaliseCentroids,
  type SphericalKMeansResult,
  sphericalKMeans,
} from './spherical-kmeans.js';
import type { SparseRows } from './term-matrix.js';

/** Settings for {@link chooseThemeCount}. */
export interface ThemeCountOptions {
  readonly minimumK: number;
  readonly maximumK: number;
  /** Over-cluster-and-merge starts for each clustering (default 4). */
  readonly restarts?: number;
  /** Clusters formed before merging (default 4 × maximumK). */
  readonly microClusters?: number;
  /** The previous run's k: kept while its score is within `stickiness` of the best. */
  readonly preferredK?: number;
  /** Share of the cohesion range (default 0.05) by which another k must beat the preferred one. */
  readonly stickiness?: number;
}

/** The score of one k: mean cosine to own centroid, and that less the per-theme penalty. */
export interface ThemeCountScore {
  readonly k: number;
  readonly cohesion: number;
  readonly score: number;
}

/** What {@link chooseThemeCount} found. */
export interface ThemeCountChoice {
  readonly k: number;
  readonly scores: readonly ThemeCountScore[];
  /** The clustering at the chosen k. */
  readonly clustering: SphericalKMeansResult;
}

/**
 * Chooses the number of themes by a penalised objective: the mean cosine of answers to their theme
 * centroid, J(k), less λ·k, where λ = (J(maximumK) − J(minimumK)) / (maximumK − minimumK) is the average
 * gain per extra theme over the range. The chosen k is where one more theme starts to gain less than
 * the average, the knee of the J curve ("Kneedle", Satopää et al. 2011). The range comes from the
 * answers-per-theme hint, so the hint sets how fine themes may get and the data says where, within
 * it, they stop being worth splitting.
 *
 * Measured on the labelled set (six topics, 300 answers, k in 2..12, eight seeds): this picks 6 on
 * seven seeds and 7 on one. Rejected: mean silhouette rises steadily with k on short answers (0.027 at
 * k = 2 to 0.10 at k = 12) and always picks the most; the gap statistic against answers with shuffled
 * words and its one-standard-error rule picked anything from 2 to 7; resampling stability also rises
 * with k.
 */
export function chooseThemeCount(
  matrix: SparseRows,
  rows: Int32Array,
  random: Random,
  options: ThemeCountOptions,
): ThemeCountChoice {
  const minimumK = Math.max(1, Math.min(options.minimumK, rows.length));
  const maximumK = Math.max(minimumK, Math.min(options.maximumK, rows.length));
  const clusterings = clusterEachK(matrix, rows, random, minimumK, maximumK, options);
  const cohesionOf = (k: number): number =>
    (clusterings.get(k) as SphericalKMeansResult).cohesion / Math.max(1, rows.length);
  const range = cohesionOf(maximumK) - cohesionOf(minimumK);
  const penalty = maximumK > minimumK ? range / (maximumK - minimumK) : 0;
  const scores: ThemeCountScore[] = [];
  for (let k = minimumK; k <= maximumK; k++) {
    const cohesion = cohesionOf(k);
    scores.push({ k, cohesion, score: cohesion - penalty * (k - minimumK) });
  }
  let chosen = scores[0] as ThemeCountScore;
  for (const candidate of scores) if (candidate.score > chosen.score + 1e-12) chosen = candidate;
  // Re-running after a few new answers should not flip between two near-equal k.
  const preferred = scores.find((candidate) => candidate.k === options.preferredK);
  if (preferred && preferred.score >= chosen.score - (options.stickiness ?? 0.05) * Math.abs(range)) {
    chosen = preferred;
  }
  return { k: chosen.k, scores, clustering: clusterings.get(chosen.k) as SphericalKMeansResult };
}

/**
 * The best clustering found for each k in [minimumK, maximumK]: each start over-clusters the rows
 * (spherical k-means with `microClusters` clusters), merges them down by {@link mergeTree}, and
 * polishes each k's partition with spherical k-means; the highest cohesion per k over the starts wins.
 */
export function clusterEachK(
  matrix: SparseRows,
  rows: Int32Array,
  random: Random,
  minimumK: number,
  maximumK: number,
  options: { readonly restarts?: number; readonly microClusters?: number } = {},
): Map<number, SphericalKMeansResult> {
  const best = new Map<number, SphericalKMeansResult>();
  const microCount = Math.min(rows.length, Math.max(maximumK, options.microClusters ?? 4 * maximumK));
  for (let start = 0; start < Math.max(1, options.restarts ?? 4); start++) {
    const micro = sphericalKMeans(matrix, rows, microCount, random);
    const tree = mergeTree(matrix, rows, micro.assignment, micro.centroids.k, minimumK);
    for (let k = minimumK; k <= maximumK; k++) {
      const labels = tree.get(Math.min(k, micro.centroids.k));
      if (!labels) continue;
      const merged = micro.assignment.map((cluster) => labels[cluster] as number);
      const initialCentroids = centroidsOfAssignment(matrix, rows, merged, Math.min(k, micro.centroids.k));
      const result = sphericalKMeans(matrix, rows, k, random, { initialCentroids });
      const previous = best.get(k);
      if (!previous || result.cohesion > previous.cohesion + 1e-9 * Math.abs(previous.cohesion)) best.set(k, result);
    }
  }
  return best;
}

/** Unit centroids (term-major) of a given assignment of rows to k clusters. */
export function centroidsOfAssignment(
  matrix: SparseRows,
  rows: Int32Array,
  assignment: Int32Array,
  k: number,
): Centroids {
  const values = new Float64Array(matrix.columnCount * k);
  for (let position = 0; position < rows.length; position++) {
    addRow(matrix, rows[position] as number, values, k, assignment[position] as number, 1);
  }
  normaliseCentroids(values, k, matrix.columnCount);
  return { k, values };
}

/** Up to `size` rows drawn without replacement (partial Fisher–Yates), returned in ascending order. */
export function sampleRows(rows: Int32Array, size: number, random: Random): Int32Array {
  if (rows.length <= size) return rows.slice();
  const pool = rows.slice();
  for (let index = 0; index < size; index++) {
    const swap = index + Math.floor(random() * (pool.length - index));
    const value = pool[index] as number;
    pool[index] = pool[swap] as number;
    pool[swap] = value;
  }
  return pool.subarray(0, size).sort();
}
