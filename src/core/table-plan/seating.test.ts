import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel } from './model.js';
import { measureTables } from './score.js';
import { isBetter, Seating } from './seating.js';

const roomArbitrary = fc.record({
  people: fc.array(
    fc.record({ tradition: fc.constantFrom('a', 'b', 'c', ''), region: fc.constantFrom('n', 's', 'e', 'w', '') }),
    { minLength: 4, maxLength: 40 },
  ),
  tableCount: fc.integer({ min: 2, max: 6 }),
  placements: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
  swaps: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 20 }),
});

function seatingOf(room: {
  people: { tradition: string; region: string }[];
  tableCount: number;
  placements: number[];
}) {
  const built = buildModel(room.people.map((attributes, index) => ({ id: `p${index}`, attributes })));
  if (!built.ok) throw new Error(built.error.message);
  const seating = new Seating(built.value, { min: 1, max: 40 }, room.tableCount);
  built.value.units.forEach((_, unit) => {
    seating.place(unit, room.placements[unit]! % room.tableCount);
  });
  return seating;
}

describe('Seating', () => {
  it('scores a single-person swap exactly as applying it and recomputing the objective', () => {
    fc.assert(
      fc.property(roomArbitrary, (room) => {
        const seating = seatingOf(room);
        const before = new Float64Array(seating.objectiveLength);
        const after = new Float64Array(seating.objectiveLength);
        for (const [left, right] of room.swaps) {
          const unit = left % room.people.length;
          const other = right % room.people.length;
          const from = seating.tableOfUnit[unit]!;
          const to = seating.tableOfUnit[other]!;
          if (from === to) continue;
          const predicted = seating.compareSingleSwap(unit, other);
          seating.objectiveInto(before);
          seating.remove(unit);
          seating.remove(other);
          seating.place(unit, to);
          seating.place(other, from);
          seating.objectiveInto(after);
          expect(predicted < 0).toBe(isBetter(after, before));
          expect(predicted > 0).toBe(isBetter(before, after));
        }
      }),
    );
  });

  it('keeps its running distinct counts and deviations equal to a fresh measurement', () => {
    fc.assert(
      fc.property(roomArbitrary, (room) => {
        const seating = seatingOf(room);
        for (const [left, right] of room.swaps) {
          const unit = left % room.people.length;
          seating.remove(unit);
          seating.place(unit, right % room.tableCount);
        }
        const measured = measureTables(seating.model, seating.tables());
        seating.model.attributes.forEach((name, attribute) => {
          measured.tables.forEach((table, index) => {
            expect(seating.distinct[attribute]![index]).toBe(table.distinct[name]);
          });
          const roomDeclared = seating.model.declaredTotals[attribute]!;
          if (roomDeclared === 0) return;
          let scaledDeviation = 0;
          for (let table = 0; table < room.tableCount; table++)
            scaledDeviation += seating.deviationAt(attribute, table);
          const balance = 1 - scaledDeviation / roomDeclared / (2 * roomDeclared);
          expect(balance).toBeCloseTo(measured.attributes[attribute]!.balance, 3);
        });
        const objective = new Float64Array(seating.objectiveLength);
        seating.objectiveInto(objective);
        expect(-objective[3]!).toBe(measured.attributes[0]!.minDistinct);
      }),
    );
  });
});
