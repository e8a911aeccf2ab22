import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickNextStatement, statementPriorities } from './priority.js';

describe('statement routing', () => {
  it("computes Pol.is's priority by hand", () => {
    // A=20, P=3, S=20, E=0: p = 4/22, a = 21/22, boost = 1 + 8·2^(−4)
    const priorities = statementPriorities({
      agree: [20, 0],
      pass: [3, 0],
      seen: [20, 0],
      extremity: [0, 1],
      activeStatements: [1, 1],
    });
    const importance = (1 - 4 / 22) * 1 * (21 / 22);
    expect(priorities[0]).toBeCloseTo((importance * (1 + 8 / 16)) ** 2, 12);
    // A new statement: importance (1 − ½)(1+1)(½) = ½, boost 9 → 4.5² = 20.25
    expect(priorities[1]).toBeCloseTo(20.25, 12);
  });

  it('gives meta statements 7² and excluded statements 0', () => {
    const priorities = statementPriorities({
      agree: [0, 0],
      pass: [0, 0],
      seen: [0, 0],
      extremity: [0, 0],
      activeStatements: [1, 0],
      isMeta: [1, 0],
    });
    expect([...priorities]).toEqual([49, 0]);
  });

  it('never picks a voted or zero-priority statement, is reproducible, and returns null when done', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (priorities, votedFlags, seed) => {
          const voted = new Set(votedFlags.flatMap((flag, index) => (flag ? [index] : [])));
          const pick = pickNextStatement(priorities, voted, seed);
          const available = priorities.some((priority, index) => priority > 0 && !voted.has(index));
          if (!available) return pick === null;
          return (
            pick !== null &&
            !voted.has(pick) &&
            (priorities[pick] as number) > 0 &&
            pickNextStatement(priorities, voted, seed) === pick
          );
        },
      ),
    );
  });

  it('samples in proportion to priority', () => {
    const counts = [0, 0];
    for (let seed = 0; seed < 4000; seed++) {
      const pick = pickNextStatement([1, 3], new Set(), seed);
      if (pick !== null) counts[pick] = (counts[pick] as number) + 1;
    }
    expect((counts[1] as number) / 4000).toBeGreaterThan(0.7);
    expect((counts[1] as number) / 4000).toBeLessThan(0.8);
  });
});
