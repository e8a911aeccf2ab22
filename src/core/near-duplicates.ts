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
 * The index keeps, for each trigram, the statements that contain it (an inverted index), so one lookup
 * touches only statements sharing at least one trigram with the text, never every pair.
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

/** The distinct trigrams of a text's duplicate key, space-padded; a key shorter than 3 gives itself. */
export function statementTrigrams(text: string): Set<string> {
  const key = statementTextKey(text);
  const trigrams = new Set<string>();
  if (key === '') return trigrams;
  const padded = ` ${key} `;
  // Array.from splits by code point, so a letter outside the BMP is never cut in half.
  const characters = Array.from(padded);
  for (let index = 0; index + 3 <= characters.length; index++) {
    trigrams.add(characters.slice(index, index + 3).join(''));
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

/** Finds, for a text, the most similar statements among many, through an inverted trigram index. */
export class NearDuplicateIndex {
  readonly #ids: number[] = [];
  readonly #sizes: number[] = [];
  /** trigram → positions (in #ids) of the statements containing it. */
  readonly #postings = new Map<string, number[]>();

  constructor(statements: Iterable<{ id: number; text: string }> = []) {
    for (const statement of statements) this.add(statement);
  }

  get size(): number {
    return this.#ids.length;
  }

  add(statement: { id: number; text: string }): void {
    const position = this.#ids.length;
    const trigrams = statementTrigrams(statement.text);
    this.#ids.push(statement.id);
    this.#sizes.push(trigrams.size);
    for (const trigram of trigrams) {
      const posting = this.#postings.get(trigram);
      if (posting) posting.push(position);
      else this.#postings.set(trigram, [position]);
    }
  }

  /**
   * Statements at least `threshold` similar to `text`, most similar first (ties: lower id first), at
   * most `topK`. `excludeId` leaves out the statement itself when it is in the index.
   */
  similarTo(text: string, options: { threshold?: number; topK?: number; excludeId?: number } = {}): NearDuplicate[] {
    const threshold = options.threshold ?? nearDuplicateDefaults.threshold;
    const topK = options.topK ?? nearDuplicateDefaults.topK;
    const trigrams = statementTrigrams(text);
    if (trigrams.size === 0 || topK <= 0) return [];

    const shared = new Map<number, number>();
    for (const trigram of trigrams) {
      const posting = this.#postings.get(trigram);
      if (!posting) continue;
      for (const position of posting) shared.set(position, (shared.get(position) ?? 0) + 1);
    }

    const found: NearDuplicate[] = [];
    for (const [position, count] of shared) {
      const id = this.#ids[position]!;
      if (id === options.excludeId) continue;
      const similarity = count / (trigrams.size + this.#sizes[position]! - count);
      if (similarity >= threshold) found.push({ id, similarity });
    }
    found.sort((first, second) => second.similarity - first.similarity || first.id - second.id);
    return found.slice(0, topK);
  }
}
