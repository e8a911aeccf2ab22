/**
 * Near-duplicate statements: likely repeats of each other that the exact duplicate key
 * (`statementTextKey`) lets through, such as a typo, a changed word ending or an added word. Moderators
 * see them beside each pending statement and decide; nothing is refused automatically.
 *
 * Similarity is the Jaccard index of the two texts' character trigram sets, taken over the duplicate
 * key (case, punctuation and spacing folded) padded with a space at each end, so word starts and ends
 * count too. Trigrams forgive typos and inflections ("campaign" / "campaigning") that a word-set
 * comparison would miss, and need no language model, so Welsh works as well as English.
 *
 * The index keeps, for each trigram, the statements that contain it (an inverted index), so a lookup
 * reads only the statements sharing one of the text's rarer trigrams, never every pair.
 */
import { statementTextKey } from './statements.js';

/**
 * Defaults the moderation queue uses. A similarity of 0.5 means half the two texts' combined trigrams
 * are shared. In the examples of near-duplicates.test.ts a typo scores 0.8–0.9, an added or dropped
 * word 0.6–0.85, while statements that only share a phrase ("… should lead the next campaign") stay
 * under 0.5. Three suggestions are enough to act on without burying the statement itself.
 */
export const nearDuplicateDefaults = { threshold: 0.5, topK: 3 } as const;

export interface NearDuplicate {
  id: number;
  /** Jaccard similarity of trigram sets, from 0 (nothing shared) to 1 (same key). */
  similarity: number;
}

/** The distinct trigrams of a text's duplicate key, padded with a space at each end. */
export function statementTrigrams(text: string): Set<string> {
  return keyTrigrams(statementTextKey(text));
}

/** `statementTrigrams` for a key already made by `statementTextKey` (statements store theirs). */
export function keyTrigrams(key: string): Set<string> {
  const trigrams = new Set<string>();
  if (key === '') return trigrams;
  // Iterating a string yields code points, so a letter outside the BMP is never cut in half.
  let beforePrevious = '';
  let previous = ' ';
  for (const character of `${key} `) {
    if (beforePrevious !== '') trigrams.add(beforePrevious + previous + character);
    beforePrevious = previous;
    previous = character;
  }
  return trigrams;
}

/** Jaccard index of two trigram sets; two empty sets are 0 (an empty text is like nothing). */
export function jaccard(first: ReadonlySet<string>, second: ReadonlySet<string>): number {
  if (first.size === 0 || second.size === 0) return 0;
  const [small, large] = first.size <= second.size ? [first, second] : [second, first];
  let shared = 0;
  for (const trigram of small) if (large.has(trigram)) shared++;
  return shared / (first.size + second.size - shared);
}

/** How alike two statements' texts are, from 0 to 1 (see the module comment). */
export function statementSimilarity(first: string, second: string): number {
  return jaccard(statementTrigrams(first), statementTrigrams(second));
}

/**
 * A statement to index. `textKey`, when given, must be `statementTextKey(text)`; passing the stored
 * key skips recomputing it, the slowest step of building an index.
 */
export interface IndexedStatement {
  id: number;
  text: string;
  textKey?: string;
}

/**
 * Finds, for a text, the most similar statements among many. Two standard filters keep a lookup from
 * touching every statement that shares a common trigram (" th", "the"):
 *
 * - Length: a Jaccard index of at least t needs the other set's size between t·|A| and |A|/t.
 * - Prefix: it also needs at least ⌈t·|A|⌉ shared trigrams, so any match must contain one of the
 *   |A| − ⌈t·|A|⌉ + 1 rarest trigrams of A. Only those trigrams' postings are read to find candidates;
 *   each candidate's similarity is then counted exactly.
 */
export class NearDuplicateIndex {
  readonly #ids: number[] = [];
  /** Per statement, the ids of its distinct trigrams. */
  readonly #trigramIds: Int32Array[] = [];
  readonly #trigramIdByText = new Map<string, number>();
  /** trigram id → positions (in #ids) of the statements containing it. */
  readonly #postings: number[][] = [];

  constructor(statements: Iterable<IndexedStatement> = []) {
    for (const statement of statements) this.add(statement);
  }

  get size(): number {
    return this.#ids.length;
  }

  add(statement: IndexedStatement): void {
    const position = this.#ids.length;
    const trigramIds: number[] = [];
    const key = statement.textKey ?? statementTextKey(statement.text);
    for (const trigram of keyTrigrams(key)) {
      let trigramId = this.#trigramIdByText.get(trigram);
      if (trigramId === undefined) {
        trigramId = this.#postings.length;
        this.#trigramIdByText.set(trigram, trigramId);
        this.#postings.push([]);
      }
      this.#postings[trigramId]!.push(position);
      trigramIds.push(trigramId);
    }
    this.#ids.push(statement.id);
    this.#trigramIds.push(Int32Array.from(trigramIds));
  }

  /**
   * Statements at least `threshold` similar to `text` (and sharing at least one trigram), most similar
   * first (ties: lower id first), at most `topK`. `excludeId` leaves out the statement itself.
   */
  similarTo(text: string, options: { threshold?: number; topK?: number; excludeId?: number } = {}): NearDuplicate[] {
    const threshold = options.threshold ?? nearDuplicateDefaults.threshold;
    const topK = options.topK ?? nearDuplicateDefaults.topK;
    const trigrams = statementTrigrams(text);
    const size = trigrams.size;
    if (size === 0 || topK <= 0) return [];

    const known: number[] = [];
    for (const trigram of trigrams) {
      const trigramId = this.#trigramIdByText.get(trigram);
      if (trigramId !== undefined) known.push(trigramId);
    }
    // The epsilon keeps a product like 0.3 × 10 = 3.0000000000000004 from demanding 4.
    const minShared = Math.max(1, Math.ceil(threshold * size - 1e-9));
    // Trigrams no statement has are the rarest of all; they are in the prefix but find nothing.
    const unknown = size - known.length;
    const probes = size - minShared + 1 - unknown;
    if (probes <= 0) return [];
    known.sort((first, second) => this.#postings[first]!.length - this.#postings[second]!.length);

    const minSize = threshold * size - 1e-9;
    const maxSize = threshold > 0 ? size / threshold + 1e-9 : Number.POSITIVE_INFINITY;
    // Typed marks instead of Sets: lookups run in the request path, and these loops are the hot part.
    const isCandidate = new Uint8Array(this.#ids.length);
    const candidates: number[] = [];
    for (const trigramId of known.slice(0, probes)) {
      for (const position of this.#postings[trigramId]!) {
        if (isCandidate[position] === 1) continue;
        const candidateSize = this.#trigramIds[position]!.length;
        if (candidateSize >= minSize && candidateSize <= maxSize) {
          isCandidate[position] = 1;
          candidates.push(position);
        }
      }
    }

    const inQuery = new Uint8Array(this.#postings.length);
    for (const trigramId of known) inQuery[trigramId] = 1;
    const found: NearDuplicate[] = [];
    for (const position of candidates) {
      const id = this.#ids[position]!;
      if (id === options.excludeId) continue;
      const candidate = this.#trigramIds[position]!;
      let shared = 0;
      for (let index = 0; index < candidate.length; index++) shared += inQuery[candidate[index]!]!;
      const similarity = shared / (size + candidate.length - shared);
      if (shared > 0 && similarity >= threshold) found.push({ id, similarity });
    }
    found.sort((first, second) => second.similarity - first.similarity || first.id - second.id);
    return found.slice(0, topK);
  }
}
