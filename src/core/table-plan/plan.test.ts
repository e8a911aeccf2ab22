import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomAssignment } from './baseline.js';
import { planTables } from './plan.js';
import { scorePlan } from './score.js';
import { syntheticRoom } from './synthetic.js';
import type { Registrant, TablePlan, TableSize } from './types.js';

interface Room {
  readonly registrants: Registrant[];
  readonly together: [number, number][];
  readonly apart: [number, number][];
}

/** Up to 30 people with a tradition and a group (sometimes undeclared) and random requests. */
const roomArbitrary: fc.Arbitrary<Room> = fc
  .record({
    people: fc.array(
      fc.record({
        tradition: fc.constantFrom('a', 'b', 'c', 'd', ''),
        group: fc.constantFrom('x', 'y', 'z'),
      }),
      { maxLength: 30 },
    ),
    together: fc.array(fc.tuple(fc.nat(29), fc.nat(29)), { maxLength: 6 }),
    apart: fc.array(fc.tuple(fc.nat(29), fc.nat(29)), { maxLength: 8 }),
  })
  .map(({ people, together, apart }) => {
    const count = people.length;
    const inRoom = (pairs: [number, number][]) =>
      count < 2 ? [] : pairs.map(([left, right]): [number, number] => [left % count, right % count]);
    const togetherPairs = inRoom(together);
    const apartPairs = inRoom(apart).filter(([left, right]) => left !== right);
    const registrants = people.map((attributes, index) => ({
      id: `p${index}`,
      attributes,
      together: togetherPairs.filter(([left]) => left === index).map(([, right]) => `p${right}`),
      apart: apartPairs.filter(([left]) => left === index).map(([, right]) => `p${right}`),
    }));
    return { registrants, together: togetherPairs, apart: apartPairs };
  });

const tableSizeArbitrary: fc.Arbitrary<TableSize> = fc.oneof(
  fc.integer({ min: 2, max: 7 }),
  fc
    .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 3 }))
    .map(([min, extra]) => ({ min, max: min + extra })),
);

function tableOfEach(plan: TablePlan): Map<string, number> {
  const tableOf = new Map<string, number>();
  for (const table of plan.tables) for (const id of table.ids) tableOf.set(id, table.table);
  return tableOf;
}

/** Whether "together" requests join two people who must sit apart, or make a group bigger than a table. */
function requestsContradict(room: Room, max: number): boolean {
  const parent = room.registrants.map((_, index) => index);
  const find = (index: number): number => (parent[index] === index ? index : find(parent[index]!));
  for (const [left, right] of room.together) parent[find(left)] = find(right);
  if (room.apart.some(([left, right]) => find(left) === find(right))) return true;
  const sizes = new Map<number, number>();
  for (const index of parent.keys()) sizes.set(find(index), (sizes.get(find(index)) ?? 0) + 1);
  return [...sizes.values()].some((size) => size > max);
}

describe('planTables properties', () => {
  it('seats everyone once within the bounds, honours together and apart, and repeats for a seed', () => {
    fc.assert(
      fc.property(roomArbitrary, tableSizeArbitrary, fc.integer(), (room, tableSize, seed) => {
        const range = typeof tableSize === 'number' ? { min: 1, max: tableSize } : tableSize;
        const result = planTables(room.registrants, { tableSize, seed });
        if (!result.ok) {
          if (requestsContradict(room, range.max)) {
            expect(['together_and_apart', 'group_too_large']).toContain(result.error.code);
          } else {
            // Only a hard range can be unsatisfiable: "at most N" can always add tables.
            expect(typeof tableSize).toBe('object');
            expect(['table_sizes_impossible', 'apart_impossible']).toContain(result.error.code);
          }
          expect(result.error.message.length).toBeGreaterThan(0);
          return;
        }
        const plan = result.value;
        const seated = plan.tables.flatMap((table) => table.ids);
        expect([...seated].sort()).toEqual(room.registrants.map((registrant) => registrant.id).sort());
        for (const table of plan.tables) {
          expect(table.ids.length).toBeGreaterThanOrEqual(range.min);
          expect(table.ids.length).toBeLessThanOrEqual(range.max);
        }
        const tableOf = tableOfEach(plan);
        for (const [left, right] of room.apart) expect(tableOf.get(`p${left}`)).not.toBe(tableOf.get(`p${right}`));
        for (const [left, right] of room.together) expect(tableOf.get(`p${left}`)).toBe(tableOf.get(`p${right}`));
        expect(plan.tables.map((table) => table.table)).toEqual(plan.tables.map((_, index) => index + 1));
        expect(plan.score.problems).toEqual([]);
        const rescored = scorePlan(
          room.registrants,
          plan.tables.map((table) => table.ids),
          { tableSize },
        );
        expect(rescored.ok && rescored.value).toEqual(plan.score);
        expect(planTables(room.registrants, { tableSize, seed })).toEqual(result);
      }),
    );
  });

  it('keeps table sizes within one of each other when nobody asked to sit together or apart', () => {
    fc.assert(
      fc.property(roomArbitrary, fc.integer({ min: 2, max: 7 }), fc.integer(), (room, tableSize, seed) => {
        const registrants = room.registrants.map(({ id, attributes }) => ({ id, attributes }));
        const result = planTables(registrants, { tableSize, seed });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const sizes = result.value.tables.map((table) => table.ids.length);
        expect(result.value.tables.length).toBe(Math.ceil(registrants.length / tableSize));
        if (sizes.length > 0) expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('planTables mixing', () => {
  it('puts one of each tradition at every table when the room allows it exactly', () => {
    const registrants = ['a', 'b', 'c', 'd'].flatMap((tradition) =>
      Array.from({ length: 6 }, (_, index) => ({ id: `${tradition}${index}`, attributes: { tradition } })),
    );
    const result = planTables(registrants, { tableSize: 4, seed: 3 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.tables).toHaveLength(6);
    expect(result.value.score.attributes[0]).toMatchObject({ name: 'tradition', minDistinct: 4, balance: 1 });
    expect(result.value.score.tables.every((table) => table.mixing === 1)).toBe(true);
  });

  it('beats a random assignment on every measure for a skewed room of 400', () => {
    const registrants = syntheticRoom({ count: 400, seed: 11, togetherPairs: 12, apartPairs: 20 });
    const result = planTables(registrants, { tableSize: 8, seed: 1 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const planned = result.value.score;
    const baselines = [1, 2, 3, 4, 5].map((seed) => {
      const scored = scorePlan(registrants, randomAssignment(registrants, result.value.tables.length, seed));
      if (!scored.ok) throw new Error(scored.error.message);
      return scored.value;
    });
    planned.attributes.forEach((attribute, index) => {
      const best = (pick: (score: (typeof baselines)[number]['attributes'][number]) => number) =>
        Math.max(...baselines.map((baseline) => pick(baseline.attributes[index]!)));
      expect(attribute.minDistinct).toBeGreaterThanOrEqual(best((score) => score.minDistinct));
      expect(attribute.meanDistinct).toBeGreaterThan(best((score) => score.meanDistinct));
      expect(attribute.balance).toBeGreaterThan(best((score) => score.balance));
    });
    expect(planned.attributes[0]!.minDistinct).toBeGreaterThan(
      Math.max(...baselines.map((baseline) => baseline.attributes[0]!.minDistinct)),
    );
    expect(planned.mixing).toBeGreaterThan(Math.max(...baselines.map((baseline) => baseline.mixing)));
  });

  it('reaches the most traditions the rarest ones allow at the least mixed table', () => {
    // 50 tables of 8. A–D have at least 50 people each, so each can sit at every table; E and F
    // together have 60, enough for one of them at every table but not both: the best minimum is 5.
    const counts: [string, number][] = [
      ['A', 120],
      ['B', 90],
      ['C', 70],
      ['D', 60],
      ['E', 40],
      ['F', 20],
    ];
    let index = 0;
    const registrants = counts.flatMap(([tradition, count]) =>
      Array.from({ length: count }, () => ({ id: `r${index++}`, attributes: { tradition } })),
    );
    const result = planTables(registrants, { tableSize: 8, seed: 5 });
    expect(result.ok && result.value.score.attributes[0]!.minDistinct).toBe(5);
  });

  it('gives the first attribute in the priority list the maximin treatment', () => {
    const registrants = syntheticRoom({ count: 240, seed: 4 });
    const minDistinct = (attributes: string[], name: string) => {
      const result = planTables(registrants, { tableSize: 8, seed: 2, attributes });
      if (!result.ok) throw new Error(result.error.message);
      return result.value.score.attributes.find((attribute) => attribute.name === name)!.minDistinct;
    };
    expect(minDistinct(['region', 'tradition'], 'region')).toBeGreaterThanOrEqual(
      minDistinct(['tradition', 'region'], 'region'),
    );
    expect(minDistinct(['tradition', 'region'], 'tradition')).toBeGreaterThanOrEqual(
      minDistinct(['region', 'tradition'], 'tradition'),
    );
  });

  it('leaves undeclared values out of the counts', () => {
    const registrants = [
      { id: 'a', attributes: { tradition: 'x' } },
      { id: 'b', attributes: { tradition: '' } },
      { id: 'c', attributes: { tradition: ' ' } },
      { id: 'd', attributes: { tradition: 'y' } },
    ];
    const result = planTables(registrants, { tableSize: 4 });
    expect(result.ok && result.value.score.attributes[0]).toEqual({
      name: 'tradition',
      values: 2,
      minDistinct: 2,
      meanDistinct: 2,
      balance: 1,
    });
  });
});

describe('planTables errors', () => {
  const people = (count: number) =>
    Array.from({ length: count }, (_, index) => ({ id: `p${index}`, attributes: { tradition: `t${index % 3}` } }));

  it('refuses a together group larger than a table, naming its members', () => {
    const registrants = people(10).map((person, index) =>
      index < 4 ? { ...person, together: [`p${index + 1}`] } : person,
    );
    const result = planTables(registrants, { tableSize: 4 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('group_too_large');
    expect(result.error.ids).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    expect(result.error.message).toContain('5 people cannot share a table of at most 4');
  });

  it('refuses apart requests that cannot be met within a hard range', () => {
    const registrants = people(6).map((person, index) =>
      index === 0 ? { ...person, apart: ['p1', 'p2'] } : index === 1 ? { ...person, apart: ['p2'] } : person,
    );
    const result = planTables(registrants, { tableSize: { min: 3, max: 3 } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('apart_impossible');
    expect(result.error.message).toMatch(/could not seat "p\d" apart from "p\d"/);
    // With "at most 3" the planner may add a third table instead.
    expect(planTables(registrants, { tableSize: 3 }).ok).toBe(true);
  });

  it.each([
    [
      [
        { id: 'a', attributes: {} },
        { id: 'a', attributes: {} },
      ],
      'duplicate_id',
      'duplicate id "a"',
    ],
    [[{ id: 'a', attributes: {}, apart: ['zz'] }], 'unknown_id', '"a" asks to sit apart from unknown id "zz"'],
    [[{ id: 'a', attributes: {}, together: ['zz'] }], 'unknown_id', '"a" asks to sit with unknown id "zz"'],
    [[{ id: 'a', attributes: {}, apart: ['a'] }], 'apart_with_self', '"a" asks to sit apart from themself'],
    [[{ id: '', attributes: {} }], 'invalid_id', 'must be non-empty'],
    [
      [
        { id: 'a', attributes: {}, together: ['b'], apart: ['c'] },
        { id: 'b', attributes: {}, together: ['c'] },
        { id: 'c', attributes: {} },
      ],
      'together_and_apart',
      '"a" and "c" must sit apart, but "together" requests join them',
    ],
  ])('refuses invalid registrants %#', (registrants, code, message) => {
    const result = planTables(registrants, { tableSize: 4 });
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(!result.ok && result.error.message).toContain(message);
  });

  it('refuses table sizes that are not whole numbers of at least 1, or cannot be filled', () => {
    for (const tableSize of [0, 2.5, { min: 5, max: 4 }, { min: 0, max: 3 }]) {
      expect(planTables(people(4), { tableSize })).toMatchObject({ ok: false, error: { code: 'invalid_table_size' } });
    }
    const tooFew = planTables(people(5), { tableSize: { min: 6, max: 8 } });
    expect(tooFew).toMatchObject({ ok: false, error: { code: 'table_sizes_impossible' } });
    expect(!tooFew.ok && tooFew.error.message).toContain('5 registrants cannot fill tables of 6–8');
  });

  it('refuses together groups that cannot make tables of the minimum size', () => {
    // A group of 8 fills one table; the 4 others cannot make a table of 6.
    const registrants = people(12).map((person, index) =>
      index < 7 ? { ...person, together: [`p${index + 1}`] } : person,
    );
    const result = planTables(registrants, { tableSize: { min: 6, max: 8 } });
    expect(result).toMatchObject({ ok: false, error: { code: 'table_sizes_impossible' } });
    expect(!result.ok && result.error.message).toMatch(/best arrangement found has sizes (8, 4|4, 8)/);
  });

  it('refuses together groups that cannot be packed into tables', () => {
    const registrants = people(15).map((person, index) =>
      index % 5 === 4 ? person : { ...person, together: [`p${index + 1}`] },
    );
    const result = planTables(registrants, { tableSize: { min: 6, max: 8 } });
    expect(result).toMatchObject({ ok: false, error: { code: 'table_sizes_impossible' } });
    expect(!result.ok && result.error.message).toMatch(
      /cannot fit ("p\d+", ){4}"p\d+" \(sitting together\) into 2 table\(s\) of 6–8/,
    );
  });

  it('refuses a priority list naming an attribute nobody has', () => {
    expect(planTables(people(4), { tableSize: 4, attributes: ['tradition', 'regoin'] })).toMatchObject({
      ok: false,
      error: { code: 'unknown_attribute', message: 'no registrant has the attribute "regoin"' },
    });
  });

  it('plans an empty room as no tables', () => {
    expect(planTables([], { tableSize: 8 })).toMatchObject({ ok: true, value: { tables: [] } });
  });
});
