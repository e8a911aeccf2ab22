import { describe, expect, it } from 'vitest';
import { scorePlan } from './score.js';
import type { Registrant } from './types.js';

const registrants: Registrant[] = [
  { id: 'a', attributes: { tradition: 'red', region: 'north' } },
  { id: 'b', attributes: { tradition: 'red', region: 'south' } },
  { id: 'c', attributes: { tradition: 'blue', region: 'north' } },
  { id: 'd', attributes: { tradition: 'blue', region: 'south' }, apart: ['a'] },
];

describe('scorePlan', () => {
  it('scores a perfectly mixed plan 1 and shows the drop when a host swaps two people', () => {
    const mixed = scorePlan(registrants, [
      ['a', 'c'],
      ['b', 'd'],
    ]);
    expect(mixed.ok).toBe(true);
    if (!mixed.ok) return;
    expect(mixed.value.attributes[0]).toEqual({
      name: 'tradition',
      values: 2,
      minDistinct: 2,
      meanDistinct: 2,
      balance: 1,
    });
    // Region: a and c are both north, so that table has one region; its counts (2, 0) against the
    // room's (1, 1) deviate by 2 of a possible 4: balance 0.5. Mixing weights tradition 1, region ½.
    expect(mixed.value.tables[0]).toEqual({
      table: 1,
      size: 2,
      mixing: Number(((1 * 1 + 0.5 * 0.5) / 1.5).toFixed(4)),
      distinct: { tradition: 2, region: 1 },
      balance: { tradition: 1, region: 0.5 },
    });
    expect(mixed.value.problems).toEqual([]);

    // Swapping c and b puts both reds together: tradition balance falls to 0.5, region rises to 1.
    const swapped = scorePlan(registrants, [
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(swapped.ok).toBe(true);
    if (!swapped.ok) return;
    expect(swapped.value.attributes.map((attribute) => [attribute.minDistinct, attribute.balance])).toEqual([
      [1, 0.5],
      [2, 1],
    ]);
    expect(swapped.value.mixing).toBeLessThan(mixed.value.mixing);
  });

  it('reports every broken rule in a hand-edited plan', () => {
    const withTogether: Registrant[] = [...registrants, { id: 'e', attributes: { tradition: 'red' }, together: ['b'] }];
    const result = scorePlan(withTogether, [['a', 'd', 'ghost', 'b', 'c'], ['a']], { tableSize: { min: 2, max: 3 } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.problems.map((problem) => [problem.code, problem.ids, problem.table])).toEqual([
      ['unknown_id', ['ghost'], 1],
      ['seated_twice', ['a'], 2],
      ['unseated', ['e'], undefined],
      ['apart_together', ['a', 'd'], 1],
      ['table_too_large', [], 1],
      ['table_too_small', [], 2],
    ]);
    // e is unseated, so the together group b + e is not split across tables.
    expect(result.value.problems.some((problem) => problem.code === 'together_split')).toBe(false);
    expect(result.value.tables.map((table) => table.size)).toEqual([4, 0]);
  });

  it('reports a together group split across tables', () => {
    const result = scorePlan(
      [
        { id: 'a', attributes: {}, together: ['b'] },
        { id: 'b', attributes: {} },
      ],
      [['a'], ['b']],
    );
    expect(result.ok && result.value.problems).toEqual([
      {
        code: 'together_split',
        message: '"a", "b" asked to sit together but are at tables 1, 2',
        ids: ['a', 'b'],
      },
    ]);
  });

  it('follows the priority list given', () => {
    const result = scorePlan(registrants, [['a', 'b', 'c', 'd']], { attributes: ['region'] });
    expect(result.ok && result.value.attributes.map((attribute) => attribute.name)).toEqual(['region']);
  });

  it('refuses invalid registrants rather than scoring them', () => {
    expect(scorePlan([...registrants, registrants[0]!], [])).toMatchObject({
      ok: false,
      error: { code: 'duplicate_id' },
    });
  });
});
