import { createRandom } from '../src/core/analysis/random.js';
import { NearDuplicateIndex } from '../src/core/near-duplicates.js';
import { statementTextKey } from '../src/core/statements.js';

/**
 * The moderation queue's near-duplicate lookups (src/core/near-duplicates.ts) on a review of 5,000
 * statements: building the trigram index (done once per queue request) and looking up a page of 50
 * pending statements, and, for scale, every statement. Statements are 6–25 words drawn with Zipf's
 * law, so common words (and their trigrams) recur as in real text; one in ten is a copy of an
 * earlier one with a typo, so lookups find real matches.
 */
const statementCount = 5_000;
const pageSize = 50;

/** Words of 2–9 random letters, drawn with Zipf's law (the n-th word's frequency ∝ 1/n) as in real text. */
function zipfVocabulary(random: () => number, size: number): () => string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const words = Array.from({ length: size }, () =>
    Array.from({ length: 2 + Math.floor(random() * 8) }, () => letters[Math.floor(random() * 26)]).join(''),
  );
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= size; rank++) {
    total += 1 / rank;
    cumulative.push(total);
  }
  return () => {
    const target = random() * total;
    let low = 0;
    let high = size - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return words[low]!;
  };
}

function syntheticStatements(count: number, seed: number): Array<{ id: number; text: string }> {
  const random = createRandom(seed);
  const word = zipfVocabulary(random, 5_000);
  const statements: Array<{ id: number; text: string }> = [];
  for (let id = 0; id < count; id++) {
    const earlier = statements[Math.floor(random() * statements.length)];
    if (earlier && id % 10 === 0) {
      const at = Math.floor(random() * earlier.text.length);
      statements.push({ id, text: `${earlier.text.slice(0, at)}x${earlier.text.slice(at + 1)}` });
      continue;
    }
    statements.push({ id, text: Array.from({ length: 6 + Math.floor(random() * 20) }, word).join(' ') });
  }
  return statements;
}

function milliseconds(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}

export function benchNearDuplicates() {
  const statements = syntheticStatements(statementCount, 11);
  // As the queue does: from the duplicate keys the statements table stores.
  const stored = statements.map((statement) => ({ ...statement, textKey: statementTextKey(statement.text) }));
  let start = performance.now();
  const index = new NearDuplicateIndex(stored);
  const buildMs = milliseconds(start);

  start = performance.now();
  let pageMatches = 0;
  for (const statement of statements.slice(-pageSize)) {
    pageMatches += index.similarTo(statement.text, { excludeId: statement.id }).length;
  }
  const pageMs = milliseconds(start);

  start = performance.now();
  let allMatches = 0;
  for (const statement of statements) allMatches += index.similarTo(statement.text, { excludeId: statement.id }).length;
  const allMs = milliseconds(start);

  return {
    statements: statementCount,
    indexBuild: { value: buildMs, unit: 'ms' },
    pageOfPendingLookups: { value: pageMs, unit: 'ms', lookups: pageSize, matches: pageMatches },
    everyStatementLookups: { value: allMs, unit: 'ms', lookups: statementCount, matches: allMatches },
  };
}
