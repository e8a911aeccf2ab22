import { describe, expect, it } from 'vitest';
import { createRandom } from '../analysis/random.js';
import { mergeTree } from './merge-tree.js';
import { plantedDocuments } from './planted-documents.js';
import { sphericalKMeans } from './spherical-kmeans.js';
import { buildTermMatrix } from './term-matrix.js';

describe('mergeTree', () => {
  const { documents, topics } = plantedDocuments({ count: 150, topicCount: 3, seed: 4 });
  const matrix = buildTermMatrix(documents);
  const rows = Int32Array.from({ length: matrix.rowCount }, (_, row) => row);
  const micro = sphericalKMeans(matrix, rows, 15, createRandom(2));
  const tree = mergeTree(matrix, rows, micro.assignment, micro.centroids.k, 1);

  it('gives a partition for every k, each coarser one a union of the finer one', () => {
    for (let k = micro.centroids.k; k >= 1; k--) {
      const labels = tree.get(k) as Int32Array;
      expect(new Set(labels).size).toBe(k);
      if (k === micro.centroids.k) continue;
      const finer = tree.get(k + 1) as Int32Array;
      const parent = new Map<number, number>();
      finer.forEach((label, cluster) => {
        const coarse = labels[cluster] as number;
        expect(parent.get(label) ?? coarse).toBe(coarse);
        parent.set(label, coarse);
      });
    }
  });

  it('merges small clusters of one topic before clusters of different topics', () => {
    // Topics of each starting cluster; a starting cluster that mixes topics (k-means can make one from
    // answers sharing a noise word) says nothing about the merging, so only single-topic ones count.
    const topicsOfCluster = new Map<number, Set<number>>();
    micro.assignment.forEach((cluster, position) => {
      const set = topicsOfCluster.get(cluster) ?? new Set<number>();
      set.add(topics[rows[position] as number] as number);
      topicsOfCluster.set(cluster, set);
    });
    const labels = tree.get(3) as Int32Array;
    const topicsOfMerged = new Map<number, Set<number>>();
    let singleTopicClusters = 0;
    for (const [cluster, set] of topicsOfCluster) {
      if (set.size !== 1) continue;
      singleTopicClusters++;
      const merged = topicsOfMerged.get(labels[cluster] as number) ?? new Set<number>();
      for (const topic of set) merged.add(topic);
      topicsOfMerged.set(labels[cluster] as number, merged);
    }
    expect(singleTopicClusters).toBeGreaterThanOrEqual(10);
    expect(topicsOfMerged.size).toBe(3);
    for (const set of topicsOfMerged.values()) expect(set.size).toBe(1);
  });
});
