import type { Random } from './random.js';

/** Points in the plane with a weight each (participants weigh 1; base clusters weigh their size). */
export interface WeightedPoints {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** Omitted: every point weighs 1. */
  readonly weight?: ArrayLike<number>;
}

/** A k-means partition of {@link WeightedPoints}. */
export interface KMeansResult {
  /** Number of clusters actually formed (fewer than asked when there are fewer distinct points). */
  readonly k: number;
  /** Interleaved centres: x of cluster c at [2c], y at [2c + 1]. */
  readonly centres: Float64Array;
  /** Cluster of each point. */
  readonly assignment: Int32Array;
  /** Total weight of each cluster. */
  readonly clusterWeight: Float64Array;
  /** Σ weight · squared distance to the assigned centre. */
  readonly inertia: number;
  readonly iterations: number;
}

/** Options for {@link kMeans}. */
export interface KMeansOptions {
  readonly maxIterations?: number;
  /**
   * Warm start (e.g. the previous analysis's centres, interleaved x,y). Extra centres are added by
   * k-means++ when fewer than k are given; surplus ones are dropped.
   */
  readonly initialCentres?: ArrayLike<number>;
  /** Stop when no centre moves more than this times the points' RMS distance from their mean (default 1e-3). */
  readonly relativeTolerance?: number;
  /** Independent k-means++ starts; the lowest inertia wins (first on ties). Ignored with a warm start. */
  readonly restarts?: number;
}

/**
 * Weighted Lloyd k-means in two dimensions, seeded by k-means++ (Arthur & Vassilvitskii 2007) drawn
 * from the given seeded `random`, so results are reproducible. Pol.is (`clusters.clj`, `kmeans`)
 * starts from the first k distinct points or the last clustering; k-means++ plays the role of the
 * former without depending on row order. Ties in assignment go to the lowest cluster index; a cluster
 * left empty is moved to the point farthest from its centre, so a forced k is honoured whenever there
 * are k distinct points.
 */
export function kMeans(points: WeightedPoints, k: number, random: Random, options: KMeansOptions = {}): KMeansResult {
  const restarts = options.initialCentres ? 1 : Math.max(1, options.restarts ?? 1);
  let best: KMeansResult | undefined;
  for (let attempt = 0; attempt < restarts; attempt++) {
    const result = kMeansOnce(points, k, random, options);
    if (!best || result.inertia < best.inertia - 1e-12 * Math.abs(best.inertia)) best = result;
  }
  // restarts ≥ 1, so best is set.
  return best as KMeansResult;
}

function kMeansOnce(points: WeightedPoints, requestedK: number, random: Random, options: KMeansOptions): KMeansResult {
  const pointCount = points.x.length;
  const maxIterations = options.maxIterations ?? 100;
  const weightOf = (point: number): number => (points.weight ? (points.weight[point] as number) : 1);
  const centres = seedCentres(points, Math.min(requestedK, pointCount), random, options.initialCentres);
  const k = centres.length / 2;
  const assignment = new Int32Array(pointCount).fill(-1);
  const sumX = new Float64Array(k);
  const sumY = new Float64Array(k);
  const clusterWeight = new Float64Array(k);
  // Lloyd steps on tens of thousands of points keep flipping a few borderline points for many rounds
  // while the centres no longer move visibly; stop once no centre moves more than this (Pol.is's
  // `same-clustering?` uses an absolute 0.01; relative to the spread of the points here).
  const shiftTolerance = (options.relativeTolerance ?? 1e-3) * spread(points);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let changed = assignToNearest(points, centres, assignment);
    let largestShift = 0;
    sumX.fill(0);
    sumY.fill(0);
    clusterWeight.fill(0);
    for (let point = 0; point < pointCount; point++) {
      const cluster = assignment[point] as number;
      const weight = weightOf(point);
      sumX[cluster] = (sumX[cluster] as number) + weight * (points.x[point] as number);
      sumY[cluster] = (sumY[cluster] as number) + weight * (points.y[point] as number);
      clusterWeight[cluster] = (clusterWeight[cluster] as number) + weight;
    }
    for (let cluster = 0; cluster < k; cluster++) {
      const weight = clusterWeight[cluster] as number;
      if (weight > 0) {
        const centreX = (sumX[cluster] as number) / weight;
        const centreY = (sumY[cluster] as number) / weight;
        largestShift = Math.max(
          largestShift,
          Math.hypot(centreX - (centres[2 * cluster] as number), centreY - (centres[2 * cluster + 1] as number)),
        );
        centres[2 * cluster] = centreX;
        centres[2 * cluster + 1] = centreY;
      } else if (reseedEmpty(points, centres, assignment, cluster)) {
        changed = true;
      }
    }
    if (!changed || largestShift <= shiftTolerance) break;
  }
  assignToNearest(points, centres, assignment);
  clusterWeight.fill(0);
  let inertia = 0;
  for (let point = 0; point < pointCount; point++) {
    const cluster = assignment[point] as number;
    clusterWeight[cluster] = (clusterWeight[cluster] as number) + weightOf(point);
    inertia += weightOf(point) * squaredDistanceToCentre(points, point, centres, cluster);
  }
  return { k, centres, assignment, clusterWeight, inertia, iterations };
}

/** Root-mean-square distance of the points from their (unweighted) mean: the scale of the cloud. */
function spread(points: WeightedPoints): number {
  const count = points.x.length;
  if (count === 0) return 0;
  let meanX = 0;
  let meanY = 0;
  for (let point = 0; point < count; point++) {
    meanX += points.x[point] as number;
    meanY += points.y[point] as number;
  }
  meanX /= count;
  meanY /= count;
  let total = 0;
  for (let point = 0; point < count; point++) {
    total += ((points.x[point] as number) - meanX) ** 2 + ((points.y[point] as number) - meanY) ** 2;
  }
  return Math.sqrt(total / count);
}

function seedCentres(
  points: WeightedPoints,
  k: number,
  random: Random,
  initialCentres: ArrayLike<number> | undefined,
): Float64Array {
  const pointCount = points.x.length;
  const chosen: number[] = [];
  if (initialCentres) {
    const given = Math.min(k, Math.floor(initialCentres.length / 2));
    for (let index = 0; index < 2 * given; index++) chosen.push(initialCentres[index] as number);
  }
  if (pointCount === 0 || k === 0) return new Float64Array(chosen);
  const nearest = new Float64Array(pointCount).fill(Number.POSITIVE_INFINITY);
  const weightOf = (point: number): number => (points.weight ? (points.weight[point] as number) : 1);
  const updateNearest = (centreX: number, centreY: number): void => {
    for (let point = 0; point < pointCount; point++) {
      const dx = (points.x[point] as number) - centreX;
      const dy = (points.y[point] as number) - centreY;
      const squared = dx * dx + dy * dy;
      if (squared < (nearest[point] as number)) nearest[point] = squared;
    }
  };
  for (let index = 0; index < chosen.length; index += 2)
    updateNearest(chosen[index] as number, chosen[index + 1] as number);
  while (chosen.length < 2 * k) {
    const first = chosen.length === 0;
    let total = 0;
    for (let point = 0; point < pointCount; point++)
      total += weightOf(point) * (first ? 1 : (nearest[point] as number));
    // Every point coincides with a centre already: no further distinct centre exists.
    if (total <= 0) break;
    const target = random() * total;
    let running = 0;
    let picked = -1;
    for (let point = 0; point < pointCount; point++) {
      const mass = weightOf(point) * (first ? 1 : (nearest[point] as number));
      if (mass <= 0) continue;
      picked = point;
      running += mass;
      if (running > target) break;
    }
    const centreX = points.x[picked] as number;
    const centreY = points.y[picked] as number;
    chosen.push(centreX, centreY);
    updateNearest(centreX, centreY);
  }
  return new Float64Array(chosen);
}

function assignToNearest(points: WeightedPoints, centres: Float64Array, assignment: Int32Array): boolean {
  const k = centres.length / 2;
  let changed = false;
  for (let point = 0; point < assignment.length; point++) {
    const px = points.x[point] as number;
    const py = points.y[point] as number;
    let bestCluster = 0;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let cluster = 0; cluster < k; cluster++) {
      const dx = px - (centres[2 * cluster] as number);
      const dy = py - (centres[2 * cluster + 1] as number);
      const squared = dx * dx + dy * dy;
      if (squared < bestDistance) {
        bestDistance = squared;
        bestCluster = cluster;
      }
    }
    if (assignment[point] !== bestCluster) {
      assignment[point] = bestCluster;
      changed = true;
    }
  }
  return changed;
}

function reseedEmpty(points: WeightedPoints, centres: Float64Array, assignment: Int32Array, empty: number): boolean {
  let farthest = -1;
  let farthestDistance = 0;
  for (let point = 0; point < assignment.length; point++) {
    const squared = squaredDistanceToCentre(points, point, centres, assignment[point] as number);
    if (squared > farthestDistance) {
      farthestDistance = squared;
      farthest = point;
    }
  }
  if (farthest < 0) return false;
  centres[2 * empty] = points.x[farthest] as number;
  centres[2 * empty + 1] = points.y[farthest] as number;
  assignment[farthest] = empty;
  return true;
}

function squaredDistanceToCentre(
  points: WeightedPoints,
  point: number,
  centres: Float64Array,
  cluster: number,
): number {
  const dx = (points.x[point] as number) - (centres[2 * cluster] as number);
  const dy = (points.y[point] as number) - (centres[2 * cluster + 1] as number);
  return dx * dx + dy * dy;
}

/**
 * Mean silhouette (Rousseeuw 1987) of a partition of weighted points, as Pol.is's `clusters.clj`
 * `silhouette` computes over base-cluster centres — but weighted: each base cluster counts as many
 * times as it has members, both in the mean and in the a/b distances, so the score approximates the
 * participants' silhouette rather than treating a one-person base cluster like a crowd. For a point,
 * a = mean distance to the rest of its cluster, b = lowest mean distance to another cluster, s = (b − a)
 * / max(a, b); a point alone in its cluster scores 0, as in Pol.is. O(points²), meant for ≤ ~100 points.
 */
export function weightedSilhouette(points: WeightedPoints, assignment: ArrayLike<number>, k: number): number {
  const pointCount = points.x.length;
  const weightOf = (point: number): number => (points.weight ? (points.weight[point] as number) : 1);
  const distanceSums = new Float64Array(k);
  const clusterWeight = new Float64Array(k);
  for (let point = 0; point < pointCount; point++)
    clusterWeight[assignment[point] as number] =
      (clusterWeight[assignment[point] as number] as number) + weightOf(point);
  let total = 0;
  let totalWeight = 0;
  for (let point = 0; point < pointCount; point++) {
    distanceSums.fill(0);
    for (let other = 0; other < pointCount; other++) {
      const distance = Math.hypot(
        (points.x[point] as number) - (points.x[other] as number),
        (points.y[point] as number) - (points.y[other] as number),
      );
      distanceSums[assignment[other] as number] =
        (distanceSums[assignment[other] as number] as number) + weightOf(other) * distance;
    }
    const own = assignment[point] as number;
    // Other members of the same base cluster sit at distance 0 from its centre.
    const ownOthers = (clusterWeight[own] as number) - 1;
    let silhouette = 0;
    if (ownOthers > 0) {
      const a = (distanceSums[own] as number) / ownOthers;
      let b = Number.POSITIVE_INFINITY;
      for (let cluster = 0; cluster < k; cluster++) {
        if (cluster === own || (clusterWeight[cluster] as number) === 0) continue;
        b = Math.min(b, (distanceSums[cluster] as number) / (clusterWeight[cluster] as number));
      }
      const larger = Math.max(a, b);
      silhouette = Number.isFinite(b) && larger > 0 ? (b - a) / larger : 0;
    }
    total += weightOf(point) * silhouette;
    totalWeight += weightOf(point);
  }
  return totalWeight > 0 ? total / totalWeight : 0;
}
