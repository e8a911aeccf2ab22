import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  jaccard,
  NearDuplicateIndex,
  nearDuplicateDefaults,
  statementSimilarity,
  statementTrigrams,
} from './near-duplicates.js';
import { statementTextKey } from './statements.js';

const threshold = nearDuplicateDefaults.threshold;

describe('statementTrigrams', () => {
  it('takes space-padded trigrams of the duplicate key', () => {
    expect([...statementTrigrams('No!')]).toEqual([' no', 'no ']);
    expect([...statementTrigrams('Tŷ')]).toEqual([' tŷ', 'tŷ ']);
    expect(statementTrigrams('?!').size).toBe(0);
  });

  it('never splits a character outside the basic plane', () => {
    for (const trigram of statementTrigrams('vote 🗳️ now')) expect(Array.from(trigram)).toHaveLength(3);
  });
});

describe('statementSimilarity', () => {
  it.each([
    ['a typo', 'Our campaign started too late in the valleys.', 'Our campaign started too late in the vallyes.'],
    ['an added word', 'We lost touch with voters.', 'We lost touch with our voters'],
    [
      'a dropped word',
      'Local councillors should lead the next campaign.',
      'Local councillors should lead the campaign',
    ],
    ['a changed ending', 'We should have campaigned earlier', 'We should have started campaigning earlier'],
    ['a Welsh spelling variant', 'Mae angen i ni wrando ar bobl leol', 'Mae angen i ni wrando ar bobol leol'],
  ])('counts %s as a likely duplicate', (_change, first, second) => {
    expect(statementSimilarity(first, second)).toBeGreaterThanOrEqual(threshold);
  });

  it.each([
    [
      'a shared ending',
      'Local councillors should lead the next campaign.',
      'The national executive should lead the next campaign.',
    ],
    ['a shared start', 'We should have campaigned earlier', 'We should have listened to members'],
    ['a shared frame', 'Our leaflets were too long', 'Our manifesto was too long'],
  ])('keeps statements with only %s apart', (_overlap, first, second) => {
    expect(statementSimilarity(first, second)).toBeLessThan(threshold);
  });

  it('is 1 for texts with the same duplicate key and 0 for an empty one', () => {
    expect(statementSimilarity('We lost touch with voters.', 'we LOST touch, with voters!')).toBe(1);
    expect(statementSimilarity('...', 'We lost')).toBe(0);
  });

  it('is symmetric and between 0 and 1', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (first, second) => {
        const forward = statementSimilarity(first, second);
        return forward === statementSimilarity(second, first) && forward >= 0 && forward <= 1;
      }),
    );
  });

  it('is 1 exactly when the trigram sets are equal', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (first, second) => {
        const a = statementTrigrams(first);
        const b = statementTrigrams(second);
        const same = a.size > 0 && a.size === b.size && [...a].every((trigram) => b.has(trigram));
        return (jaccard(a, b) === 1) === same;
      }),
    );
  });
});

/** The index must give exactly what comparing the text with every statement one by one gives. */
function bruteForce(
  statements: Array<{ id: number; text: string }>,
  text: string,
  options: { threshold: number; topK: number; excludeId?: number },
) {
  return statements
    .filter((statement) => statement.id !== options.excludeId)
    .map((statement) => ({ id: statement.id, similarity: statementSimilarity(text, statement.text) }))
    .filter((match) => match.similarity > 0 && match.similarity >= options.threshold)
    .sort((first, second) => second.similarity - first.similarity || first.id - second.id)
    .slice(0, options.topK);
}

// Texts from a small vocabulary, so random statements often share words and trigrams.
const word = fc.constantFrom(
  'we',
  'lost',
  'touch',
  'with',
  'voters',
  'the',
  'campaign',
  'local',
  'late',
  'Lost!',
  'vallyes',
);
const statementText = fc.array(word, { minLength: 1, maxLength: 8 }).map((words) => words.join(' '));

describe('NearDuplicateIndex', () => {
  it('finds the most similar statements first, leaving out the statement itself', () => {
    const index = new NearDuplicateIndex([
      { id: 1, text: 'Our campaign started too late in the valleys.' },
      { id: 2, text: 'We lost touch with voters.' },
      { id: 3, text: 'Our campaign started too late' },
      { id: 4, text: 'Our campaign started too late in the vallyes' },
    ]);
    expect(index.size).toBe(4);
    const found = index.similarTo('Our campaign started too late in the valleys.', { excludeId: 1 });
    expect(found.map((match) => match.id)).toEqual([4, 3]);
    expect(found[0]!.similarity).toBeGreaterThan(found[1]!.similarity);
    expect(index.similarTo('Something else entirely')).toEqual([]);
  });

  it('matches a brute-force comparison with every statement', () => {
    fc.assert(
      fc.property(
        fc.array(statementText, { maxLength: 30 }),
        statementText,
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 5 }),
        fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
        (texts, text, threshold, topK, excludeId) => {
          const statements = texts.map((statementText, id) => ({ id, text: statementText }));
          const index = new NearDuplicateIndex(statements);
          const options = { threshold, topK, ...(excludeId === undefined ? {} : { excludeId }) };
          expect(index.similarTo(text, options)).toEqual(bruteForce(statements, text, options));
        },
      ),
    );
  });

  it('gives the same answers when built from stored duplicate keys', () => {
    fc.assert(
      fc.property(fc.array(statementText, { maxLength: 20 }), statementText, (texts, text) => {
        const statements = texts.map((statementText, id) => ({ id, text: statementText }));
        const withKeys = statements.map((statement) => ({ ...statement, textKey: statementTextKey(statement.text) }));
        expect(new NearDuplicateIndex(withKeys).similarTo(text)).toEqual(
          new NearDuplicateIndex(statements).similarTo(text),
        );
      }),
    );
  });

  it('stays fast for a review of thousands of statements', () => {
    const words = ['we', 'lost', 'touch', 'with', 'voters', 'campaign', 'local', 'national', 'members', 'leaflets'];
    const statements = Array.from({ length: 3000 }, (_, id) => ({
      id,
      text: Array.from({ length: 12 }, (_, position) => words[(id * 7 + position * (id % 13)) % words.length]).join(
        ' ',
      ),
    }));
    const started = performance.now();
    const index = new NearDuplicateIndex(statements);
    for (const statement of statements.slice(0, 100)) index.similarTo(statement.text, { excludeId: statement.id });
    // A generous bound for a shared 2-core machine; a pairwise comparison of every statement would take seconds.
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
