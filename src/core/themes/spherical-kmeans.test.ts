import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../analysis/ari.js';
import { createRandom } from '../analysis/random.js';
import { plantedDocuments } from './planted-documents.js';
import { rowCosine, scoreRow, sphericalKMeans } from './spherical-kmeans.js';
import { buildTermMatrix, rowLength, type TermMatrix } from './term-matrix.js';

function contentRows(matrix: TermMatrix): Int32Array {
  const rows: number[] = [];
  for (let row = 0; row < matrix.rowCount; row++) if (rowLength(matrix, row) > 0) rows.push(row);
  return Int32Array.from(rows);
}

/** Σ over clusters of the norm of the sum of their rows: the objective, computed from scratch. */
function objective(matrix: TermMatrix, rows: Int32Array, assignment: Int32Array, k: number): number {
  const sums = Array.from({ length: k }, () => new Float64Array(matrix.columnCount));
  rows.forEach((row, position) => {
    const sum = sums[assignment[position] as number] as Float64Array;
    for (let entry = matrix.rowOffsets[row] as number; entry < (matrix.rowOffsets[row + 1] as number); entry++) {
      sum[matrix.columns[entry] as number] =
        (sum[matrix.columns[entry] as number] as number) + (matrix.values[entry] as number);
    }
  });
  return sums.reduce((total, sum) => total + Math.hypot(...sum), 0);
}

describe('sphericalKMeans', () => {
  it('recovers topics with separate vocabularies', () => {
    const { documents, topics } = plantedDocuments({ count: 200, topicCount: 4, seed: 3 });
    const matrix = buildTermMatrix(documents, { familyPrefixLength: 0 });
    const rows = contentRows(matrix);
    for (const seed of [1, 2, 3]) {
      const result = sphericalKMeans(matrix, rows, 4, createRandom(seed), { restarts: 4 });
      const truth = Array.from(rows, (row) => topics[row] as number);
      expect(adjustedRandIndex(result.assignment, truth)).toBeGreaterThan(0.95);
    }
  });

  it('reports each row’s cosine to its centroid, their sum as cohesion, and no single move improves it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 2, max: 6 }), (seed, k) => {
        const { documents } = plantedDocuments({ count: 60, topicCount: 5, seed, noiseShare: 0.9 });
        const matrix = buildTermMatrix(documents, { familyPrefixLength: 0, maximumDocumentShare: 1 });
        const rows = contentRows(matrix);
        const result = sphericalKMeans(matrix, rows, k, createRandom(seed));
        const scores = new Float64Array(result.centroids.k);
        let cohesion = 0;
        rows.forEach((row, position) => {
          scoreRow(matrix, row, result.centroids, scores);
          expect(result.similarity[position]).toBeCloseTo(scores[result.assignment[position] as number] as number, 9);
          cohesion += result.similarity[position] as number;
        });
        expect(result.cohesion).toBeCloseTo(cohesion, 9);
        const current = objective(matrix, rows, result.assignment, result.centroids.k);
        expect(result.cohesion).toBeCloseTo(current, 9);
        // Local optimum: moving any one row elsewhere does not raise the objective.
        const sizes = new Int32Array(result.centroids.k);
        for (const cluster of result.assignment) sizes[cluster] = (sizes[cluster] as number) + 1;
        for (let position = 0; position < rows.length; position += 7) {
          const own = result.assignment[position] as number;
          if ((sizes[own] as number) < 2) continue;
          for (let other = 0; other < result.centroids.k; other++) {
            if (other === own) continue;
            const moved = Int32Array.from(result.assignment);
            moved[position] = other;
            expect(objective(matrix, rows, moved, result.centroids.k)).toBeLessThanOrEqual(current + 1e-9);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('is deterministic for a seed', () => {
    const { documents } = plantedDocuments({ count: 120, topicCount: 3, seed: 9 });
    const matrix = buildTermMatrix(documents);
    const rows = contentRows(matrix);
    const first = sphericalKMeans(matrix, rows, 3, createRandom(5), { restarts: 3 });
    const second = sphericalKMeans(matrix, rows, 3, createRandom(5), { restarts: 3 });
    expect(Array.from(second.assignment)).toEqual(Array.from(first.assignment));
    expect(second.cohesion).toBe(first.cohesion);
  });

  it('forms fewer clusters than asked when rows have fewer directions, and none empty', () => {
    const documents = Array.from({ length: 6 }, (_, index) => ({
      id: String(index),
      terms: index % 2 === 0 ? ['bill', 'price'] : ['brexit', 'europe'],
    }));
    const matrix = buildTermMatrix(documents, { familyPrefixLength: 0, maximumDocumentShare: 1 });
    const rows = contentRows(matrix);
    const result = sphericalKMeans(matrix, rows, 5, createRandom(1));
    expect(result.centroids.k).toBe(2);
    expect(new Set(result.assignment).size).toBe(2);
    expect(rowCosine(matrix, 0, 2)).toBeCloseTo(1, 12);
    expect(rowCosine(matrix, 0, 1)).toBe(0);
  });
});
