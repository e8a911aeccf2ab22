import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyse } from '../analysis/analyse.js';
import { plantedConversation } from '../analysis/synthetic.js';
import { identityByGroup } from './cross-tab.js';
import { buildOpinionMap, convexHull, projectVotes } from './opinion-map.js';
import { type DeclaredRate, findSurprises } from './report.js';

describe('projectVotes', () => {
  it('places a participant exactly where the analysis placed them', () => {
    const planted = plantedConversation({
      participantCount: 60,
      statementCount: 20,
      votesPerParticipant: 12,
      groupCount: 3,
      seed: 5,
    });
    const statements = Array.from({ length: 20 }, (_, index) => ({ id: String(index) }));
    const analysis = analyse({ statements, votes: planted.votes }, { seed: 1 });
    const projection = {
      center: Array.from(analysis.pca.center),
      first: Array.from(analysis.pca.components[0]),
      second: Array.from(analysis.pca.components[1]),
      active: Array.from(analysis.activeStatements, (flag) => flag === 1),
    };
    for (const participant of [0, 17, 59]) {
      const votes = new Map<number, number>();
      for (let vote = 0; vote < planted.votes.values.length; vote++) {
        if (planted.votes.participantIndex[vote] === participant) {
          votes.set(planted.votes.statementIndex[vote] as number, planted.votes.values[vote] as number);
        }
      }
      const position = projectVotes(projection, votes);
      expect(position?.x).toBeCloseTo(analysis.x[participant] as number, 9);
      expect(position?.y).toBeCloseTo(analysis.y[participant] as number, 9);
    }
    expect(projectVotes(projection, new Map())).toBeNull();
  });
});

describe('buildOpinionMap', () => {
  it('keeps every person counted once, inside [−1, 1], without one point per person', () => {
    const point = fc.record({
      x: fc.double({ min: -50, max: 50, noNaN: true }),
      y: fc.double({ min: -50, max: 50, noNaN: true }),
      group: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 300 }), (points) => {
        const map = buildOpinionMap(points, 10);
        expect(map.cells.reduce((sum, cell) => sum + cell.count, 0)).toBe(points.length);
        expect(map.cells.length).toBeLessThanOrEqual(10 * 10 * 5);
        for (const cell of map.cells) {
          expect(Math.abs(cell.x)).toBeLessThanOrEqual(1);
          expect(Math.abs(cell.y)).toBeLessThanOrEqual(1);
          expect(Object.keys(cell).sort()).toEqual(['count', 'group', 'x', 'y']);
        }
      }),
    );
  });

  it('outlines a square of points by its four corners', () => {
    const hull = convexHull([
      { x: 0, y: 0 },
      { x: 1, y: 0 },
      { x: 0.5, y: 0.5 },
      { x: 1, y: 1 },
      { x: 0, y: 1 },
    ]);
    expect(hull).toHaveLength(4);
    expect(hull).not.toContainEqual({ x: 0.5, y: 0.5 });
  });
});

describe('identityByGroup', () => {
  it('counts each participant once, in their answer row and group column', () => {
    const table = identityByGroup(Int32Array.from([0, 1, -1, 0, 2]), 2, Int32Array.from([3, 3, -1, 5, 5]), [3, 5]);
    // Rows: option 0, option 1, no answer (−1 and the out-of-range 2); columns: group 3, group 5, none.
    expect(table).toEqual([
      [1, 1, 0],
      [1, 0, 0],
      [0, 1, 1],
    ]);
  });
});

describe('findSurprises', () => {
  const rate = (agreeRate: number): DeclaredRate => ({
    label: '',
    voters: 40,
    rate: { agreeRate, lower: agreeRate - 0.08, upper: agreeRate + 0.08 },
  });
  const statement = (statementId: number, rates: number[]) => ({
    statementId,
    text: `statement ${statementId}`,
    declared: [
      {
        questionId: 1,
        prompt: 'Tradition',
        options: rates.map((value, index) => ({ ...rate(value), label: ['Left', 'Centre', 'Green'][index] ?? '' })),
      },
    ],
  });

  it('finds the one statement where usual allies part, and not the ones where they agree', () => {
    // Left and Centre vote alike on statements 1–6 and part on 7; Green differs throughout.
    const statements = [
      statement(1, [0.8, 0.82, 0.2]),
      statement(2, [0.3, 0.28, 0.9]),
      statement(3, [0.6, 0.62, 0.1]),
      statement(4, [0.7, 0.66, 0.3]),
      statement(5, [0.4, 0.45, 0.95]),
      statement(6, [0.5, 0.52, 0.05]),
      statement(7, [0.9, 0.3, 0.5]),
    ];
    const surprises = findSurprises(statements);
    expect(surprises.map((surprise) => surprise.statementId)).toEqual([7]);
    expect([surprises[0]?.label, surprises[0]?.ally].sort()).toEqual(['Centre', 'Left']);
  });

  it('says nothing about groups whose rates are suppressed', () => {
    const hidden = (statementId: number) => {
      const entry = statement(statementId, [0.9, 0.1, 0.5]);
      const options = entry.declared[0]?.options.map((option) => ({ ...option, voters: null, rate: null })) ?? [];
      return { ...entry, declared: [{ questionId: 1, prompt: 'Tradition', options }] };
    };
    expect(findSurprises([1, 2, 3, 4, 5, 6].map(hidden))).toEqual([]);
  });
});
