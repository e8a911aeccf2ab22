import { type DescribeOptions, describeRows, type ThemeSpace, type ThemeTerm } from './describe.js';
import type { ThemeCluster } from './match.js';
import { addRow, type Centroids, normaliseCentroids, scoreRow } from './spherical-kmeans.js';
import type { TermMatrix } from './term-matrix.js';

/**
 * An organiser's edit, kept in order and re-applied to every new run. Edits name themes by their
 * stable ids (`theme-N`, or a split part's own id), never by position.
 */
export type ThemeEdit =
  /** Shows `label` instead of the automatic one; an empty label goes back to the automatic one. */
  | { readonly kind: 'rename'; readonly themeId: string; readonly label: string }
  /** The listed themes are one theme, under the first id that still exists. */
  | { readonly kind: 'merge'; readonly themeIds: readonly string[] }
  /**
   * The theme becomes one theme per part: its answers are divided by seeded k-means around each
   * part's seed answers. Part ids are new ids chosen when the edit is made (see {@link splitPartIds}).
   */
  | {
      readonly kind: 'split';
      readonly themeId: string;
      readonly parts: readonly { readonly themeId: string; readonly seedAnswerIds: readonly string[] }[];
    };

/** A theme as shown to organisers: a cluster (or several merged, or part of a split) with its edits applied. */
export interface Theme {
  readonly id: string;
  /** The custom label when renamed, else the automatic one. */
  readonly label: string;
  /** The theme's most distinctive words, joined. */
  readonly automaticLabel: string;
  readonly customLabel: string | null;
  readonly terms: readonly ThemeTerm[];
  readonly answerIds: readonly string[];
  /** The answers nearest the theme's centroid, most central first. */
  readonly representativeAnswerIds: readonly string[];
  /** The engine's clusters this theme was built from. */
  readonly clusterIds: readonly string[];
}

/** Themes after edits, and which edits took effect this run. */
export interface EditedThemes {
  readonly themes: Theme[];
  /** Indices of edits that changed something. */
  readonly appliedEdits: number[];
  /**
   * Indices of edits that had nothing to act on this run (a theme that no longer exists, a merge with
   * fewer than two surviving themes, a split with fewer than two parts whose seeds still have content).
   * They are kept: a later run may bring their themes back.
   */
  readonly dormantEdits: number[];
}

interface WorkingTheme {
  rows: number[];
  customLabel: string | null;
  clusterIds: string[];
}

/**
 * Applies organiser edits, in order, to the clusters of a run (already named by `nameClusters`, so a
 * theme keeps its id across runs and edits find it). Rename sets the label; merge unites answers;
 * split re-divides a theme's current answers around each part's seed answers, so the split
 * follows the answers as they change. Labels, terms and representative answers are then
 * recomputed from the resulting answers. Themes are returned largest first (then by id).
 */
export function applyThemeEdits(
  space: ThemeSpace,
  clusters: readonly ThemeCluster[],
  edits: readonly ThemeEdit[],
  options: DescribeOptions = {},
): EditedThemes {
  const themes = new Map<string, WorkingTheme>();
  for (const cluster of clusters) {
    const rows = cluster.answerIds
      .map((answerId) => space.rowOfAnswer.get(answerId))
      .filter((row): row is number => row !== undefined);
    themes.set(cluster.id, { rows, customLabel: null, clusterIds: [cluster.id] });
  }
  // Where a merged-away theme went, so a later rename of it still lands.
  const mergedInto = new Map<string, string>();
  const resolve = (id: string): string => {
    let current = id;
    const seen = new Set<string>();
    while (mergedInto.has(current) && !seen.has(current)) {
      seen.add(current);
      current = mergedInto.get(current) as string;
    }
    return current;
  };
  const appliedEdits: number[] = [];
  const dormantEdits: number[] = [];

  edits.forEach((edit, index) => {
    const applied =
      edit.kind === 'rename'
        ? rename(themes, resolve(edit.themeId), edit.label)
        : edit.kind === 'merge'
          ? merge(themes, mergedInto, edit.themeIds.map(resolve))
          : split(space, themes, resolve(edit.themeId), edit.parts);
    (applied ? appliedEdits : dormantEdits).push(index);
  });

  const result: Theme[] = [];
  for (const [id, theme] of themes) {
    if (theme.rows.length === 0) continue;
    const rows = [...theme.rows].sort((left, right) => left - right);
    const description = describeRows(space, rows, options);
    const automaticLabel = description.terms
      .slice(0, 3)
      .map((term) => term.word)
      .join(', ');
    result.push({
      id,
      label: theme.customLabel ?? automaticLabel,
      automaticLabel,
      customLabel: theme.customLabel,
      terms: description.terms,
      answerIds: rows.map((row) => space.answerIds[row] as string),
      representativeAnswerIds: description.representativeRows.map((row) => space.answerIds[row] as string),
      clusterIds: theme.clusterIds,
    });
  }
  result.sort((left, right) => right.answerIds.length - left.answerIds.length || compareIds(left.id, right.id));
  return { themes: result, appliedEdits, dormantEdits };
}

function rename(themes: Map<string, WorkingTheme>, id: string, label: string): boolean {
  const theme = themes.get(id);
  if (!theme) return false;
  const trimmed = label.trim();
  theme.customLabel = trimmed === '' ? null : trimmed;
  return true;
}

function merge(themes: Map<string, WorkingTheme>, mergedInto: Map<string, string>, ids: readonly string[]): boolean {
  const present = [...new Set(ids)].filter((id) => themes.has(id));
  if (present.length < 2) return false;
  const [survivorId, ...others] = present as [string, ...string[]];
  const survivor = themes.get(survivorId) as WorkingTheme;
  for (const id of others) {
    const theme = themes.get(id) as WorkingTheme;
    survivor.rows.push(...theme.rows);
    survivor.clusterIds.push(...theme.clusterIds);
    survivor.customLabel ??= theme.customLabel;
    themes.delete(id);
    mergedInto.set(id, survivorId);
  }
  return true;
}

function split(
  space: ThemeSpace,
  themes: Map<string, WorkingTheme>,
  id: string,
  parts: readonly { readonly themeId: string; readonly seedAnswerIds: readonly string[] }[],
): boolean {
  const theme = themes.get(id);
  if (!theme) return false;
  const { matrix } = space;
  const partIds = new Set<string>();
  const usable = parts
    .filter((part) => {
      // A part id must be new: not the split theme, not a theme that exists, not named twice.
      if (part.themeId === id || themes.has(part.themeId) || partIds.has(part.themeId)) return false;
      partIds.add(part.themeId);
      return true;
    })
    .map((part) => ({
      themeId: part.themeId,
      // Seeds without content (deleted, or unclassified this run) cannot anchor anything.
      seedRows: [...new Set(part.seedAnswerIds)]
        .map((answerId) => space.rowOfAnswer.get(answerId))
        .filter((row): row is number => row !== undefined),
    }))
    .filter((part) => part.seedRows.length > 0);
  if (usable.length < 2) return false;
  const partRows = seededPartition(
    matrix,
    theme.rows,
    usable.map((part) => part.seedRows),
  );
  themes.delete(id);
  usable.forEach((part, partIndex) => {
    themes.set(part.themeId, {
      rows: partRows[partIndex] as number[],
      customLabel: null,
      clusterIds: [...theme.clusterIds],
    });
  });
  return true;
}

/**
 * Divides `rows` among parts anchored by seed rows: seeded k-means (Basu, Banerjee & Mooney 2002).
 * Each part's centroid starts as the sum of its seeds; rows go to the most similar centroid; then each
 * centroid becomes the sum of its seeds and its rows, until nothing moves. Seeds among `rows` stay in
 * their part. Starting from a few seeds alone would leave every answer that shares no word with any
 * seed in the first part; the later rounds place them by the words of the answers already placed.
 */
function seededPartition(matrix: TermMatrix, rows: readonly number[], seedRowsOfPart: readonly number[][]): number[][] {
  const k = seedRowsOfPart.length;
  const pinned = new Map<number, number>();
  seedRowsOfPart.forEach((seedRows, part) => {
    for (const row of seedRows) if (!pinned.has(row)) pinned.set(row, part);
  });
  const centroids: Centroids = { k, values: new Float64Array(matrix.columnCount * k) };
  const setCentroids = (assignment: Int32Array | undefined): void => {
    centroids.values.fill(0);
    seedRowsOfPart.forEach((seedRows, part) => {
      for (const row of seedRows) addRow(matrix, row, centroids.values, k, part, 1);
    });
    if (assignment) {
      rows.forEach((row, position) => {
        if (!pinned.has(row)) addRow(matrix, row, centroids.values, k, assignment[position] as number, 1);
      });
    }
    normaliseCentroids(centroids.values, k, matrix.columnCount);
  };
  setCentroids(undefined);
  const assignment = new Int32Array(rows.length).fill(-1);
  const scores = new Float64Array(k);
  for (let round = 0; round < 50; round++) {
    let changed = 0;
    rows.forEach((row, position) => {
      let part = pinned.get(row);
      if (part === undefined) {
        scoreRow(matrix, row, centroids, scores);
        part = 0;
        for (let candidate = 1; candidate < k; candidate++)
          if ((scores[candidate] as number) > (scores[part] as number)) part = candidate;
      }
      if (assignment[position] !== part) changed++;
      assignment[position] = part;
    });
    if (changed === 0) break;
    setCentroids(assignment);
  }
  const partRows = seedRowsOfPart.map(() => [] as number[]);
  rows.forEach((row, position) => {
    (partRows[assignment[position] as number] as number[]).push(row);
  });
  return partRows;
}

/**
 * Ids for the parts of a new split of `themeId`: `<themeId>.1`, `<themeId>.2`…, skipping any id in
 * `taken` (ids of current themes and of parts named in earlier edits), so they never collide with a
 * `theme-N` id or an earlier split.
 */
export function splitPartIds(themeId: string, count: number, taken: Iterable<string>): string[] {
  const used = new Set(taken);
  const ids: string[] = [];
  for (let suffix = 1; ids.length < count; suffix++) {
    const candidate = `${themeId}.${suffix}`;
    if (!used.has(candidate)) ids.push(candidate);
  }
  return ids;
}

/** Ids of every theme an edit list names (for {@link splitPartIds}'s `taken`). */
export function idsNamedByEdits(edits: readonly ThemeEdit[]): string[] {
  return edits.flatMap((edit) =>
    edit.kind === 'rename'
      ? [edit.themeId]
      : edit.kind === 'merge'
        ? [...edit.themeIds]
        : [edit.themeId, ...edit.parts.map((part) => part.themeId)],
  );
}

/** Orders ids so that theme-2 comes before theme-10. */
export function compareIds(left: string, right: string): number {
  const leftParts = left.split(/(\d+)/);
  const rightParts = right.split(/(\d+)/);
  for (let index = 0; index < Math.min(leftParts.length, rightParts.length); index++) {
    const leftPart = leftParts[index] as string;
    const rightPart = rightParts[index] as string;
    if (leftPart === rightPart) continue;
    const numeric = index % 2 === 1;
    if (numeric) return Number(leftPart) - Number(rightPart) || (leftPart < rightPart ? -1 : 1);
    return leftPart < rightPart ? -1 : 1;
  }
  return leftParts.length - rightParts.length;
}
