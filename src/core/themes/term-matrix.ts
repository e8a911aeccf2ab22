/**
 * An answer reduced to its content terms (lemmas, in reading order) by the text layer
 * (`src/themes/text.ts`), with the word as written for each term so labels can show readable words.
 */
export interface ThemeDocument {
  readonly id: string;
  readonly terms: readonly string[];
  /** The written word (lower case) for each term, parallel to `terms`; the term itself when omitted. */
  readonly words?: readonly string[];
}

/** Settings for {@link buildTermMatrix}. */
export interface TermMatrixOptions {
  /** A term must occur in at least this many answers (default 2): one-off words and typos cannot link answers. */
  readonly minimumDocumentFrequency?: number;
  /** Terms in more than this share of the answers are dropped (default 0.5): they separate nothing. */
  readonly maximumDocumentShare?: number;
  /** Also count adjacent content-term pairs ("cost living") as terms (default false). */
  readonly bigrams?: boolean;
  /**
   * Each term longer than this also counts as its word family, the first this-many letters (default
   * 5; 0 for none): "leader" and "leadership", "economy" and "economic", "canvasser" and the typo
   * "canvasing" then share a feature, which short answers badly need. Families link answers but never
   * label a theme.
   */
  readonly familyPrefixLength?: number;
}

/** Marks a word-family feature: "leade…" stands for every term starting "leade". */
export const familyMark = '…';

/** Whether a vocabulary entry is a word-family feature rather than a term. */
export function isFamily(term: string): boolean {
  return term.endsWith(familyMark);
}

/**
 * Rows in compressed sparse row form: row r's entries are `columns`/`values` from `rowOffsets[r]` to
 * `rowOffsets[r + 1]`, columns ascending. The clustering works on any such rows of unit length.
 */
export interface SparseRows {
  readonly rowCount: number;
  readonly columnCount: number;
  readonly rowOffsets: Int32Array;
  readonly columns: Int32Array;
  readonly values: Float64Array;
}

/** Sparse TF-IDF rows, each L2-normalised (so a dot product is a cosine), with their vocabulary. */
export interface TermMatrix extends SparseRows {
  /** The vocabulary: a lemma, or two lemmas joined by a space for a bigram. */
  readonly terms: readonly string[];
  /** The most frequent written form of each term, for labels. */
  readonly words: readonly string[];
  readonly documentFrequency: Int32Array;
  readonly inverseDocumentFrequency: Float64Array;
}

/** Number of stored terms in a row (0 for an answer with no term in the vocabulary). */
export function rowLength(matrix: SparseRows, row: number): number {
  return (matrix.rowOffsets[row + 1] as number) - (matrix.rowOffsets[row] as number);
}

function termsOf(
  document: ThemeDocument,
  bigrams: boolean,
  familyPrefixLength: number,
): { terms: string[]; words: string[] } {
  const terms = [...document.terms];
  const words = document.terms.map((term, index) => document.words?.[index] ?? term);
  if (familyPrefixLength > 0) {
    for (const term of document.terms) {
      if (term.length <= familyPrefixLength) continue;
      const family = `${term.slice(0, familyPrefixLength)}${familyMark}`;
      terms.push(family);
      words.push(family);
    }
  }
  if (bigrams) {
    for (let index = 0; index + 1 < document.terms.length; index++) {
      const first = document.terms[index] as string;
      const second = document.terms[index + 1] as string;
      if (first === second) continue;
      terms.push(`${first} ${second}`);
      words.push(`${words[index]} ${words[index + 1]}`);
    }
  }
  return { terms, words };
}

/**
 * Builds the TF-IDF matrix: sublinear term frequency 1 + ln(tf), smoothed inverse document frequency
 * ln((1 + n) / (1 + df)) + 1, rows L2-normalised. Vocabulary order is alphabetical, so the result does
 * not depend on which answer a word first appeared in.
 */
export function buildTermMatrix(documents: readonly ThemeDocument[], options: TermMatrixOptions = {}): TermMatrix {
  const minimumDocumentFrequency = Math.max(1, options.minimumDocumentFrequency ?? 2);
  const maximumDocumentShare = options.maximumDocumentShare ?? 0.5;
  const bigrams = options.bigrams ?? false;
  const familyPrefixLength = Math.max(0, options.familyPrefixLength ?? 5);
  const rowCount = documents.length;

  const documentFrequencyByTerm = new Map<string, number>();
  const wordCounts = new Map<string, Map<string, number>>();
  for (const document of documents) {
    const { terms, words } = termsOf(document, bigrams, familyPrefixLength);
    const seen = new Set<string>();
    terms.forEach((term, index) => {
      const word = words[index] as string;
      let counts = wordCounts.get(term);
      if (!counts) {
        counts = new Map();
        wordCounts.set(term, counts);
      }
      counts.set(word, (counts.get(word) ?? 0) + 1);
      if (!seen.has(term)) {
        seen.add(term);
        documentFrequencyByTerm.set(term, (documentFrequencyByTerm.get(term) ?? 0) + 1);
      }
    });
  }

  const maximumDocumentFrequency = Math.max(minimumDocumentFrequency, Math.floor(maximumDocumentShare * rowCount));
  const terms = [...documentFrequencyByTerm.entries()]
    .filter(([, frequency]) => frequency >= minimumDocumentFrequency && frequency <= maximumDocumentFrequency)
    .map(([term]) => term)
    .sort(compareText);
  const columnOf = new Map<string, number>(terms.map((term, column) => [term, column]));
  const documentFrequency = Int32Array.from(terms, (term) => documentFrequencyByTerm.get(term) ?? 0);
  const inverseDocumentFrequency = Float64Array.from(
    documentFrequency,
    (frequency) => Math.log((1 + rowCount) / (1 + frequency)) + 1,
  );
  const words = terms.map((term) => mostFrequentWord(wordCounts.get(term), term));

  const rowOffsets = new Int32Array(rowCount + 1);
  const columnParts: Int32Array[] = [];
  const valueParts: Float64Array[] = [];
  let stored = 0;
  for (let row = 0; row < rowCount; row++) {
    const counts = new Map<number, number>();
    for (const term of termsOf(documents[row] as ThemeDocument, bigrams, familyPrefixLength).terms) {
      const column = columnOf.get(term);
      if (column !== undefined) counts.set(column, (counts.get(column) ?? 0) + 1);
    }
    const rowColumns = Int32Array.from([...counts.keys()].sort((left, right) => left - right));
    const rowValues = new Float64Array(rowColumns.length);
    let squaredNorm = 0;
    for (let entry = 0; entry < rowColumns.length; entry++) {
      const column = rowColumns[entry] as number;
      const value = (1 + Math.log(counts.get(column) as number)) * (inverseDocumentFrequency[column] as number);
      rowValues[entry] = value;
      squaredNorm += value * value;
    }
    const norm = Math.sqrt(squaredNorm);
    if (norm > 0)
      for (let entry = 0; entry < rowValues.length; entry++) rowValues[entry] = (rowValues[entry] as number) / norm;
    columnParts.push(rowColumns);
    valueParts.push(rowValues);
    stored += rowColumns.length;
    rowOffsets[row + 1] = stored;
  }
  const columns = new Int32Array(stored);
  const values = new Float64Array(stored);
  for (let row = 0; row < rowCount; row++) {
    columns.set(columnParts[row] as Int32Array, rowOffsets[row] as number);
    values.set(valueParts[row] as Float64Array, rowOffsets[row] as number);
  }
  return {
    rowCount,
    columnCount: terms.length,
    terms,
    words,
    documentFrequency,
    inverseDocumentFrequency,
    rowOffsets,
    columns,
    values,
  };
}

function mostFrequentWord(counts: Map<string, number> | undefined, fallback: string): string {
  let best = fallback;
  let bestCount = 0;
  for (const [word, count] of counts ?? []) {
    if (count > bestCount || (count === bestCount && compareText(word, best) < 0)) {
      best = word;
      bestCount = count;
    }
  }
  return best;
}

/** Code-unit order: the same on every machine and locale, unlike localeCompare. */
export function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
