import { describe, expect, it } from 'vitest';
import {
  divisiveness,
  groupAwareConsensus,
  majorityConsensus,
  proportionTest,
  repnessStats,
  selectRepresentativeStatements,
  tallyByGroup,
  twoProportionTest,
} from './repness.js';
import { SparseVotesBuilder } from './sparse-votes-builder.js';

/** Builds votes from rows of [participant, statement, value]. */
function votesOf(participantCount: number, statementCount: number, rows: [number, number, number][]) {
  const builder = new SparseVotesBuilder(participantCount, statementCount);
  for (const [participant, statement, value] of rows) builder.add(participant, statement, value);
  return builder.build();
}

describe('Pol.is statistics, hand-computed', () => {
  it('one-proportion test: 2·√(n+1)·((s+1)/(n+1) − ½)', () => {
    // 3 of 4: 2·√5·(4/5 − 0.5) = 0.6·√5
    expect(proportionTest(3, 4)).toBeCloseTo(0.6 * Math.sqrt(5), 12);
    expect(proportionTest(0, 0)).toBeCloseTo(1, 12);
  });

  it('two-proportion test with +1 pseudocounts', () => {
    // in: 3 of 4 → 4/5; out: 1 of 4 → 2/5; pooled 6/10
    const expected = (4 / 5 - 2 / 5) / Math.sqrt(0.6 * 0.4 * (1 / 5 + 1 / 5));
    expect(twoProportionTest(3, 1, 4, 4)).toBeCloseTo(expected, 12);
    expect(twoProportionTest(4, 4, 4, 4)).toBe(0);
  });

  it('group-aware consensus is the product of (agrees+1)/(seen+2) over groups', () => {
    // Group 0 (participants 0–3): 3 agree, 1 pass. Group 1 (4–5): 1 agree, 1 disagree.
    const votes = votesOf(6, 1, [
      [0, 0, 1],
      [1, 0, 1],
      [2, 0, 1],
      [3, 0, 0],
      [4, 0, 1],
      [5, 0, -1],
    ]);
    const tallies = tallyByGroup(votes, Int32Array.from([0, 0, 0, 0, 1, 1]), 2);
    expect(groupAwareConsensus(tallies)[0]).toBeCloseTo((4 / 6) * (2 / 4), 12);
    // Net agreement: group 0 (3−0)/6 = 0.5, group 1 (1−1)/4 = 0 → half the spread 0.25.
    expect(divisiveness(tallies)[0]).toBeCloseTo(0.25, 12);
  });

  it('repness ratios and the representative statements of two opposed groups', () => {
    // Statement 0 splits the groups; statement 1 everyone agrees with.
    const rows: [number, number, number][] = [];
    for (let participant = 0; participant < 10; participant++) {
      rows.push([participant, 0, participant < 5 ? 1 : -1], [participant, 1, 1]);
    }
    const tallies = tallyByGroup(
      votesOf(10, 2, rows),
      Int32Array.from({ length: 10 }, (_, p) => (p < 5 ? 0 : 1)),
      2,
    );
    const stats = repnessStats(tallies, 0, 0);
    expect(stats.agreeProbability).toBeCloseTo(6 / 7, 12);
    // ra = pa / ((0+1)/(5+2))
    expect(stats.agreeRepness).toBeCloseTo(6 / 7 / (1 / 7), 12);
    expect(stats.agreeRepnessTest).toBeCloseTo(twoProportionTest(5, 0, 5, 5), 12);
    const selected = selectRepresentativeStatements(tallies, Uint8Array.from([1, 1]));
    expect(selected[0]?.[0]).toMatchObject({ statementIndex: 0, repfulFor: 'agree' });
    expect(selected[1]?.map((statement) => [statement.statementIndex, statement.repfulFor])).toContainEqual([
      0,
      'disagree',
    ]);
    // Shared agreement is not representative of either group.
    expect(selected[0]?.some((statement) => statement.statementIndex === 1 && !statement.bestAgree)).toBe(false);
  });

  it('majority consensus keeps statements with p > ½ and a significant test, best first', () => {
    const rows: [number, number, number][] = [];
    for (let participant = 0; participant < 10; participant++) {
      rows.push(
        [participant, 0, 1],
        [participant, 1, participant < 7 ? 1 : -1],
        [participant, 2, participant < 5 ? 1 : -1],
      );
    }
    const everyone = tallyByGroup(votesOf(10, 3, rows), new Int32Array(10), 1);
    const majority = majorityConsensus(everyone, Uint8Array.from([1, 1, 1]));
    // p₀ = 11/12, z₀ = 2√11·(11/11 − ½); statement 1: 7 of 10 → z = 2√11·(8/11 − ½) ≈ 1.51 > 1.2816.
    expect(majority.agree.map((statement) => statement.statementIndex)).toEqual([0, 1]);
    expect(majority.disagree).toEqual([]);
  });
});
