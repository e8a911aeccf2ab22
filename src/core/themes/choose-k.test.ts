import { describe, expect, it } from 'vitest';
import { createRandom } from '../analysis/random.js';
import { chooseThemeCount, sampleRows } from './choose-k.js';
import { plantedDocuments } from './planted-documents.js';
import { buildTermMatrix } from './term-matrix.js';

describe('chooseThemeCount', () => {
  it('finds the number of planted topics', () => {
    for (const topicCount of [3, 4, 5]) {
      const { documents } = plantedDocuments({ count: 300, topicCount, seed: topicCount });
      const matrix = buildTermMatrix(documents);
      const rows = Int32Array.from({ length: matrix.rowCount }, (_, row) => row);
      const choice = chooseThemeCount(matrix, rows, createRandom(1), { minimumK: 2, maximumK: 10 });
      expect(choice.k).toBe(topicCount);
      expect(choice.clustering.centroids.k).toBe(topicCount);
      expect(choice.scores.map((score) => score.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }
  });

  it('keeps the previous k while its score is close to the best', () => {
    const { documents } = plantedDocuments({ count: 300, topicCount: 4, seed: 11 });
    const matrix = buildTermMatrix(documents);
    const rows = Int32Array.from({ length: matrix.rowCount }, (_, row) => row);
    const free = chooseThemeCount(matrix, rows, createRandom(1), { minimumK: 2, maximumK: 10 });
    const best = free.scores.find((score) => score.k === free.k)?.score as number;
    const range = (free.scores.at(-1)?.cohesion as number) - (free.scores[0]?.cohesion as number);
    const near = free.scores.find((score) => score.k !== free.k && score.score >= best - 0.05 * range);
    const far = free.scores.find((score) => score.score < best - 0.05 * range);
    expect(near ?? far).toBeDefined();
    if (near) {
      const sticky = chooseThemeCount(matrix, rows, createRandom(1), { minimumK: 2, maximumK: 10, preferredK: near.k });
      expect(sticky.k).toBe(near.k);
    }
    if (far) {
      const sticky = chooseThemeCount(matrix, rows, createRandom(1), { minimumK: 2, maximumK: 10, preferredK: far.k });
      expect(sticky.k).toBe(free.k);
    }
  });
});

describe('sampleRows', () => {
  it('draws distinct rows in ascending order, all of them when there are few', () => {
    const rows = Int32Array.from({ length: 100 }, (_, index) => index * 2);
    const sample = sampleRows(rows, 30, createRandom(3));
    expect(sample.length).toBe(30);
    expect(new Set(sample).size).toBe(30);
    expect(Array.from(sample)).toEqual(Array.from(sample).sort((left, right) => left - right));
    for (const row of sample) expect(row % 2).toBe(0);
    expect(Array.from(sampleRows(rows.subarray(0, 10), 30, createRandom(3)))).toEqual(Array.from(rows.subarray(0, 10)));
  });
});
