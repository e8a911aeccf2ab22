import { maximumWeightAssignment } from './assignment.js';
import { centroidCosine, type ThemeCentroid } from './describe.js';

/** A cluster as the engine found it, before organiser edits, under its stable id. */
export interface ThemeCluster {
  readonly id: string;
  readonly answerIds: readonly string[];
  readonly centroid: ThemeCentroid;
}

/** A cluster of the new run, not yet named. */
export type UnnamedCluster = Omit<ThemeCluster, 'id'>;

/** Settings for {@link matchThemes}. */
export interface ThemeMatchOptions {
  /** Pairs scoring below this are not the same theme (default 0.3). */
  readonly minimumScore?: number;
}

/** What a new cluster was matched to. */
export interface ThemeMatch {
  /** The previous cluster's id, or null for a theme that is new in this run. */
  readonly previousId: string | null;
  readonly score: number;
}

/**
 * Matches the clusters of a new run to the previous run's clusters, one to one, maximising the total
 * score (Hungarian method). A pair's score is the mean of the centroid cosine (by term name, so a
 * changed vocabulary does not matter) and the Jaccard overlap of their answers, counting only answers
 * that were clustered in both runs, so new and deleted answers neither help nor hurt; when the runs
 * share no answers, the cosine alone. A cluster whose best available partner scores below
 * `minimumScore` is new.
 */
export function matchThemes(
  previous: readonly ThemeCluster[],
  current: readonly UnnamedCluster[],
  options: ThemeMatchOptions = {},
): ThemeMatch[] {
  const minimumScore = options.minimumScore ?? 0.3;
  const previousAnswers = new Set(previous.flatMap((cluster) => cluster.answerIds));
  const shared = new Set(current.flatMap((cluster) => cluster.answerIds).filter((id) => previousAnswers.has(id)));
  const sharedSets = (clusters: readonly UnnamedCluster[]): Set<string>[] =>
    clusters.map((cluster) => new Set(cluster.answerIds.filter((id) => shared.has(id))));
  const previousShared = sharedSets(previous);
  const currentShared = sharedSets(current);
  const scores = current.map((cluster, currentIndex) =>
    previous.map((candidate, previousIndex) => {
      const cosine = centroidCosine(cluster.centroid, candidate.centroid);
      if (shared.size === 0) return cosine;
      const mine = currentShared[currentIndex] as Set<string>;
      const theirs = previousShared[previousIndex] as Set<string>;
      let common = 0;
      for (const id of mine) if (theirs.has(id)) common++;
      const union = mine.size + theirs.size - common;
      return (cosine + (union > 0 ? common / union : 0)) / 2;
    }),
  );
  const assignment = maximumWeightAssignment(scores);
  return current.map((_, currentIndex) => {
    const previousIndex = assignment[currentIndex] as number;
    const score = previousIndex >= 0 ? (scores[currentIndex]?.[previousIndex] as number) : 0;
    if (previousIndex < 0 || score < minimumScore) return { previousId: null, score };
    return { previousId: (previous[previousIndex] as ThemeCluster).id, score };
  });
}

/** The id given to the n-th theme ever found in a review's answers. */
export function themeIdOf(number: number): string {
  return `theme-${number}`;
}

/**
 * Names the new run's clusters: a matched cluster keeps its previous id; the others take fresh ids
 * `theme-N` in the order given, counting on from `nextThemeNumber`, so an id that disappeared is never
 * given to a different theme later (an edit aimed at it stays dormant rather than landing elsewhere).
 */
export function nameClusters(
  previous: readonly ThemeCluster[],
  nextThemeNumber: number,
  current: readonly UnnamedCluster[],
  options: ThemeMatchOptions = {},
): { clusters: ThemeCluster[]; matches: ThemeMatch[]; nextThemeNumber: number } {
  const matches = matchThemes(previous, current, options);
  let next = nextThemeNumber;
  const clusters = current.map((cluster, index) => {
    const id = (matches[index] as ThemeMatch).previousId ?? themeIdOf(next++);
    return { id, answerIds: cluster.answerIds, centroid: cluster.centroid };
  });
  return { clusters, matches, nextThemeNumber: next };
}
