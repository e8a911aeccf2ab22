import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Analysis, type AnalysisInput, analyse } from './analyse.js';
import { adjustedRandIndex } from './ari.js';
import type { SparseVotes } from './sparse-votes.js';
import { plantedConversation } from './synthetic.js';

function inputOf(votes: SparseVotes): AnalysisInput {
  return { statements: Array.from({ length: votes.statementCount }, (_, index) => ({ id: String(index) })), votes };
}

/** True when two labellings are the same partition up to renaming labels (−1 must match exactly). */
function samePartition(left: Int32Array, right: Int32Array): boolean {
  const forward = new Map<number, number>();
  const backward = new Map<number, number>();
  for (let index = 0; index < left.length; index++) {
    const a = left[index] as number;
    const b = right[index] as number;
    if (a < 0 !== b < 0) return false;
    if (a < 0) continue;
    if ((forward.get(a) ?? b) !== b || (backward.get(b) ?? a) !== a) return false;
    forward.set(a, b);
    backward.set(b, a);
  }
  return true;
}

/** JSON of an analysis with typed arrays as plain arrays, for byte-level comparison. */
function toJson(analysis: Analysis): string {
  return JSON.stringify(analysis, (_, value) =>
    ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value,
  );
}

const smallConversation = fc.record({
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  groupCount: fc.integer({ min: 2, max: 4 }),
  participantCount: fc.integer({ min: 20, max: 120 }),
  statementCount: fc.integer({ min: 8, max: 30 }),
  noise: fc.double({ min: 0, max: 0.35, noNaN: true }),
});

describe('analyse', () => {
  it('recovers planted groups', () => {
    const planted = plantedConversation({
      participantCount: 600,
      statementCount: 60,
      votesPerParticipant: 25,
      groupCount: 3,
      seed: 7,
    });
    const analysis = analyse(inputOf(planted.votes), { seed: 1 });
    expect(analysis.groups.count).toBe(3);
    expect(adjustedRandIndex(analysis.groupOfParticipant, planted.plantedGroup)).toBeGreaterThan(0.9);
    // Planted consensus statements (all groups share the stance +1) surface as common ground.
    const shared = Array.from({ length: 60 }, (_, statement) => statement).filter((statement) =>
      [0, 1, 2].every((group) => planted.stance[group * 60 + statement] === 1),
    );
    const flagged = shared.filter((statement) => analysis.statements.commonGround[statement] === 1);
    expect(flagged.length).toBeGreaterThan(0);
    for (let statement = 0; statement < 60; statement++) {
      if (analysis.statements.commonGround[statement] === 1) expect(shared).toContain(statement);
    }
  });

  it('is deterministic: two runs give byte-identical JSON', () => {
    fc.assert(
      fc.property(smallConversation, (settings) => {
        const planted = plantedConversation({
          ...settings,
          votesPerParticipant: Math.ceil(settings.statementCount / 2),
        });
        const first = toJson(analyse(inputOf(planted.votes), { seed: settings.seed }));
        const second = toJson(analyse(inputOf(planted.votes), { seed: settings.seed }));
        return first === second;
      }),
      { numRuns: 15 },
    );
  });

  it('groups do not change when every vote flips sign', () => {
    fc.assert(
      fc.property(smallConversation, (settings) => {
        const { votes } = plantedConversation({
          ...settings,
          votesPerParticipant: Math.ceil(settings.statementCount / 2),
        });
        const flipped: SparseVotes = { ...votes, values: Int8Array.from(votes.values, (value) => -value) };
        const original = analyse(inputOf(votes), { seed: settings.seed });
        const mirrored = analyse(inputOf(flipped), { seed: settings.seed });
        return samePartition(original.groupOfParticipant, mirrored.groupOfParticipant);
      }),
      { numRuns: 15 },
    );
  });

  it('groups do not change when statements are reordered', () => {
    fc.assert(
      fc.property(smallConversation, fc.integer({ min: 0, max: 1_000_000 }), (settings, shuffleSeed) => {
        const { votes } = plantedConversation({
          ...settings,
          votesPerParticipant: Math.ceil(settings.statementCount / 2),
        });
        const order = Array.from({ length: votes.statementCount }, (_, index) => index);
        let state = shuffleSeed;
        for (let index = order.length - 1; index > 0; index--) {
          state = (state * 1103515245 + 12345) % 2147483648;
          const other = state % (index + 1);
          [order[index], order[other]] = [order[other] as number, order[index] as number];
        }
        const permuted: SparseVotes = {
          ...votes,
          statementIndex: Int32Array.from(votes.statementIndex, (statement) => order[statement] as number),
        };
        const original = analyse(inputOf(votes), { seed: settings.seed });
        const reordered = analyse(inputOf(permuted), { seed: settings.seed });
        return samePartition(original.groupOfParticipant, reordered.groupOfParticipant);
      }),
      { numRuns: 15 },
    );
  });

  it('keeps group labels stable across an incremental update', () => {
    const planted = plantedConversation({
      participantCount: 800,
      statementCount: 40,
      votesPerParticipant: 20,
      groupCount: 3,
      seed: 3,
    });
    const first = analyse(inputOf(planted.votes), { seed: 5 });
    // Drop the last 5% of votes, then add them back as the update.
    const keep = Math.floor(planted.votes.values.length * 0.95);
    const earlier: SparseVotes = {
      ...planted.votes,
      participantIndex: planted.votes.participantIndex.slice(0, keep),
      statementIndex: planted.votes.statementIndex.slice(0, keep),
      values: planted.votes.values.slice(0, keep),
    };
    const before = analyse(inputOf(earlier), { seed: 99 });
    const after = analyse(inputOf(planted.votes), { seed: 5 }, before);
    expect(after.pca.iterations).toBeLessThan(first.pca.iterations);
    let agreeing = 0;
    let compared = 0;
    for (let participant = 0; participant < 800; participant++) {
      if (
        (before.groupOfParticipant[participant] as number) < 0 ||
        (after.groupOfParticipant[participant] as number) < 0
      )
        continue;
      compared++;
      if (before.groupOfParticipant[participant] === after.groupOfParticipant[participant]) agreeing++;
    }
    expect(agreeing / compared).toBeGreaterThan(0.9);
    expect(adjustedRandIndex(after.groupOfParticipant, first.groupOfParticipant)).toBeGreaterThan(0.9);
  });

  it('excludes rejected and meta statements and reports declared groups', () => {
    const planted = plantedConversation({
      participantCount: 200,
      statementCount: 20,
      votesPerParticipant: 12,
      groupCount: 2,
      seed: 11,
    });
    const input: AnalysisInput = {
      statements: Array.from({ length: 20 }, (_, index) => ({
        id: `s${index}`,
        excluded: index === 0,
        isMeta: index === 1,
      })),
      votes: planted.votes,
      identityQuestions: [
        { id: 'tradition', optionLabels: ['a', 'b'], answers: Int32Array.from(planted.plantedGroup) },
      ],
    };
    const analysis = analyse(input, { seed: 2, bridging: true });
    expect(analysis.activeStatements[0]).toBe(0);
    expect(analysis.pca.components[0][0]).toBe(0);
    expect(analysis.pca.components[0][1]).toBe(0);
    expect(analysis.statements.priority[0]).toBe(0);
    expect(analysis.statements.priority[1]).toBe(49);
    expect(analysis.representative.flat().some((statement) => statement.statementIndex < 2)).toBe(false);
    expect(analysis.identity[0]?.tallies.groupCount).toBe(2);
    expect(analysis.statements.bridging?.length).toBe(20);
  });
});
