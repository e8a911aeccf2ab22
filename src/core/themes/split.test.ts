import { describe, expect, it } from 'vitest';
import type { ThemeEdit } from './edits.js';
import { extractThemes } from './extract.js';
import { plantedDocuments } from './planted-documents.js';
import { proposeSplit, splitBySeeds } from './split.js';

describe('proposeSplit', () => {
  // Two planted topics forced into one theme.
  const { documents, topics } = plantedDocuments({ count: 120, topicCount: 2, seed: 13 });
  const topicOf = new Map(documents.map((document, index) => [document.id, topics[index] as number]));
  const run = extractThemes(documents, { themeCount: 1 });
  const themeId = run.themes[0]?.id as string;

  it('proposes seeds from each half of a theme that mixes two topics', () => {
    const edit = proposeSplit(documents, run, [], themeId);
    expect(edit?.themeId).toBe(themeId);
    expect(edit?.parts.map((part) => part.themeId)).toEqual([`${themeId}.1`, `${themeId}.2`]);
    const seedTopics = edit?.parts.map((part) => new Set(part.seedAnswerIds.map((id) => topicOf.get(id))));
    expect(seedTopics?.map((set) => set.size)).toEqual([1, 1]);
    expect(seedTopics?.[0]).not.toEqual(seedTopics?.[1]);
    for (const part of edit?.parts ?? []) expect(part.seedAnswerIds).toHaveLength(3);
  });

  it('divides the theme by topic once the edit is applied', () => {
    const edit = proposeSplit(documents, run, [], themeId) as ThemeEdit;
    const split = extractThemes(documents, { themeCount: 1 }, run, [edit]);
    expect(split.themes).toHaveLength(2);
    for (const theme of split.themes) {
      expect(new Set(theme.answerIds.map((id) => topicOf.get(id))).size).toBe(1);
      expect(theme.answerIds).toHaveLength(60);
    }
  });

  it('declines a theme too small to split, or one that does not exist', () => {
    const small = extractThemes(documents.slice(0, 3), { themeCount: 1 });
    expect(proposeSplit(documents, small, [], small.themes[0]?.id as string)).toBeNull();
    expect(proposeSplit(documents, run, [], 'theme-99')).toBeNull();
  });
});

describe('splitBySeeds', () => {
  it('makes one part per non-empty seed group, with ids not used by the run or earlier edits', () => {
    const run = { themes: [{ id: 'theme-1' }], clusters: [{ id: 'theme-1' }] };
    const earlier: ThemeEdit[] = [
      { kind: 'split', themeId: 'theme-1', parts: [{ themeId: 'theme-1.1', seedAnswerIds: [] }] },
    ];
    expect(splitBySeeds(run, earlier, 'theme-1', [['a'], [], ['b', 'c']])).toEqual({
      kind: 'split',
      themeId: 'theme-1',
      parts: [
        { themeId: 'theme-1.2', seedAnswerIds: ['a'] },
        { themeId: 'theme-1.3', seedAnswerIds: ['b', 'c'] },
      ],
    });
    expect(splitBySeeds(run, [], 'theme-1', [['a'], []])).toBeNull();
  });
});
