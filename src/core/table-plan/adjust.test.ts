import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustPlan } from './adjust.js';
import { planTables } from './plan.js';
import { syntheticRoom } from './synthetic.js';
import type { Registrant } from './types.js';

const person = (id: string, tradition: string, extra: Partial<Registrant> = {}): Registrant => ({
  id,
  attributes: { tradition },
  ...extra,
});

describe('adjustPlan', () => {
  it('seats a late arrival at the table lacking their tradition, moving nobody', () => {
    const registrants = [
      person('a1', 'a'),
      person('b1', 'b'),
      person('a2', 'a'),
      person('c1', 'c'),
      person('late', 'c'),
    ];
    const tables = [
      ['a1', 'b1'],
      ['a2', 'c1'],
    ];
    const result = adjustPlan({ registrants, tables, lateArrivals: ['late'] }, { tableSize: 3 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.tables.map((table) => table.ids)).toEqual([
      ['a1', 'b1', 'late'],
      ['a2', 'c1'],
    ]);
    expect(result.value.seated).toEqual([{ id: 'late', table: 1 }]);
    expect(result.value.openedTables).toBe(0);
  });

  it('takes no-shows off their tables and reports a table left too small', () => {
    const registrants = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => person(id, id));
    const result = adjustPlan(
      {
        registrants,
        tables: [
          ['a', 'b', 'c'],
          ['d', 'e', 'f'],
        ],
        noShows: ['d', 'e'],
      },
      { tableSize: { min: 2, max: 3 } },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.tables.map((table) => table.ids)).toEqual([['a', 'b', 'c'], ['f']]);
    expect(result.value.removed).toEqual(['d', 'e']);
    expect(result.value.score.problems).toEqual([
      { code: 'table_too_small', message: 'table 2 has 1, fewer than 2', ids: [], table: 2 },
    ]);
  });

  it('fills the table short of its minimum first', () => {
    const registrants = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => person(id, 'same'));
    const result = adjustPlan(
      {
        registrants,
        tables: [
          ['a', 'b', 'c'],
          ['d', 'e', 'f'],
        ],
        noShows: ['e', 'f'],
        lateArrivals: ['g'],
      },
      { tableSize: { min: 2, max: 4 } },
    );
    expect(result.ok && result.value.seated).toEqual([{ id: 'g', table: 2 }]);
  });

  it('seats a late arrival with the companion they asked to sit with, never beside someone to avoid', () => {
    const registrants = [
      person('a1', 'a'),
      person('b1', 'b'),
      person('a2', 'a'),
      person('b2', 'b'),
      person('friend', 'a', { together: ['a2'] }),
      person('rival', 'c', { apart: ['b1'] }),
    ];
    const tables = [
      ['a1', 'b1'],
      ['a2', 'b2'],
    ];
    const result = adjustPlan({ registrants, tables, lateArrivals: ['friend', 'rival'] }, { tableSize: 4 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const tableOf = new Map(result.value.seated.map((seat) => [seat.id, seat.table]));
    expect(tableOf.get('friend')).toBe(2);
    expect(tableOf.get('rival')).toBe(2);
    expect(result.value.score.problems).toEqual([]);
  });

  it('opens a new table when every table is full, or refuses when asked not to', () => {
    const registrants = ['a', 'b', 'c', 'd', 'e'].map((id) => person(id, id));
    const changes = {
      registrants,
      tables: [
        ['a', 'b'],
        ['c', 'd'],
      ],
      lateArrivals: ['e'],
    };
    const opened = adjustPlan(changes, { tableSize: 2 });
    expect(opened.ok && opened.value.tables.map((table) => table.ids)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(opened.ok && opened.value.openedTables).toBe(1);
    const refused = adjustPlan(changes, { tableSize: 2, openTables: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'no_room', ids: ['e'] } });
  });

  it.each([
    [{ lateArrivals: ['nobody'] }, 'unknown_id', 'late arrival "nobody" is not registered'],
    [{ noShows: ['nobody'] }, 'unknown_id', 'no-show "nobody" is not registered'],
    [{ lateArrivals: ['a'] }, 'already_seated', '"a" is already at table 1'],
    [{ tables: [['a'], ['a']] }, 'seated_twice', '"a" is at tables 1 and 2'],
    [{ tables: [['a', 'ghost']] }, 'unknown_id', 'table 1 seats "ghost" is not registered'],
  ])('refuses %j', (changes, code, message) => {
    const registrants = [person('a', 'x'), person('b', 'y')];
    const result = adjustPlan({ registrants, tables: [['a'], ['b']], ...changes }, { tableSize: 4 });
    expect(result).toMatchObject({ ok: false, error: { code, message } });
  });

  it('never moves a seated person, seats every late arrival within the maximum, and keeps apart pairs apart', () => {
    const registrants = syntheticRoom({ count: 60, seed: 9, apartPairs: 10 });
    const planned = planTables(registrants, { tableSize: 8, seed: 1 });
    if (!planned.ok) throw new Error(planned.error.message);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(59), { maxLength: 12 }),
        fc.uniqueArray(fc.nat(59), { maxLength: 12 }),
        fc.integer(),
        (absentIndices, lateIndices, seed) => {
          const absent = new Set(absentIndices.map((index) => `r${index + 1}`));
          const late = lateIndices.map((index) => `r${index + 1}`).filter((id) => !absent.has(id));
          const noShows = [...absent];
          // Late arrivals start off the plan; no-shows start on it.
          const tables = planned.value.tables.map((table) => table.ids.filter((id) => !late.includes(id)));
          const result = adjustPlan(
            { registrants, tables, noShows, lateArrivals: late },
            { tableSize: 8, seed, openTables: false },
          );
          if (!result.ok) {
            expect(result.error.code).toBe('no_room');
            return;
          }
          result.value.tables.forEach((table, index) => {
            const before = (tables[index] ?? []).filter((id) => !absent.has(id));
            expect(table.ids.filter((id) => !late.includes(id))).toEqual(before);
            expect(table.ids.length).toBeLessThanOrEqual(8);
          });
          expect(result.value.seated.map((seat) => seat.id).sort()).toEqual([...late].sort());
          expect(result.value.score.problems.filter((problem) => problem.code === 'apart_together')).toEqual([]);
          expect(adjustPlan({ registrants, tables, noShows, lateArrivals: late }, { tableSize: 8, seed })).toEqual(
            adjustPlan({ registrants, tables, noShows, lateArrivals: late }, { tableSize: 8, seed }),
          );
        },
      ),
    );
  });
});
