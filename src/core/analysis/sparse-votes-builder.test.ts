import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SparseVotesBuilder, votesPerParticipant } from './sparse-votes-builder.js';

describe('SparseVotesBuilder', () => {
  it('keeps the latest event per participant × statement, sorted by participant then statement', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 4 }), fc.constantFrom(-1, 0, 1)), {
          maxLength: 60,
        }),
        (events) => {
          const builder = new SparseVotesBuilder(6, 5, 2);
          const latest = new Map<string, number>();
          for (const [participant, statement, value] of events) {
            builder.add(participant, statement, value);
            latest.set(`${participant}:${statement}`, value);
          }
          const votes = builder.build();
          const expected = [...latest.entries()]
            .map(([key, value]) => [...key.split(':').map(Number), value])
            .sort(
              (left, right) => (left[0] as number) - (right[0] as number) || (left[1] as number) - (right[1] as number),
            );
          const actual = Array.from(votes.values, (value, vote) => [
            votes.participantIndex[vote],
            votes.statementIndex[vote],
            value,
          ]);
          expect(actual).toEqual(expected);
          expect(votesPerParticipant(votes).reduce((total, count) => total + count, 0)).toBe(latest.size);
        },
      ),
    );
  });

  it('rejects out-of-range indices and values', () => {
    const builder = new SparseVotesBuilder(2, 2);
    expect(() => builder.add(2, 0, 1)).toThrow(RangeError);
    expect(() => builder.add(0, 0, 2)).toThrow(RangeError);
  });
});
