import { describe, expect, it } from 'vitest';
import { matchThemes, nameClusters, type ThemeCluster, themeIdOf } from './match.js';

const centroid = (terms: string[]): { terms: string[]; weights: number[] } => ({
  terms,
  weights: terms.map(() => 1 / Math.sqrt(terms.length)),
});

const previous: ThemeCluster[] = [
  { id: 'theme-1', answerIds: ['a1', 'a2', 'a3', 'a4'], centroid: centroid(['leader', 'weak']) },
  { id: 'theme-2', answerIds: ['b1', 'b2', 'b3'], centroid: centroid(['bill', 'price']) },
  { id: 'theme-3', answerIds: ['c1', 'c2'], centroid: centroid(['brexit', 'europe']) },
];

describe('matchThemes', () => {
  it('matches clusters to the previous ones by content, whatever their order', () => {
    const current = [
      { answerIds: ['b1', 'b2', 'b3', 'b4'], centroid: centroid(['bill', 'price', 'wage']) },
      { answerIds: ['a1', 'a2', 'a3', 'a4', 'a5'], centroid: centroid(['leader', 'weak']) },
    ];
    expect(matchThemes(previous, current).map((match) => match.previousId)).toEqual(['theme-2', 'theme-1']);
  });

  it('does not let new or deleted answers lower the overlap', () => {
    // Same three shared answers plus ten new ones: Jaccard over shared answers is still 1.
    const current = [
      {
        answerIds: ['b1', 'b2', 'b3', ...Array.from({ length: 10 }, (_, index) => `new-${index}`)],
        centroid: centroid(['bill', 'price']),
      },
    ];
    const [match] = matchThemes(previous, current);
    expect(match?.previousId).toBe('theme-2');
    expect(match?.score).toBeCloseTo(1, 9);
  });

  it('treats a cluster unlike every previous one as new', () => {
    const current = [{ answerIds: ['d1', 'd2'], centroid: centroid(['council', 'pothole']) }];
    expect(matchThemes(previous, current)[0]?.previousId).toBeNull();
  });

  it('matches on centroids alone when the runs share no answers', () => {
    const current = [
      { answerIds: ['x1', 'x2'], centroid: centroid(['europe', 'brexit', 'referendum']) },
      { answerIds: ['y1'], centroid: centroid(['leader', 'weak']) },
    ];
    expect(matchThemes(previous, current).map((match) => match.previousId)).toEqual(['theme-3', 'theme-1']);
  });

  it('gives each previous theme to one cluster at most', () => {
    const current = [
      { answerIds: ['a1', 'a2'], centroid: centroid(['leader', 'weak']) },
      { answerIds: ['a3', 'a4'], centroid: centroid(['leader', 'weak']) },
    ];
    const ids = matchThemes(previous, current).map((match) => match.previousId);
    expect(ids.filter((id) => id === 'theme-1')).toHaveLength(1);
  });
});

describe('nameClusters', () => {
  it('keeps matched ids and numbers new themes on from the previous run, never reusing a vanished id', () => {
    const current = [
      { answerIds: ['d1', 'd2', 'd3'], centroid: centroid(['council', 'pothole']) },
      { answerIds: ['a1', 'a2', 'a3'], centroid: centroid(['leader', 'weak']) },
      { answerIds: ['e1'], centroid: centroid(['canvass', 'door']) },
    ];
    const named = nameClusters(previous, 4, current);
    // theme-2 and theme-3 vanished; their ids stay unused.
    expect(named.clusters.map((cluster) => cluster.id)).toEqual([themeIdOf(4), 'theme-1', themeIdOf(5)]);
    expect(named.nextThemeNumber).toBe(6);
  });
});
