import { createRandom, deriveSeed } from '../analysis/random.js';
import { centroidsOfAssignment, chooseThemeCount, sampleRows, type ThemeCountScore } from './choose-k.js';
import { type DescribeOptions, describeRows, themeSpace } from './describe.js';
import { applyThemeEdits, type Theme, type ThemeEdit } from './edits.js';
import { nameClusters, type ThemeCluster, type ThemeMatchOptions, type UnnamedCluster } from './match.js';
import {
  addRow,
  type Centroids,
  normaliseCentroids,
  type SphericalKMeansResult,
  sphericalKMeans,
} from './spherical-kmeans.js';
import {
  buildTermMatrix,
  compareText,
  rowLength,
  type TermMatrix,
  type TermMatrixOptions,
  type ThemeDocument,
} from './term-matrix.js';

/** Settings for {@link extractThemes}; every field has a default. */
export interface ThemeOptions {
  /** Seed for every random choice (default 1): the same answers and seed give the same themes. */
  readonly seed?: number;
  /** About how many answers make a theme: the largest k tried is answers / answersPerTheme (default 20). */
  readonly answersPerTheme?: number;
  /** Smallest number of themes tried (default 2). */
  readonly minimumThemes?: number;
  /** Largest number of themes tried (default 12): more is more than an organiser can read. */
  readonly maximumThemes?: number;
  /** Forces the number of themes instead of choosing it. */
  readonly themeCount?: number;
  /**
   * Answers with fewer vocabulary features (terms, and word families, which let a typo count) are
   * unclassified (default 1: only answers with nothing in the vocabulary).
   */
  readonly minimumContentTerms?: number;
  /** Answers used to choose k (default 1,500). */
  readonly sampleSize?: number;
  /** Over-cluster-and-merge starts per clustering (default 4). */
  readonly restarts?: number;
  readonly matrix?: TermMatrixOptions;
  readonly describe?: DescribeOptions;
  readonly matching?: ThemeMatchOptions;
}

/** What a new run needs from the previous one to keep theme ids. */
export interface PreviousThemes {
  readonly clusters: readonly ThemeCluster[];
  readonly nextThemeNumber: number;
}

/** One run of the theme engine: JSON-ready, and the input for the next run's matching. */
export interface ThemeRun {
  readonly version: 1;
  readonly seed: number;
  readonly answerCount: number;
  /** Number of clusters the engine formed (before edits). */
  readonly k: number;
  /** Cohesion and penalised score of each k tried (empty when k was forced or the range had one value). */
  readonly kScores: readonly ThemeCountScore[];
  /** The engine's clusters under stable ids: keep them and pass them back as `previous`. */
  readonly clusters: readonly ThemeCluster[];
  /** The themes to show: clusters with organiser edits applied, largest first. */
  readonly themes: readonly Theme[];
  /** Answers too short or without content words to place. */
  readonly unclassifiedAnswerIds: readonly string[];
  /** The next fresh theme number (ids are never reused). */
  readonly nextThemeNumber: number;
  /** Indices into the edits passed in. */
  readonly appliedEdits: readonly number[];
  readonly dormantEdits: readonly number[];
}

/**
 * The theme pipeline on answers already reduced to terms: TF-IDF rows → choose k by penalised
 * cohesion on a sample → spherical k-means on every row (warm-started from the sample's partition, or
 * from the previous run's clusters when k is unchanged) → name clusters by matching the previous run →
 * apply the organiser's edits → labels and representative answers. Pure and deterministic: answers are put in
 * id order first, so the order they arrive in does not matter, and every random choice comes from
 * `options.seed`.
 */
export function extractThemes(
  documents: readonly ThemeDocument[],
  options: ThemeOptions = {},
  previous?: PreviousThemes,
  edits: readonly ThemeEdit[] = [],
): ThemeRun {
  const seed = options.seed ?? 1;
  const sorted = [...documents].sort((left, right) => compareText(left.id, right.id));
  for (let index = 1; index < sorted.length; index++) {
    if ((sorted[index] as ThemeDocument).id === (sorted[index - 1] as ThemeDocument).id) {
      throw new RangeError(`answer id ${(sorted[index] as ThemeDocument).id} appears twice`);
    }
  }
  const answerIds = sorted.map((document) => document.id);
  const matrix = buildTermMatrix(sorted, options.matrix);
  const minimumContentTerms = Math.max(1, options.minimumContentTerms ?? 1);
  const classified: number[] = [];
  const unclassifiedAnswerIds: string[] = [];
  for (let row = 0; row < matrix.rowCount; row++) {
    if (rowLength(matrix, row) >= minimumContentTerms) classified.push(row);
    else unclassifiedAnswerIds.push(answerIds[row] as string);
  }
  const rows = Int32Array.from(classified);
  const previousClusters = previous?.clusters ?? [];
  const nextThemeNumber = Math.max(1, previous?.nextThemeNumber ?? 1);

  let clustering: SphericalKMeansResult | undefined;
  let scores: ThemeCountScore[] = [];
  if (rows.length > 0) {
    const answersPerTheme = Math.max(1, options.answersPerTheme ?? 20);
    const forcedK =
      options.themeCount !== undefined ? Math.max(1, Math.min(options.themeCount, rows.length)) : undefined;
    const maximumK =
      forcedK ??
      Math.max(1, Math.min(options.maximumThemes ?? 12, Math.floor(rows.length / answersPerTheme), rows.length));
    const minimumK = forcedK ?? Math.min(Math.max(1, options.minimumThemes ?? 2), maximumK);
    const countOptions = {
      minimumK,
      maximumK,
      restarts: options.restarts ?? 4,
      ...(previousClusters.length > 0 ? { preferredK: previousClusters.length } : {}),
    };
    // k is chosen on a sample so its cost stops growing with the answers; with few answers the
    // sample is all of them and its clustering is the result.
    const sample = sampleRows(rows, options.sampleSize ?? 1_500, createRandom(deriveSeed(seed, 'themes/sample')));
    const choice = chooseThemeCount(matrix, sample, createRandom(deriveSeed(seed, 'themes/choose-k')), countOptions);
    const k = choice.k;
    if (minimumK < maximumK) scores = [...choice.scores];
    const random = createRandom(deriveSeed(seed, 'themes/cluster'));
    if (sample.length === rows.length) {
      clustering = choice.clustering;
    } else {
      const initialCentroids = centroidsOfAssignment(
        matrix,
        sample,
        choice.clustering.assignment,
        choice.clustering.centroids.k,
      );
      clustering = sphericalKMeans(matrix, rows, k, random, { initialCentroids });
    }
    const previousCentroids =
      previousClusters.length > 0 ? centroidsOfPrevious(matrix, answerIds, previousClusters) : undefined;
    if (previousCentroids && previousCentroids.k === k) {
      // Starting from last run's themes usually lands on the same partition; keep it unless it is worse.
      const warm = sphericalKMeans(matrix, rows, k, random, { initialCentroids: previousCentroids });
      if (warm.cohesion >= clustering.cohesion - 1e-9 * Math.abs(clustering.cohesion)) clustering = warm;
    }
  }

  const space = themeSpace(matrix, answerIds, rows);
  const unnamed: UnnamedCluster[] = [];
  if (clustering) {
    const members: number[][] = Array.from({ length: clustering.centroids.k }, () => []);
    clustering.assignment.forEach((cluster, position) => {
      (members[cluster] as number[]).push(rows[position] as number);
    });
    members
      .filter((clusterRows) => clusterRows.length > 0)
      .sort((left, right) => right.length - left.length || (left[0] as number) - (right[0] as number))
      .forEach((clusterRows) => {
        unnamed.push({
          answerIds: clusterRows.map((row) => answerIds[row] as string),
          centroid: describeRows(space, clusterRows, options.describe).centroid,
        });
      });
  }
  const named = nameClusters(previousClusters, nextThemeNumber, unnamed, options.matching);
  const edited = applyThemeEdits(space, named.clusters, edits, options.describe);
  return {
    version: 1,
    seed,
    answerCount: sorted.length,
    k: named.clusters.length,
    kScores: scores.map(({ k, cohesion, score }) => ({
      k,
      cohesion: Math.round(cohesion * 1e4) / 1e4,
      score: Math.round(score * 1e4) / 1e4,
    })),
    clusters: named.clusters,
    themes: edited.themes,
    unclassifiedAnswerIds,
    nextThemeNumber: named.nextThemeNumber,
    appliedEdits: edited.appliedEdits,
    dormantEdits: edited.dormantEdits,
  };
}

/**
 * Centroids of the previous run's clusters in this run's space, from the answers they held that are
 * still here and classified; undefined when any previous cluster has none left (then there is no
 * like-for-like warm start).
 */
function centroidsOfPrevious(
  rows: TermMatrix,
  answerIds: readonly string[],
  clusters: readonly ThemeCluster[],
): Centroids | undefined {
  const rowOfAnswer = new Map(answerIds.map((id, row) => [id, row]));
  const k = clusters.length;
  const values = new Float64Array(rows.columnCount * k);
  for (let cluster = 0; cluster < k; cluster++) {
    let members = 0;
    for (const answerId of (clusters[cluster] as ThemeCluster).answerIds) {
      const row = rowOfAnswer.get(answerId);
      if (row === undefined || rowLength(rows, row) === 0) continue;
      addRow(rows, row, values, k, cluster, 1);
      members++;
    }
    if (members === 0) return undefined;
  }
  normaliseCentroids(values, k, rows.columnCount);
  return { k, values };
}
