import { createRandom, deriveSeed } from '../analysis/random.js';
import { clusterEachK } from './choose-k.js';
import { idsNamedByEdits, splitPartIds, type ThemeEdit } from './edits.js';
import type { ThemeRun } from './extract.js';
import { scoreRow } from './spherical-kmeans.js';
import { buildTermMatrix, rowLength, type TermMatrixOptions, type ThemeDocument } from './term-matrix.js';

type SplitEdit = Extract<ThemeEdit, { kind: 'split' }>;

/** What new split part ids must avoid: the ids of a run's themes and clusters. */
export interface ThemeIds {
  readonly themes: readonly { readonly id: string }[];
  readonly clusters: readonly { readonly id: string }[];
}

/** Ids already in use in a run and its edits, which new split parts must avoid. */
function takenIds(run: ThemeIds, edits: readonly ThemeEdit[]): string[] {
  return [
    ...run.themes.map((theme) => theme.id),
    ...run.clusters.map((cluster) => cluster.id),
    ...idsNamedByEdits(edits),
  ];
}

/**
 * The edit for an organiser's split of a theme by chosen seed answers: one part per group of seeds,
 * with fresh part ids. Returns null with fewer than two non-empty groups.
 */
export function splitBySeeds(
  run: ThemeIds,
  edits: readonly ThemeEdit[],
  themeId: string,
  seedGroups: readonly (readonly string[])[],
): SplitEdit | null {
  const groups = seedGroups.filter((group) => group.length > 0);
  if (groups.length < 2) return null;
  const ids = splitPartIds(themeId, groups.length, takenIds(run, edits));
  return {
    kind: 'split',
    themeId,
    parts: groups.map((group, index) => ({ themeId: ids[index] as string, seedAnswerIds: [...group] })),
  };
}

/** Settings for {@link proposeSplit}. */
export interface ProposeSplitOptions {
  readonly seed?: number;
  /** Seed answers kept per part (default 3). */
  readonly seedsPerPart?: number;
  readonly matrix?: TermMatrixOptions;
}

/**
 * Proposes splitting a theme in two: its answers are re-weighted among themselves (TF-IDF over the
 * theme only, so the words the whole theme shares drop out and what divides it stands out), clustered
 * into two, and each half is represented by its most central answers as seeds. The edit is stored with
 * seeds rather than a partition, so re-runs re-divide the theme's current answers the same way.
 * Returns null when the theme has fewer than four answers with content of their own.
 */
export function proposeSplit(
  documents: readonly ThemeDocument[],
  run: Pick<ThemeRun, 'themes' | 'clusters'>,
  edits: readonly ThemeEdit[],
  themeId: string,
  options: ProposeSplitOptions = {},
): SplitEdit | null {
  const theme = run.themes.find((candidate) => candidate.id === themeId);
  if (!theme) return null;
  const members = new Set(theme.answerIds);
  const themeDocuments = documents
    .filter((document) => members.has(document.id))
    .sort((left, right) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0));
  const matrix = buildTermMatrix(themeDocuments, options.matrix);
  const rows: number[] = [];
  for (let row = 0; row < matrix.rowCount; row++) if (rowLength(matrix, row) > 0) rows.push(row);
  if (rows.length < 4) return null;
  const rowSet = Int32Array.from(rows);
  const random = createRandom(deriveSeed(options.seed ?? 1, `themes/split/${themeId}`));
  const halves = clusterEachK(matrix, rowSet, random, 2, 2).get(2);
  if (!halves || halves.centroids.k < 2) return null;
  const scores = new Float64Array(2);
  const byCloseness = rows
    .map((row, position) => {
      scoreRow(matrix, row, halves.centroids, scores);
      const half = halves.assignment[position] as number;
      return { row, half, closeness: scores[half] as number };
    })
    .sort((left, right) => right.closeness - left.closeness || left.row - right.row);
  const seedsPerPart = Math.max(1, options.seedsPerPart ?? 3);
  const seedGroups = [0, 1].map((half) =>
    byCloseness
      .filter((entry) => entry.half === half)
      .slice(0, seedsPerPart)
      .map((entry) => (themeDocuments[entry.row] as ThemeDocument).id),
  );
  return splitBySeeds(run, edits, themeId, seedGroups);
}
