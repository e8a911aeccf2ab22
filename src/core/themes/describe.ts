import { rowCosine } from './spherical-kmeans.js';
import { isFamily, type TermMatrix } from './term-matrix.js';

/** A term that characterises a theme, with the word shown to people. */
export interface ThemeTerm {
  /** The lemma (or two lemmas for a bigram), as clustered. */
  readonly term: string;
  /** The most frequent written form, e.g. "organised" for the lemma "organize". */
  readonly word: string;
  /** Mean weight in the theme minus mean weight in the other answers (rounded to 4 places). */
  readonly weight: number;
}

/** A theme's centroid reduced to its heaviest terms by name, so it can be compared across runs with new vocabularies. */
export interface ThemeCentroid {
  readonly terms: readonly string[];
  readonly weights: readonly number[];
}

/** The answers (rows) of the run and the matrix they came from: what labels and edits work on. */
export interface ThemeSpace {
  readonly matrix: TermMatrix;
  /** Answer id of each row. */
  readonly answerIds: readonly string[];
  /** Row of each answer that has content (unclassified answers are absent). */
  readonly rowOfAnswer: ReadonlyMap<string, number>;
  /** Σ of the rows of every classified answer, per term, and how many there are (for label contrast). */
  readonly totalWeight: Float64Array;
  readonly classifiedCount: number;
}

/** Settings for {@link describeRows}. */
export interface DescribeOptions {
  /** Terms kept per theme (default 5). */
  readonly termCount?: number;
  /** Answers shown per theme (default 3). */
  readonly representativeCount?: number;
  /** Terms kept in the centroid summary used to match themes across runs (default 40). */
  readonly centroidTermCount?: number;
}

/** A group of rows described: distinctive terms, most central answers and a centroid summary. */
export interface RowsDescription {
  readonly terms: readonly ThemeTerm[];
  readonly representativeRows: readonly number[];
  readonly centroid: ThemeCentroid;
}

const round = (value: number): number => Math.round(value * 1e4) / 1e4;

/** Builds the {@link ThemeSpace} of a matrix and the rows that are classified (have content). */
export function themeSpace(matrix: TermMatrix, answerIds: readonly string[], classifiedRows: Int32Array): ThemeSpace {
  const totalWeight = new Float64Array(matrix.terms.length);
  const rowOfAnswer = new Map<string, number>();
  for (const row of classifiedRows) {
    rowOfAnswer.set(answerIds[row] as string, row);
    const end = matrix.rowOffsets[row + 1] as number;
    for (let entry = matrix.rowOffsets[row] as number; entry < end; entry++) {
      totalWeight[matrix.columns[entry] as number] =
        (totalWeight[matrix.columns[entry] as number] as number) + (matrix.values[entry] as number);
    }
  }
  return { matrix, answerIds, rowOfAnswer, totalWeight, classifiedCount: classifiedRows.length };
}

/**
 * Describes a theme by its rows. Terms: ranked by mean TF-IDF weight in the theme minus mean weight in
 * the other classified answers, so words every theme uses ("policy", "seat") fall away and what sets
 * this theme apart rises; a term must appear in at least two of the theme's answers (when it has two)
 * so one answer's typo cannot name a theme. Representative answers: highest cosine to the theme's
 * centroid, skipping near-duplicates of one already chosen; ties go to the earlier row.
 */
export function describeRows(
  space: ThemeSpace,
  rows: readonly number[],
  options: DescribeOptions = {},
): RowsDescription {
  const { matrix } = space;
  const sum = new Map<number, number>();
  const memberCount = new Map<number, number>();
  for (const row of rows) {
    const end = matrix.rowOffsets[row + 1] as number;
    for (let entry = matrix.rowOffsets[row] as number; entry < end; entry++) {
      const column = matrix.columns[entry] as number;
      sum.set(column, (sum.get(column) ?? 0) + (matrix.values[entry] as number));
      memberCount.set(column, (memberCount.get(column) ?? 0) + 1);
    }
  }
  const size = rows.length;
  const others = space.classifiedCount - size;
  const minimumMembers = Math.min(2, size);
  const scored: { column: number; score: number }[] = [];
  for (const [column, weight] of sum) {
    if ((memberCount.get(column) as number) < minimumMembers || isFamily(matrix.terms[column] as string)) continue;
    const outside = others > 0 ? ((space.totalWeight[column] as number) - weight) / others : 0;
    const score = weight / Math.max(1, size) - outside;
    if (score > 0) scored.push({ column, score });
  }
  scored.sort((left, right) => right.score - left.score || left.column - right.column);
  const terms = scored.slice(0, options.termCount ?? 5).map(({ column, score }) => ({
    term: matrix.terms[column] as string,
    word: matrix.words[column] as string,
    weight: round(score),
  }));

  let squaredNorm = 0;
  for (const weight of sum.values()) squaredNorm += weight * weight;
  const norm = Math.sqrt(squaredNorm) || 1;
  const centroidEntries = [...sum.entries()]
    .map(([column, weight]) => ({ column, weight: weight / norm }))
    .sort((left, right) => right.weight - left.weight || left.column - right.column)
    .slice(0, options.centroidTermCount ?? 40);
  const centroid: ThemeCentroid = {
    terms: centroidEntries.map(({ column }) => matrix.terms[column] as string),
    weights: centroidEntries.map(({ weight }) => round(weight)),
  };

  const closeness = rows.map((row) => {
    let dot = 0;
    const end = matrix.rowOffsets[row + 1] as number;
    for (let entry = matrix.rowOffsets[row] as number; entry < end; entry++) {
      dot += (matrix.values[entry] as number) * ((sum.get(matrix.columns[entry] as number) as number) / norm);
    }
    return { row, dot };
  });
  closeness.sort((left, right) => right.dot - left.dot || left.row - right.row);
  const representativeRows: number[] = [];
  const wanted = options.representativeCount ?? 3;
  for (const { row } of closeness) {
    if (representativeRows.length >= wanted) break;
    if (representativeRows.some((chosen) => rowCosine(matrix, chosen, row) > 0.999)) continue;
    representativeRows.push(row);
  }
  return { terms, representativeRows, centroid };
}

/** Cosine between two centroid summaries (terms matched by name). */
export function centroidCosine(left: ThemeCentroid, right: ThemeCentroid): number {
  const rightWeights = new Map<string, number>();
  right.terms.forEach((term, index) => {
    rightWeights.set(term, right.weights[index] as number);
  });
  let dot = 0;
  let leftNorm = 0;
  left.terms.forEach((term, index) => {
    const weight = left.weights[index] as number;
    leftNorm += weight * weight;
    dot += weight * (rightWeights.get(term) ?? 0);
  });
  let rightNorm = 0;
  for (const weight of right.weights) rightNorm += weight * weight;
  if (leftNorm === 0 || rightNorm === 0) return 0;
  return dot / Math.sqrt(leftNorm * rightNorm);
}
