import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../analysis/ari.js';
import { createRandom } from '../analysis/random.js';
import type { ThemeEdit } from './edits.js';
import { extractThemes, type ThemeRun } from './extract.js';
import { plantedDocuments } from './planted-documents.js';
import { splitBySeeds } from './split.js';
import type { ThemeDocument } from './term-matrix.js';

/** Theme index of each document (−1 when unclassified), for comparing with planted topics. */
function themeOfEach(run: ThemeRun, documents: readonly ThemeDocument[]): number[] {
  const themeOf = new Map<string, number>();
  run.themes.forEach((theme, index) => {
    for (const id of theme.answerIds) themeOf.set(id, index);
  });
  return documents.map((document) => themeOf.get(document.id) ?? -1);
}

/** The theme holding most of the given answers. */
function themeHolding(run: ThemeRun, answerIds: readonly string[]): ThemeRun['themes'][number] | undefined {
  const wanted = new Set(answerIds);
  let best: ThemeRun['themes'][number] | undefined;
  let bestCount = 0;
  for (const theme of run.themes) {
    const count = theme.answerIds.filter((id) => wanted.has(id)).length;
    if (count > bestCount) {
      best = theme;
      bestCount = count;
    }
  }
  return best;
}

describe('extractThemes', () => {
  const { documents, topics } = plantedDocuments({ count: 200, topicCount: 4, seed: 21 });

  it('finds planted topics, chooses their number, labels them and shows central answers', () => {
    const run = extractThemes(documents);
    expect(run.k).toBe(4);
    expect(run.kScores.length).toBeGreaterThan(1);
    expect(adjustedRandIndex(themeOfEach(run, documents), topics)).toBeGreaterThan(0.95);
    for (const theme of run.themes) {
      expect(theme.label.length).toBeGreaterThan(0);
      expect(theme.representativeAnswerIds.length).toBe(3);
      for (const id of theme.representativeAnswerIds) expect(theme.answerIds).toContain(id);
    }
    const sizes = run.themes.map((theme) => theme.answerIds.length);
    expect(sizes).toEqual([...sizes].sort((left, right) => right - left));
    expect(run.nextThemeNumber).toBe(5);
  });

  it('is deterministic: same answers and seed give identical output, in any input order', () => {
    const first = JSON.stringify(extractThemes(documents, { seed: 7 }));
    expect(JSON.stringify(extractThemes(documents, { seed: 7 }))).toBe(first);
    const random = createRandom(99);
    const shuffled = [...documents].sort(() => random() - 0.5);
    expect(JSON.stringify(extractThemes(shuffled, { seed: 7 }))).toBe(first);
  });

  it('puts answers with no content word, or only words no other answer uses, in the unclassified bucket', () => {
    const run = extractThemes([...documents, { id: 'empty', terms: [] }, { id: 'one-off', terms: ['zzyzx'] }]);
    expect(run.unclassifiedAnswerIds).toEqual(['empty', 'one-off']);
    expect(run.themes.flatMap((theme) => theme.answerIds)).toHaveLength(documents.length);
  });

  it('refuses duplicate answer ids', () => {
    expect(() => extractThemes([...documents, { id: documents[0]?.id as string, terms: ['x'] }])).toThrow(RangeError);
  });

  it('returns no themes for no answers', () => {
    const run = extractThemes([]);
    expect(run.themes).toEqual([]);
    expect(run.clusters).toEqual([]);
    expect(run.unclassifiedAnswerIds).toEqual([]);
  });

  it('lets answersPerTheme and themeCount bound the number of themes', () => {
    expect(extractThemes(documents, { answersPerTheme: 100 }).k).toBe(2);
    expect(extractThemes(documents, { themeCount: 3 }).k).toBe(3);
    expect(extractThemes(documents.slice(0, 10)).k).toBe(1);
  });

  it('chooses k on a sample and clusters every answer when there are more answers than the sample', () => {
    const many = plantedDocuments({ count: 1_000, topicCount: 5, seed: 8 });
    const run = extractThemes(many.documents, { sampleSize: 200 });
    expect(run.k).toBe(5);
    expect(run.themes.flatMap((theme) => theme.answerIds)).toHaveLength(1_000);
    expect(adjustedRandIndex(themeOfEach(run, many.documents), many.topics)).toBeGreaterThan(0.95);
  });

  it('keeps theme ids and re-applies rename, merge and split when answers are added and the seed changes', () => {
    // Five planted topics; the organiser renames the leadership theme, merges economy with Europe,
    // and splits the campaign theme after merging it with the local one.
    const before = plantedDocuments({ count: 250, topicCount: 5, seed: 31 });
    const first = extractThemes(before.documents, { seed: 1 });
    const idsOf = (topic: number, source = before): string[] =>
      source.documents.filter((_, index) => source.topics[index] === topic).map((document) => document.id);
    const themeIdOf = (topic: number): string => themeHolding(first, idsOf(topic))?.id as string;
    const edits: ThemeEdit[] = [
      { kind: 'rename', themeId: themeIdOf(0), label: 'Leadership' },
      { kind: 'merge', themeIds: [themeIdOf(1), themeIdOf(2)] },
      { kind: 'merge', themeIds: [themeIdOf(3), themeIdOf(4)] },
    ];
    const split = splitBySeeds(first, edits, themeIdOf(3), [idsOf(3).slice(0, 3), idsOf(4).slice(0, 3)]);
    expect(split).not.toBeNull();
    edits.push(split as ThemeEdit, { kind: 'rename', themeId: split?.parts[1]?.themeId as string, label: 'Local' });

    const edited = extractThemes(before.documents, { seed: 1 }, first, edits);
    expect(edited.dormantEdits).toEqual([]);

    const added = plantedDocuments({ count: 50, topicCount: 5, seed: 32, prefix: 'later' });
    const rerun = extractThemes([...before.documents, ...added.documents], { seed: 2 }, edited, edits);
    expect(rerun.appliedEdits).toEqual([0, 1, 2, 3, 4]);
    expect(rerun.clusters.map((cluster) => cluster.id).sort()).toEqual(
      first.clusters.map((cluster) => cluster.id).sort(),
    );
    expect(rerun.themes).toHaveLength(4);

    const leadership = rerun.themes.find((theme) => theme.label === 'Leadership');
    expect(leadership?.id).toBe(themeIdOf(0));
    expect(new Set(leadership?.answerIds)).toEqual(new Set([...idsOf(0), ...idsOf(0, added)]));

    const merged = rerun.themes.find((theme) => theme.id === themeIdOf(1));
    expect(new Set(merged?.answerIds)).toEqual(
      new Set([...idsOf(1), ...idsOf(2), ...idsOf(1, added), ...idsOf(2, added)]),
    );

    const local = rerun.themes.find((theme) => theme.label === 'Local');
    expect(local?.id).toBe(split?.parts[1]?.themeId);
    expect(new Set(local?.answerIds)).toEqual(new Set([...idsOf(4), ...idsOf(4, added)]));
    const campaign = rerun.themes.find((theme) => theme.id === split?.parts[0]?.themeId);
    expect(new Set(campaign?.answerIds)).toEqual(new Set([...idsOf(3), ...idsOf(3, added)]));
  });

  it('gives a theme that appears later a fresh id and leaves the ids of vanished themes unused', () => {
    const three = plantedDocuments({ count: 150, topicCount: 3, seed: 41 });
    const first = extractThemes(three.documents, { themeCount: 3 });
    const four = plantedDocuments({ count: 200, topicCount: 4, seed: 41 });
    const second = extractThemes(four.documents, { themeCount: 4 }, first);
    const ids = second.clusters.map((cluster) => cluster.id);
    expect(ids.filter((id) => first.clusters.some((cluster) => cluster.id === id))).toHaveLength(3);
    expect(ids).toContain(`theme-${first.nextThemeNumber}`);
    expect(second.nextThemeNumber).toBe(first.nextThemeNumber + 1);
  });
});
