import { describe, expect, it } from 'vitest';
import { commonGroundFlags, wilsonInterval } from './common-ground.js';
import { tallyByGroup } from './repness.js';
import { SparseVotesBuilder } from './sparse-votes-builder.js';

describe('Wilson interval', () => {
  it('matches the textbook value for 8 of 10 at 95%', () => {
    const interval = wilsonInterval(8, 10, 1.959964);
    expect(interval.rate).toBe(0.8);
    expect(interval.lower).toBeCloseTo(0.4902, 4);
    expect(interval.upper).toBeCloseTo(0.9433, 4);
  });
  it('is [0, 1] with no trials and stays inside [0, 1]', () => {
    expect(wilsonInterval(0, 0)).toEqual({ rate: 0, lower: 0, upper: 1 });
    const all = wilsonInterval(5, 5);
    expect(all.upper).toBeLessThanOrEqual(1);
    expect(all.lower).toBeGreaterThan(0.5);
  });
});

describe('common ground across opinion and declared groups', () => {
  // 20 participants; opinion groups: 0–9 and 10–19; a declared tradition: 0–14 vs 15–19.
  const opinion = Int32Array.from({ length: 20 }, (_, participant) => (participant < 10 ? 0 : 1));
  const tradition = Int32Array.from({ length: 20 }, (_, participant) => (participant < 15 ? 0 : 1));
  const builder = new SparseVotesBuilder(20, 3);
  for (let participant = 0; participant < 20; participant++) {
    builder.add(participant, 0, 1); // everyone agrees
    builder.add(participant, 1, participant < 15 ? 1 : -1); // tradition 1 disagrees
    builder.add(participant, 2, participant < 10 || participant === 19 ? 1 : -1); // opinion group 1 disagrees
  }
  const votes = builder.build();
  const opinionTallies = tallyByGroup(votes, opinion, 2);
  const traditionTallies = tallyByGroup(votes, tradition, 2);
  const active = Uint8Array.from([1, 1, 1]);

  it('needs every opinion group and every declared group to hold', () => {
    expect([...commonGroundFlags([opinionTallies], active)]).toEqual([1, 0, 0]);
    // Statements 1 and 2 fail in opinion group 1 already (5 and 1 of 10 agree).
    expect([...commonGroundFlags([opinionTallies, traditionTallies], active)]).toEqual([1, 0, 0]);
  });

  it('ignores declared groups smaller than minGroupVoters', () => {
    const opinionAll = tallyByGroup(votes, new Int32Array(20), 1);
    // Everyone pooled: statement 1 has 15 of 20 agreeing, holds; the tradition of 5 vetoes only if asked.
    expect(commonGroundFlags([opinionAll, traditionTallies], active, { minGroupVoters: 5 })[1]).toBe(0);
    expect(commonGroundFlags([opinionAll, traditionTallies], active, { minGroupVoters: 6 })[1]).toBe(1);
  });

  it('does not let the uncertainty of a small declared group veto, but lets its majority', () => {
    // Two opinion groups of 20 who agree 17/20; a declared group of 8 inside them, agreeing 5/8.
    const size = 40;
    const opinionGroups = Int32Array.from({ length: size }, (_, participant) => (participant < 20 ? 0 : 1));
    const declared = Int32Array.from({ length: size }, (_, participant) => (participant % 5 === 0 ? 0 : 1));
    const agreeing = new SparseVotesBuilder(size, 1);
    const agreesOf = (participant: number): boolean =>
      participant % 5 === 0 ? [0, 5, 10, 15, 20].includes(participant) : participant % 20 < 18;
    for (let participant = 0; participant < size; participant++)
      agreeing.add(participant, 0, agreesOf(participant) ? 1 : -1);
    const votesOne = agreeing.build();
    const opinionOne = tallyByGroup(votesOne, opinionGroups, 2);
    const declaredOne = tallyByGroup(votesOne, declared, 2);
    const declaredCell = declaredOne.agree[0] as number;
    expect(declaredCell).toBe(5);
    expect(commonGroundFlags([opinionOne, declaredOne], Uint8Array.from([1]))[0]).toBe(1);

    // The same declared group with only 3 of 8 agreeing blocks it.
    const blocking = new SparseVotesBuilder(size, 1);
    for (let participant = 0; participant < size; participant++) {
      const agrees = participant % 5 === 0 ? [0, 5, 10].includes(participant) : participant % 20 < 19;
      blocking.add(participant, 0, agrees ? 1 : -1);
    }
    const votesTwo = blocking.build();
    expect(commonGroundFlags([tallyByGroup(votesTwo, opinionGroups, 2)], Uint8Array.from([1]))[0]).toBe(1);
    expect(
      commonGroundFlags(
        [tallyByGroup(votesTwo, opinionGroups, 2), tallyByGroup(votesTwo, declared, 2)],
        Uint8Array.from([1]),
      )[0],
    ).toBe(0);
  });
});
