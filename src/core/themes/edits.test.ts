import { describe, expect, it } from 'vitest';
import { themeSpace } from './describe.js';
import { applyThemeEdits, compareIds, idsNamedByEdits, splitPartIds, type ThemeEdit } from './edits.js';
import type { ThemeCluster } from './match.js';
import { plantedDocuments } from './planted-documents.js';
import { buildTermMatrix } from './term-matrix.js';

// Four planted topics, 20 answers each (answer-i is about topic i mod 4); the engine's clusters are
// given by hand: theme-1 holds topic 0, theme-2 topic 1, theme-3 topics 2 and 3 together.
const { documents, topics } = plantedDocuments({ count: 80, topicCount: 4, seed: 5, noiseShare: 0 });
const matrix = buildTermMatrix(documents);
const answerIds = documents.map((document) => document.id);
const space = themeSpace(
  matrix,
  answerIds,
  Int32Array.from(answerIds, (_, row) => row),
);
const idsOfTopics = (...wanted: number[]): string[] =>
  answerIds.filter((_, index) => wanted.includes(topics[index] as number));
const clusters: ThemeCluster[] = [
  { id: 'theme-1', answerIds: idsOfTopics(0), centroid: { terms: [], weights: [] } },
  { id: 'theme-2', answerIds: idsOfTopics(1), centroid: { terms: [], weights: [] } },
  { id: 'theme-3', answerIds: idsOfTopics(2, 3), centroid: { terms: [], weights: [] } },
];

describe('applyThemeEdits', () => {
  it('without edits, describes each cluster: label from its distinctive words, central answers among its own', () => {
    const { themes, appliedEdits, dormantEdits } = applyThemeEdits(space, clusters, []);
    expect(themes.map((theme) => theme.id)).toEqual(['theme-3', 'theme-1', 'theme-2']);
    const leadership = themes.find((theme) => theme.id === 'theme-1');
    expect(leadership?.customLabel).toBeNull();
    expect(leadership?.label).toBe(leadership?.automaticLabel);
    for (const term of leadership?.terms ?? []) {
      expect(['leader', 'charisma', 'trust', 'weak', 'prime', 'minister', 'authority', 'vision']).toContain(term.term);
    }
    expect(leadership?.representativeAnswerIds).toHaveLength(3);
    for (const id of leadership?.representativeAnswerIds ?? []) expect(idsOfTopics(0)).toContain(id);
    expect(appliedEdits).toEqual([]);
    expect(dormantEdits).toEqual([]);
  });

  it('renames, and an empty name goes back to the automatic label', () => {
    const renamed = applyThemeEdits(space, clusters, [{ kind: 'rename', themeId: 'theme-1', label: '  Leadership  ' }]);
    expect(renamed.themes.find((theme) => theme.id === 'theme-1')?.label).toBe('Leadership');
    const reverted = applyThemeEdits(space, clusters, [
      { kind: 'rename', themeId: 'theme-1', label: 'Leadership' },
      { kind: 'rename', themeId: 'theme-1', label: '' },
    ]);
    const theme = reverted.themes.find((candidate) => candidate.id === 'theme-1');
    expect(theme?.customLabel).toBeNull();
    expect(theme?.label).toBe(theme?.automaticLabel);
  });

  it('merges into the first theme named, and later edits of a merged-away id land on the merged theme', () => {
    const edits: ThemeEdit[] = [
      { kind: 'merge', themeIds: ['theme-2', 'theme-1'] },
      { kind: 'rename', themeId: 'theme-1', label: 'Leadership and the economy' },
    ];
    const { themes, appliedEdits } = applyThemeEdits(space, clusters, edits);
    expect(themes.map((theme) => theme.id)).toEqual(['theme-2', 'theme-3']);
    const merged = themes.find((theme) => theme.id === 'theme-2');
    expect(new Set(merged?.answerIds)).toEqual(new Set(idsOfTopics(0, 1)));
    expect(merged?.clusterIds).toEqual(['theme-2', 'theme-1']);
    expect(merged?.label).toBe('Leadership and the economy');
    expect(appliedEdits).toEqual([0, 1]);
  });

  it('splits a theme by seed answers: each answer goes to the part whose seeds it is most like', () => {
    const europe = idsOfTopics(2);
    const campaign = idsOfTopics(3);
    const edit: ThemeEdit = {
      kind: 'split',
      themeId: 'theme-3',
      parts: [
        { themeId: 'theme-3.1', seedAnswerIds: europe.slice(0, 2) },
        { themeId: 'theme-3.2', seedAnswerIds: campaign.slice(0, 2) },
      ],
    };
    const { themes, appliedEdits } = applyThemeEdits(space, clusters, [
      edit,
      { kind: 'rename', themeId: 'theme-3.2', label: 'Ground game' },
    ]);
    expect(themes.map((theme) => theme.id).sort(compareIds)).toEqual(['theme-1', 'theme-2', 'theme-3.1', 'theme-3.2']);
    expect(new Set(themes.find((theme) => theme.id === 'theme-3.1')?.answerIds)).toEqual(new Set(europe));
    const ground = themes.find((theme) => theme.id === 'theme-3.2');
    expect(new Set(ground?.answerIds)).toEqual(new Set(campaign));
    expect(ground?.label).toBe('Ground game');
    expect(ground?.clusterIds).toEqual(['theme-3']);
    expect(appliedEdits).toEqual([0, 1]);
  });

  it('keeps edits it cannot apply as dormant, without changing anything', () => {
    const edits: ThemeEdit[] = [
      { kind: 'rename', themeId: 'theme-9', label: 'Gone' },
      { kind: 'merge', themeIds: ['theme-1', 'theme-9'] },
      {
        kind: 'split',
        themeId: 'theme-2',
        parts: [{ themeId: 'theme-2.1', seedAnswerIds: idsOfTopics(1).slice(0, 1) }],
      },
      {
        kind: 'split',
        themeId: 'theme-2',
        parts: [
          { themeId: 'theme-2.1', seedAnswerIds: ['no-such-answer'] },
          { themeId: 'theme-2.2', seedAnswerIds: idsOfTopics(1).slice(0, 1) },
        ],
      },
      // A part id that is already a theme would merge two themes by accident.
      {
        kind: 'split',
        themeId: 'theme-3',
        parts: [
          { themeId: 'theme-1', seedAnswerIds: idsOfTopics(2).slice(0, 1) },
          { themeId: 'theme-3.2', seedAnswerIds: idsOfTopics(3).slice(0, 1) },
        ],
      },
    ];
    const result = applyThemeEdits(space, clusters, edits);
    expect(result.dormantEdits).toEqual([0, 1, 2, 3, 4]);
    expect(result.appliedEdits).toEqual([]);
    expect(result.themes).toEqual(applyThemeEdits(space, clusters, []).themes);
  });
});

describe('split part ids', () => {
  it('numbers parts under the theme, skipping ids already named', () => {
    const edits: ThemeEdit[] = [
      { kind: 'split', themeId: 'theme-3', parts: [{ themeId: 'theme-3.1', seedAnswerIds: [] }] },
      { kind: 'merge', themeIds: ['theme-1', 'theme-2'] },
    ];
    expect(idsNamedByEdits(edits)).toEqual(['theme-3', 'theme-3.1', 'theme-1', 'theme-2']);
    expect(splitPartIds('theme-3', 2, idsNamedByEdits(edits))).toEqual(['theme-3.2', 'theme-3.3']);
  });

  it('orders ids by their numbers', () => {
    expect(['theme-10', 'theme-2', 'theme-2.10', 'theme-2.9', 'theme-1'].sort(compareIds)).toEqual([
      'theme-1',
      'theme-2',
      'theme-2.9',
      'theme-2.10',
      'theme-10',
    ]);
  });
});
