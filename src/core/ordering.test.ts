import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderFewestVotesFirst, seededHash } from './ordering.js';

const statementsArbitrary = fc.uniqueArray(
  fc.record({ statementId: fc.integer({ min: 1, max: 10_000 }), voteCount: fc.integer({ min: 0, max: 50 }) }),
  { selector: (statement) => statement.statementId, maxLength: 60 },
);

describe('orderFewestVotesFirst', () => {
  it('puts statements with fewer votes first', () => {
    fc.assert(
      fc.property(statementsArbitrary, fc.integer(), (statements, seed) => {
        const counts = new Map(statements.map((s) => [s.statementId, s.voteCount]));
        const order = orderFewestVotesFirst(statements, seed).map((id) => counts.get(id) ?? -1);
        return order.every((count, index) => index === 0 || (order[index - 1] ?? 0) <= count);
      }),
    );
  });

  it('returns every statement exactly once and the same order for the same seed', () => {
    fc.assert(
      fc.property(statementsArbitrary, fc.integer(), (statements, seed) => {
        const order = orderFewestVotesFirst(statements, seed);
        expect(order).toEqual(orderFewestVotesFirst([...statements].reverse(), seed));
        expect([...order].sort((a, b) => a - b)).toEqual(statements.map((s) => s.statementId).sort((a, b) => a - b));
      }),
    );
  });

  it('shuffles ties differently for different participants', () => {
    const tied = Array.from({ length: 20 }, (_, index) => ({ statementId: index + 1, voteCount: 0 }));
    const orders = new Set([1, 2, 3, 4, 5].map((seed) => orderFewestVotesFirst(tied, seed).join(',')));
    expect(orders.size).toBe(5);
  });
});

describe('seededHash', () => {
  it('spreads consecutive ids across the 32-bit range', () => {
    const hashes = Array.from({ length: 1000 }, (_, index) => seededHash(7, index));
    const aboveHalf = hashes.filter((hash) => hash >= 2 ** 31).length;
    expect(aboveHalf).toBeGreaterThan(400);
    expect(aboveHalf).toBeLessThan(600);
    expect(new Set(hashes).size).toBe(1000);
  });
});
